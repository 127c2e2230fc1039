#!/usr/bin/env bash
# Does splitting a profile over two injectors keep its load? One injector (ci/run-profile.sh) and two
# (ci/distributed.sh 2, merged) at the same target rate, in alternating rounds on this machine: the hold phase's
# request rate (the parts' rates added), the run's request count and its p95. On one machine the two should be
# equal: the split is about correctness here; on more machines it adds capacity. Results: docs/PERFORMANCE.md.
#
#   bash ci/bench/split-vs-whole.sh [ROUNDS] [Profile] [flags]      (default: 3 Load -DtimeScale=0.05)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
profile=${2:-Load}
shift $(( $# >= 2 ? 2 : $# ))
flags=("$@")
[ ${#flags[@]} -gt 0 ] || flags=(-DtimeScale=0.05)
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [ROUNDS] [Profile] [flags]" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints "hold-req/s count p95" for the given stats.json files (one, or a merged run's parts then the merged one).
figures() {
  python3 - "$@" <<'PY'
import json, sys
*parts, whole = [json.load(open(f)) for f in sys.argv[1:]]
hold = sum(p["requestsPerSecond"] for s in (parts or [whole])
           for p in s["run"]["parameters"]["phases"] if p["name"] == "hold")
print("%.1f %d %d" % (hold, whole["global"]["count"], whole["global"]["p95"]))
PY
}

echo "round  one: hold-req/s count p95   two: hold-req/s count p95"
for ((r = 1; r <= rounds; r++)); do
  bash ci/run-profile.sh "$profile" "${flags[@]}" > "$work/one.log" 2>&1 || { tail -30 "$work/one.log" >&2; exit 1; }
  one=$(figures "$(grep -o 'Loadbearing stats: [^ ]*stats.json' "$work/one.log" | tail -1 | cut -d' ' -f3)")
  bash ci/distributed.sh 2 "$profile" "${flags[@]}" > "$work/two.log" 2>&1 || { tail -30 "$work/two.log" >&2; exit 1; }
  run_dir=$(sed -n 's/.*merged verdict: .*; \(\/.*\)\/merged$/\1/p' "$work/two.log")
  two=$(figures "$run_dir"/parts/injector-*/stats.json "$run_dir/merged/stats.json")
  echo "$r      $one      $two"
done
