"""A small HTTP client for the portal's server functions, for the drills and scans (Python stdlib only).

Server functions are POSTs to /api/<name><hash>; the hash is Leptos's xxh64 of "<crate dir>:<module path>",
so the paths are computed here from the checkout the binary was built from (as the macro does).
Every request goes to loopback only: `Portal` refuses any other host.
"""
import json
import os
import random
import socket
import struct
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
P1, P2, P3, P4, P5 = (
    11400714785074694791,
    14029467366897019727,
    1609587929392839161,
    9650029242287828579,
    2870177450012600261,
)
M64 = (1 << 64) - 1


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M64


def _round(acc, lane):
    acc = (acc + lane * P2) & M64
    return (_rotl(acc, 31) * P1) & M64


def _merge(acc, val):
    acc ^= _round(0, val)
    return (acc * P1 + P4) & M64


def xxh64(data: bytes, seed: int = 0) -> int:
    """XXH64, as xxhash_rust::const_xxh64 computes it (checked against the built binary's paths)."""
    n, i = len(data), 0
    if n >= 32:
        v = [(seed + P1 + P2) & M64, (seed + P2) & M64, seed, (seed - P1) & M64]
        while i + 32 <= n:
            for k in range(4):
                v[k] = _round(v[k], struct.unpack_from("<Q", data, i + 8 * k)[0])
            i += 32
        h = (_rotl(v[0], 1) + _rotl(v[1], 7) + _rotl(v[2], 12) + _rotl(v[3], 18)) & M64
        for k in range(4):
            h = _merge(h, v[k])
    else:
        h = (seed + P5) & M64
    h = (h + n) & M64
    while i + 8 <= n:
        h ^= _round(0, struct.unpack_from("<Q", data, i)[0])
        h = (_rotl(h, 27) * P1 + P4) & M64
        i += 8
    if i + 4 <= n:
        h ^= (struct.unpack_from("<I", data, i)[0] * P1) & M64
        h = (_rotl(h, 23) * P2 + P3) & M64
        i += 4
    while i < n:
        h ^= (data[i] * P5) & M64
        h = (_rotl(h, 11) * P1) & M64
        i += 1
    h ^= h >> 33
    h = (h * P2) & M64
    h ^= h >> 29
    h = (h * P3) & M64
    return h ^ (h >> 32)


def fn_path(module: str, name: str) -> str:
    """`module` like "features::accounts::api"."""
    key = f"{REPO}:dnaker::{module}".encode()
    return f"/api/{name}{xxh64(key)}"


ACC, VAC, PKWT = "features::accounts::api", "features::vacancies::api", "features::pkwt::api"
PATHS = {
    "sign_in": fn_path(ACC, "sign_in"),
    "sign_up_seeker": fn_path(ACC, "sign_up_seeker"),
    "submit_vacancy": fn_path(VAC, "submit_vacancy"),
    "decide_vacancy": fn_path(VAC, "decide_vacancy"),
    "apply_to_vacancy": fn_path(VAC, "apply_to_vacancy"),
    "search_vacancies": fn_path(VAC, "search_vacancies"),
    "register_contract": fn_path(PKWT, "register_contract"),
    "decide_contract": fn_path(PKWT, "decide_contract"),
}


class Down(Exception):
    """The server did not answer (refused, reset, timed out)."""


class Portal:
    def __init__(self, base: str, ip: str = "127.0.0.1", timeout: float = 15.0):
        host = urllib.parse.urlsplit(base).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"refusing a non-loopback target: {base}")
        self.base, self.ip, self.timeout, self.cookie = base.rstrip("/"), ip, timeout, None

    def _send(self, method, path, body=None, content_type=None, headers=None):
        request = urllib.request.Request(self.base + path, data=body, method=method)
        request.add_header("X-Forwarded-For", self.ip)
        request.add_header("Accept", "application/json")
        if content_type:
            request.add_header("Content-Type", content_type)
        if self.cookie:
            request.add_header("Cookie", self.cookie)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, text, got = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, got = error.code, error.headers
            try:
                text = error.read()
            except (OSError, http_errors()) as e:
                raise Down(str(e)) from e
        except (urllib.error.URLError, OSError, http_errors()) as error:
            raise Down(str(error)) from error
        for value in got.get_all("Set-Cookie") or []:
            pair = value.split(";", 1)[0]
            if "dnaker_sid" in pair:
                self.cookie = None if pair.endswith("=") or "Max-Age=0" in value else pair
        return status, text.decode("utf-8", "replace")

    def get(self, path, headers=None):
        return self._send("GET", path, headers=headers)

    def post(self, fn, fields):
        body = urllib.parse.urlencode(fields).encode()
        return self._send("POST", PATHS.get(fn, fn), body, "application/x-www-form-urlencoded")

    def post_multipart(self, fn, fields, files=()):
        boundary = "----dnakerDrill%016x" % random.getrandbits(64)
        parts = []
        for key, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            )
        for key, file_name, data in files:
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{file_name}"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            )
            parts.append(head.encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self._send(
            "POST", PATHS[fn], b"".join(parts), f"multipart/form-data; boundary={boundary}"
        )

    def sign_in(self, email, password):
        status, body = self.post("sign_in", [("email", email), ("password", password)])
        if status != 200:
            raise RuntimeError(f"sign-in {email}: {status} {body[:200]}")


def http_errors():
    import http.client

    return http.client.HTTPException


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wib_today():
    return (datetime.now(timezone.utc) + timedelta(hours=7)).date()


class Niks:
    """Unique, valid NIKs (region 36.03.01, Kabupaten Tangerang) with their birth date and sex."""

    def __init__(self, run_seed: int):
        self.lock, self.counter = threading.Lock(), 0
        self.rng = random.Random(run_seed)
        self.base = run_seed % 9000

    def next(self):
        with self.lock:
            self.counter += 1
            n = self.counter
        # The serial (1..9999) and the birth date (1970..1999, day 1..28) together make ~3 million
        # distinct NIKs a run; the run seed shifts the serial so reruns on one database do not collide.
        serial = (self.base + n) % 9999 + 1
        day = (n // 9999) % 28 + 1
        month = (n // (9999 * 28)) % 12 + 1
        year = 1970 + (n // (9999 * 28 * 12)) % 30
        female = n % 2 == 0
        dd = day + 40 if female else day
        nik = f"360301{dd:02d}{month:02d}{year % 100:02d}{serial:04d}"
        return nik, f"{year:04d}-{month:02d}-{day:02d}", "female" if female else "male"


def json_or_none(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def wait_ready(base, timeout=90.0):
    """Seconds until /readyz answers 200, or None."""
    start = time.monotonic()
    portal = Portal(base, timeout=2.0)
    while time.monotonic() - start < timeout:
        try:
            if portal.get("/readyz")[0] == 200:
                return time.monotonic() - start
        except Down:
            pass
        time.sleep(0.05)
    return None
