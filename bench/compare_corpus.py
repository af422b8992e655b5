#!/usr/bin/env python3
"""Compares what Cairn makes of every corpus activity file with independent readers, and
prints the comparison as a Markdown table (docs/formats.md, "Checked against independent
readers").

For each activity Cairn reads (`cairn inspect --json`), the reference is:
  - FIT: the session as Garmin's JavaScript SDK reads it (bench/node/fit_sessions.mjs): start,
    elapsed time, timer time, distance;
  - GPX and TCX: the track as GPSBabel reads it (converted to GPX): first and last point time
    and the great-circle distance along its points; for TCX also the laps' own
    TotalTimeSeconds and DistanceMeters, read here with Python's XML parser.
Agreement: distance within 2%, start within 60 s, elapsed equal (within 1 s), and moving time
within 5% of the device's timer where the runner did not stop (a file where moving is lower
says how much standing the track shows).

    python3 bench/compare_corpus.py [--cairn build/ci/src/cli/cairn] [--corpus ../shared/corpus]

Needs gpsbabel and node with bench/node/node_modules (scripts/bench installs it).
"""

import argparse
import datetime as dt
import gzip
import json
import math
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_time(text):
    if not text:
        return None
    text = text.strip().replace("Z", "+00:00")
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value


def haversine(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(h)))


def local(tag):
    return tag.rsplit("}", 1)[-1]


def gpsbabel_tracks(path, fmt):
    """Each track GPSBabel reads: (first time, last time, distance along its points)."""
    result = subprocess.run(["gpsbabel", "-t", "-i", fmt, "-f", path, "-o", "gpx", "-F", "-"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return None
    tracks = []
    for trk in ET.fromstring(result.stdout).iter():
        if local(trk.tag) != "trk":
            continue
        points, times = [], []
        for pt in trk.iter():
            if local(pt.tag) != "trkpt":
                continue
            points.append((float(pt.get("lat")), float(pt.get("lon"))))
            for child in pt:
                if local(child.tag) == "time":
                    times.append(parse_time(child.text))
        times = [t for t in times if t]
        distance = sum(haversine(points[i - 1], points[i]) for i in range(1, len(points)))
        tracks.append({"start": min(times) if times else None, "end": max(times) if times else None,
                       "distance_m": distance, "timer_s": None})
    return tracks


def tcx_laps(path, data):
    """The TCX activities' own lap totals (timer and distance), in file order."""
    out = []
    for activity in ET.fromstring(data).iter():
        if local(activity.tag) != "Activity":
            continue
        timer = distance = 0.0
        for lap in activity:
            if local(lap.tag) != "Lap":
                continue
            for child in lap:
                if local(child.tag) == "TotalTimeSeconds":
                    timer += float(child.text)
                elif local(child.tag) == "DistanceMeters":
                    distance += float(child.text)
        out.append({"timer_s": timer or None, "lap_distance_m": distance or None})
    return out


def fit_sessions(path):
    script = os.path.join(ROOT, "bench", "node", "fit_sessions.mjs")
    result = subprocess.run(["node", script, path], capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        return None
    data = json.loads(result.stdout.splitlines()[0])
    return [{"start": parse_time(s["start"]), "elapsed_s": s["elapsed_s"], "timer_s": s["timer_s"],
             "distance_m": s["distance_m"], "sport": s["sport"]} for s in data.get("sessions", [])]


def fmt_duration(seconds):
    if seconds is None:
        return "–"
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def fmt_km(metres):
    return "–" if metres is None else f"{metres / 1000:.2f}"


def closest(references, start):
    best = None
    for ref in references:
        if ref.get("start") is None or start is None:
            continue
        gap = abs((ref["start"] - start).total_seconds())
        if best is None or gap < best[0]:
            best = (gap, ref)
    return best[1] if best else None


def compare_file(cairn, path, kind, work):
    """Rows for one file: one per activity Cairn makes a run of, and a row per file with none."""
    name = os.path.relpath(path, os.path.join(args.corpus, "files"))
    data_path = path
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as compressed:
            data = compressed.read()
        data_path = os.path.join(work, os.path.basename(path)[:-3])
        with open(data_path, "wb") as out:
            out.write(data)
    inspect = subprocess.run([cairn, "--json", "inspect", data_path], capture_output=True, text=True)
    items = json.loads(inspect.stdout) if inspect.stdout.strip() else []
    if not items or "error" in items[0]:
        reason = items[0].get("error", "") if items else inspect.stderr.strip()
        return [f"| {name} | – | not read: {reason} | | | |"]
    activities = items[0].get("activities", [])
    if kind == "fit":
        references = fit_sessions(data_path) or []
    else:
        references = gpsbabel_tracks(data_path, "gpx" if kind == "gpx" else "gtrnctr") or []
        if kind == "tcx":
            with open(data_path, "rb") as source:
                laps = tcx_laps(data_path, source.read())
            for ref, lap in zip(references, laps):
                ref.update(lap)
        for ref in references:
            if ref["start"] and ref["end"]:
                ref["elapsed_s"] = (ref["end"] - ref["start"]).total_seconds()
            else:
                ref["elapsed_s"] = None
    rows = []
    for index, activity in enumerate(activities, 1):
        label = f"{name}" + (f" #{index}" if len(activities) > 1 else "")
        if not activity.get("is_run"):
            continue
        start = parse_time(activity["start"])
        ref = closest(references, start)
        ours = (f"{activity['start'][:16].replace('T', ' ')}, {fmt_km(activity['distance_m'])} km, "
                f"{fmt_duration(activity['elapsed_s'])} (moving {fmt_duration(activity['moving_s'])})")
        if ref is None:
            why = "the SDK cannot read this file" if kind == "fit" else "GPSBabel reads no track"
            rows.append(f"| {label} | {ours} | no reference: {why} | | | |")
            continue
        ref_distance = ref.get("distance_m")
        theirs = (f"{ref['start'].strftime('%Y-%m-%d %H:%M') if ref['start'] else '–'}, "
                  f"{fmt_km(ref_distance)} km, {fmt_duration(ref.get('elapsed_s'))}"
                  + (f" (timer {fmt_duration(ref['timer_s'])})" if ref.get("timer_s") else ""))
        checks = []
        ok = True
        if ref_distance and activity["distance_m"]:
            delta = 100.0 * (activity["distance_m"] - ref_distance) / ref_distance
            good = abs(delta) <= 2.0
            ok &= good
            checks.append(f"distance {delta:+.1f}%{'' if good else ' ✗'}")
        if ref["start"] and start:
            gap = (start - ref["start"]).total_seconds()
            good = abs(gap) <= 60
            ok &= good
            checks.append(f"start {gap:+.0f} s{'' if good else ' ✗'}")
        if ref.get("elapsed_s") and activity["elapsed_s"]:
            gap = activity["elapsed_s"] - ref["elapsed_s"]
            good = abs(gap) <= 1.0
            ok &= good
            checks.append(f"elapsed {gap:+.0f} s{'' if good else ' ✗'}")
        stops = ""
        if ref.get("timer_s") and activity["moving_s"]:
            ratio = 100.0 * activity["moving_s"] / ref["timer_s"]
            checks.append(f"moving {ratio:.1f}% of timer")
            if ref.get("elapsed_s") and ref["timer_s"] > ref["elapsed_s"] + 1.0:
                stops = "the device's timer is longer than its elapsed time: the timer is wrong"
            elif ref.get("lap_distance_m") and ref_distance and \
                    ref_distance > ref["lap_distance_m"] * 1.02:
                stops = "the laps cover part of the track: their timer is not the run's"
            elif ratio < 95.0:
                stops = f"stops: {fmt_duration(ref['timer_s'] - activity['moving_s'])} standing"
        verdict = "agrees" if ok else "differs"
        rows.append(f"| {label} | {ours} | {theirs} | {'; '.join(checks)} | {verdict} | {stops} |")
    if not rows:
        reasons = sorted({a.get("not_a_run", "") for a in activities if not a.get("is_run")})
        reason = "; ".join(r for r in reasons if r) or "no activities"
        rows.append(f"| {name} | no run: {reason} | | | | |")
    return rows


def main():
    global args
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cairn", default=os.path.join(ROOT, "build", "ci", "src", "cli", "cairn"))
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    args = parser.parse_args()
    files_dir = os.path.join(args.corpus, "files")
    files = []
    for kind in ("fit", "gpx", "tcx", "gz"):
        for entry in sorted(os.listdir(os.path.join(files_dir, kind))):
            if ".expected" in entry:
                continue
            lower = entry.lower()
            real = lower[:-3] if lower.endswith(".gz") else lower
            files.append((os.path.join(files_dir, kind, entry), real.rsplit(".", 1)[-1]))
    print("| file | Cairn: start (UTC), km, elapsed (moving) | reference: start, km, elapsed "
          "(timer) | checks | verdict | note |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as work:
        for path, kind in files:
            for row in compare_file(args.cairn, path, kind, work):
                print(row)


if __name__ == "__main__":
    sys.exit(main())
