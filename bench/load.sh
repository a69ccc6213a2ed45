#!/usr/bin/env bash
# The TCP load benchmark: a release build serving LOAD_SCALE×1,000 vacancies (default 100,000) on SQLite and
# then on PostgreSQL, the server pinned to one core and oha to the other. Prints, per backend, each route's
# throughput as a ratio to /healthz of the same binary (median of alternating pairs) and p50/p99 latency at a
# fixed rate (open loop). Figures and how to read them: BENCHMARKS.md.
#
#   bench/load.sh                  # both backends (PostgreSQL at LOAD_POSTGRES_URL)
#   LOAD_BACKENDS=sqlite bench/load.sh
#   LOAD_SCALE=10 LOAD_PAIRS=3 bench/load.sh   # a quick run
#   LOAD_ROUTES=dashboard bench/load.sh         # one route (home, search, vacancy, dashboard, applications, company, officer)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
source bench/common.sh

say() { printf '\033[1;34m[load]\033[0m %s\n' "$*" >&2; }

SCALE=${LOAD_SCALE:-100}
BACKENDS=${LOAD_BACKENDS:-sqlite postgres}
PG_ADMIN_URL=${LOAD_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_DATABASE=dnaker_load
OHA_VERSION=1.16.0
OUT_DIR=target/load
SERVER_CPU=${LOAD_SERVER_CPU:-0}

if [ "$(nproc)" -lt 2 ]; then
  echo "the load benchmark needs two cores: one for the server, one for the load generator" >&2
  exit 1
fi
scripts/setup.sh
if [ "$(oha --version 2>/dev/null | awk '{print $2}')" != "$OHA_VERSION" ]; then
  say "installing oha $OHA_VERSION (the HTTP load generator, from crates.io; a few minutes, once)"
  cargo install oha --locked --version "$OHA_VERSION"
fi
if [ "${LOAD_SKIP_BUILD:-0}" != 1 ]; then
  say "building the release (precompressed assets, as run.sh serves them)"
  cargo leptos build --release --split --precompress
fi

mkdir -p "$OUT_DIR"
export LEPTOS_SITE_ROOT=target/site
export RUST_LOG=warn
export DNAKER_SECRET_KEY=${DNAKER_SECRET_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

run_backend() {
  local backend=$1 port=$2
  local data_dir="$OUT_DIR/$backend" base="http://127.0.0.1:$port"
  rm -rf "$data_dir" && mkdir -p "$data_dir"
  export DNAKER_DATA_DIR=$data_dir LEPTOS_SITE_ADDR="127.0.0.1:$port" DNAKER_PUBLIC_URL=$base
  fresh_database "$backend"

  say "$backend: seeding scale $SCALE ($((SCALE * 1000)) vacancies, $((SCALE * 2000)) job seekers)"
  target/release/dnaker seed-demo --scale "$SCALE" > "$data_dir/seed.log"
  taskset -c "$SERVER_CPU" target/release/dnaker serve > "$data_dir/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "$base/readyz" > /dev/null && break
    sleep 0.5
  done
  curl -sf "$base/readyz" > /dev/null || { say "$backend: the server did not become ready"; cat "$data_dir/server.log" >&2; exit 1; }

  # Sign in as the first demo account of each role through the sign-in form's own server function.
  local cookie company_cookie officer_cookie
  cookie=$(sign_in "$base" "$data_dir/seed.log" seeker) || exit 1
  company_cookie=$(sign_in "$base" "$data_dir/seed.log" company) || exit 1
  officer_cookie=$(sign_in "$base" "$data_dir/seed.log" officer) || exit 1
  [ -n "$cookie" ] && [ -n "$company_cookie" ] && [ -n "$officer_cookie" ] \
    || { say "$backend: signing in a demo account failed"; exit 1; }
  curl -sf -H "Cookie: $cookie" "$base/akun" | grep -q "/keluar\|sign_out" \
    || { say "$backend: /akun does not show a signed-in page"; exit 1; }
  export LOAD_COMPANY_COOKIE=$company_cookie LOAD_OFFICER_COOKIE=$officer_cookie

  # A query with filters, and a vacancy that it finds.
  local district search_path vacancy_path
  district=$(curl -sf "$base/lowongan" | grep -o 'value="36\.03\.[0-9]*"' | head -1 | cut -d'"' -f2)
  search_path="/lowongan?q=operator&kecamatan=$district&pendidikan=SMA"
  vacancy_path=$(curl -sf "$base$search_path" | grep -o 'href="/lowongan/[0-9]*"' | head -1 | cut -d'"' -f2)
  [ -n "$vacancy_path" ] || { say "$backend: the search $search_path found nothing"; exit 1; }
  say "$backend: measuring $search_path and $vacancy_path"

  python3 bench/load.py "$base" "$backend" "$cookie" "$vacancy_path" "$search_path" "$OUT_DIR/$backend.json"
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  if [ "$backend" = postgres ]; then
    psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_DATABASE"
  fi
}

port=3900
for backend in $BACKENDS; do
  run_backend "$backend" "$port"
  port=$((port + 1))
done
say "results: $OUT_DIR/{$(echo "$BACKENDS" | tr ' ' ',')}.json"
