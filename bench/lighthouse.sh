#!/usr/bin/env bash
# Lighthouse on the public pages of a release build with the demo data: mobile preset (a mid-range phone,
# simulated slow 4G and a 4× slower CPU), Debian Chromium. Prints the four category scores of the home,
# search, vacancy and sign-in pages against the targets, and of the job-fair list and a job fair (pages whose code
# is in lazy chunks), after the first-load weight (bench/page_weight.mjs) of those and of the regulations;
# full reports in target/lighthouse/.
#
#   bench/lighthouse.sh                   # builds the release first
#   LH_SKIP_BUILD=1 bench/lighthouse.sh   # reuse target/release and target/site
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[lighthouse]\033[0m %s\n' "$*" >&2; }

PORT=${LH_PORT:-3950}
BASE="http://127.0.0.1:$PORT"
OUT_DIR=target/lighthouse

scripts/setup.sh --with-browser
if [ ! -x bench/lighthouse/node_modules/.bin/lighthouse ]; then
  say "installing Lighthouse (npm)"
  (cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ "${LH_SKIP_BUILD:-0}" != 1 ]; then
  say "building the release (precompressed assets, as run.sh serves them)"
  cargo leptos build --release --split --precompress
fi

rm -rf "$OUT_DIR" && mkdir -p "$OUT_DIR/data"
export LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:$PORT" DNAKER_PUBLIC_URL=$BASE
export DNAKER_DATA_DIR="$OUT_DIR/data" DNAKER_SEED_DEMO=1 RUST_LOG=warn
unset DATABASE_URL
target/release/dnaker serve > "$OUT_DIR/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "$BASE/readyz" > /dev/null && break
  sleep 0.5
done
curl -sf "$BASE/readyz" > /dev/null || { cat "$OUT_DIR/server.log" >&2; exit 1; }

vacancy=$(curl -sf "$BASE/lowongan" | grep -o 'href="/lowongan/[0-9]*"' | head -1 | cut -d'"' -f2)
pages=("home /" "search /lowongan?q=operator" "vacancy $vacancy" "sign-in /masuk")

# Page weight also for the public pages whose code is in lazy chunks: the regulations and the job fairs
# (a fair's page is the heaviest public first load).
fair=$(curl -sf "$BASE/bursa-kerja" | grep -o 'href="/bursa-kerja/[0-9]*"' | head -1 | cut -d'"' -f2)
# Lighthouse runs on those too (beyond the four pages the targets name).
pages+=("fairs /bursa-kerja")
[ -n "$fair" ] && pages+=("fair $fair")
node bench/page_weight.mjs "$BASE" / "/lowongan?q=operator" "$vacancy" /masuk /regulasi /bursa-kerja ${fair:+"$fair"} \
  | tee "$OUT_DIR/page-weight.txt"

# Performance moves by a few points from run to run on a shared machine: each page runs LH_RUNS times
# (alternating pages) and the median run by performance is reported.
RUNS=${LH_RUNS:-3}
export CHROME_PATH=/usr/bin/chromium
for run in $(seq 1 "$RUNS"); do
  for entry in "${pages[@]}"; do
    read -r name path <<< "$entry"
    say "$name: $path (run $run of $RUNS)"
    bench/lighthouse/node_modules/.bin/lighthouse "$BASE$path" --quiet \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output=html --output-path="$OUT_DIR/$name-$run" > /dev/null
  done
done

python3 - "$OUT_DIR" "$RUNS" "${pages[@]}" <<'EOF'
import json, sys
out_dir, runs, pages = sys.argv[1], int(sys.argv[2]), [entry.split()[0] for entry in sys.argv[3:]]
targets = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}
print(f"\n{'page':<9}" + "".join(f"{c:>16}" for c in targets) + "   performance of each run")
failed = []
for page in pages:
    reports = [json.load(open(f"{out_dir}/{page}-{run}.report.json")) for run in range(1, runs + 1)]
    reports.sort(key=lambda r: r["categories"]["performance"]["score"])
    report = reports[len(reports) // 2]
    row = f"{page:<9}"
    for category, target in targets.items():
        score = round(report["categories"][category]["score"] * 100)
        row += f"{score:>15}{'*' if score < target else ' '}"
        if score < target:
            audits = [a["id"] for a in report["audits"].values()
                      if a.get("score") is not None and a["score"] < 0.9
                      and any(ref["id"] == a["id"] for ref in report["categories"][category]["auditRefs"] if ref.get("weight", 0) > 0)]
            failed.append(f"{page} {category} {score} < {target}: {', '.join(audits)}")
    print(row + "   " + "/".join(str(round(r["categories"]["performance"]["score"] * 100)) for r in reports))
print("targets: " + ", ".join(f"{c} ≥ {t}" for c, t in targets.items()) + " (* below)")
for line in failed:
    print("  " + line)
EOF
