#!/usr/bin/env bash
# Drill: kill -9 under write load (issue 20). For each backend, CYCLES times: concurrent sign-ups,
# vacancies, applications, PKWT registrations and approvals for a random 0.5-4 s, then SIGKILL and a
# restart; at the end every acknowledged write is in the database, integrity and foreign-key checks
# pass, and no number is issued twice. Loopback only; stops by itself. See SECURITY.md.
#
#   scripts/drill_kill9.sh                 # both backends, 50 cycles each
#   CYCLES=5 BACKENDS=sqlite scripts/drill_kill9.sh
#
# PostgreSQL: DRILL_POSTGRES_URL (an admin URL, default postgres://postgres@127.0.0.1:5432/postgres);
# each run creates and drops its own database. Reports: target/drill/kill9-<backend>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
CYCLES="${CYCLES:-50}"
BACKENDS="${BACKENDS:-sqlite postgres}"
BINARY="${DNAKER_BINARY:-target/debug/dnaker}"
export DRILL_POSTGRES_URL="${DRILL_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client; }
if [ -z "${DNAKER_BINARY:-}" ]; then
  cargo build --features ssr --bin dnaker
fi
# A private copy: other builds in this tree may replace target/debug/dnaker while the drill runs.
mkdir -p target/drill
[ "$BINARY" -ef target/drill/dnaker-kill9 ] || cp "$BINARY" target/drill/dnaker-kill9

status=0
for backend in $BACKENDS; do
  echo "== kill -9 drill: $backend, $CYCLES cycles"
  python3 scripts/drill/kill9.py --backend "$backend" --cycles "$CYCLES" \
    --binary target/drill/dnaker-kill9 --out "target/drill/kill9-$backend.json" || status=1
done
exit $status
