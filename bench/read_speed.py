#!/usr/bin/env python3
"""Reading benchmark: `cairn inspect` against GPSBabel and Garmin's JavaScript FIT SDK.

Whole-process wall time of each tool reading the same files, peers run side by side: every
round runs each tool once on a set, in turn, and the figure is the median over the rounds
(after one warm-up round, so every tool reads from the page cache). Peak memory is the
process's maximum resident set size from GNU time (/usr/bin/time, "Maximum resident set
size" in its -v report), one more run of each tool after the timed rounds.

The sets are built at run time in a temporary folder from ../shared/corpus (nothing is
copied into the repository):
  fit-500   500 FIT files: the corpus FIT files every tool reads, repeated in turn
  fit-large one FIT file of about 100,000 records: the data sections of corpus activity
            files joined under one header (one FIT file, not a chain: GPSBabel reads only
            the first part of a chained file)
  gpx-500, tcx-500     as fit-500
  gpx-large, tcx-large the track points of the largest corpus GPX / TCX file (a ride)
            repeated, each copy shifted in time to follow the previous one

Standard library only. Usage: bench/read_speed.py --help (scripts/bench runs it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Tool:
    name: str
    argv: list[str]  # the files are appended


@dataclass
class Case:
    name: str
    files: list[Path]
    tools: list[Tool]
    times: dict[str, list[float]] = field(default_factory=dict)
    rss_kb: dict[str, int | None] = field(default_factory=dict)
    counts: dict[str, int | None] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------
# Running and timing


def run_timed(argv: list[str]) -> tuple[float, int]:
    """Runs argv with output discarded; returns (wall seconds, exit status)."""
    start = time.perf_counter()
    status = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - start, status


def peak_rss_kb(argv: list[str]) -> int | None:
    """Maximum resident set size as GNU time -v reports it. (Not getrusage of a child of
    this script: a child forked from a large parent counts the parent's pages until exec.)"""
    with tempfile.NamedTemporaryFile("r") as report:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *argv],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = report.read().strip().splitlines()
    try:
        return int(text[-1])
    except (IndexError, ValueError):
        return None


def output_of(argv: list[str]) -> tuple[int, str]:
    done = subprocess.run(argv, capture_output=True, text=True, errors="replace")
    return done.returncode, done.stdout + done.stderr


def gpsbabel_tool(fmt: str) -> Tool:
    # GPSBabel takes one -f per file; many -f in one process work, so the 500 files are read
    # by one process, as with the others. It must write something: GPX to /dev/null.
    return Tool("gpsbabel", ["gpsbabel", "-i", fmt, "{files}", "-o", "gpx", "-F", "/dev/null"])


def expand(tool: Tool, files: list[Path]) -> list[str]:
    argv: list[str] = []
    for part in tool.argv:
        if part == "{files}":
            for file in files:
                argv += ["-f", str(file)]
        else:
            argv.append(part)
    if "{files}" not in tool.argv:
        argv += [str(file) for file in files]
    return argv


# ---------------------------------------------------------------------------------------
# Point counts, to check every tool read the same thing


def cairn_points(cairn: str, files: list[Path]) -> int | None:
    status, out = output_of([cairn, "inspect", "--json", *map(str, files)])
    try:
        items = json.loads(out[out.index("[") :])
    except ValueError:
        return None
    return sum(a["points"] for item in items for a in item.get("activities", []))


def gpsbabel_points(fmt: str, files: list[Path]) -> int | None:
    argv = ["gpsbabel", "-i", fmt]
    for file in files:
        argv += ["-f", str(file)]
    with tempfile.TemporaryFile("w+b") as out:
        argv += ["-o", "gpx", "-F", "-"]
        if subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL).returncode != 0:
            return None
        out.seek(0)
        return sum(line.count(b"<trkpt") for line in out)


def sdk_points(node_script: Path, files: list[Path]) -> int | None:
    status, out = output_of(["node", str(node_script), *map(str, files)])
    if status != 0:
        return None
    return sum(int(m) for m in re.findall(r"records=(\d+)", out))


# ---------------------------------------------------------------------------------------
# Building the sets


def readable_by_all(files: list[Path], checks: dict[str, list[str]]) -> tuple[list[Path], dict]:
    """The files every tool reads with exit status 0; the others with who refused them."""
    keep, refused = [], {}
    for file in files:
        failed = []
        for name, argv in checks.items():
            full = [a if a != "{file}" else str(file) for a in argv]
            status, _ = output_of(full)
            if status != 0:
                failed.append(name)
        if failed:
            refused[file.name] = failed
        else:
            keep.append(file)
    return keep, refused


def repeat_files(files: list[Path], count: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    out = []
    for i in range(count):
        source = files[i % len(files)]
        target = folder / f"{i:03d}-{source.name}"
        shutil.copyfile(source, target)
        out.append(target)
    return out


def fit_crc(data: bytes, crc: int = 0) -> int:
    table = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
             0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]
    for byte in data:
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[(byte >> 4) & 0xF]
    return crc


def fit_data_section(path: Path) -> tuple[bytes, bytes]:
    """(header, data records) of a FIT file's first part."""
    raw = path.read_bytes()
    header_size = raw[0]
    data_size = int.from_bytes(raw[4:8], "little")
    return raw[:header_size], raw[header_size : header_size + data_size]


def join_fit(sources: list[Path], target: Path) -> None:
    """One FIT file whose data records are those of `sources`, in turn, under one header."""
    first_header, _ = fit_data_section(sources[0])
    data = b"".join(fit_data_section(source)[1] for source in sources)
    header = bytearray(14)
    header[0] = 14
    header[1] = first_header[1]  # protocol version
    header[2:4] = first_header[2:4]  # profile version
    header[4:8] = len(data).to_bytes(4, "little")
    header[8:12] = b".FIT"
    header[12:14] = fit_crc(bytes(header[:12])).to_bytes(2, "little")
    body = bytes(header) + data
    target.write_bytes(body + fit_crc(body).to_bytes(2, "little"))


TIME_RE = re.compile(r"(<(?:\w+:)?(?:time|Time)>)([^<]+)(</)")


def shift_times(block: str, offset: dt.timedelta) -> str:
    def shifted(match: re.Match) -> str:
        text = match.group(2).strip()
        try:
            when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return match.group(0)
        when = (when + offset).astimezone(dt.timezone.utc)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S")
        if "." in text:
            stamp += f".{when.microsecond // 1000:03d}"
        return f"{match.group(1)}{stamp}Z{match.group(3)}"

    return TIME_RE.sub(shifted, block)


def repeat_points(source: Path, target: Path, point_tag: str, points: int) -> int:
    """Repeats the point elements of `source` until `points`, each copy later in time."""
    text = source.read_text(encoding="utf-8-sig")
    blocks = re.findall(rf"<{point_tag}\b.*?</{point_tag}>", text, flags=re.S)
    first = text.index(blocks[0])
    last = text.rindex(blocks[-1]) + len(blocks[-1])
    times = [m.group(2).strip() for m in TIME_RE.finditer(text[first:last])]
    start = dt.datetime.fromisoformat(times[0].replace("Z", "+00:00"))
    end = dt.datetime.fromisoformat(times[-1].replace("Z", "+00:00"))
    span = end - start + dt.timedelta(seconds=1)
    copies = -(-points // len(blocks))
    middle = text[first:last]
    with target.open("w", encoding="utf-8") as out:
        out.write(text[:first])
        for copy in range(copies):
            out.write(shift_times(middle, span * copy) if copy else middle)
        out.write(text[last:])
    return copies * len(blocks)


# ---------------------------------------------------------------------------------------


def machine_description() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {
        "gpsbabel": output_of(["gpsbabel", "-V"])[1].strip(),
        "node": output_of(["node", "--version"])[1].strip(),
    }
    sdk_package = ROOT / "bench/node/node_modules/@garmin/fitsdk/package.json"
    if sdk_package.exists():
        versions["@garmin/fitsdk"] = json.loads(sdk_package.read_text())["version"]
    commit = output_of(["git", "-C", str(ROOT), "describe", "--always", "--dirty"])[1].strip()
    return {
        "cairn": f"{commit} (release preset, RelWithDebInfo)",
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "kernel": platform.release(),
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        **versions,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cairn", default=str(ROOT / "build/release/src/cli/cairn"))
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/files"))
    parser.add_argument("--runs", type=int, default=5, help="timed rounds per set (median)")
    parser.add_argument("--files", type=int, default=500, help="files in the many-file sets")
    parser.add_argument("--points", type=int, default=100_000, help="points in the large files")
    parser.add_argument("--sets", default="fit-500,fit-large,gpx-500,gpx-large,tcx-500,tcx-large")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", dest="json_out", help="also write the figures to this file")
    args = parser.parse_args()

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"read_speed: no corpus at {corpus}", file=sys.stderr)
        return 2
    node_script = ROOT / "bench/node/read_fit.mjs"
    wanted = set(args.sets.split(","))
    work = Path(tempfile.mkdtemp(prefix="cairn-bench-"))
    print(f"sets built in {work}", flush=True)
    # A copy: build/release is shared, and a rebuild during the run must not change what is
    # measured.
    cairn = str(work / "cairn")
    shutil.copy2(args.cairn, cairn)
    machine = machine_description()

    cairn_tool = Tool("cairn", [cairn, "inspect"])
    sdk_tool = Tool("@garmin/fitsdk", ["node", str(node_script)])
    cases: list[Case] = []
    refused_all: dict[str, dict] = {}

    # FIT
    if wanted & {"fit-500", "fit-large"}:
        fit_files = sorted(p for p in (corpus / "fit").glob("*.fit"))
        fit_ok, refused_all["fit"] = readable_by_all(fit_files, {
            "cairn": [cairn, "inspect", "{file}"],
            "gpsbabel": ["gpsbabel", "-i", "garmin_fit", "-f", "{file}", "-o", "gpx", "-F", "/dev/null"],
            "@garmin/fitsdk": ["node", str(node_script), "{file}"],
        })
        tools = [cairn_tool, gpsbabel_tool("garmin_fit"), sdk_tool]
        if "fit-500" in wanted:
            cases.append(Case("fit-500", repeat_files(fit_ok, args.files, work / "fit-500"), tools))
        if "fit-large" in wanted:
            # Activity files with many records, largest first, joined until enough records.
            records = {p: sdk_points(node_script, [p]) or 0 for p in fit_ok}
            sized = sorted((p for p in fit_ok if records[p] >= 1000),
                           key=lambda p: p.stat().st_size, reverse=True)
            chosen, total = [], 0
            while sized and total < args.points:
                for source in sized:
                    chosen.append(source)
                    total += records[source]
                    if total >= args.points:
                        break
            large = work / "large.fit"
            join_fit(chosen, large)
            print(f"fit-large: {len(chosen)} files joined: {', '.join(p.name for p in chosen)}")
            cases.append(Case("fit-large", [large], tools))

    # GPX and TCX
    for kind, fmt, point_tag in (("gpx", "gpx", "trkpt"), ("tcx", "gtrnctr", "Trackpoint")):
        if not wanted & {f"{kind}-500", f"{kind}-large"}:
            continue
        files = sorted((corpus / kind).glob(f"*.{kind}"))
        ok, refused_all[kind] = readable_by_all(files, {
            "cairn": [cairn, "inspect", "{file}"],
            "gpsbabel": ["gpsbabel", "-i", fmt, "-f", "{file}", "-o", "gpx", "-F", "/dev/null"],
        })
        tools = [cairn_tool, gpsbabel_tool(fmt)]
        if f"{kind}-500" in wanted:
            cases.append(Case(f"{kind}-500", repeat_files(ok, args.files, work / f"{kind}-500"), tools))
        if f"{kind}-large" in wanted:
            # The largest file: a real ride with positions, heart rate and cadence.
            source = max(ok, key=lambda p: p.stat().st_size)
            large = work / f"large.{kind}"
            made = repeat_points(source, large, point_tag, args.points)
            print(f"{kind}-large: {made} points, {source.name} repeated")
            cases.append(Case(f"{kind}-large", [large], tools))

    for name, refused in refused_all.items():
        if refused:
            print(f"{name} corpus files left out (a tool refused them): "
                  + "; ".join(f"{f} ({', '.join(t)})" for f, t in refused.items()))

    # Point counts: every tool must read the same activity.
    for case in cases:
        fmt = {"fit": "garmin_fit", "gpx": "gpx", "tcx": "gtrnctr"}[case.name.split("-")[0]]
        case.counts["cairn"] = cairn_points(cairn, case.files)
        case.counts["gpsbabel"] = gpsbabel_points(fmt, case.files)
        if case.name.startswith("fit"):
            case.counts["@garmin/fitsdk"] = sdk_points(node_script, case.files)
        size = sum(f.stat().st_size for f in case.files)
        print(f"{case.name}: {len(case.files)} files, {size / 1e6:.1f} MB, points "
              + ", ".join(f"{k} {v}" for k, v in case.counts.items()), flush=True)

    # Timing: a warm-up round, then `runs` rounds, each tool in turn within a round.
    for case in cases:
        for round_number in range(args.runs + 1):
            for tool in case.tools:
                elapsed, status = run_timed(expand(tool, case.files))
                if status != 0:
                    print(f"{case.name}: {tool.name} exited {status}", file=sys.stderr)
                if round_number:
                    case.times.setdefault(tool.name, []).append(elapsed)
        for tool in case.tools:
            case.rss_kb[tool.name] = peak_rss_kb(expand(tool, case.files))
        print(f"{case.name}: " + ", ".join(
            f"{t} {statistics.median(v):.3f} s" for t, v in case.times.items()), flush=True)

    # Report
    print()
    print("| set | tool | median s | runs (s) | peak RSS MB | cairn faster by |")
    print("| --- | --- | ---: | --- | ---: | ---: |")
    results = []
    for case in cases:
        base = statistics.median(case.times["cairn"])
        for tool, values in case.times.items():
            median = statistics.median(values)
            rss = (case.rss_kb[tool] or 0) / 1024
            ratio = "" if tool == "cairn" else f"{median / base:.1f}×"
            runs = " ".join(f"{v:.3f}" for v in values)
            print(f"| {case.name} | {tool} | {median:.3f} | {runs} | {rss:.1f} | {ratio} |")
            results.append({"set": case.name, "tool": tool, "median_s": median, "runs_s": values,
                            "peak_rss_mb": rss, "points": case.counts.get(tool)})
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"machine": machine, "results": results},
                                                  indent=2) + "\n")
    print()
    for key, value in machine.items():
        print(f"{key}: {value}")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
