#!/usr/bin/env bash
# Scans (issue 20): sqlmap on the public query parameters, a vacancy page id, the public search server
# function and the sign-in form; wapiti3 on the public site and on a signed-in company session. Against a
# portal this script starts on loopback with demo data (SQLite, or PostgreSQL with BACKEND=postgres), bounded
# in time; it stops the portal when done. The scanners live in their own virtualenv (installed once, on
# first use) so their pinned dependencies do not touch the system Python. See SECURITY.md.
#
#   scripts/scan.sh                       # everything, ~20-30 min on the debug build
#   SCANS="sqlmap" scripts/scan.sh        # only sqlmap (or "wapiti")
#
# Output: target/scan/ (sqlmap logs, wapiti JSON reports) and target/scan/summary.json.
set -euo pipefail
cd "$(dirname "$0")/.."
SCANS="${SCANS:-sqlmap wapiti}"
BACKEND="${BACKEND:-sqlite}"
BINARY="${DNAKER_BINARY:-target/debug/dnaker}"
VENV="${DNAKER_SCAN_VENV:-$HOME/.cache/dnaker-scan-venv}"
WAPITI_SECONDS="${WAPITI_SECONDS:-600}"
out="$PWD/target/scan"
mkdir -p "$out"

if [ ! -x "$VENV/bin/sqlmap" ] || [ ! -x "$VENV/bin/wapiti" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q sqlmap wapiti3
fi
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
if [ -z "${DNAKER_BINARY:-}" ]; then
  cargo build --features ssr --bin dnaker
fi
mkdir -p target/drill
[ "$BINARY" -ef target/drill/dnaker-scan ] || cp "$BINARY" target/drill/dnaker-scan

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
data_dir=$(mktemp -d /tmp/dnaker-scan-XXXXXX)
database=""
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  if [ -n "$database" ]; then
    psql -X -q postgres://postgres@127.0.0.1:5432/postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  fi
  rm -rf "$data_dir"
}
trap cleanup EXIT INT TERM
export DNAKER_DATA_DIR="$data_dir" LEPTOS_SITE_ADDR="127.0.0.1:$port" DNAKER_SEED_DEMO=1 DNAKER_TRUST_PROXY=1 \
  RUST_MIN_STACK=8388608 RUST_LOG="${RUST_LOG:-warn}"
if [ "$BACKEND" = postgres ]; then
  database="dnaker_scan_$$"
  psql -X -q postgres://postgres@127.0.0.1:5432/postgres -c "CREATE DATABASE $database"
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$database"
fi
target/drill/dnaker-scan serve > "$out/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "$base/readyz" >/dev/null

# The demo company's HR admin (password printed once at the first start) signs in: its session cookie.
company_password=$(awk '$1 == "company" && $2 == "hrd@demo.dnaker.id" {print $3}' "$out/server.log")
cookie=$(cd scripts/drill && python3 -c "
import sys; from portal import Portal
p = Portal('$base', ip='10.55.0.1'); p.sign_in('hrd@demo.dnaker.id', sys.argv[1]); print(p.cookie)" "$company_password")
sign_in=$(cd scripts/drill && python3 -c 'from portal import PATHS; print(PATHS["sign_in"])')
search=$(cd scripts/drill && python3 -c 'from portal import PATHS; print(PATHS["search_vacancies"])')
vacancy=$(curl -fsS "$base/lowongan" | grep -oE 'href="/lowongan/[0-9]+"' | head -n 1 | grep -oE '[0-9]+')
fair=$(curl -fsS "$base/bursa-kerja" | grep -oE 'href="/bursa-kerja/[0-9]+"' | head -n 1 | grep -oE '[0-9]+' || echo 1)
echo "portal at $base (vacancy $vacancy, fair $fair)"

sqlmap_run() { # name, sqlmap arguments...
  local name=$1; shift
  echo "== sqlmap $name"
  timeout 900 "$VENV/bin/sqlmap" --batch --flush-session --level 2 --risk 1 --timeout 10 --retries 1 \
    --threads 2 --output-dir "$out/sqlmap" --tamper xforwardedfor "$@" > "$out/sqlmap-$name.log" 2>&1 || true
  if grep -q "identified the following injection point" "$out/sqlmap-$name.log"; then
    echo "$name: INJECTION" | tee -a "$out/sqlmap-results.txt"
  elif grep -qE "do not appear to be injectable|does not seem to be injectable" "$out/sqlmap-$name.log"; then
    echo "$name: none" | tee -a "$out/sqlmap-results.txt"
  else
    echo "$name: inconclusive (see sqlmap-$name.log)" | tee -a "$out/sqlmap-results.txt"
  fi
}

if [[ " $SCANS " == *" sqlmap "* ]]; then
  rm -f "$out/sqlmap-results.txt" "$out"/sqlmap-*.log
  sqlmap_run lowongan -u "$base/lowongan?q=operator&kecamatan=36.03.01&pendidikan=SMA&urut=baru&page=1" \
    -p "q,kecamatan,pendidikan,urut,page"
  sqlmap_run vacancy-id -u "$base/lowongan/${vacancy}*"
  sqlmap_run fair-id -u "$base/bursa-kerja/${fair}*"
  sqlmap_run search-fn -u "$base$search" --data "query[text]=operator&query[district_code]=36.03.01&query[page]=1" \
    -p "query[text],query[district_code],query[page]"
  # The e-mail is what reaches SQL; the password is only hashed and compared (never in a query), and
  # every wrong guess for one account is throttled (429), which makes sqlmap back off for minutes per test.
  sqlmap_run sign-in -u "$base$sign_in" --data "email=hrd@demo.dnaker.id&password=salah-sandi" -p email
fi

# wapiti asks its public endpoint (wapiti3.ovh) for out-of-band checks unless told otherwise: pointed at a
# static HTTP server on loopback instead, and its DNS endpoint (looked up at start) at localhost, so nothing
# leaves the machine (those out-of-band checks then find nothing).
wapiti_run() { # name, url, extra arguments...
  local name=$1 url=$2; shift 2
  echo "== wapiti $name"
  timeout $((WAPITI_SECONDS + 300)) "$VENV/bin/wapiti" -u "$url" --scope folder --flush-session \
    --max-scan-time "$WAPITI_SECONDS" --max-attack-time 120 -d 3 --max-links-per-page 40 \
    --tasks 4 --timeout 10 -f json -o "$out/wapiti-$name.json" \
    --external-endpoint "$endpoint" --internal-endpoint "$endpoint" --dns-endpoint localhost \
    -x "$base/keluar" -x "$base/api/sign_out*" "$@" > "$out/wapiti-$name.log" 2>&1 || true
}

if [[ " $SCANS " == *" wapiti "* ]]; then
  rm -f "$out"/wapiti-*.json
  endpoint_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$data_dir/endpoint"
  python3 -m http.server --bind 127.0.0.1 --directory "$data_dir/endpoint" "$endpoint_port" \
    > "$out/endpoint.log" 2>&1 &
  pids+=($!)
  endpoint="http://127.0.0.1:$endpoint_port/"
  wapiti_run public "$base/"
  wapiti_run company "$base/" -C "$cookie" --start "$base/perusahaan"
fi

python3 scripts/drill/scan_summary.py "$out" | tee "$out/summary.json"
echo "server panics: $(grep -c 'panicked at' "$out/server.log" || true)"
