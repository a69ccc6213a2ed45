#!/usr/bin/env bash
# Command 1: installs what is missing, builds a release, and serves d'naker DIGI at
# http://127.0.0.1:3000 on an embedded SQLite database with demo data (passwords printed once).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
echo "[run] building the release (first build takes several minutes on 2 cores)"
# --split: each page its own WASM chunks; --precompress: brotli/gzip files served as they are.
cargo leptos build --release --split --precompress
export LEPTOS_SITE_ROOT=target/site
export DNAKER_SEED_DEMO="${DNAKER_SEED_DEMO:-1}"
echo "[run] serving on http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (Ctrl-C to stop)"
exec target/release/dnaker serve
