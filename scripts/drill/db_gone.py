"""Database gone at runtime.

    python3 scripts/drill/db_gone.py postgres --binary B --out F   # stops the local PostgreSQL cluster
    python3 scripts/drill/db_gone.py full-disk --binary B --out F  # SQLite data dir on a small tmpfs

postgres: under read load, the cluster is stopped for OUTAGE seconds (6 by default) and started again,
always (finally). Measured: when /readyz first says 503 after the stop, what pages answer meanwhile
(status, localized "temporarily unavailable" text, panics), and how long after the start /readyz and the
pages serve again; pages that failed during the outage must not be kept (fetched again: 200).
full-disk: the data dir is a tmpfs, filled to the last byte: writes must be refused with a clear message
while reads keep working; space freed, writes work again.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from portal import Down, Niks, Portal  # noqa: E402
from server import Database, Server  # noqa: E402

PAGES = ["/", "/lowongan", "/bursa-kerja"]
UNAVAILABLE = {"id": "tidak tersedia sementara", "en": "temporarily unavailable"}
INTERNAL = {"id": "terjadi kesalahan pada sistem", "en": "something went wrong"}


def cluster():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def pg(action):
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", action],
        check=True, capture_output=True, timeout=60,
    )


def pg_running():
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode == 0


def classify(status, body):
    lang = "en" if 'lang="en"' in body else "id"
    text = body.lower()
    return {
        "status": status,
        "localized_unavailable": UNAVAILABLE[lang] in text or UNAVAILABLE["id"] in text,
        "internal_error_text": INTERNAL[lang] in text or INTERNAL["id"] in text,
        "error_panel": 'role="alert"' in text,
        "html": "<html" in text,
    }


class Reader:
    """Threads GETting pages (random query strings, so the page cache cannot answer) and recording all."""

    def __init__(self, base):
        self.base, self.samples, self.lock = base, [], threading.Lock()

    def run(self, stop, threads=4):
        def loop():
            portal = Portal(self.base, timeout=10)
            while not stop.is_set():
                path = random.choice(PAGES)
                path += f"?q=kerja{random.getrandbits(20)}" if "lowongan" in path else ""
                at = time.monotonic()
                try:
                    status, body = portal.get(path, headers={"Accept": "text/html"})
                    sample = (at, path, dict(classify(status, body), took=time.monotonic() - at))
                except Down as error:
                    sample = (at, path, {"status": 0, "error": str(error)[:100]})
                with self.lock:
                    self.samples.append(sample)
                time.sleep(0.02)

        workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
        for w in workers:
            w.start()
        return workers


def first(portal, path, want, since, timeout):
    """Seconds from `since` until GET path has answered `want` (polled every 20 ms), or None; and how
    long that one answer took."""
    while time.monotonic() - since < timeout:
        sent = time.monotonic()
        try:
            if portal.get(path)[0] == want:
                done = time.monotonic()
                return round(done - since, 3), round(done - sent, 3)
        except Down:
            pass
        time.sleep(0.02)
    return None, None


def postgres_drill(args):
    if not pg_running():
        raise SystemExit("PostgreSQL does not answer at 127.0.0.1:5432")
    data_dir = tempfile.mkdtemp(prefix="dnaker-dbgone-")
    db = Database("postgres", data_dir)
    server = Server(os.path.abspath(args.binary), data_dir, db.url)
    portal = Portal("http://127.0.0.1:1")  # replaced below
    report = {"drill": "postgres stopped under load", "outage_s": args.outage}
    stop = threading.Event()
    try:
        server.start()
        portal = Portal(server.base, timeout=10)
        reader = Reader(server.base)
        workers = reader.run(stop)
        time.sleep(2)
        stopping = time.monotonic()
        pg("stop")
        stopped_at = time.monotonic()  # the cluster is down once the stop command returns
        report["pg_stop_command_s"] = round(stopped_at - stopping, 2)
        report["readyz_503_after_stop_s"], report["readyz_503_answer_took_s"] = first(
            portal, "/readyz", 503, stopped_at, 10)
        time.sleep(max(0.0, args.outage - (time.monotonic() - stopped_at)))
        failed_paths = sorted({
            p for at, p, s in reader.samples
            if at > stopped_at and (s["status"] != 200 or s.get("error_panel"))})
        started_at = time.monotonic()
        pg("start")
        report["pg_start_command_s"] = round(time.monotonic() - started_at, 2)
        report["readyz_200_after_start_s"] = first(portal, "/readyz", 200, started_at, 30)[0]
        report["page_200_after_start_s"] = first(portal, "/lowongan?q=lagi", 200, started_at, 30)[0]
        time.sleep(2)
        stop.set()
        for w in workers:
            w.join(timeout=15)
        during = [s for at, _, s in reader.samples if stopped_at < at < started_at - 0.5]
        statuses = {}
        for s in during:
            statuses[str(s["status"])] = statuses.get(str(s["status"]), 0) + 1
        report["pages_during_outage"] = {
            "requests": len(during),
            "by_status": statuses,
            "503_with_localized_page": sum(
                1 for s in during if s["status"] == 503 and s.get("localized_unavailable")),
            "200_showing_an_error_panel": sum(
                1 for s in during if s["status"] == 200 and s.get("error_panel")),
            "200_error_panel_with_localized_unavailable": sum(
                1 for s in during
                if s["status"] == 200 and s.get("error_panel") and s.get("localized_unavailable")),
            "showing_internal_error_text": sum(1 for s in during if s.get("internal_error_text")),
            "slowest_answer_s": round(max((s.get("took", 0) for s in during), default=0), 2),
            "sample_non_503": next(
                (s for s in during if s["status"] not in (200, 503)), None),
        }
        # Pages that failed during the outage, fetched again: must be served fresh, not the kept error.
        again = {}
        for path in failed_paths[:10]:
            status, body = portal.get(path, headers={"Accept": "text/html"})
            panel = 'role="alert"' in body
            again[path] = f"{status} with an error panel" if panel else str(status)
        report["failed_pages_fetched_again"] = again
        report["panics"] = server.panics()
        report["errors_logged"] = server.log_text().count(" ERROR ")
        server.stop()
    finally:
        stop.set()
        if not pg_running():
            pg("start")  # never leave the shared PostgreSQL down
        server.kill9()
        db.drop()
        shutil.rmtree(data_dir, ignore_errors=True)
    report["ok"] = (
        report["readyz_503_after_stop_s"] is not None and report["readyz_503_after_stop_s"] <= 1.0
        and report["readyz_200_after_start_s"] is not None and report["readyz_200_after_start_s"] <= 5.0
        and report["page_200_after_start_s"] is not None and report["page_200_after_start_s"] <= 5.0
        and report["panics"] == 0
        and set(report["pages_during_outage"]["by_status"]) <= {"200", "503"}
        and report["pages_during_outage"]["503_with_localized_page"]
        == report["pages_during_outage"]["by_status"].get("503", 0)
        and report["pages_during_outage"]["200_showing_an_error_panel"] == 0
        and all(v == "200" for v in report["failed_pages_fetched_again"].values())
    )
    return report


def full_disk_drill(args):
    mount = tempfile.mkdtemp(prefix="dnaker-full-")
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.tmpfs_mb}m", "tmpfs", mount], check=True)
    report = {"drill": "SQLite on a full disk", "tmpfs_mb": args.tmpfs_mb}
    server = Server(os.path.abspath(args.binary), mount)
    server.log_path = os.path.join(tempfile.gettempdir(), f"dnaker-full-{os.getpid()}.log")
    try:
        server.start()
        accounts = server.demo_accounts()
        seeker = Portal(server.base, ip="10.66.0.1")
        seeker.sign_in(*accounts["seeker"][0])
        niks = Niks(random.randrange(1 << 30))

        def write():
            nik, birth, sex = niks.next()
            status, body = Portal(server.base, ip=f"10.66.1.{random.randrange(1, 250)}").post(
                "sign_up_seeker", [
                    ("form[nik]", nik), ("form[full_name]", "Pencaker Penuh"),
                    ("form[place_of_birth]", "Tangerang"), ("form[date_of_birth]", birth),
                    ("form[sex]", sex), ("form[email]", f"penuh.{nik}@drill.test"),
                    ("form[phone]", "0812-3456-7890"), ("form[password]", "drill-sandi-panjang-1"),
                ])
            return {"status": status, "body": body[:300]}

        def reads():
            out = {p: seeker.get(p, headers={"Accept": "text/html"})[0] for p in PAGES}
            out["search (POST)"] = seeker.post("search_vacancies", [("query[text]", "operator")])[0]
            out["/readyz"] = seeker.get("/readyz")[0]
            return out

        report["before"] = {"write": write()["status"], "reads": reads()}
        filler = os.path.join(mount, "filler")
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True)
        report["free_bytes_after_fill"] = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        report["writes_when_full"] = [write() for _ in range(3)]
        report["reads_when_full"] = reads()
        os.remove(filler)
        # Several writes: each may get another pooled connection (one that hit the full disk or not).
        report["writes_after_freeing"] = [write() for _ in range(6)]
        report["reads_after_freeing"] = reads()
        report["panics"] = server.panics()
        server.stop()
        check = subprocess.run(["sqlite3", os.path.join(mount, "dnaker.db"), "PRAGMA integrity_check"],
                               capture_output=True, text=True)
        report["integrity_check"] = check.stdout.strip()
    finally:
        server.kill9()
        subprocess.run(["umount", mount], check=False)
        os.rmdir(mount)
    full = report["writes_when_full"]
    report["ok"] = (
        all(w["status"] in (503, 507) for w in full)
        and all(v == 200 for k, v in report["reads_when_full"].items() if k != "/readyz")
        and all(w["status"] == 200 for w in report["writes_after_freeing"]) and report["panics"] == 0
        and report["integrity_check"] == "ok"
    )
    return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("drill", choices=["postgres", "full-disk"])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--outage", type=float, default=6.0)
    parser.add_argument("--tmpfs-mb", type=int, default=48)
    args = parser.parse_args()
    started = time.time()
    report = postgres_drill(args) if args.drill == "postgres" else full_disk_drill(args)
    report["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started))
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
