"""Many instances (issue 27): two `dnaker serve` on one PostgreSQL database behind a local haproxy.

    python3 scripts/drill/instances.py --binary target/drill/dnaker-instances --out target/drill/instances.json

Both servers share the data dir (uploaded files) and DNAKER_SECRET_KEY, as README "Several instances behind
a load balancer" asks. haproxy (round-robin, health check /readyz, loopback only) is configured in
target/drill/instances-haproxy.cfg; its stats socket counts what each server answered. Proves:
  session   a session made through one instance works on the other, and signing out through it ends it;
  cache     a vacancy published through one instance shows on the other's kept public page within the
            page-cache lifetime (the lag measured), and on the instance it was made through at once;
  load      the write load of load.py plus anonymous page reads through the proxy reach both servers;
  kill      kill -9 of one server under write load: every write acknowledged is in the database, the
            requests that failed in flight are counted, the proxy moves the traffic to the survivor.
Exit status 1 when a check fails. The database is dropped at the end; the data dir is kept on failure.
"""
import argparse
import base64
import csv
import io
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(__file__))
from kill9 import duplicates, verify  # noqa: E402
from load import VACANCY, Load  # noqa: E402
from portal import ACC, Down, Niks, Portal, fn_path, free_port, json_or_none, wib_today  # noqa: E402
from server import Database, Server, integrity  # noqa: E402

HTML = {"Accept": "text/html"}
READ_PAGES = ["/", "/lowongan", "/bursa-kerja", "/lowongan?q=operator"]
HAPROXY_CFG = """# Written by scripts/drill/instances.py: loopback only, removed with nothing else.
global
    maxconn 2000
    stats socket {sock} mode 600 level admin

defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout http-request 10s
    # Only a connection that failed to open is retried (the request never left): no write runs twice.
    retries 2
    option redispatch
    # Appends the client to X-Forwarded-For; the servers run with DNAKER_TRUST_PROXY=2, so the drill
    # client's own X-Forwarded-For (one per simulated visitor) stands for a CDN hop in front.
    option forwardfor

frontend portal
    bind 127.0.0.1:{port}
    default_backend dnaker

backend dnaker
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
{servers}
"""


class Proxy:
    """haproxy in front of `servers` ({name: Server}), config and stats socket in `workdir`."""

    def __init__(self, workdir, servers):
        self.servers, self.port = servers, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.cfg = os.path.abspath(os.path.join(workdir, "instances-haproxy.cfg"))
        self.sock = os.path.abspath(os.path.join(workdir, "instances-haproxy.sock"))
        self.log = os.path.abspath(os.path.join(workdir, "instances-haproxy.log"))
        self.process = None

    def start(self):
        lines = "\n".join(
            f"    server {name} 127.0.0.1:{s.port} check" for name, s in self.servers.items())
        with open(self.cfg, "w") as f:
            f.write(HAPROXY_CFG.format(sock=self.sock, port=self.port, servers=lines))
        subprocess.run(["haproxy", "-c", "-q", "-f", self.cfg], check=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                ["haproxy", "-db", "-f", self.cfg], stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        for name in self.servers:
            if self.wait_status(name, "UP", 20) is None:
                raise RuntimeError(f"haproxy never saw {name} UP, see {self.log}")

    def stats(self):
        """{server: {field: value}} from `show stat`; counters as ints."""
        for _ in range(50):
            try:
                with socket.socket(socket.AF_UNIX) as s:
                    s.connect(self.sock)
                    s.sendall(b"show stat\n")
                    data = b"".join(iter(lambda: s.recv(65536), b""))
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"no haproxy stats socket at {self.sock}")
        rows = csv.DictReader(io.StringIO(data.decode().lstrip("# ")))
        out = {}
        for row in rows:
            if row.get("pxname") == "dnaker" and row.get("svname") in self.servers:
                out[row["svname"]] = {
                    k: int(v) if v.isdigit() else v for k, v in row.items() if k}
        return out

    def wait_status(self, name, status, timeout):
        """Seconds until haproxy says `name` is `status` (UP/DOWN), or None."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if str(self.stats()[name]["status"]).startswith(status):
                return time.monotonic() - start
            time.sleep(0.05)
        return None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if os.path.exists(self.sock):
            os.remove(self.sock)


def answered(before, after):
    """Responses per server between two stats snapshots: {server: {"2xx": n, ..., "total": n}}."""
    out = {}
    for name in after:
        counts = {c: after[name][f"hrsp_{c}"] - before[name][f"hrsp_{c}"]
                  for c in ("1xx", "2xx", "3xx", "4xx", "5xx", "other")}
        counts["total"] = sum(counts.values())
        counts["failed_by_proxy"] = after[name]["eresp"] - before[name]["eresp"]
        out[name] = counts
    return out


def readers(base, stop, samples, threads=2):
    """Anonymous page reads through the proxy; `samples` collects statuses."""
    def loop():
        portal = Portal(base, ip=f"10.99.{random.randrange(256)}.{random.randrange(1, 255)}")
        while not stop.is_set():
            try:
                status = portal.get(random.choice(READ_PAGES), headers=HTML)[0]
            except Down:
                status = 0
            samples.append(status)
            time.sleep(0.02)
    workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for t in workers:
        t.start()
    return workers


def check_session(a, b, accounts):
    """Sign in through `a`, use the cookie on `b`; sign out through `b`, the cookie ends on `a` too."""
    email, password = accounts["seeker"][0]
    on_a = Portal(a.base, ip="10.55.0.1")
    on_a.sign_in(email, password)
    cookie = on_a.cookie
    on_b = Portal(b.base, ip="10.55.0.1")
    on_b.cookie = cookie
    status_b, page_b = on_b.get("/akun", headers=HTML)
    anonymous_status, anonymous_page = Portal(b.base, ip="10.55.0.2").get("/akun", headers=HTML)
    signed_in_on_b = status_b == 200 and email in page_b and email not in anonymous_page
    out_status = on_b.post(fn_path(ACC, "sign_out"), [])[0]
    after = Portal(a.base, ip="10.55.0.1")
    after.cookie = cookie
    status_after, page_after = after.get("/akun", headers=HTML)
    return {
        "signed_in_through": "a", "page_on_b": "/akun", "status_on_b": status_b,
        "b_shows_the_user": signed_in_on_b, "anonymous_status_on_b": anonymous_status,
        "sign_out_through_b_status": out_status, "status_on_a_after_sign_out": status_after,
        "a_still_shows_the_user_after_sign_out": email in page_after,
        "ok": signed_in_on_b and 200 <= out_status < 300 and email not in page_after,
    }


def publish(company, admin, title):
    """A vacancy submitted by the company and, when it waits for review, approved: (id, when public)."""
    deadline = (wib_today() + timedelta(days=30)).isoformat()
    status, body = company.post(
        "submit_vacancy", [("form[title]", title), ("form[deadline]", deadline)] + VACANCY)
    answer = json_or_none(body)
    if not 200 <= status < 300 or not isinstance(answer, dict):
        raise RuntimeError(f"submit_vacancy: {status} {body[:200]}")
    if answer.get("status") != "published":
        status, body = admin.post("decide_vacancy", [("vacancy_id", answer["id"]), ("decision", "approve")])
        if not 200 <= status < 300:
            raise RuntimeError(f"decide_vacancy: {status} {body[:200]}")
    return answer["id"], time.monotonic()


def poll_until(portal, path, text, since, limit):
    """Seconds from `since` until an anonymous GET of `path` shows `text`, or None after `limit` s."""
    while time.monotonic() - since < limit:
        status, body = portal.get(path, headers=HTML)
        if status == 200 and text in body:
            return time.monotonic() - since
        time.sleep(0.05)
    return None


def check_cache(a, b, accounts, lifetime, trials):
    """Publish through `a` while `b` (and `a`) keep the search page anonymous visitors see; measure how
    long `b` still shows the page without the new vacancy. The copy's age at the change varies per trial."""
    company = Portal(a.base, ip="10.56.0.1")
    company.sign_in(*accounts["company"][0])
    admin = Portal(a.base, ip="10.56.0.2")
    admin.sign_in(*accounts["admin"][0])
    runs = []
    for trial in range(trials):
        token = f"cachedrill{random.getrandbits(40):010x}"
        title = f"Operator Gudang {token}"
        path = f"/lowongan?q={token}"
        visitor_a, visitor_b = Portal(a.base, ip="10.56.1.1"), Portal(b.base, ip="10.56.1.2")
        kept_at = time.monotonic()
        first_b, first_a = visitor_b.get(path, headers=HTML), visitor_a.get(path, headers=HTML)
        if first_b[0] != 200 or title in first_b[1] or title in first_a[1]:
            raise RuntimeError(f"search page before the change: {first_b[0]}")
        time.sleep(trial * lifetime / max(trials, 1))  # copy ages 0, 1/n, 2/n ... of the lifetime
        vacancy, published = publish(company, admin, title)
        lag_a = poll_until(visitor_a, path, title, published, 3 * lifetime + 5)
        lag_b = poll_until(visitor_b, path, title, published, 3 * lifetime + 5)
        detail = visitor_b.get(f"/lowongan/{vacancy}", headers=HTML)
        runs.append({
            "vacancy": vacancy, "copy_age_at_change_s": round(published - kept_at, 2),
            "lag_on_a_s": None if lag_a is None else round(lag_a, 2),
            "lag_on_b_s": None if lag_b is None else round(lag_b, 2),
            "detail_page_on_b": detail[0] == 200 and title in detail[1],
        })
    lags = [r["lag_on_b_s"] for r in runs]
    ok = all(lag is not None and lag <= lifetime + 1.0 for lag in lags) and all(
        r["detail_page_on_b"] and r["lag_on_a_s"] is not None and r["lag_on_a_s"] < 1.0 for r in runs)
    seen = [lag for lag in lags if lag is not None]
    return {"page_cache_seconds": lifetime, "path": "/lowongan?q=<token>", "trials": runs,
            "max_lag_on_b_s": max(seen) if seen else None, "ok": ok}


def run_load(proxy, accounts, niks, acks, errors, seconds):
    """load.py's writes and anonymous reads through the proxy for `seconds`; what each server answered."""
    before, stop, reads = proxy.stats(), threading.Event(), []
    load = Load(proxy.base, accounts, niks, acks, errors)
    threads = load.run(stop) + readers(proxy.base, stop, reads)
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    per_server = answered(before, proxy.stats())
    writes = [s for _, _, s in load.timeline]
    total = sum(c["total"] for c in per_server.values())
    return {
        "seconds": seconds, "per_server": per_server,
        "writes_acknowledged": sum(1 for s in writes if s == 200),
        "writes_refused_or_failed": sum(1 for s in writes if s != 200),
        "reads": len(reads), "reads_ok": sum(1 for s in reads if s == 200),
        "ok": total > 0 and all(c["2xx"] > total // 5 for c in per_server.values())
        and all(s == 200 for s in reads),
    }


def watch_down(proxy, name, since, result):
    """Records when haproxy first says `name` is DOWN (seconds after `since`)."""
    took = proxy.wait_status(name, "DOWN", 20)
    result["proxy_marked_down_s"] = None if took is None else round(time.monotonic() - since, 2)


def kill_cycle(proxy, servers, victim, accounts, niks, acks, errors, after):
    """Write load through the proxy; kill -9 `victim` after 1.5-3 s; `after` s more load on the survivor."""
    survivor = next(n for n in servers if n != victim)
    stop, result = threading.Event(), {"killed": victim}
    load = Load(proxy.base, accounts, niks, acks, errors)
    threads = load.run(stop)
    time.sleep(random.uniform(1.5, 3.0))
    before = proxy.stats()
    killed_at = time.monotonic()
    servers[victim].kill9()
    watcher = threading.Thread(target=watch_down, args=(proxy, victim, killed_at, result))
    watcher.start()
    time.sleep(after)
    stop.set()
    for t in threads + [watcher]:
        t.join(timeout=30)
    since_kill = answered(before, proxy.stats())
    outcomes = [(at - killed_at, s) for at, _, s in load.timeline]
    failed = [at for at, s in outcomes if at >= 0 and (s >= 500 or s == 0)]
    result.update({
        "writes_acknowledged_before_kill": sum(1 for at, s in outcomes if at < 0 and s == 200),
        "writes_acknowledged_after_kill": sum(1 for at, s in outcomes if at >= 0 and s == 200),
        "failed_in_flight": len(failed),
        "last_failure_after_kill_s": round(max(failed), 2) if failed else None,
        "after_kill_per_server": since_kill,
    })
    restart = servers[victim].start()
    back = proxy.wait_status(victim, "UP", 30)
    result["restart_to_ready_s"] = round(restart, 2)
    result["proxy_back_up_s"] = None if back is None else round(restart + back, 2)
    result["ok"] = (since_kill[survivor]["2xx"] > 0 and result["writes_acknowledged_after_kill"] > 0
                    and result["proxy_marked_down_s"] is not None and back is not None)
    return result


def final_checks(db, data_dir, servers, acks):
    found, problems = verify(db, data_dir, acks)
    checks = integrity(db)
    checks.update(duplicates(db))
    for name, server in servers.items():
        panics = server.panics()
        checks[f"no panic in server {name}'s log"] = (panics == 0, f"{panics} panics")
    writes = {k: {"acknowledged": a, "found": f, "missing": a - f} for k, (a, f) in found.items()}
    return writes, checks, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--cycles", type=int, default=2, help="kill -9 cycles")
    parser.add_argument("--load-seconds", type=float, default=20.0)
    parser.add_argument("--after-kill", type=float, default=5.0, help="load on the survivor, s")
    parser.add_argument("--cache-trials", type=int, default=3)
    args = parser.parse_args()

    lifetime = int(os.environ.get("DNAKER_PAGE_CACHE_SECONDS", "10"))
    workdir = os.path.dirname(os.path.abspath(args.out))
    data_dir = tempfile.mkdtemp(prefix="dnaker-instances-")
    db = Database("postgres", data_dir)
    env = {"DNAKER_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(), "DNAKER_TRUST_PROXY": "2",
           "DNAKER_PAGE_CACHE_SECONDS": str(lifetime)}
    binary = os.path.abspath(args.binary)
    servers = {n: Server(binary, data_dir, db.url, env, name=f"server-{n}") for n in ("a", "b")}
    proxy = Proxy(workdir, servers)
    acks, errors, report, started = [], {}, {}, time.time()
    try:
        for server in servers.values():  # one after the other: the first migrates and seeds the demo
            server.start()
        accounts = servers["a"].demo_accounts()
        if not all(accounts.get(r) for r in ("admin", "company", "seeker")):
            raise SystemExit(f"demo passwords not found in {servers['a'].log_path}")
        proxy.start()
        niks = Niks(random.randrange(1 << 30))
        print("== session through a, used on b", flush=True)
        report["session"] = check_session(servers["a"], servers["b"], accounts)
        print(f"== change through a, seen on b (page cache {lifetime} s)", flush=True)
        report["cache"] = check_cache(servers["a"], servers["b"], accounts, lifetime, args.cache_trials)
        print(f"== load through the proxy, {args.load_seconds:.0f} s", flush=True)
        report["load"] = run_load(proxy, accounts, niks, acks, errors, args.load_seconds)
        report["kill"] = []
        for cycle in range(args.cycles):
            victim = "ab"[cycle % 2]
            print(f"== kill -9 cycle {cycle + 1}/{args.cycles}: server {victim}", flush=True)
            report["kill"].append(
                kill_cycle(proxy, servers, victim, accounts, niks, acks, errors, args.after_kill))
        writes, checks, problems = final_checks(db, data_dir, servers, acks)
    finally:
        proxy.stop()
        for server in servers.values():
            server.stop()
        db.drop()
    report.update({
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "seconds": round(time.time() - started),
        "haproxy": subprocess.run(["haproxy", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
        "writes": writes,
        "acknowledged": sum(w["acknowledged"] for w in writes.values()),
        "missing": sum(w["missing"] for w in writes.values()),
        "refused_or_failed_requests": errors,
        "checks": {k: {"ok": ok, "detail": d} for k, (ok, d) in checks.items()},
        "problems": problems,
    })
    report = {k: report[k] for k in ["date", "seconds", "haproxy"] + [
        k for k in report if k not in ("date", "seconds", "haproxy")]}
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))
    ok = (report["missing"] == 0 and all(c["ok"] for c in report["checks"].values())
          and report["session"]["ok"] and report["cache"]["ok"] and report["load"]["ok"]
          and all(k["ok"] for k in report["kill"]))
    if ok:
        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        print(f"FAILED; data dir kept at {data_dir}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
