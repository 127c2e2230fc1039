#!/usr/bin/env bash
# Compares the newest run of a simulation with its baseline; the same command on a laptop and in CI.
#   ci/compare.sh <Simulation> [extra Maven arguments]
#   ci/compare.sh Smoke                                   newest Smoke run vs baselines/Smoke.json
#   ci/compare.sh Smoke -Dbaseline.update=true            promote the newest run to the baseline
#   ci/compare.sh Smoke -Dcompare.runs=target/gatling/A,target/gatling/B
# Outputs: target/loadbearing/compare/compare.md, compare-junit.xml, compare.html (and the table on stdout).
# In GitHub Actions the Markdown is also appended to $GITHUB_STEP_SUMMARY.
# Exit code: 0 no regression, 1 regression or broken SLA, 2 usage or input error (e.g. no baseline).
set -euo pipefail

usage() {
  echo "Usage: ci/compare.sh <Simulation> [extra Maven arguments, e.g. -Dbaseline.update=true]" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
case "$1" in
  -h|--help) usage ;;
  -*|"") echo "ci/compare.sh: the first argument must be the simulation name, got '$1'" >&2; usage ;;
esac
simulation="$1"
shift

cd "$(dirname "${BASH_SOURCE[0]}")/.."
output=target/loadbearing/compare

if ! mvn -B -q -Dstyle.color=never compile; then
  echo "ci/compare.sh: the project does not compile; nothing compared" >&2
  exit 2
fi

set +e
mvn -B -q -Dstyle.color=never exec:java@compare -Dsimulation="${simulation}" "$@"
code=$?
set -e

if [[ -n "${GITHUB_STEP_SUMMARY:-}" && -f "${output}/compare.md" ]]; then
  cat "${output}/compare.md" >> "${GITHUB_STEP_SUMMARY}"
fi
case "${code}" in
  0) echo "ci/compare.sh: no regression (${output}/compare.html)" ;;
  1) echo "ci/compare.sh: REGRESSION (${output}/compare.html)" >&2 ;;
  *) echo "ci/compare.sh: could not compare (exit ${code})" >&2 ;;
esac
exit "${code}"
