#!/usr/bin/env bash
# Counts the database statements each signed-in page costs, on SQLite and PostgreSQL: a release server
# on demo data logs every statement (`RUST_LOG=sqlx::query=debug`), and each page is asked for four times:
# the first count, then the least of the next three (the steady one: caches warm, no session write, and
# no background job that happened to run meanwhile). Figures: BENCHMARKS.md.
#
#   bench/queries.sh                       # both backends (PostgreSQL at LOAD_POSTGRES_URL)
#   QUERIES_BACKENDS=sqlite bench/queries.sh
#   QUERIES_SKIP_BUILD=1 bench/queries.sh  # reuse target/release and target/site
#   QUERIES_SKIP_BUILD=1 QUERIES_BIN=target/debug/dnaker bench/queries.sh  # a debug build counts the same
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/common.sh
source bench/common.sh

say() { printf '\033[1;34m[queries]\033[0m %s\n' "$*" >&2; }

BACKENDS=${QUERIES_BACKENDS:-sqlite postgres}
PG_ADMIN_URL=${LOAD_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_DATABASE=dnaker_queries
OUT_DIR=target/queries
BIN=${QUERIES_BIN:-target/release/dnaker}
# Each role's pages: the signed-in home and the pages of its menu that read the most.
SEEKER_PAGES="/akun /akun/lamaran /akun/profil /akun/pelatihan /lowongan"
COMPANY_PAGES="/perusahaan /perusahaan/lowongan /perusahaan/pkwt /perusahaan/layanan /perusahaan/k3"
OFFICER_PAGES="/petugas /petugas/ak1 /petugas/pkwt /petugas/layanan /petugas/kepatuhan"

if [ "${QUERIES_SKIP_BUILD:-0}" != 1 ]; then
  scripts/setup.sh
  say "building the release"
  cargo leptos build --release --split --precompress
fi
mkdir -p "$OUT_DIR"
export LEPTOS_SITE_ROOT=target/site
export DNAKER_SECRET_KEY=${DNAKER_SECRET_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

# Statements logged while the server answers one request for PATH with COOKIE.
count() {
  local base=$1 log=$2 cookie=$3 path=$4 before status
  before=$(grep -c 'sqlx::query' "$log" || true)
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  sleep 0.3
  echo "$status $(( $(grep -c 'sqlx::query' "$log" || true) - before ))"
}

run_backend() {
  local backend=$1 port=$2 data_dir="$OUT_DIR/$1" base="http://127.0.0.1:$2"
  rm -rf "$data_dir" && mkdir -p "$data_dir"
  export DNAKER_DATA_DIR=$data_dir LEPTOS_SITE_ADDR="127.0.0.1:$port" DNAKER_PUBLIC_URL=$base
  fresh_database "$backend"
  "$BIN" seed-demo > "$data_dir/seed.log"
  RUST_LOG=warn,sqlx::query=debug DNAKER_LOG_FORMAT=json "$BIN" serve > "$data_dir/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do curl -sf "$base/readyz" > /dev/null && break; sleep 0.5; done
  printf '\n%s: statements per request (first / steady), status\n' "$backend"
  local role pages cookie path first steady again
  for role in seeker company officer; do
    case $role in
      seeker) pages=$SEEKER_PAGES ;;
      company) pages=$COMPANY_PAGES ;;
      officer) pages=$OFFICER_PAGES ;;
    esac
    cookie=$(sign_in "$base" "$data_dir/seed.log" "$role")
    [ -n "$cookie" ] || { say "$backend: signing in as $role failed"; exit 1; }
    for path in $pages; do
      first=$(count "$base" "$data_dir/server.log" "$cookie" "$path")
      steady=$(count "$base" "$data_dir/server.log" "$cookie" "$path")
      for _ in 1 2; do
        again=$(count "$base" "$data_dir/server.log" "$cookie" "$path")
        [ "${again#* }" -lt "${steady#* }" ] && steady=$again
      done
      printf '  %-8s %-24s %3s / %3s   %s\n' "$role" "$path" "${first#* }" "${steady#* }" "${steady%% *}"
    done
  done
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  if [ "$backend" = postgres ]; then psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_DATABASE"; fi
}

port=3950
for backend in $BACKENDS; do
  run_backend "$backend" "$port"
  port=$((port + 1))
done
