#!/usr/bin/env bash
# Command 2: installs what is missing and runs every test: formatting, unit and integration tests
# on SQLite and PostgreSQL, and the end-to-end tests in headless Chromium.
#
# PostgreSQL: TEST_POSTGRES_URL (an admin URL; each test makes and drops its own database), else the
# local server at 127.0.0.1:5432 when it answers. DNAKER_REQUIRE_POSTGRES=1 makes its absence fatal.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p target
say() { printf '\033[1;34m[test]\033[0m %s\n' "$*"; }
loud() { printf '\033[1;33m%s\033[0m\n' "$*"; }

scripts/setup.sh --with-browser

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
    export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
  fi
fi
if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  if [ "${DNAKER_REQUIRE_POSTGRES:-0}" = "1" ]; then
    echo "PostgreSQL is required (DNAKER_REQUIRE_POSTGRES=1) but none answers at 127.0.0.1:5432 and TEST_POSTGRES_URL is unset"
    exit 1
  fi
  loud "################################################################################"
  loud "# PostgreSQL not found: the PostgreSQL half of the tests is SKIPPED.            #"
  loud "# Set TEST_POSTGRES_URL or start a server at 127.0.0.1:5432 to run it.          #"
  loud "################################################################################"
else
  say "PostgreSQL tests use ${TEST_POSTGRES_URL%%\?*}"
fi

# S3-compatible object storage for the upload tests: a local moto server with one bucket.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cleanup=()
trap 'for pid in "${cleanup[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
if [ -z "${TEST_S3_ENDPOINT:-}" ] && command -v moto_server >/dev/null; then
  s3_port=$(free_port)
  moto_server -H 127.0.0.1 -p "$s3_port" > target/moto.log 2>&1 &
  cleanup+=($!)
  for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$s3_port/" >/dev/null 2>&1 && break; sleep 0.5; done
  export TEST_S3_ENDPOINT="http://127.0.0.1:$s3_port" TEST_S3_BUCKET="dnaker-test"
  curl -fsS -X PUT "$TEST_S3_ENDPOINT/$TEST_S3_BUCKET" >/dev/null
  say "S3 tests use $TEST_S3_ENDPOINT"
fi

say "formatting"
cargo fmt --all -- --check

say "lints (clippy, warnings denied) for the server and the browser builds"
cargo clippy --features ssr --tests --benches -- -D warnings
cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

# Known advisories (RustSec) in the locked dependencies, offline against a snapshot of the advisory database.
# Ignored ones are listed with their reasons in .cargo/audit.toml.
advisory_db="${DNAKER_ADVISORY_DB:-../shared/advisory-db}"
if [ -d "$advisory_db/crates" ]; then
  say "dependency advisories (cargo audit, database: $advisory_db)"
  cargo audit --no-fetch --db "$advisory_db" --deny warnings
else
  loud "dependency advisory check SKIPPED: no advisory database at $advisory_db."
  loud "Clone https://github.com/rustsec/advisory-db somewhere and set DNAKER_ADVISORY_DB to that folder."
fi

say "unit and integration tests (SQLite and PostgreSQL)"
# cargo-nextest (one process per test; see .config/nextest.toml), installed by scripts/setup.sh.
cargo nextest run --features ssr --no-fail-fast 2>&1 | tee target/test-output.txt
sqlite_count=$(grep -cE '^ +PASS .*::sqlite$' target/test-output.txt || true)
postgres_count=$(grep -cE '^ +PASS .*::postgres$' target/test-output.txt || true)
say "integration tests per backend: sqlite=$sqlite_count postgres=$postgres_count"

# Built after the tests on purpose: cargo-leptos compiles the server with its own environment (the
# hydration script's file names depend on it), and the test build would overwrite target/debug/dnaker.
say "building the site (server + WASM + CSS)"
# --split as in run.sh: lazy routes need their chunks (a build without it cannot load them).
cargo leptos build --split

say "end-to-end tests (headless Chromium)"
export E2E_ADMIN_EMAIL="e2e-admin@dnaker.test" E2E_ADMIN_PASSWORD="e2e-$(date +%s)-sandi-uji"
# The partner API's demo key exists only for this run: random, seeded with the demo data, localhost only.
DNAKER_DEMO_API_KEY="dnk_live_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
export DNAKER_DEMO_API_KEY
data_dirs=()
pg_e2e_db=""
trap 'for pid in "${cleanup[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "${data_dirs[@]}";
  [ -z "$pg_e2e_db" ] || psql -q "$TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $pg_e2e_db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT

# Starts a demo portal on a fresh data dir (and the database named by $1, else SQLite in the data dir);
# sets $port and $data_dir.
start_portal() {
  local database_url="${1:-}" log="$2"
  port=$(free_port)
  data_dir=$(mktemp -d)
  data_dirs+=("$data_dir")
  echo "$E2E_ADMIN_PASSWORD" | DATABASE_URL="$database_url" DNAKER_DATA_DIR="$data_dir" \
    target/debug/dnaker create-admin --email "$E2E_ADMIN_EMAIL" --name "Admin Uji E2E" >/dev/null
  DATABASE_URL="$database_url" RUST_MIN_STACK=8388608 LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    DNAKER_DATA_DIR="$data_dir" DNAKER_SEED_DEMO=1 DNAKER_TRUST_PROXY=1 target/debug/dnaker serve > "$log" 2>&1 &
  cleanup+=($!)
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$log"; exit 1; }
}

# Every journey runs on a phone and on a desktop. The service areas' journeys run on the phone against SQLite
# and on the desktop against PostgreSQL (the same binary, chosen by DATABASE_URL, demo data seeded into a
# fresh database): each works through the browser on both backends, and CI does not run them twice on each.
# Without PostgreSQL their desktop run is on SQLite too.
service_specs=(tests/requests.spec.ts tests/request_types.spec.ts tests/obligations.spec.ts tests/training.spec.ts
  tests/partner_api.spec.ts tests/statistics.spec.ts tests/inbox.spec.ts tests/complaints.spec.ts)
desktop_sqlite=()
for spec in end2end/tests/*.spec.ts; do
  spec=${spec#end2end/}
  if [ -n "${TEST_POSTGRES_URL:-}" ] && [[ " ${service_specs[*]} " == *" $spec "* ]]; then continue; fi
  desktop_sqlite+=("$spec")
done

start_portal "" target/e2e-server.log
(cd end2end && BASE_URL="http://127.0.0.1:$port" DNAKER_DATA_DIR="$data_dir" npx playwright test --project=phone)
(cd end2end && BASE_URL="http://127.0.0.1:$port" DNAKER_DATA_DIR="$data_dir" npx playwright test --project=desktop \
  --output test-results-desktop "${desktop_sqlite[@]}")
sqlite_port=$port

if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  say "end-to-end: the service areas' journeys on the desktop, against PostgreSQL"
  pg_e2e_db="dnaker_e2e_$$"
  psql -q "$TEST_POSTGRES_URL" -c "CREATE DATABASE $pg_e2e_db" >/dev/null
  pg_url="${TEST_POSTGRES_URL%%\?*}"
  start_portal "${pg_url%/*}/$pg_e2e_db" target/e2e-server-postgres.log
  (cd end2end && BASE_URL="http://127.0.0.1:$port" DNAKER_DATA_DIR="$data_dir" npx playwright test --project=desktop \
    --output test-results-postgres "${service_specs[@]}")
fi
port=$sqlite_port

# The partner API against its own OpenAPI document, on the demo portal with this run's demo key (issue 26):
# no server errors, no answer outside the documented schemas and content types.
say "partner API fuzzing (schemathesis)"
schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" --url "http://127.0.0.1:$port" \
  -H "Authorization: Bearer $DNAKER_DEMO_API_KEY" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples 60 --seed 26 2>&1 | tee target/schemathesis.txt
say "screenshots: end2end/test-results/ (phone), test-results-desktop/, test-results-postgres/"
say "target/ holds $(du -sh target 2>/dev/null | cut -f1) after this run"
