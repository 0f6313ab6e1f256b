#!/usr/bin/env python
"""Throughput benchmark: mentornet's pages under gunicorn, next to a bare Django page (see bench/README.md).

Prints one JSON object per line on stdout; progress and errors go to stderr. Exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import hashlib
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
LUA = BENCH / "wrk.lua"
PYTHON = sys.executable

LOGIN_EMAIL = "koordinator.kbh@mentornet.example"
LOGIN_PASSWORD = "mentornet-demo"  # noqa: S105 (the published demo password)
BARE = "/bench/bare/"
DASHBOARD = "/oversigt/"
LOGIN = "/log-ind/"
WRK_THREADS = 2
WRK_CONNECTIONS = 8
WORKERS = 2


class BenchError(Exception):
    """A failure that ends the run with a message and a non-zero exit code."""


@dataclass(frozen=True)
class Page:
    bench: str
    path: str
    logged_in: bool


PAGES = [
    Page("http.dashboard", DASHBOARD, logged_in=True),
    Page("http.login", LOGIN, logged_in=False),
]


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def emit(record: dict[str, Any]) -> None:
    print(json.dumps(record), flush=True)


def tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --- Environment and data -------------------------------------------------------------------------------------


def django_env(db: Path, secret_key: str) -> dict[str, str]:
    """The environment for manage.py, gunicorn and the query counter: SQLite at ``db``, plain http, bench URLs."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL="",  # SQLite, whatever .env says
        SQLITE_PATH=str(db),
        SECRET_KEY=secret_key,
        DEBUG="false",
        HTTPS="false",
        SECURE_SSL_REDIRECT="false",
        BEHIND_TLS_PROXY="false",
        TRUSTED_PROXY_COUNT="0",
        STATIC_MANIFEST="false",
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    return env


def data_fingerprint() -> str:
    """Changes when the schema, the demo data builders or the pinned packages change: then the data is rebuilt."""
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("mentornet/**/migrations/*.py")) + sorted(ROOT.glob("mentornet/**/demo.py"))
    files.append(ROOT / "requirements.txt")
    for file in files:
        if file.is_file():
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def run_checked(command: list[str], env: dict[str, str], what: str, timeout: float = 600) -> str:
    try:
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{what} took longer than {timeout:.0f} s") from error
    if done.returncode != 0:
        raise BenchError(f"{what} failed (exit {done.returncode}):\n{tail(done.stdout)}\n{tail(done.stderr)}")
    return done.stdout


def ensure_data(scale: int, secret_key: str, rebuild: bool) -> tuple[Path, float, bool]:
    """The SQLite file with the demo data at ``scale``; built once and reused while the marker matches."""
    target = OUT / f"scale-{scale}"
    db = target / "db.sqlite3"
    marker = target / "built.json"
    wanted = {"scale": scale, "fingerprint": data_fingerprint()}
    if not rebuild and db.is_file() and marker.is_file():
        try:
            if json.loads(marker.read_text()) == wanted:
                return db, 0.0, True
        except ValueError:
            pass
    log(f"building the demo data at --scale {scale} (migrate + demo) ...")
    started = time.monotonic()
    building = OUT / f"scale-{scale}.building"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    env = django_env(building / "db.sqlite3", secret_key)
    manage = [PYTHON, str(ROOT / "manage.py")]
    run_checked([*manage, "migrate", "--noinput", "-v", "0"], env, f"migrate (scale {scale})")
    run_checked([*manage, "demo", "--scale", str(scale)], env, f"manage.py demo --scale {scale}")
    (building / "built.json").write_text(json.dumps(wanted))
    # The finished directory replaces the old one in one rename, so a half-built database is never reused.
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    return db, time.monotonic() - started, False


# --- Query counts (a child process with Django set up against one scale's database) ---------------------------


def count_queries_child() -> None:
    """Runs in a child process: prints {path: queries} for one steady-state request to each page."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def client() -> Client:
        return Client(HTTP_HOST="127.0.0.1")

    def count(path: str, make_client: Any) -> int:
        # One request first, as a running worker has already warmed its caches (content types, templates).
        warm = make_client().get(path)
        if warm.status_code != 200:
            raise SystemExit(f"GET {path} answered {warm.status_code}, expected 200")
        with CaptureQueriesContext(connection) as queries:
            response = make_client().get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}, expected 200")
        return len(queries.captured_queries)

    user = client()
    response = user.post(LOGIN, {"username": LOGIN_EMAIL, "password": LOGIN_PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"log-in with the test client answered {response.status_code}, expected 302")
    result = {
        BARE: count(BARE, client),
        LOGIN: count(LOGIN, client),  # a new visitor each time, as under wrk
        DASHBOARD: count(DASHBOARD, lambda: user),
    }
    print(json.dumps(result))


def count_queries(env: dict[str, str], scale: int) -> dict[str, int]:
    output = run_checked(
        [PYTHON, str(Path(__file__).resolve()), "--count-queries"], env, f"query count (scale {scale})"
    )
    return {path: int(n) for path, n in json.loads(output.strip().splitlines()[-1]).items()}


# --- HTTP: gunicorn, log-in, wrk ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(opener: urllib.request.OpenerDirector, request: urllib.request.Request | str) -> tuple[int, str, Any]:
    """(status, body, headers) without following redirects; error statuses are returned, not raised."""
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), error.headers


def plain_opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect)


@contextmanager
def gunicorn(env: dict[str, str], scale: int) -> Iterator[str]:
    """Starts ``gunicorn -w 2`` (sync workers) on a free port of 127.0.0.1; yields the base URL; stops it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_file = OUT / f"gunicorn-scale-{scale}.log"
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "mentornet.wsgi",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(ROOT),
        "--log-level",
        "warning",
        "--error-logfile",
        str(log_file),
        "--no-control-socket",
    ]
    log_file.write_text("")
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise BenchError(f"gunicorn exited with {process.returncode}:\n{tail(log_file.read_text())}")
            try:
                status, _body, _headers = fetch(plain_opener(), base + BARE)
            except (urllib.error.URLError, OSError):
                status = 0
            if status == 200:
                break
            if status:
                raise BenchError(f"GET {BARE} answered {status} at start-up:\n{tail(log_file.read_text())}")
            if time.monotonic() > deadline:
                raise BenchError(f"gunicorn did not answer within 60 s:\n{tail(log_file.read_text())}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def log_in(base: str) -> str:
    """Logs in as the København coordinator through the real form (CSRF, django-axes); returns a Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPCookieProcessor(jar))
    status, body, _headers = fetch(opener, base + LOGIN)
    if status != 200:
        raise BenchError(f"log-in failed: GET {LOGIN} answered {status}")
    match = re.search(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"', body)
    if not match:
        raise BenchError(f"log-in failed: no csrfmiddlewaretoken in the form at {LOGIN}")
    form = {"csrfmiddlewaretoken": match.group(1), "username": LOGIN_EMAIL, "password": LOGIN_PASSWORD}
    request = urllib.request.Request(
        base + LOGIN, data=urllib.parse.urlencode(form).encode(), headers={"Referer": base + LOGIN}
    )
    status, body, headers = fetch(opener, request)
    cookies = {cookie.name: cookie.value for cookie in jar}
    if status != 302 or "sessionid" not in cookies:
        hint = {
            200: "the form came back: wrong e-mail or password, or the demo data lacks this user",
            403: "CSRF failure",
            429: "locked out by django-axes (too many failed attempts)",
        }.get(status, "unexpected answer")
        raise BenchError(f"log-in as {LOGIN_EMAIL} failed: POST {LOGIN} answered {status} ({hint})")
    location = headers.get("Location", "")
    if urllib.parse.urlsplit(location).path != DASHBOARD:
        raise BenchError(f"log-in redirected to {location!r}, expected {DASHBOARD}")
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


def check_page(base: str, path: str, cookie: str | None) -> None:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    status, _body, headers = fetch(plain_opener(), request)
    if status != 200:
        where = f" to {headers.get('Location')}" if headers and headers.get("Location") else ""
        raise BenchError(f"GET {path} answered {status}{where}, expected 200")


def wrk(url: str, seconds: int, cookie: str | None) -> dict[str, Any]:
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", str(LUA)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"wrk on {url} did not finish") from error
    if done.returncode != 0:
        raise BenchError(f"wrk on {url} failed (exit {done.returncode}):\n{tail(done.stdout)}\n{tail(done.stderr)}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("WRK_JSON ")]
    if not lines:
        raise BenchError(f"wrk on {url} printed no summary:\n{tail(done.stdout)}\n{tail(done.stderr)}")
    summary: dict[str, Any] = json.loads(lines[-1].removeprefix("WRK_JSON "))
    requests = summary["requests"]
    if not requests:
        raise BenchError(f"wrk on {url} completed no requests")
    if summary["non200"]:
        raise BenchError(
            f"wrk on {url}: {summary['non200']} of {requests} responses were not 200 (e.g. {summary['non200_status']})"
        )
    socket_errors = {name: n for name, n in summary["errors"].items() if n and name != "status"}
    if socket_errors:
        raise BenchError(f"wrk on {url}: socket errors {socket_errors} in {requests} requests")
    return {
        "median_ms": summary["p50_us"] / 1000,
        "p95_ms": summary["p95_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "rps": requests / (summary["duration_us"] / 1e6),
        "requests": requests,
    }


def measure(base: str, path: str, cookie: str | None, seconds: int, warmup: int) -> dict[str, Any]:
    if warmup:
        wrk(base + path, warmup, cookie)
    result = wrk(base + path, seconds, cookie)
    log(
        f"  {path:<14} median {result['median_ms']:7.2f} ms  p95 {result['p95_ms']:7.2f} ms  {result['rps']:7.1f} req/s"
    )
    return result


# --- The run --------------------------------------------------------------------------------------------------


def rounded(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "median_ms": round(result["median_ms"], 2),
        "p95_ms": round(result["p95_ms"], 2),
        "p99_ms": round(result["p99_ms"], 2),
        "rps": round(result["rps"], 1),
        "requests": result["requests"],
    }


def bench_scale(scale: int, secret_key: str, args: argparse.Namespace) -> None:
    db, build_seconds, reused = ensure_data(scale, secret_key, args.rebuild)
    emit({"bench": "build", "scale": scale, "seconds": round(build_seconds, 1), "reused": reused})
    env = django_env(db, secret_key)
    queries = count_queries(env, scale)
    log(f"scale {scale}: gunicorn -w {WORKERS}, wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{args.seconds}s")
    with gunicorn(env, scale) as base:
        cookie = log_in(base)
        for path, page_cookie in ((BARE, None), (LOGIN, None), (DASHBOARD, cookie)):
            check_page(base, path, page_cookie)
        bare_runs = [measure(base, BARE, None, args.seconds, args.warmup)]
        results = {
            page.bench: measure(base, page.path, cookie if page.logged_in else None, args.seconds, args.warmup)
            for page in PAGES
        }
        bare_runs.append(measure(base, BARE, None, args.seconds, args.warmup))
        check_page(base, DASHBOARD, cookie)  # the session survived the load

    bare = {
        key: sum(run[key] for run in bare_runs) / len(bare_runs) for key in ("median_ms", "p95_ms", "p99_ms", "rps")
    }
    bare["requests"] = sum(run["requests"] for run in bare_runs)
    emit(
        {
            "bench": "http.bare",
            "scale": scale,
            "path": BARE,
            **rounded(bare),
            "queries": queries[BARE],
            "runs": [{"median_ms": round(r["median_ms"], 2), "rps": round(r["rps"], 1)} for r in bare_runs],
        }
    )
    for page in PAGES:
        result = results[page.bench]
        emit(
            {
                "bench": page.bench,
                "scale": scale,
                "path": page.path,
                **rounded(result),
                "queries": queries[page.path],
                "ratio_rps": round(result["rps"] / bare["rps"], 3),
                "ratio_median": round(result["median_ms"] / bare["median_ms"], 3),
                "ratio_p95": round(result["p95_ms"] / bare["p95_ms"], 3),
            }
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8, help="measured seconds per page (default 8)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds before each measurement (default 2)")
    parser.add_argument("--scales", default="1,10", help="comma-separated demo scales (default 1,10)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the demo databases even if they exist")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        count_queries_child()
        return 0

    started = time.monotonic()
    try:
        try:
            scales = [int(value) for value in args.scales.split(",") if value.strip()]
        except ValueError:
            scales = []
        if not scales or min(scales) < 1 or args.seconds < 1 or args.warmup < 0:
            raise BenchError("--scales must list whole numbers >= 1, --seconds must be >= 1 and --warmup >= 0")
        if not shutil.which("wrk"):
            raise BenchError("wrk is not installed: run `make bench` (as root) or `apt-get install -y wrk`")
        (OUT / "static").mkdir(parents=True, exist_ok=True)
        secret_key = secrets.token_urlsafe(50)
        load = os.getloadavg()[0]
        if load > 0.5:
            log(f"the machine is busy (load average {load:.2f}): absolute numbers are noisy, the ratios less so")
        emit(
            {
                "bench": "config",
                "seconds": args.seconds,
                "warmup": args.warmup,
                "scales": scales,
                "gunicorn": f"-w {WORKERS} sync",
                "wrk": f"-t{WRK_THREADS} -c{WRK_CONNECTIONS}",
                "cpus": os.cpu_count(),
                "loadavg_1m": round(load, 2),
                "python": platform.python_version(),
            }
        )
        for scale in scales:
            bench_scale(scale, secret_key, args)
    except BenchError as error:
        log(f"FAILED: {error}")
        return 1
    emit({"bench": "total", "seconds": round(time.monotonic() - started, 1)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
