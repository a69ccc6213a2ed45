"""Starts and kills a `dnaker serve` on loopback, and queries its database with the sqlite3 / psql CLIs."""
import os
import re
import signal
import subprocess
import uuid

from portal import free_port, wait_ready

ADMIN_URL = os.environ.get("DRILL_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


class Server:
    def __init__(self, binary, data_dir, database_url=None, extra_env=None, name="server"):
        """`name` names the log file in the data dir (several servers may share one data dir)."""
        self.binary, self.data_dir, self.database_url = binary, data_dir, database_url
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(data_dir, f"{name}.log")
        self.process, self.starts = None, 0
        self.env = dict(os.environ)
        self.env.update({
            "DNAKER_DATA_DIR": data_dir,
            "LEPTOS_SITE_ADDR": f"127.0.0.1:{self.port}",
            "DNAKER_SEED_DEMO": "1",
            "DNAKER_TRUST_PROXY": "1",
            "DNAKER_SIGN_UPS_PER_ADDRESS": "1000000",
            "RUST_MIN_STACK": "8388608",
            "RUST_LOG": os.environ.get("RUST_LOG", "warn"),
        })
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.env.update(extra_env or {})

    def start(self, wait=True):
        self.starts += 1
        log = open(self.log_path, "ab")
        log.write(f"\n===== start {self.starts} =====\n".encode())
        log.flush()
        self.process = subprocess.Popen(
            [self.binary, "serve"], env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        if not wait:
            return None
        took = wait_ready(self.base)
        if took is None:
            raise RuntimeError(f"server not ready within 90 s, see {self.log_path}")
        return took

    def kill9(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill9()

    def log_text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def demo_accounts(self):
        """role -> [(email, password)], from the passwords the first start printed once."""
        accounts = {}
        for role, email, password in re.findall(
            r"^\s+(admin|officer|company|seeker)\s+(\S+@\S+)\s+(\S+)\s*$", self.log_text(), re.M
        ):
            accounts.setdefault(role, []).append((email, password))
        return accounts

    def panics(self):
        return len(re.findall(r"panicked at", self.log_text()))


class Database:
    """The drill's database: a SQLite file in the data dir, or a fresh PostgreSQL database."""

    def __init__(self, backend, data_dir):
        self.backend, self.data_dir = backend, data_dir
        self.name = None
        if backend == "postgres":
            self.name = f"dnaker_drill_{uuid.uuid4().hex[:12]}"
            psql(ADMIN_URL, f"CREATE DATABASE {self.name}")
            self.url = ADMIN_URL.rsplit("/", 1)[0] + "/" + self.name
        else:
            self.url = None
            self.path = os.path.join(data_dir, "dnaker.db")

    def rows(self, sql):
        if self.backend == "postgres":
            out = psql(self.url, sql)
        else:
            out = subprocess.run(
                ["sqlite3", "-separator", "|", self.path, sql], check=True, capture_output=True,
                text=True, timeout=300,
            ).stdout
        return [line.split("|") for line in out.splitlines() if line.strip()]

    def drop(self):
        if self.name:
            psql(ADMIN_URL, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


def psql(url, sql):
    return subprocess.run(
        ["psql", "-X", "-q", "-At", "-F", "|", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
        check=True, capture_output=True, text=True, timeout=600,
    ).stdout


def integrity(db):
    """Backend integrity checks: {name: (ok, detail)}."""
    checks = {}
    if db.backend == "sqlite":
        result = [r[0] for r in db.rows("PRAGMA integrity_check")]
        checks["integrity_check"] = (result == ["ok"], ",".join(result)[:300])
        fk = db.rows("PRAGMA foreign_key_check")
        checks["foreign_key_check"] = (not fk, f"{len(fk)} rows")
        return checks
    fks = db.rows(
        "SELECT c.conrelid::regclass, a.attname, c.confrelid::regclass, af.attname FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1"
    )
    orphans = 0
    for table, column, parent, parent_column in fks:
        orphans += int(db.rows(
            f"SELECT COUNT(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {parent} p WHERE p.{parent_column} = t.{column})"
        )[0][0])
    checks["foreign_keys"] = (orphans == 0, f"{len(fks)} foreign keys, {orphans} orphan rows")
    invalid = db.rows("SELECT COUNT(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready")[0][0]
    checks["indexes_valid"] = (invalid == "0", f"{invalid} invalid indexes")
    try:
        db.rows("CREATE EXTENSION IF NOT EXISTS amcheck")
        bad = db.rows(
            "SELECT COUNT(*) FROM (SELECT bt_index_check(i.indexrelid, true) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE am.amname = 'btree' "
            "AND n.nspname = 'public') s"
        )
        checks["amcheck_btree"] = (True, f"{bad[0][0]} btree indexes checked against their tables")
    except subprocess.CalledProcessError as error:
        checks["amcheck_btree"] = (False, error.stderr.strip()[:300])
    return checks
