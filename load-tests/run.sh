#!/usr/bin/env bash
# Runs a Gatling simulation against Parley and leaves its HTML report under load-tests/target/gatling/.
#   load-tests/run.sh [--simulation ControlPlane|ReadHeavy] [--urls http://host:port[,...]] [--users N] [--seconds S]
#   load-tests/run.sh --smoke     every simulation for 10 s against a fresh local node (what CI runs)
# Keys: the demo accounts, or -Dparley.creator.key=... style properties in MAVEN_OPTS.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
simulation=ControlPlane urls=http://127.0.0.1:8080 users=8 seconds=30 smoke=false
while [ $# -gt 0 ]; do
  case "$1" in
    --simulation) simulation=$2; shift 2 ;;
    --urls) urls=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --smoke) smoke=true; shift ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done

simulate() {
  (cd "$root" && mvn -B -q -pl load-tests gatling:test -Dgatling.simulationClass="dev.parley.load.$1Simulation" \
      -Dparley.urls="$2" -Dparley.users="$3" -Dparley.seconds="$4")
}

if [ "$smoke" = true ]; then
  data=$(mktemp -d)
  log="$data/parley.log"
  "$root/bin/parley" serve --port 18480 --management-port 0 --data-dir "$data" > "$log" 2>&1 &
  node=$!
  trap 'kill $node 2>/dev/null; wait $node 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do grep -q "Parley is serving" "$log" && break; sleep 1; done
  grep -q "Parley is serving" "$log" || { echo "the node did not start; see $log" >&2; exit 1; }
  for each in ControlPlane ReadHeavy; do
    echo "load-tests: $each smoke, 10 s" >&2
    simulate "$each" http://127.0.0.1:18480 4 10
  done
else
  simulate "$simulation" "$urls" "$users" "$seconds"
fi
