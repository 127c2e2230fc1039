#!/usr/bin/env bash
# One part of a split run, or the merge of its parts: the single command line that both ci/distributed.sh (on one
# machine) and the Kubernetes Jobs in deploy/k8s/ (one pod per part) run, so the two cannot drift apart.
#
#   ci/injector.sh run <Profile> [Maven flags]   in a project folder: this injector's share of <Profile>
#   ci/injector.sh merge [Maven flags]           in a project folder: waits for the N parts, merges them
#
# Settings come from the environment, under the names the suite itself reads (docs/DISTRIBUTED.md):
#   LOADBEARING_INJECTORS      N, 2 or more
#   LOADBEARING_INJECTOR_INDEX this part, 0..N-1; else Kubernetes' JOB_COMPLETION_INDEX
#   LOADBEARING_BASE_URL       the target every part loads
#   LOADBEARING_RUN_ID         the run's id; also names its results folder, so it must be new for every run
#   LOADBEARING_RESULTS        where parts are gathered: <results>/<run id>/parts/injector-<i>/ (a shared volume)
#   LOADBEARING_START_AT       a common start fixed in advance (ISO-8601 instant); when empty (the usual case) the
#                              parts agree on one in <results>/<run id>/rendezvous once every JVM is ready to load
#                              (-Dstart.rendezvous: the suite's Rendezvous, a start 5 s after the last is ready)
#   LOADBEARING_WAIT_SECONDS   how long the merge waits for the N parts to end; default 900
#   LOADBEARING_DRY_RUN=true   print the Maven command line and stop
#
# Exit code of `run`: 0 once the part is in the results folder, whatever its own SLAs said (the merged run is
# the one judged); Maven's code (2 for a bad setting) when no part was written. Of `merge`: the merged verdict,
# 0 every SLA met, 1 one broken, 2 bad input (a part missing, parts that do not belong together).
set -euo pipefail

say() { echo "ci/injector.sh: $*"; }
fail() { echo "ci/injector.sh: $*" >&2; exit 2; }
usage() {
  echo "Usage: ci/injector.sh run <Profile> [Maven flags] | ci/injector.sh merge [Maven flags]" >&2
  echo "  with LOADBEARING_INJECTORS, LOADBEARING_BASE_URL, LOADBEARING_RUN_ID, LOADBEARING_RESULTS set" >&2
  echo "  (and LOADBEARING_INJECTOR_INDEX or JOB_COMPLETION_INDEX for run); see docs/DISTRIBUTED.md" >&2
  exit 2
}

required() {
  local name=$1
  [[ -n "${!name:-}" ]] || fail "$name is not set; see the head of ci/injector.sh"
}

whole_number() {
  local name=$1 value=$2 least=$3
  [[ "$value" =~ ^[0-9]+$ ]] && (( value >= least )) || fail "$name = '$value' is not a whole number >= $least"
}

[[ $# -ge 1 ]] || usage
mode=$1
shift
case "$mode" in
  run|merge) ;;
  *) echo "ci/injector.sh: unknown command '$mode'" >&2; usage ;;
esac

required LOADBEARING_INJECTORS
required LOADBEARING_RUN_ID
required LOADBEARING_RESULTS
whole_number LOADBEARING_INJECTORS "$LOADBEARING_INJECTORS" 2
injectors=$LOADBEARING_INJECTORS
run_id=$LOADBEARING_RUN_ID
[[ "$run_id" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] \
  || fail "LOADBEARING_RUN_ID = '$run_id' must be letters, digits, '.', '_' and '-' (it names a folder)"
wait_seconds=${LOADBEARING_WAIT_SECONDS:-900}
whole_number LOADBEARING_WAIT_SECONDS "$wait_seconds" 0
run_dir=$LOADBEARING_RESULTS/$run_id
parts=$run_dir/parts
dry_run=${LOADBEARING_DRY_RUN:-false}

# Waits until `count` files match the glob in `folder`, at most wait_seconds; says what is missing otherwise.
await_files() {
  local folder=$1 glob=$2 count=$3 what=$4 deadline=$((SECONDS + wait_seconds)) found
  while :; do
    # A folder not made yet holds none (find fails on it, and pipefail would end the script).
    found=$( (find "$folder" -maxdepth 1 -name "$glob" 2>/dev/null || true) | wc -l)
    (( found >= count )) && return 0
    (( SECONDS < deadline )) || fail "$found of $count $what in $folder after ${wait_seconds} s; giving up"
    sleep 2
  done
}

run_part() {
  [[ $# -ge 1 && -n "$1" && "$1" != -* ]] || { echo "ci/injector.sh run: the profile comes first" >&2; usage; }
  local profile=$1
  shift
  index=${LOADBEARING_INJECTOR_INDEX:-${JOB_COMPLETION_INDEX:-}}
  [[ -n "$index" ]] || fail "set LOADBEARING_INJECTOR_INDEX (or run as a Kubernetes Indexed Job)"
  whole_number "the injector index" "$index" 0
  (( index < injectors )) \
    || fail "injector index $index is out of range for $injectors injectors (0 to $((injectors - 1)))"
  required LOADBEARING_BASE_URL
  # The start: fixed in advance, or agreed by the JVMs themselves once all are up (Maven, Gatling and the
  # simulation take 20 to 80 s to start here, depending on the machine's load: no lead can be guessed).
  local start=("-Dstart.rendezvous=$run_dir/rendezvous")
  [[ -z "${LOADBEARING_START_AT:-}" ]] || start=("-Dstart.at=$LOADBEARING_START_AT")
  local command=(mvn -B gatling:test "-Dsimulation=$profile" "-DbaseUrl=$LOADBEARING_BASE_URL"
    "-Dinjectors=$injectors" "-Dinjector.index=$index" "${start[@]}" "-Drun.id=$run_id" "$@")
  say "${command[*]}"
  [[ "$dry_run" == true ]] && return 0
  [[ -f pom.xml ]] || fail "no pom.xml in $(pwd): run it in the project's folder"
  local part=$parts/injector-$index
  [[ ! -e "$part" ]] || fail "$part already exists: give this run a new LOADBEARING_RUN_ID"
  mkdir -p "$parts"
  local log=$part.log code=0 stopped=""
  # In the background, so that a TERM (a pod stopped, ci/distributed.sh interrupted) reaches Maven at once.
  "${command[@]}" > >(tee "$log") 2>&1 &
  local maven=$!
  trap 'stopped=yes; kill -TERM "$maven" 2>/dev/null || true' TERM INT
  wait "$maven" || code=$?
  # A trapped signal ends the first wait early; the second waits for Maven itself.
  wait "$maven" 2>/dev/null || true
  trap - TERM INT
  if [[ -n "$stopped" ]]; then
    echo 143 > "$part.exit"
    fail "stopped by a signal; part $index of $run_id is not complete"
  fi
  local stats
  stats=$(sed -n 's/.*Loadbearing stats: \([^ ]*stats\.json\).*/\1/p' "$log" | tail -n 1)
  if [[ -n "$stats" && -f "$stats" ]]; then
    cp -R "$(dirname "$stats")" "$part"
    say "part $index of $run_id (Maven exit code $code) in $part"
    code=0
  else
    say "part $index of $run_id wrote no stats.json (Maven exit code $code); see $log" >&2
    (( code != 0 )) || code=1
  fi
  echo "$code" > "$part.exit"
  return "$code"
}

merge_parts() {
  local command=(mvn -q -B exec:java@merge "-Druns=$parts" "-Dmerge.out=$run_dir/merged" "$@")
  say "${command[*]}"
  [[ "$dry_run" == true ]] && return 0
  [[ -f pom.xml ]] || fail "no pom.xml in $(pwd): run it in the project's folder"
  await_files "$parts" 'injector-*.exit' "$injectors" "parts finished"
  local marker
  for marker in "$parts"/injector-*.exit; do
    [[ "$(cat "$marker")" == 0 ]] || say "$(basename "$marker" .exit) ended with exit code $(cat "$marker")" >&2
  done
  local code=0
  "${command[@]}" || code=$?
  return "$code"
}

if [[ "$mode" == run ]]; then
  run_part "$@"
else
  merge_parts "$@"
fi
