#!/usr/bin/env bash
# What the suite's per-request instrumentation costs at saturation: the same GET against nginx `return 200`,
# as a bare Gatling request and built with Observed (telemetry sampler on), closed users looping as fast as
# nginx answers, in alternating pairs. Prints each run's req/s, each pair's ratio and the medians.
# Results go in docs/PERFORMANCE.md ("Per-request instrumentation").
#
#   ci/bench/instrumentation-overhead.sh [-p PAIRS] [-u USERS] [-d SECONDS]     (defaults: 5 pairs, 50, 15)
#
# Needs nginx (installed from Debian's packages when missing). Traffic stays on loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs=5 users=50 secs=15
while [ $# -gt 0 ]; do
  case "$1" in
    -p) pairs=$2; shift 2 ;;
    -u) users=$2; shift 2 ;;
    -d) secs=$2; shift 2 ;;
    *) echo "usage: $0 [-p PAIRS] [-u USERS] [-d SECONDS]" >&2; exit 2 ;;
  esac
done
if ! command -v nginx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:$port; location / { return 200 "ok"; } } }
CONF
nginx -c "$work/nginx.conf"
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
cp="target/classes:target/test-classes:$(cat "$work/cp.txt")"
results=target/bench/instrumentation
mkdir -p "$results"

# One run: prints its req/s (responses / looping time), from the stats.json of its simulation.log.
run() {
  local mode=$1 before after folder
  before=$(ls "$results" | sort)
  java -cp "$cp" --add-opens java.base/java.lang=ALL-UNNAMED -Dbench.mode="$mode" \
    -Dbench.url="http://127.0.0.1:$port/" -Dbench.users="$users" -Dbench.seconds="$secs" \
    io.gatling.app.Gatling -s dev.loadbearing.bench.InstrumentationSimulation -rf "$results" -nr \
    > "$work/$mode.log" 2>&1 || { cat "$work/$mode.log" >&2; exit 1; }
  after=$(ls "$results" | sort)
  folder=$(comm -13 <(echo "$before") <(echo "$after") | head -1)
  java -cp "$cp" dev.loadbearing.stats.StatsMain "$results/$folder" > /dev/null
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("%.0f" % (s["global"]["count"] / float(sys.argv[2])))' \
    "$results/$folder/stats.json" "$secs"
}

printf '%-6s %12s %12s %7s\n' pair bare observed ratio
for ((p = 1; p <= pairs; p++)); do
  # Alternate which mode goes first, so a machine that slows down over the sitting favours neither.
  if ((p % 2)); then b=$(run bare); o=$(run observed); else o=$(run observed); b=$(run bare); fi
  echo "$p $b $o" >> "$work/pairs"
  printf '%-6s %12s %12s %7.3f\n' "$p" "$b" "$o" "$(echo "$o / $b" | bc -l)"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mb=$(awk '{print $2}' "$work/pairs" | median)
mo=$(awk '{print $3}' "$work/pairs" | median)
mr=$(awk '{print $3 / $2}' "$work/pairs" | median)
printf '%-6s %12s %12s %7.3f   (median of pair ratios %.3f)\n' median "$mb" "$mo" "$(echo "$mo / $mb" | bc -l)" "$mr"
echo "($pairs pairs, $users closed users looping ${secs}s each, nginx worker_processes 1, $(nproc) cores)"
