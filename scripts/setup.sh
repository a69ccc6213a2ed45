#!/usr/bin/env bash
# Installs what building and testing d'naker DIGI needs, skipping whatever is already there.
# Usage: scripts/setup.sh [--with-browser]   (--with-browser adds Chromium and Playwright for tests)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

CARGO_LEPTOS_VERSION=0.3.10
CARGO_AUDIT_VERSION=0.22.2
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first (https://rustup.rs)"; exit 1; }
command -v npm >/dev/null || { say "installing Node.js and npm (Debian)"; apt-get update -qq && apt-get install -y -qq nodejs npm; }

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes on 2 cores, once)"
  cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
fi

if ! cargo nextest --version >/dev/null 2>&1; then
  say "installing cargo-nextest (the test runner: one process per test)"
  cargo install cargo-nextest --locked
fi

if [ "${1:-}" = "--with-browser" ] && [ "$(cargo audit --version 2>/dev/null | awk '{print $2}')" != "$CARGO_AUDIT_VERSION" ]; then
  say "installing cargo-audit $CARGO_AUDIT_VERSION (the offline dependency advisory check; about 4 minutes, once)"
  cargo install cargo-audit --locked --version "$CARGO_AUDIT_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes, once)"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Tailwind CSS and wasm-opt (npm's binaryen; Debian's binaryen 108 breaks hydration).
if [ ! -x node_modules/.bin/tailwindcss ] || [ ! -x node_modules/.bin/wasm-opt ] || [ package.json -nt node_modules/.stamp ]; then
  say "installing the npm build tools"
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.stamp
fi

if [ "${1:-}" = "--with-browser" ]; then
  if ! command -v pdftoppm >/dev/null; then
    say "installing poppler-utils (the card-PDF test rasterizes the PDF to decode its QR code)"
    apt-get update -qq && apt-get install -y -qq poppler-utils
  fi
  if ! command -v moto_server >/dev/null; then
    say "installing moto (an S3-compatible test server, from PyPI) for the object-storage tests"
    python3 -m pip install --quiet --disable-pip-version-check 'moto[server]==5.2.1'
  fi
  if [ "$(schemathesis --version 2>/dev/null | awk '{print $NF}')" != "4.32.5" ]; then
    say "installing schemathesis (the partner API's property-based fuzzer, from PyPI)"
    python3 -m pip install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
  fi
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian Chromium for the end-to-end tests"
    apt-get update -qq && apt-get install -y -qq chromium
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package.json -nt end2end/node_modules/.stamp ]; then
    say "installing Playwright (no browser download: Debian Chromium is used)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error && touch node_modules/.stamp)
  fi
fi
say "tools ready"
