#!/usr/bin/env bash
# One profile split over N injector processes on this machine, merged into one run with one verdict.
#   bash ci/distributed.sh N <Profile> [flags]
#   bash ci/distributed.sh 2 Load -DtimeScale=0.05
#   bash ci/distributed.sh 3 Smoke -DbaseUrl=http://127.0.0.1:8080       # a service already running
#
# Starts one reference service (`mvn exec:java@service`, on a free port), unless -DbaseUrl (or
# LOADBEARING_BASE_URL) names a target; gives each injector a working folder of its own (two runs of one
# simulation in one target/gatling could take each other's run folder); starts them all with one start.at; each
# runs `ci/injector.sh run`, the same command as a pod of deploy/k8s/; then `ci/injector.sh merge`.
# [flags] go to every injector (and, when it starts one, to the service: -Dseed=..., -Dfault...).
# Results: target/distributed/<run id>/parts/injector-<i>/ and merged/ (stats.json, report.html).
# Exit code: the merged verdict: 0 every SLA met, 1 an SLA broken, 2 bad input or a part missing; 124 out of time;
# 3 the merged request count is not the sum of the parts' (a merge bug: never expected).
#
# Environment: LOADBEARING_RUN_ID (default <Profile>-<UTC time>-x<N>), LOADBEARING_RESULTS (target/distributed),
# LOADBEARING_MAX_SECONDS (bound on each injector, default 7200), LOADBEARING_DRY_RUN=true (print the commands,
# start nothing), LOADBEARING_START_AT (a start fixed in advance; by default the injectors agree on one in
# <run dir>/rendezvous once every JVM is ready to load, whatever their start-up took).
# Every process it starts is stopped when it ends, however it ends (INT, TERM, an error); the injectors also run
# under `timeout`, and the service watches this script's pid, so none outlives it even after a SIGKILL.
set -euo pipefail

say() { echo "ci/distributed.sh: $*"; }
fail() { echo "ci/distributed.sh: $*" >&2; exit 2; }
usage() {
  echo "Usage: bash ci/distributed.sh N <Profile> [flags, e.g. -DtimeScale=0.05 -DbaseUrl=http://127.0.0.1:8080]" >&2
  echo "  N: how many injectors, 2 to 16; <Profile>: Smoke, Load, Stress, Spike, Soak, MultiTenant (README.md)" >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
injectors=$1
profile=$2
shift 2
[[ "$injectors" =~ ^[0-9]+$ ]] || { echo "ci/distributed.sh: N must be a whole number, got '$injectors'" >&2; usage; }
# More than 16 JVMs on one machine measure the machine, not the target.
(( injectors >= 2 && injectors <= 16 )) || fail "N = $injectors: one machine runs 2 to 16 injectors"
[[ -n "$profile" && "$profile" != -* ]] || { echo "ci/distributed.sh: the profile comes second" >&2; usage; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
# The suite's own check comes after a compile; this one answers at once for a typo.
simple=${profile##*.}
if [[ -z "$(find src/test/java -name "${simple}Simulation.java" -o -name "${simple}.java" | head -n 1)" ]]; then
  known=$(grep -L 'abstract class' $(find src/test/java -name '*Simulation.java') | xargs -n 1 basename \
    | sed 's/Simulation.java$//' | sort | tr '\n' ' ')
  fail "no simulation '$profile' under src/test/java; there are: $known"
fi

base_url=${LOADBEARING_BASE_URL:-}
flags=()
for flag in "$@"; do
  case "$flag" in
    -DbaseUrl=*) base_url=${flag#-DbaseUrl=} ;;
    -D*|-X*|-P*|-e|-q|-o) flags+=("$flag") ;;
    *) fail "'$flag' is not a Maven flag (-Dkey=value); the profile and N come first" ;;
  esac
done

export LOADBEARING_INJECTORS=$injectors
export LOADBEARING_RUN_ID=${LOADBEARING_RUN_ID:-$profile-$(date -u +%Y%m%dT%H%M%SZ)-x$injectors}
export LOADBEARING_RESULTS=${LOADBEARING_RESULTS:-$repo/target/distributed}
[[ "$LOADBEARING_RESULTS" == /* ]] || LOADBEARING_RESULTS=$repo/$LOADBEARING_RESULTS
run_dir=$LOADBEARING_RESULTS/$LOADBEARING_RUN_ID
max_seconds=${LOADBEARING_MAX_SECONDS:-7200}
[[ "$max_seconds" =~ ^[0-9]+$ ]] || fail "LOADBEARING_MAX_SECONDS is a whole number of seconds"
injector_script=$repo/ci/injector.sh

if [[ "${LOADBEARING_DRY_RUN:-false}" == true ]]; then
  [[ -n "$base_url" ]] || say "mvn -q -B exec:java@service -Dport=0 -Dloadbearing.parent-pid=<this script> ${flags[*]}"
  export LOADBEARING_BASE_URL=${base_url:-http://127.0.0.1:<port>}
  for ((i = 0; i < injectors; i++)); do
    LOADBEARING_INJECTOR_INDEX=$i bash "$injector_script" run "$profile" "${flags[@]}"
  done
  bash "$injector_script" merge
  exit 0
fi
[[ ! -e "$run_dir" ]] || fail "$run_dir already exists: give this run a new LOADBEARING_RUN_ID"
mkdir -p "$run_dir/work"

service_pid="" service_log=$run_dir/service.log
injector_pids=()

# Stops every child: TERM first (Maven and Gatling stop their load, the service its database), KILL after 30 s.
stop_all() {
  local pid deadline=$((SECONDS + 30))
  for pid in "${injector_pids[@]}" $service_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${injector_pids[@]}" $service_pid; do
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  # The embedded PostgreSQL stops with its service; should the service have been killed, it is stopped here.
  local database
  database=$(sed -n 's/^LOADBEARING_DATABASE_PID \([0-9]*\).*/\1/p' "$service_log" 2>/dev/null | tail -n 1)
  if [[ -n "$database" ]] && kill -0 "$database" 2>/dev/null; then
    kill -TERM "$database" 2>/dev/null || true
  fi
  injector_pids=() service_pid=""
}
trap stop_all EXIT
trap 'say "interrupted; stopping every process it started"; exit 130' INT
trap 'say "terminated; stopping every process it started"; exit 143' TERM

started=$SECONDS
say "run $LOADBEARING_RUN_ID: $injectors injectors of $profile; results in $run_dir"
say "compiling once: mvn -q -B test-compile"
timeout -k 30 900 mvn -q -B -Dstyle.color=never test-compile || fail "the project does not compile; nothing run"

if [[ -z "$base_url" ]]; then
  say "starting the reference service (log: $service_log)"
  # A direct child (Maven's script execs java): the service stops itself once its parent is no longer this
  # script, which bounds it as the injectors' `timeout` bounds them. The password line is masked in the log.
  mvn -q -B -Dstyle.color=never exec:java@service -Dport=0 -Dloadbearing.parent-pid=$$ "${flags[@]}" \
    > >(sed -u 's/^LOADBEARING_DATABASE .*/LOADBEARING_DATABASE (masked)/' > "$service_log") 2>&1 &
  service_pid=$!
  deadline=$((SECONDS + 300))
  until base_url=$(sed -n 's/^LOADBEARING_READY \(http[^ ]*\).*/\1/p' "$service_log" 2>/dev/null) \
      && [[ -n "$base_url" ]]; do
    kill -0 "$service_pid" 2>/dev/null || fail "the reference service stopped before it was ready; $service_log says:
$(tail -n 20 "$service_log")"
    (( SECONDS < deadline )) || fail "the reference service was not ready within 300 s; see $service_log"
    sleep 1
  done
  say "reference service ready at $base_url after $((SECONDS - started)) s"
fi
export LOADBEARING_BASE_URL=$base_url

# A working folder per injector: the project's files linked, its compiled classes copied, so that each Maven
# finds its build up to date (the compiler's list of inputs names the folder it was built in).
for ((i = 0; i < injectors; i++)); do
  work=$run_dir/work/injector-$i
  mkdir -p "$work/target"
  for entry in "$repo"/* "$repo"/.mvn; do
    if [[ -e "$entry" && "$(basename "$entry")" != target && "$(basename "$entry")" != pom.xml ]]; then
      ln -s "$entry" "$work/$(basename "$entry")"
    fi
  done
  # A copy, not a link: Maven must take this folder, not the link's target, for the project's base directory.
  cp "$repo/pom.xml" "$work/pom.xml"
  for built in classes test-classes maven-status generated-sources generated-test-sources; do
    if [[ -e "target/$built" ]]; then
      cp -a "target/$built" "$work/target/"
    fi
  done
  find "$work/target/maven-status" -name '*.lst' -exec sed -i "s#^$repo/#$work/#" {} + 2>/dev/null || true
  (cd "$work" && timeout -k 30 900 mvn -q -B -Dstyle.color=never test-compile) \
    || fail "injector $i's folder $work does not build"
done

if [[ -n "${LOADBEARING_START_AT:-}" ]]; then
  say "starting $injectors injectors, load from $LOADBEARING_START_AT"
else
  say "starting $injectors injectors; their load starts 5 s after the last is ready ($run_dir/rendezvous)"
fi
for ((i = 0; i < injectors; i++)); do
  work=$run_dir/work/injector-$i
  (cd "$work" && LOADBEARING_INJECTOR_INDEX=$i exec timeout -k 30 "$max_seconds" \
    bash "$injector_script" run "$profile" "${flags[@]}") > "$work.out" 2>&1 &
  injector_pids+=($!)
done

# In the order they end: one that fails leaves the run incomplete, and the others would wait for it at the
# rendezvous (up to 10 minutes), so they are stopped at once.
running=("${injector_pids[@]}")
while (( ${#running[@]} > 0 )); do
  code=0 ended=""
  wait -n -p ended "${running[@]}" || code=$?
  for ((i = 0; i < injectors; i++)); do [[ "${injector_pids[$i]}" == "$ended" ]] && break; done
  left=()
  for pid in "${running[@]}"; do [[ "$pid" == "$ended" ]] || left+=("$pid"); done
  running=("${left[@]}")
  say "injector $i ended with exit code $code$( ((code == 124)) && echo " (out of time: ${max_seconds} s)")"
  if (( code != 0 )); then
    tail -n 15 "$run_dir/work/injector-$i.out" | sed 's/^/  | /'
    if (( ${#running[@]} > 0 )); then
      say "stopping the other injectors: without part $i the run cannot be complete"
      stop_all
      running=()
    fi
  fi
done
injector_pids=()

merge_code=0
LOADBEARING_WAIT_SECONDS=0 bash "$injector_script" merge || merge_code=$?
stop_all

if [[ -f "$run_dir/merged/stats.json" ]]; then
  python3 - "$run_dir" "$injectors" <<'EOF' || merge_code=3
import json, sys
run, n = sys.argv[1], int(sys.argv[2])
count = lambda f: json.load(open(f))["global"]["count"]
parts = [count(f"{run}/parts/injector-{i}/stats.json") for i in range(n)]
merged = count(f"{run}/merged/stats.json")
same = "equals" if merged == sum(parts) else "DIFFERS FROM"
print(f"ci/distributed.sh: merged {merged} requests {same} the sum of the parts {' + '.join(map(str, parts))}")
sys.exit(0 if merged == sum(parts) else 1)
EOF
fi
say "merged verdict: exit code $merge_code; wall time $((SECONDS - started)) s; $run_dir/merged"
exit "$merge_code"
