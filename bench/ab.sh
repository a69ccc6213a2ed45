#!/usr/bin/env bash
# Release builds of the server side by side, in turns, on the same demo data: the fair way to see
# what a change gained, as this machine's speed drifts by tens of percent between minutes.
#
#   bench/ab.sh OLD_BINARY NEW_BINARY [MORE...]       # /healthz, /akun (seeker), /perusahaan (company)
#   AB_PAGES="seeker:/akun/lamaran officer:/petugas" AB_ROUNDS=6 bench/ab.sh old new
#   AB_BACKEND=postgres bench/ab.sh old new           # PostgreSQL at PG_ADMIN_URL (default: local, trust)
#
# The binaries must serve the same `target/site` (the WASM and CSS of the release build, whose hashes are in
# `target/release/hash.txt`): they are copied into `target/release` so that each finds that hash file beside
# itself, as a deployed binary does. The data is seeded once and copied per binary. Each round starts one
# binary at a time on core 0 (oha on core 1), warms it up, signs in each role once, then measures AB_SECONDS
# of /healthz and of each page at 32 connections. Prints successful req/s per round, the medians, and each
# page's median ratio to /healthz of the same round.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,14p "$0" >&2; exit 2; }
BINARIES=()
for binary in "$@"; do BINARIES+=("$(realpath "$binary")"); done
cd "$(dirname "$0")/.."
source bench/common.sh

ROUNDS=${AB_ROUNDS:-4}
SECONDS_EACH=${AB_SECONDS:-5}
PAGES=${AB_PAGES:-seeker:/akun company:/perusahaan}
SCALE=${AB_SCALE:-10}
PORT=${AB_PORT:-3950}
BASE="http://127.0.0.1:$PORT"
WORK=target/ab
command -v oha >/dev/null || { echo "oha is missing: bench/load.sh installs it" >&2; exit 1; }
[ -f target/release/hash.txt ] || { echo "no target/release/hash.txt: build with cargo leptos build --release --split --precompress" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK/seeded"
SIDES=()
for i in "${!BINARIES[@]}"; do
  side=$((i + 1))
  cp "${BINARIES[$i]}" "target/release/ab-$side" && SIDES+=("$side")
  echo "side $side: ${BINARIES[$i]}" | tee -a "$WORK/sides.txt"
done
export LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT" DNAKER_PUBLIC_URL=$BASE
export DNAKER_SECRET_KEY=${DNAKER_SECRET_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
# AB_BACKEND=postgres: the demo data in a PostgreSQL database (through PG_ADMIN_URL), copied per side as a
# template; SQLite otherwise (the data directory copied per side).
BACKEND=${AB_BACKEND:-sqlite}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_url() { echo "${PG_ADMIN_URL%/*}/$1"; }
pg_databases=()
unset DATABASE_URL
if [ "$BACKEND" = postgres ]; then
  psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS ab_seeded" -c "CREATE DATABASE ab_seeded"
  pg_databases+=(ab_seeded)
  export DATABASE_URL=$(pg_url ab_seeded)
fi
DNAKER_DATA_DIR=$WORK/seeded target/release/ab-1 seed-demo --scale "$SCALE" > "$WORK/seed.log"
unset DATABASE_URL
# A copy per side: a newer binary may add a migration an older one does not know.
for side in "${SIDES[@]}"; do
  cp -r "$WORK/seeded" "$WORK/data-$side"
  if [ "$BACKEND" = postgres ]; then
    psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS ab_side_$side" -c "CREATE DATABASE ab_side_$side TEMPLATE ab_seeded"
    pg_databases+=("ab_side_$side")
  fi
done
side_database() { [ "$BACKEND" = postgres ] && pg_url "ab_side_$1" || true; }

SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  for db in "${pg_databases[@]}"; do psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; done
  true
}
trap cleanup EXIT

# Successful responses per second: an error answered fast must not count as speed (those are reported).
rps() { # URL [COOKIE]
  local headers=(-H "Accept: text/html" -H "Accept-Encoding: br, gzip" -H "Accept-Language: id")
  [ -n "${2:-}" ] && headers+=(-H "Cookie: $2")
  taskset -c 1 oha --no-tui --output-format json -z "${SECONDS_EACH}s" -c 32 "${headers[@]}" "$1" \
    | python3 -c '
import json, sys
r = json.load(sys.stdin)
codes = r.get("statusCodeDistribution", {})
ok = sum(n for code, n in codes.items() if code.startswith("2"))
bad = {code: n for code, n in codes.items() if not code.startswith("2")}
if bad:
    print(f"{sys.argv[1]}: non-2xx answers {bad}", file=sys.stderr)
print(round(ok / r["summary"]["total"]))' "$1"
}

for round in $(seq 1 "$ROUNDS"); do
  # Every other round in reverse order, so that a machine slowing down or speeding up favours no side.
  order=("${SIDES[@]}")
  if [ $((round % 2)) -eq 0 ]; then order=(); for side in "${SIDES[@]}"; do order=("$side" "${order[@]}"); done; fi
  for side in "${order[@]}"; do
    DATABASE_URL=$(side_database "$side") DNAKER_DATA_DIR=$WORK/data-$side taskset -c 0 "target/release/ab-$side" serve \
      > "$WORK/$side.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do curl -sf "$BASE/readyz" > /dev/null && break; sleep 0.25; done
    curl -sf "$BASE/readyz" > /dev/null || { echo "side $side did not become ready:" >&2; cat "$WORK/$side.log" >&2; exit 1; }
    SECONDS_EACH=1 rps "$BASE/healthz" > /dev/null # warm-up
    line="$round $side healthz $(rps "$BASE/healthz")"
    for page in $PAGES; do
      cookie=$(sign_in "$BASE" "$WORK/seed.log" "${page%%:*}")
      [ -n "$cookie" ] || { echo "signing in as ${page%%:*} failed" >&2; exit 1; }
      line="$line ${page#*:} $(rps "$BASE${page#*:}" "$cookie")"
    done
    echo "$line" | tee -a "$WORK/rounds.txt"
    kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  done
done

# Medians per side, and each page's median of its per-round ratio to /healthz.
python3 - "$WORK/rounds.txt" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for side in dict.fromkeys(row[1] for row in rows):
    mine = [row for row in rows if row[1] == side]
    routes = mine[0][2::2]
    cells = []
    for i, route in enumerate(routes):
        values = [float(row[3 + 2 * i]) for row in mine]
        cell = f"{route} median {statistics.median(values):,.0f}"
        if i:
            ratios = [float(row[3 + 2 * i]) / float(row[3]) for row in mine if float(row[3])]
            cell += f" (ratio {statistics.median(ratios):.3f})"
        cells.append(cell)
    print(f"side {side}: " + "; ".join(cells))
EOF
