"""kill -9 under write load: CYCLES times, write load for a random 0.5-4 s, then SIGKILL and restart;
at the end every acknowledged write must be in the database, integrity checks pass, no duplicate numbers.

    python3 scripts/drill/kill9.py --backend sqlite|postgres --cycles 50 --binary target/debug/dnaker

Prints a report and writes it as JSON to --out. Exit status 1 when anything acknowledged is missing or a
check fails. Loopback only; the SQLite data dir / PostgreSQL database is made fresh and removed after.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from load import Load  # noqa: E402
from portal import Niks  # noqa: E402
from server import Database, Server, integrity  # noqa: E402


def verify(db, data_dir, acks):
    """Every acknowledged write, looked up by its key. Returns {kind: (acknowledged, found)} and problems."""
    problems = []
    emails = {r[0] for r in db.rows("SELECT email FROM accounts WHERE email LIKE 'drill.%'")}
    vacancies = {int(r[0]) for r in db.rows("SELECT id FROM vacancies")}
    applications = {
        int(r[0]): (int(r[1]), r[2])
        for r in db.rows(
            "SELECT a.id, a.vacancy_id, c.email FROM job_applications a "
            "JOIN accounts c ON c.id = a.seeker_account_id"
        )
    }
    contracts = {
        int(r[0]): (r[1], r[2], r[3])
        for r in db.rows(
            "SELECT id, status, COALESCE(registration_number, ''), COALESCE(document_key, '') "
            "FROM pkwt_contracts"
        )
    }
    found = {}

    def tally(kind, ok, ack):
        acknowledged, hits = found.get(kind, (0, 0))
        found[kind] = (acknowledged + 1, hits + (1 if ok else 0))
        if not ok and len(problems) < 20:
            problems.append(f"missing {kind}: {ack}")

    for ack in acks:
        kind, key = ack["kind"], ack["key"]
        if kind == "signup":
            tally(kind, key in emails, ack)
        elif kind == "vacancy":
            tally(kind, key in vacancies, ack)
        elif kind == "apply":
            tally(kind, applications.get(key) == (ack["vacancy"], ack["seeker"]), ack)
        elif kind == "pkwt":
            row = contracts.get(key)
            document = row is not None and (
                not row[2] or os.path.isfile(os.path.join(data_dir, "files", row[2]))
            )
            tally(kind, row is not None and document, ack)
        elif kind == "approve":
            row = contracts.get(key)
            tally(kind, row is not None and row[0] == "approved" and row[1] == ack["number"], ack)
    return found, problems


def duplicates(db):
    checks = {}
    for name, sql in {
        "pkwt registration numbers": "SELECT registration_number FROM pkwt_contracts "
        "WHERE registration_number IS NOT NULL GROUP BY registration_number HAVING COUNT(*) > 1",
        "pkwt verification codes": "SELECT verification_code FROM pkwt_contracts "
        "WHERE verification_code IS NOT NULL GROUP BY verification_code HAVING COUNT(*) > 1",
        "AK-1 card numbers": "SELECT card_number FROM ak1_applications WHERE card_number IS NOT NULL "
        "GROUP BY card_number HAVING COUNT(*) > 1",
        "account e-mails": "SELECT LOWER(email) FROM accounts GROUP BY LOWER(email) HAVING COUNT(*) > 1",
        "applications per vacancy and seeker": "SELECT vacancy_id, seeker_account_id FROM job_applications "
        "GROUP BY vacancy_id, seeker_account_id HAVING COUNT(*) > 1",
    }.items():
        rows = db.rows(sql)
        checks[f"no duplicate {name}"] = (not rows, f"{len(rows)} duplicated")
    # Numbers come from a counter updated in the issuing transaction: approved contracts = last serial.
    approved = int(db.rows(
        "SELECT COUNT(*) FROM pkwt_contracts WHERE registration_number IS NOT NULL")[0][0])
    serials = sum(int(r[0]) for r in db.rows("SELECT last_serial FROM pkwt_number_counters"))
    checks["pkwt numbers without gaps"] = (
        approved == serials, f"{approved} numbered contracts, counters at {serials}")
    return checks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--min-load", type=float, default=0.5)
    parser.add_argument("--max-load", type=float, default=4.0)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix=f"dnaker-kill9-{args.backend}-")
    db = Database(args.backend, data_dir)
    server = Server(os.path.abspath(args.binary), data_dir, db.url)
    acks, errors, restarts, cycle_checks = [], {}, [], []
    started = time.time()
    try:
        server.start()
        accounts = server.demo_accounts()
        if not all(accounts.get(r) for r in ("admin", "company", "seeker")):
            raise SystemExit(f"demo passwords not found in {server.log_path}")
        niks = Niks(random.randrange(1 << 30))
        for cycle in range(1, args.cycles + 1):
            stop = threading.Event()
            threads = Load(server.base, accounts, niks, acks, errors).run(stop)
            time.sleep(random.uniform(args.min_load, args.max_load))
            server.kill9()
            stop.set()
            for t in threads:
                t.join(timeout=30)
            restarts.append(server.start())
            if args.backend == "sqlite":
                cycle_checks.append(all(ok for ok, _ in integrity(db).values()))
            print(f"cycle {cycle}/{args.cycles}: {len(acks)} acknowledged writes so far, "
                  f"ready again in {restarts[-1]:.2f} s", flush=True)
        found, problems = verify(db, data_dir, acks)
        checks = integrity(db)
        checks.update(duplicates(db))
        if cycle_checks:
            checks["integrity after every restart"] = (
                all(cycle_checks), f"{sum(cycle_checks)}/{len(cycle_checks)} cycles ok")
        panics = server.panics()
        checks["no panic in the server log"] = (panics == 0, f"{panics} panics")
        server.stop()
    finally:
        server.kill9()
        db.drop()
    report = {
        "backend": args.backend,
        "cycles": args.cycles,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "seconds": round(time.time() - started),
        "writes": {k: {"acknowledged": a, "found": f, "missing": a - f} for k, (a, f) in found.items()},
        "acknowledged": sum(a for a, _ in found.values()),
        "missing": sum(a - f for a, f in found.values()),
        "restart_to_ready_s": {
            "median": round(statistics.median(restarts), 2), "max": round(max(restarts), 2)},
        "refused_or_failed_requests": errors,
        "checks": {k: {"ok": ok, "detail": d} for k, (ok, d) in checks.items()},
        "problems": problems,
    }
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))
    ok = report["missing"] == 0 and all(c["ok"] for c in report["checks"].values())
    if ok:
        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        print(f"FAILED; data dir kept at {data_dir}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
