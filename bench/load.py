#!/usr/bin/env python3
"""Measures one running d'naker server over TCP with oha (called by bench/load.sh).

Closed loop, alternating: for each of PAIRS rounds, the trivial route (/healthz, the ceiling of this binary)
and then each page route, DURATION seconds each at CONNECTIONS connections; a route's ratio is the median of
its per-round ratios to the trivial route measured just before it. Open loop: each route at RATE requests/s
for OPEN_SECONDS with latency correction (no coordinated omission), p50/p99 and errors.

Usage: load.py BASE_URL LABEL COOKIE VACANCY_PATH SEARCH_PATH [JSON_OUT]
"""
import json
import os
import statistics
import subprocess
import sys

PAIRS = int(os.environ.get("LOAD_PAIRS", "5"))
DURATION = os.environ.get("LOAD_SECONDS", "5")
CONNECTIONS = os.environ.get("LOAD_CONNECTIONS", "32")
RATE = os.environ.get("LOAD_RATE", "500")
OPEN_SECONDS = os.environ.get("LOAD_OPEN_SECONDS", "10")
LOADER_CPU = os.environ.get("LOAD_LOADER_CPU", "1")
# A subset for a quick look at one page, e.g. LOAD_ROUTES=dashboard; a full run measures all seven.
ROUTES = os.environ.get("LOAD_ROUTES", "home search vacancy dashboard applications company officer").split()
# Sessions of the demo company's HR admin and of a demo officer (bench/load.sh signs them in).
COMPANY_COOKIE = os.environ.get("LOAD_COMPANY_COOKIE")
OFFICER_COOKIE = os.environ.get("LOAD_OFFICER_COOKIE")
# Browsers always offer compression; the server's cost of compressing pages is part of serving them.
HEADERS = ["-H", "Accept-Encoding: br, gzip", "-H", "Accept-Language: id"]


def oha(url, extra, cookie=None):
    command = ["taskset", "-c", LOADER_CPU, "oha", "--no-tui", "--output-format", "json", *HEADERS, *extra]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def errors(result):
    bad = sum(count for code, count in result.get("statusCodeDistribution", {}).items() if not code.startswith("2"))
    # oha cancels the requests still in flight when -z runs out; those are not the server's errors.
    failed = result.get("errorDistribution", {})
    return bad + sum(count for kind, count in failed.items() if "aborted due to deadline" not in kind)


def throughput(url, cookie=None):
    result = oha(url, ["-z", f"{DURATION}s", "-c", CONNECTIONS], cookie)
    return result["summary"]["requestsPerSec"], errors(result)


def open_loop(url, cookie=None):
    result = oha(url, ["-z", f"{OPEN_SECONDS}s", "-q", RATE, "-c", "64", "--latency-correction"], cookie)
    percentiles = result["latencyPercentiles"]
    return {
        "p50_ms": percentiles["p50"] * 1000,
        "p99_ms": percentiles["p99"] * 1000,
        "achieved_rps": result["summary"]["requestsPerSec"],
        "errors": errors(result),
    }


def main():
    base, label, cookie, vacancy_path, search_path = sys.argv[1:6]
    json_out = sys.argv[6] if len(sys.argv) > 6 else None
    trivial = f"{base}/healthz"
    routes = [
        ("home", f"{base}/", None),
        ("search", f"{base}{search_path}", None),
        ("vacancy", f"{base}{vacancy_path}", None),
        ("dashboard", f"{base}/akun", cookie),
        ("applications", f"{base}/akun/lamaran", cookie),
        ("company", f"{base}/perusahaan", COMPANY_COOKIE),
        ("officer", f"{base}/petugas", OFFICER_COOKIE),
    ]
    unknown = set(ROUTES) - {name for name, _, _ in routes}
    if unknown:
        sys.exit(f"LOAD_ROUTES: unknown route(s) {', '.join(sorted(unknown))}")
    routes = [route for route in routes if route[0] in ROUTES]
    for _, url, route_cookie in routes:  # warm caches and connections
        oha(url, ["-z", "2s", "-c", "4"], route_cookie)

    ratios = {name: [] for name, _, _ in routes}
    rates = {name: [] for name, _, _ in routes + [("trivial", None, None)]}
    error_count = {name: 0 for name in rates}
    for round_number in range(1, PAIRS + 1):
        for name, url, route_cookie in routes:
            ceiling, bad_ceiling = throughput(trivial)
            rate, bad = throughput(url, route_cookie)
            ratios[name].append(rate / ceiling)
            rates["trivial"].append(ceiling)
            rates[name].append(rate)
            error_count["trivial"] += bad_ceiling
            error_count[name] += bad
        print(f"[load] {label}: round {round_number}/{PAIRS} done", file=sys.stderr, flush=True)

    report = {"backend": label, "pairs": PAIRS, "connections": int(CONNECTIONS), "rate": int(RATE), "routes": {}}
    print(f"\n{label}: {PAIRS} alternating pairs of {DURATION} s at {CONNECTIONS} connections; open loop at {RATE} req/s")
    print(f"{'route':<12} {'req/s':>9} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8} {'@req/s':>7} {'errors':>6}")
    for name, url, route_cookie in [("trivial", trivial, None)] + routes:
        latency = open_loop(url, route_cookie)
        median_rate = statistics.median(rates[name])
        ratio = 1.0 if name == "trivial" else statistics.median(ratios[name])
        total_errors = error_count[name] + latency["errors"]
        report["routes"][name] = {"rps": median_rate, "ratio": ratio, **latency, "errors": total_errors}
        print(
            f"{name:<12} {median_rate:>9.0f} {ratio:>6.3f} {latency['p50_ms']:>8.1f} {latency['p99_ms']:>8.1f}"
            f" {latency['achieved_rps']:>7.0f} {total_errors:>6}"
        )
    if json_out:
        with open(json_out, "w") as handle:
            json.dump(report, handle, indent=2)


if __name__ == "__main__":
    main()
