#!/usr/bin/env python3
"""Writes a synthetic Strava-like bulk export for the import benchmark: a zip holding
activities.csv and activities/<id>.gpx.gz, one run per day with a point every second, heart
rate and cadence, wandering through a city. Generated at benchmark time, never committed.

usage: make_export.py OUT.zip [RUNS] [POINTS_PER_RUN]
"""
import datetime
import gzip
import io
import math
import random
import sys
import zipfile


def gpx_run(day: int, points: int, rng: random.Random) -> bytes:
    start = datetime.datetime(2020, 1, 1, 6, 30, tzinfo=datetime.timezone.utc) + datetime.timedelta(days=day)
    lat, lon = 52.52 + rng.uniform(-0.05, 0.05), 13.40 + rng.uniform(-0.05, 0.05)
    heading = rng.uniform(0, 2 * math.pi)
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<gpx version="1.1" creator="StravaGPX" xmlns="http://www.topografix.com/GPX/1/1" '
              'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
              f' <metadata><time>{start:%Y-%m-%dT%H:%M:%SZ}</time></metadata>\n'
              ' <trk><name>Morning Run</name><type>running</type><trkseg>\n')
    for i in range(points):
        heading += rng.uniform(-0.05, 0.05)
        step = 2.8 + rng.uniform(-0.3, 0.3)
        lat += step * math.cos(heading) / 111195.0
        lon += step * math.sin(heading) / (111195.0 * math.cos(math.radians(lat)))
        t = start + datetime.timedelta(seconds=i)
        out.write(f'  <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{34 + 5 * math.sin(i / 300):.1f}</ele>'
                  f'<time>{t:%Y-%m-%dT%H:%M:%SZ}</time><extensions><gpxtpx:TrackPointExtension>'
                  f'<gpxtpx:hr>{140 + (i // 60) % 20}</gpxtpx:hr><gpxtpx:cad>{86 + i % 3}</gpxtpx:cad>'
                  '</gpxtpx:TrackPointExtension></extensions></trkpt>\n')
    out.write(' </trkseg></trk>\n</gpx>\n')
    return out.getvalue().encode()


def main() -> None:
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    points = int(sys.argv[3]) if len(sys.argv) > 3 else 1800
    rng = random.Random(42)
    rows = ["Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
            "Elapsed Time,Activity Private Note,Filename,Perceived Exertion"]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for day in range(runs):
            name = f"activities/{1000000 + day}.gpx.gz"
            archive.writestr(name, gzip.compress(gpx_run(day, points, rng), compresslevel=6))
            rows.append(f'{1000000 + day},"Jan 1, 2020",Morning Run {day},Run,"",{points},,{name},{day % 10 + 1}')
        archive.writestr("activities.csv", "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
