#!/usr/bin/env bash
# Drill: many instances (issue 27). Two `dnaker serve` on one PostgreSQL database behind a local haproxy
# (round-robin, health check /readyz, loopback only): the load reaches both, a session made through one
# works on the other, a change made through one shows on the other within the page-cache time, and
# kill -9 of one under write load loses no acknowledged write. Stops by itself. See SECURITY.md.
#
#   scripts/drill_instances.sh               # 2 kill cycles
#   CYCLES=6 LOAD_SECONDS=60 scripts/drill_instances.sh
#
# PostgreSQL: DRILL_POSTGRES_URL (an admin URL, default postgres://postgres@127.0.0.1:5432/postgres);
# the run creates and drops its own database. haproxy comes from Debian (installed when missing).
# Report: target/drill/instances.json; haproxy config and log: target/drill/instances-haproxy.*.
set -euo pipefail
cd "$(dirname "$0")/.."
CYCLES="${CYCLES:-2}"
LOAD_SECONDS="${LOAD_SECONDS:-20}"
BINARY="${DNAKER_BINARY:-target/debug/dnaker}"
export DRILL_POSTGRES_URL="${DRILL_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; }; }
need psql postgresql-client
need haproxy haproxy
if [ -z "${DNAKER_BINARY:-}" ]; then
  cargo build --features ssr --bin dnaker
fi
# A private copy: other builds in this tree may replace target/debug/dnaker while the drill runs.
mkdir -p target/drill
[ "$BINARY" -ef target/drill/dnaker-instances ] || cp "$BINARY" target/drill/dnaker-instances

echo "== many-instances drill: 2 servers, haproxy, $CYCLES kill cycles"
python3 scripts/drill/instances.py --binary target/drill/dnaker-instances --cycles "$CYCLES" \
  --load-seconds "$LOAD_SECONDS" --out target/drill/instances.json
