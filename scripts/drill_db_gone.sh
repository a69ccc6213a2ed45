#!/usr/bin/env bash
# Drill: the database gone at runtime (issue 20). Loopback only; stops by itself. See SECURITY.md.
#
#   scripts/drill_db_gone.sh              # both parts
#   PARTS=full-disk scripts/drill_db_gone.sh
#
# full-disk: the SQLite data dir on a small tmpfs (needs root for mount), filled: writes must be refused
#   with a clear message, reads keep working, and writes work again once space is freed.
# postgres: STOPS THE LOCAL POSTGRESQL CLUSTER for OUTAGE seconds (6) under read load and starts it again
#   (always, also on failure). Other users of that cluster lose their connections: run it alone.
# Reports: target/drill/db-gone-<part>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTS="${PARTS:-full-disk postgres}"
OUTAGE="${OUTAGE:-6}"
BINARY="${DNAKER_BINARY:-target/debug/dnaker}"

command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
if [ -z "${DNAKER_BINARY:-}" ]; then
  cargo build --features ssr --bin dnaker
fi
mkdir -p target/drill
[ "$BINARY" -ef target/drill/dnaker-db-gone ] || cp "$BINARY" target/drill/dnaker-db-gone

cluster="$(ls /etc/postgresql 2>/dev/null | sort | tail -n 1)"
restart_postgres() {
  if [ -n "$cluster" ] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || true
  fi
}
trap restart_postgres EXIT INT TERM

status=0
for part in $PARTS; do
  echo "== database-gone drill: $part"
  python3 scripts/drill/db_gone.py "$part" --binary target/drill/dnaker-db-gone --outage "$OUTAGE" \
    --out "target/drill/db-gone-$part.json" || status=1
done
exit $status
