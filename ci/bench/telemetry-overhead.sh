#!/usr/bin/env bash
# Does sampling the server's side change what a run measures? The Load profile (short form) with telemetry on
# and off, in alternating pairs against the self-launched reference service: the hold phase's request rate and
# the run's p95/p99, and what the sampler's own thread used (telemetry.cpu_seconds_total).
# Results go in docs/PERFORMANCE.md ("Telemetry on and off").
#
#   ci/bench/telemetry-overhead.sh [-p PAIRS] [-- EXTRA MAVEN FLAGS]      (default: 4 pairs)
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs=4
while [ $# -gt 0 ]; do
  case "$1" in
    -p) pairs=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [-p PAIRS] [-- EXTRA MAVEN FLAGS]" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -q -B test-compile

# One run: prints "hold-req/s p95 p99 sampler-cpu-ms" (sampler CPU "-" when telemetry is off).
run() {
  local telemetry=$1 log="$work/run.log" stats
  shift
  mvn -q -B gatling:test -Dsimulation=Load -DtimeScale=0.05 -Dtelemetry="$telemetry" "$@" > "$log" 2>&1 \
    || { cat "$log" >&2; exit 1; }
  stats=$(grep -o 'Loadbearing stats: [^ ]*stats.json' "$log" | tail -1 | cut -d' ' -f3)
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

printf '%-5s %-9s %10s %6s %6s %16s\n' pair telemetry "hold req/s" p95 p99 "sampler CPU ms"
for ((p = 1; p <= pairs; p++)); do
  for t in $( ((p % 2)) && echo "true false" || echo "false true"); do
    read -r rate p95 p99 cpu <<< "$(run "$t" "$@")"
    echo "$t $rate $p95 $p99" >> "$work/runs"
    printf '%-5s %-9s %10s %6s %6s %16s\n' "$p" "$t" "$rate" "$p95" "$p99" "$cpu"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for t in true false; do
  printf 'median telemetry=%-5s  hold %s req/s, p95 %s ms, p99 %s ms\n' "$t" \
    "$(awk -v t=$t '$1 == t {print $2}' "$work/runs" | median)" \
    "$(awk -v t=$t '$1 == t {print $3}' "$work/runs" | median)" \
    "$(awk -v t=$t '$1 == t {print $4}' "$work/runs" | median)"
done
echo "($pairs pairs of mvn gatling:test -Dsimulation=Load -DtimeScale=0.05, $(nproc) cores)"
