"""Summarizes scripts/scan.sh's output folder: sqlmap verdicts and wapiti findings by level, as JSON.

    python3 scripts/drill/scan_summary.py target/scan
"""
import glob
import json
import os
import sys

LEVELS = {4: "critical", 3: "high", 2: "medium", 1: "low", 0: "info"}


def wapiti(path):
    with open(path) as f:
        report = json.load(f)
    found = {"by_level": {}, "findings": [], "anomalies": []}
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, items in (report.get(section) or {}).items():
            for item in items:
                level = LEVELS.get(item.get("level"), str(item.get("level")))
                found["by_level"][level] = found["by_level"].get(level, 0) + 1
                entry = {
                    "section": section, "category": category, "level": level,
                    "method": item.get("method"), "path": item.get("path"),
                    "parameter": item.get("parameter"), "info": (item.get("info") or "")[:200],
                }
                (found["anomalies"] if section == "anomalies" else found["findings"]).append(entry)
    info = report.get("infos") or {}
    found["crawled_urls"] = info.get("crawled_pages_nbr", len(report.get("crawled_pages", [])))
    return found


def main():
    folder = sys.argv[1]
    summary = {}
    results = os.path.join(folder, "sqlmap-results.txt")
    if os.path.exists(results):
        with open(results) as f:
            lines = [line.strip() for line in f if line.strip()]
        summary["sqlmap"] = dict(line.split(": ", 1) for line in lines)
        summary["sqlmap_injections"] = sum(1 for line in lines if line.endswith("INJECTION"))
        codes = {}
        for log in sorted(glob.glob(os.path.join(folder, "sqlmap-*.log"))):
            with open(log, errors="replace") as f:
                text = f.read().splitlines()
            name = os.path.basename(log)[len("sqlmap-"):-len(".log")]
            for i, line in enumerate(text[:-1]):
                if "HTTP error codes detected" in line:
                    codes[name] = text[i + 1].strip()
        summary["sqlmap_http_error_codes"] = codes
    for path in sorted(glob.glob(os.path.join(folder, "wapiti-*.json"))):
        name = os.path.basename(path)[len("wapiti-"):-len(".json")]
        summary[f"wapiti_{name}"] = wapiti(path)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
