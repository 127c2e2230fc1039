#!/usr/bin/env bash
# What the suite's per-request instrumentation costs at saturation: the same GET against nginx `return 200`, as a
# bare Gatling request and built with Observed (telemetry sampler on), closed users looping as fast as nginx
# answers. Each JVM run alternates 10 s blocks of the two kinds after a warm-up (InstrumentationSimulation); per
# round it prints both kinds' req/s and the injector's CPU per response, and the ratios observed/bare.
# Results go in docs/PERFORMANCE.md ("Per-request instrumentation").
#
#   ci/bench/instrumentation-overhead.sh [-r RUNS] [-n ROUNDS] [-u USERS] [-d SECONDS]   (defaults: 3, 6, 50, 10)
#
# Needs nginx (installed from Debian's packages when missing). Traffic stays on loopback. With two cores or more,
# nginx runs on the last core and Gatling on the first (taskset), so that Gatling, the thing measured, is what
# saturates, and the two do not trade places on the cores from one run to the next.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=3 rounds=6 users=50 secs=10
while [ $# -gt 0 ]; do
  case "$1" in
    -r) runs=$2; shift 2 ;;
    -n) rounds=$2; shift 2 ;;
    -u) users=$2; shift 2 ;;
    -d) secs=$2; shift 2 ;;
    *) echo "usage: $0 [-r RUNS] [-n ROUNDS] [-u USERS] [-d SECONDS]" >&2; exit 2 ;;
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
last=$(( $(nproc) - 1 ))
pin_nginx="" pin_gatling=""
if [ "$last" -ge 1 ]; then pin_nginx="taskset -c $last" pin_gatling="taskset -c 0"; fi
$pin_nginx nginx -c "$work/nginx.conf"
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT

mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
cp="target/classes:target/test-classes:$(cat "$work/cp.txt")"
results=target/bench/instrumentation
mkdir -p "$results"

printf '%-4s %-6s %10s %10s %7s %13s %13s %7s\n' run round "bare req/s" "obs. req/s" ratio "bare CPU us" "obs. CPU us" ratio
for ((r = 1; r <= runs; r++)); do
  before=$(ls "$results" | sort)
  $pin_gatling java -cp "$cp" --add-opens java.base/java.lang=ALL-UNNAMED -Dbench.url="http://127.0.0.1:$port/" \
    -Dbench.users="$users" -Dbench.seconds="$secs" -Dbench.rounds="$rounds" \
    io.gatling.app.Gatling -s dev.loadbearing.bench.InstrumentationSimulation -rf "$results" -nr \
    > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }
  folder=$(comm -13 <(echo "$before") <(ls "$results" | sort) | head -1)
  java -cp "$cp" dev.loadbearing.stats.StatsMain "$results/$folder" > /dev/null
  python3 - "$results/$folder/stats.json" "$work/run.log" "$secs" "$r" <<'PY' | tee -a "$work/rounds"
import json, re, sys
stats, log, secs, run = json.load(open(sys.argv[1])), open(sys.argv[2]).read(), float(sys.argv[3]), sys.argv[4]
count = {}
for row in stats["requests"]:
    count[row["name"]] = count.get(row["name"], 0) + row["count"]
cpu = {f"{k} {n}": int(ms) for k, n, ms in re.findall(r"Loadbearing bench: block (\w+) (\d+) CPU (\d+) ms", log)}
for n in sorted({int(name.split()[1]) for name in cpu}):
    b, o = count[f"bare {n}"], count[f"observed {n}"]
    bc, oc = 1000.0 * cpu[f"bare {n}"] / b, 1000.0 * cpu[f"observed {n}"] / o
    print(f"{run:<4} {n:<6} {b / secs:10.0f} {o / secs:10.0f} {o / b:7.3f} {bc:13.1f} {oc:13.1f} {oc / bc:7.3f}")
PY
done
python3 - "$work/rounds" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
col = lambda i: statistics.median(float(r[i]) for r in rows)
print(f"{'median':<11} {col(2):10.0f} {col(3):10.0f} {col(4):7.3f} {col(5):13.1f} {col(6):13.1f} {col(7):7.3f}")
print(f"(ratios observed/bare per round: req/s {min(float(r[4]) for r in rows):.3f}-{max(float(r[4]) for r in rows):.3f},"
      f" CPU per response {min(float(r[7]) for r in rows):.3f}-{max(float(r[7]) for r in rows):.3f})")
PY
echo "($runs JVM runs x $rounds rounds of ${secs} s blocks, $users closed users, nginx worker_processes 1," \
  "$(nproc) cores${pin_gatling:+, Gatling on core 0 and nginx on core $last})"
