#!/usr/bin/env bash
# The HTTP API of `cairn serve` under load (docs/performance.md, "cairn serve (HTTP API)").
# Builds nothing: give it a built cairn (the `ci` or `release` preset's).
#
#   bench/serve_bench.sh CAIRN [--db JOURNAL.db] [--export EXPORT.zip] [--seconds N]
#                              [--memory-seconds N] [--no-memory] [--no-upload]
#
# 1. Latency: a journal of ten years of demo runs (`cairn demo --years 10`, made in a temporary
#    folder unless --db gives one), served on a free loopback port, then wrk (64 connections,
#    2 threads, --seconds each, default 15) on GET /api/status, /api/runs?limit=50,
#    /api/runs/{id} (the newest run) and /api/insights: p50, p99, requests per second,
#    non-2xx answers and socket errors; then the same asking for gzip as a browser does; then
#    the same over one connection for 5 s each (what a request costs without waiting behind
#    others).
# 2. Memory: the server's VmRSS every 10 s over a mixed load of the four routes (wrk, the same
#    connections, --memory-seconds, default 300): idle, first and last sample under load.
# 3. Upload: POST /api/imports?wait=true of a Strava-like export (--export, else 2,000 runs
#    made by bench/make_export.py) as a raw body, against `cairn import` of the same file,
#    each into a fresh database, three runs each alternating; the medians of wall and CPU time
#    (user + system) and their ratios.
#
# Needs wrk, curl, python3 and GNU time. Prints a summary at the end; the raw wrk output stays
# in the work folder it names (removed unless CAIRN_BENCH_KEEP=1). The program is copied there
# first, so a rebuild during the run cannot change what is measured.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 64
}

[[ $# -ge 1 ]] || usage
cairn="$(realpath "$1")"
shift
[[ -x "$cairn" ]] || { echo "serve_bench: $cairn is not a program" >&2; exit 64; }
db=""
export_zip=""
seconds=15
memory_seconds=300
do_memory=1
do_upload=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) db="$(realpath "$2")"; shift 2 ;;
    --export) export_zip="$(realpath "$2")"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --memory-seconds) memory_seconds="$2"; shift 2 ;;
    --no-memory) do_memory=0; shift ;;
    --no-upload) do_upload=0; shift ;;
    *) usage ;;
  esac
done
for tool in wrk curl python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "serve_bench: $tool is not installed" >&2; exit 69; }
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d /tmp/cairn-serve-bench.XXXXXX)"
# A copy: a rebuild of the shared build folder during the run cannot change what is measured.
cairn_given="$cairn"
cp "$cairn" "$work/cairn"
cairn="$work/cairn"
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  if [[ "${CAIRN_BENCH_KEEP:-0}" == 1 ]]; then
    echo "serve_bench: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts `cairn serve` on database $1 on a free port; sets port and server_pid, waits until
# it answers.
start_server() {
  local database="$1"
  port="$(free_port)"
  "$cairn" --db "$database" serve --port "$port" >"$work/serve-$port.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/api/status" 2>/dev/null; then return 0; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "serve_bench: cairn serve stopped:" >&2
      cat "$work/serve-$port.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "serve_bench: cairn serve did not answer on port $port" >&2
  exit 1
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# The process's CPU time so far (user + system), in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks="$(getconf CLK_TCK)"

# wrk's latency ("523.00us", "1.23ms", "2.01s", "1.50m") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1;
    printf "%.2f", n * f }'
}

echo "== serve_bench $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load:$(uptime | sed 's/.*load average://')"
echo "   cairn: $cairn_given (copied to $cairn)"

if [[ -z "$db" ]]; then
  db="$work/demo.db"
  echo "== demo journal: cairn demo --years 10"
  "$cairn" --db "$db" demo --years 10 >"$work/demo.log"
  tail -n 3 "$work/demo.log" | sed 's/^/   /'
fi

start_server "$db"
base="http://127.0.0.1:$port"
run_id="$(curl -fsS "$base/api/runs?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["runs"][0]["id"])')"
runs_total="$(curl -fsS "$base/api/status" | python3 -c 'import json, sys; print(json.load(sys.stdin)["runs"])')"
echo "== latency: wrk -t2 -c64 -d${seconds}s --latency, $runs_total runs, server pid $server_pid on port $port"
idle_rss="$(rss_kb "$server_pid")"

routes=("/api/status" "/api/runs?limit=50" "/api/runs/$run_id" "/api/insights")
summary=()
summary+=("$(printf '| %-22s | %9s | %9s | %10s | %9s | %7s | %6s |' route 'p50 ms' 'p99 ms' 'req/s' 'CPU ms/req' non-2xx errors)")
first_answers=()
for route in "${routes[@]}"; do
  out="$work/wrk-$(echo "$route" | tr -c 'a-z0-9' '_').txt"
  # Asked once first: the first answer since the journal changed is worked out from the
  # database (timed here), the others are the kept one until the next change.
  first_answers+=("$route $(curl -fsS -o /dev/null -w '%{time_total}' "$base$route" | awk '{ printf "%.1f ms", $1 * 1000 }')")
  before="$(cpu_ticks "$server_pid")"
  wrk -t2 -c64 -d"${seconds}s" --latency "$base$route" >"$out" 2>&1
  after="$(cpu_ticks "$server_pid")"
  requests="$(awk '/requests in/ { print $1 }' "$out")"
  # The server's CPU time per answer: what a request costs, whatever else the machine runs.
  cpu_ms="$(awk -v t="$((after - before))" -v hz="$ticks" -v n="$requests" 'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }')"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")"
  errors="$(awk '/Socket errors:/ { gsub(/,/, ""); print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10 }' "$out")"
  line="$(printf '| %-22s | %9s | %9s | %10s | %9s | %7s | %6s |' "$route" "$p50" "$p99" "$rps" "$cpu_ms" "${non2xx:-0}" "${errors:-0}")"
  echo "   $line"
  summary+=("$line")
done
summary+=("first answer after a change (curl): $(IFS=';'; echo "${first_answers[*]}")")
# The same load as the web app asks for it, with Accept-Encoding: gzip (every browser sends
# it): the kept answers' compressed copies, made once each.
summary+=("with Accept-Encoding: gzip (wrk -t2 -c64, as a browser asks):")
for route in "${routes[@]}"; do
  out="$work/wrkgz-$(echo "$route" | tr -c 'a-z0-9' '_').txt"
  wrk -t2 -c64 -d"${seconds}s" --latency -H 'Accept-Encoding: gzip' "$base$route" >"$out" 2>&1
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
  non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")"
  line="$(printf '| %-22s | %9s | %9s | %10s | %9s | %7s |' "$route" "$p50" "$p99" "$rps" gzip "${non2xx:-0}")"
  echo "   gzip: $line"
  summary+=("$line")
done
# The same routes over one connection: what a request costs without waiting behind others.
summary+=("one connection (wrk -t1 -c1 -d5s):")
for route in "${routes[@]}"; do
  out="$work/wrk1-$(echo "$route" | tr -c 'a-z0-9' '_').txt"
  wrk -t1 -c1 -d5s --latency "$base$route" >"$out" 2>&1
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
  line="$(printf '| %-22s | %9s | %9s | %10s |' "$route" "$p50" "$p99" "$rps")"
  echo "   1 connection: $line"
  summary+=("$line")
done

if [[ "$do_memory" == 1 ]]; then
  echo "== memory: VmRSS every 10 s over ${memory_seconds}s of mixed load (the four routes in turn)"
  cat >"$work/mixed.lua" <<EOF
local paths = {"/api/status", "/api/runs?limit=50", "/api/runs/$run_id", "/api/insights"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
EOF
  wrk -t2 -c64 -d"${memory_seconds}s" -s "$work/mixed.lua" --latency "$base" >"$work/wrk-mixed.txt" 2>&1 &
  wrk_pid=$!
  samples=()
  elapsed=0
  while [[ "$elapsed" -lt "$memory_seconds" ]]; do
    sleep 10
    elapsed=$((elapsed + 10))
    samples+=("$(rss_kb "$server_pid")")
    echo "   ${elapsed}s: ${samples[-1]} kB"
  done
  wait "$wrk_pid" || true
  first="${samples[0]}"
  last="${samples[-1]}"
  peak="$(printf '%s\n' "${samples[@]}" | sort -n | tail -n 1)"
  change="$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%+.1f", (b - a) * 100 / a }')"
  mixed_rps="$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-mixed.txt")"
  mixed_non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk-mixed.txt")"
  mixed_errors="$(awk '/Socket errors:/ { gsub(/,/, ""); print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10 }' "$work/wrk-mixed.txt")"
  memory_line="RSS idle ${idle_rss} kB; under load first ${first} kB (10 s), last ${last} kB (${memory_seconds} s), peak ${peak} kB: ${change}% first to last; mixed load ${mixed_rps} req/s, non-2xx ${mixed_non2xx:-0}, errors ${mixed_errors:-0}"
  echo "   $memory_line"
fi
stop_server

if [[ "$do_upload" == 1 ]]; then
  if [[ -z "$export_zip" ]]; then
    export_zip="$work/export2000.zip"
    echo "== upload: making a 2,000-run export (bench/make_export.py)"
    python3 "$here/make_export.py" "$export_zip" 2000 1800
  fi
  size_mb="$(du -m "$export_zip" | cut -f1)"
  echo "== upload: POST /api/imports?wait=true (raw body) vs cairn import, ${size_mb} MB, fresh database each, 3 runs alternating"
  now_s() { date +%s.%N; }
  serve_times=()
  cli_times=()
  serve_cpu=()
  cli_cpu=()
  for i in 1 2 3; do
    rm -f "$work"/upload.db*
    start_server "$work/upload.db"
    t0="$(now_s)"
    status="$(curl -sS -o "$work/upload-$i.json" -w '%{http_code}' -H 'Content-Type: application/zip' \
      --data-binary "@$export_zip" "http://127.0.0.1:$port/api/imports?wait=true&name=export.zip")"
    t1="$(now_s)"
    # The server's CPU time (user + system), all of it the upload's: it was started for it.
    serve_cpu+=("$(awk -v hz="$ticks" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server_pid/stat")")
    stop_server
    if [[ "$status" != 200 ]] || ! grep -q '"state":"done"' "$work/upload-$i.json"; then
      echo "serve_bench: the upload answered $status: $(head -c 300 "$work/upload-$i.json")" >&2
      exit 1
    fi
    serve_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')")
    rm -f "$work"/cli.db*
    t0="$(now_s)"
    /usr/bin/time -f '%U %S' -o "$work/cli-time-$i" \
      "$cairn" --db "$work/cli.db" import "$export_zip" >"$work/cli-import-$i.log"
    t1="$(now_s)"
    cli_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')")
    cli_cpu+=("$(awk '{ printf "%.2f", $1 + $2 }' "$work/cli-time-$i")")
    echo "   run $i: serve ${serve_times[-1]} s (CPU ${serve_cpu[-1]} s), cli ${cli_times[-1]} s (CPU ${cli_cpu[-1]} s)"
  done
  imported="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["summary"]["imported"])' "$work/upload-3.json")"
  serve_median="$(printf '%s\n' "${serve_times[@]}" | sort -n | sed -n 2p)"
  cli_median="$(printf '%s\n' "${cli_times[@]}" | sort -n | sed -n 2p)"
  ratio="$(awk -v a="$serve_median" -v b="$cli_median" 'BEGIN { printf "%.2f", a / b }')"
  serve_cpu_median="$(printf '%s\n' "${serve_cpu[@]}" | sort -n | sed -n 2p)"
  cli_cpu_median="$(printf '%s\n' "${cli_cpu[@]}" | sort -n | sed -n 2p)"
  cpu_ratio="$(awk -v a="$serve_cpu_median" -v b="$cli_cpu_median" 'BEGIN { printf "%.2f", a / b }')"
  upload_line="upload of ${size_mb} MB (${imported} runs imported): wall, serve median ${serve_median} s (${serve_times[*]}), cairn import median ${cli_median} s (${cli_times[*]}): ratio ${ratio}; CPU, serve median ${serve_cpu_median} s (${serve_cpu[*]}), cairn import ${cli_cpu_median} s (${cli_cpu[*]}): ratio ${cpu_ratio}"
  echo "   $upload_line"
fi

echo "== summary (load:$(uptime | sed 's/.*load average://'))"
printf '%s\n' "${summary[@]}"
if [[ "$do_memory" == 1 ]]; then echo "$memory_line"; fi
if [[ "$do_upload" == 1 ]]; then echo "$upload_line"; fi
