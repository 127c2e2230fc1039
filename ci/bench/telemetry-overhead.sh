#!/usr/bin/env bash
# Does sampling the server's side, or serving live metrics, change what a run measures? The Load profile (short
# form) with the knob on and off, in alternating pairs against the self-launched reference service: the hold
# phase's request rate and the run's p95/p99, and what the sampler's own thread used (telemetry.cpu_seconds_total).
#   -k telemetry (default): -Dtelemetry=true against -Dtelemetry=false.
#   -k live: -Dlive.port on a free port, scraped every second by curl as Prometheus would, against no live.port
#            (telemetry on in both).
# Results go in docs/PERFORMANCE.md ("Telemetry on and off", "Live metrics on and off").
#
#   ci/bench/telemetry-overhead.sh [-k telemetry|live] [-p PAIRS] [-- EXTRA MAVEN FLAGS]      (default: 4 pairs)
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs=4 knob=telemetry
while [ $# -gt 0 ]; do
  case "$1" in
    -p) pairs=$2; shift 2 ;;
    -k) knob=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [-k telemetry|live] [-p PAIRS] [-- EXTRA MAVEN FLAGS]" >&2; exit 2 ;;
  esac
done
case "$knob" in
  telemetry|live) ;;
  *) echo "$0: -k $knob: give telemetry or live" >&2; exit 2 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -q -B test-compile

# One run with the knob on (true) or off (false): prints "hold-req/s p95 p99 sampler-cpu-ms" (sampler CPU "-"
# when telemetry is off).
run() {
  local on=$1 log="$work/run.log" stats scraper="" port
  shift
  local flags=(-Dtelemetry="$on")
  if [ "$knob" = live ]; then
    flags=()
    if [ "$on" = true ]; then
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
      flags=(-Dlive.port="$port")
      # What Prometheus would do: one scrape a second for as long as the endpoint answers or the run goes on.
      (while sleep 1; do curl -s -o /dev/null "http://127.0.0.1:$port/metrics" || true; done) > /dev/null 2>&1 &
      scraper=$!
    fi
  fi
  # A run that breaks its SLAs on a busy machine still measured: only a run without stats.json is an error.
  mvn -q -B gatling:test -Dsimulation=Load -DtimeScale=0.05 "${flags[@]}" "$@" > "$log" 2>&1 || true
  [ -n "$scraper" ] && kill "$scraper"
  stats=$(grep -o 'Loadbearing stats: [^ ]*stats.json' "$log" | tail -1 | cut -d' ' -f3)
  [ -n "$stats" ] || { cat "$log" >&2; exit 1; }
  python3 - "$stats" "$(grep -o 'phase hold, [^:]*: [0-9.]* req/s' "$log" | tail -1 | awk '{print $(NF-1)}')" <<'PY'
import json, os, sys
stats = json.load(open(sys.argv[1]))
sampler = "-"
telemetry = os.path.join(os.path.dirname(sys.argv[1]), "telemetry.json")
if os.path.exists(telemetry):
    cpu = json.load(open(telemetry))["series"].get("telemetry.cpu_seconds_total")
    if cpu and len(cpu["v"]) > 1:
        sampler = "%.0f" % (1000 * (cpu["v"][-1] - cpu["v"][0]))
g = stats["global"]
print(sys.argv[2], g["p95"], g["p99"], sampler)
PY
}

printf '%-5s %-9s %10s %6s %6s %16s\n' pair "$knob" "hold req/s" p95 p99 "sampler CPU ms"
for ((p = 1; p <= pairs; p++)); do
  for t in $( ((p % 2)) && echo "true false" || echo "false true"); do
    read -r rate p95 p99 cpu <<< "$(run "$t" "$@")"
    [ -n "$p95" ] || exit 1
    echo "$t $rate $p95 $p99" >> "$work/runs"
    printf '%-5s %-9s %10s %6s %6s %16s\n' "$p" "$t" "$rate" "$p95" "$p99" "$cpu"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for t in true false; do
  printf "median $knob=%-5s  hold %s req/s, p95 %s ms, p99 %s ms\n" "$t" \
    "$(awk -v t=$t '$1 == t {print $2}' "$work/runs" | median)" \
    "$(awk -v t=$t '$1 == t {print $3}' "$work/runs" | median)" \
    "$(awk -v t=$t '$1 == t {print $4}' "$work/runs" | median)"
done
echo "($pairs pairs of mvn gatling:test -Dsimulation=Load -DtimeScale=0.05, $knob on/off, $(nproc) cores)"
