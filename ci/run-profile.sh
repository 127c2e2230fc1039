#!/usr/bin/env bash
# Runs one load profile with Gatling; the same command on a laptop and in CI.
#   ci/run-profile.sh <Simulation> [extra Maven arguments]
#   ci/run-profile.sh Smoke
#   ci/run-profile.sh Load -DtimeScale=0.1
# Results: target/gatling/<simulation>-<timestamp>/ (index.html, simulation.log, stats.json).
# Exit code: Maven's (non-zero when the run fails or an SLA assertion is broken).
set -euo pipefail

usage() {
  echo "Usage: ci/run-profile.sh <Simulation> [extra Maven arguments, e.g. -DtimeScale=0.1]" >&2
  echo "  <Simulation> is a profile name such as Smoke, Load, Stress, Spike, Soak (see README.md)." >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
case "$1" in
  -h|--help) usage ;;
  -*|"") echo "ci/run-profile.sh: the first argument must be the simulation name, got '$1'" >&2; usage ;;
esac
simulation="$1"
shift

cd "$(dirname "${BASH_SOURCE[0]}")/.."
echo "ci/run-profile.sh: mvn -B gatling:test -Dsimulation=${simulation} $*"
exec mvn -B gatling:test -Dsimulation="${simulation}" "$@"
