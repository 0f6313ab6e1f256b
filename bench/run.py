#!/usr/bin/env python
"""Throughput benchmark: mentornet's pages under gunicorn, next to a bare Django page, the person register's
import, and the matching engine (see bench/README.md).

Prints one JSON object per line on stdout; progress and errors go to stderr. Exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import http.cookiejar
import io
import json
import os
import platform
import random
import re
import resource
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
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
#: The mentee list with filters that select rows at both scales (about 20 at --scale 1, 200 at --scale 10).
PEOPLE_LIST = "/personer/mentees/?status=waiting&gender=female&age_band=25-29&sort=waiting"
#: A free-text search for a common Danish first name (name, e-mail and phone are searched, case-insensitively).
PEOPLE_SEARCH = "/personer/mentees/?q=Anne"
#: Object pages whose addresses hold ids looked up per scale (see ``find_pages``).
PERSON_PAGE = "/person/{id}/"
MENTORSHIP_PAGE = "/forloeb/{id}/"
CALENDAR_PAGE = "/kalender/{id}/"
RESULTS_PAGE = "/programmer/{id}/resultater/"
#: "?beregn" makes a results page compute its figures now instead of taking them from the 5-minute cache.
FRESH = "?beregn=1"
COMPARE_YEARS_PAGE = "/programmer/{id}/resultater/sammenligning/" + FRESH
ORGANISATION_RESULTS_PAGE = "/organisationer/{id}/resultater/" + FRESH
#: The public integration barometer (no log-in): the summary of every area, and one indicator's page.
BAROMETER = "/barometer/"
INDICATOR_PAGE = "/barometer/indikatorer/{id}/"
#: The public project bank (no log-in): a text search with an area filter (about 50 projects at --scale 1, 500 at
#: --scale 10, among 632 and 5,132 published), and one published project's page.
PROJECT_SEARCH = "/projektbank/?q=lektie&area=education"
PROJECT_PAGE = "/projektbank/{id}/"
#: Rows in the import file, and the fraction of rows given an error on purpose.
IMPORT_ROWS = 10_000
IMPORT_ERROR_SHARE = 0.02
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
    #: A list page: the response must show at least one row (a link to a person page).
    has_rows: bool = False


def pages_for(found: dict[str, str]) -> list[Page]:
    """The measured pages (besides bare) of one scale; ``found`` holds that scale's object pages (see
    ``find_pages``): the person page, a mentorship page, the København calendar, results pages and the public
    barometer (anonymous readers, as the public pages are read)."""
    return [
        Page("http.dashboard", DASHBOARD, logged_in=True),
        Page("http.login", LOGIN, logged_in=False),
        Page("http.people_list", PEOPLE_LIST, logged_in=True, has_rows=True),
        Page("http.people_search", PEOPLE_SEARCH, logged_in=True, has_rows=True),
        Page("http.person_page", found["person"], logged_in=True),
        Page("http.mentorship_page", found["mentorship"], logged_in=True),
        Page("http.branch_calendar", found["calendar"], logged_in=True),
        Page("http.programme_results", found["results"], logged_in=True),
        Page("http.programme_results_fresh", found["results"] + FRESH, logged_in=True),
        Page("http.compare_years_fresh", found["compare_years"], logged_in=True),
        Page("http.organisation_results_fresh", found["organisation_results"], logged_in=True),
        Page("http.barometer_summary", BAROMETER, logged_in=False),
        Page("http.barometer_indicator", found["barometer_indicator"], logged_in=False),
        Page("http.projektbank_search", PROJECT_SEARCH, logged_in=False),
        Page("http.projektbank_project", found["project"], logged_in=False),
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
    files = sorted(ROOT.glob("mentornet/**/migrations/*.py")) + sorted(ROOT.glob("mentornet/**/demo*.py"))
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


def find_person() -> Any:
    """A København mentee with a history: matched, referred by a partner, screened, with a consent (lowest id)."""
    from django.db.models import Exists, OuterRef

    from mentornet.people.models import Consent, Person, Referral, Screening

    def has(model: Any) -> Any:
        return Exists(model.objects.filter(person=OuterRef("pk")))

    person = (
        Person.objects.visible()
        .filter(branch__name="København", kind="mentee", status="matched")
        .filter(has(Referral), has(Screening), has(Consent))
        .order_by("pk")
        .first()
    )
    if person is None:
        raise SystemExit("no matched mentee in København with a referral, a screening and a consent in the demo data")
    return person


def find_project() -> int:
    """The id of the first synthetic published project with an event (areas, a two-year budget, an event)."""
    from mentornet.projects.models import Project

    project = Project.objects.filter(published=True, is_reference=False, events__isnull=False).order_by("pk").first()
    if project is None:
        raise SystemExit("no published demo project with an event in the demo data")
    return project.pk


def find_pages() -> dict[str, str]:
    """The object pages measured at every scale: the person page (``find_person``); the active København
    mentorship with the most meetings (the heaviest mentorship page); the København calendar; the results page of
    the København programme (its demo targets: last year and this year), from the cache and computed now; the
    programme's year against year and KVINFO's branch against branch, computed now; the public barometer page of
    Københavns Kommune's employment indicator (Beskæftigelse 1: two definitions, twice-yearly measurements)."""
    from django.db.models import Count

    from mentornet.barometer.models import Indicator
    from mentornet.mentorships.models import Mentorship
    from mentornet.organisations.models import Branch, Organisation, Programme

    mentorship = (
        Mentorship.objects.filter(branch__name="København", status="active")
        .annotate(n=Count("meetings"))
        .order_by("-n", "pk")
        .first()
    )
    if mentorship is None:
        raise SystemExit("no active mentorship in København in the demo data")
    programme = Programme.objects.get(name="Mentornetværket København")
    employment = Indicator.objects.get(municipality__name="Københavns Kommune", area="beskaeftigelse", number=1)
    return {
        "person": PERSON_PAGE.format(id=find_person().pk),
        "mentorship": MENTORSHIP_PAGE.format(id=mentorship.pk),
        "calendar": CALENDAR_PAGE.format(id=Branch.objects.get(name="København").pk),
        "results": RESULTS_PAGE.format(id=programme.pk),
        "compare_years": COMPARE_YEARS_PAGE.format(id=programme.pk),
        "organisation_results": ORGANISATION_RESULTS_PAGE.format(
            id=Organisation.objects.get(name="KVINFOs Mentornetværk").pk
        ),
        "barometer_indicator": INDICATOR_PAGE.format(id=employment.pk),
        "project": PROJECT_PAGE.format(id=find_project()),
    }


def count_queries_child() -> None:
    """Runs in a child process: prints the person page to measure and {path: queries} for one steady-state request
    to each page."""
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

    found = find_pages()
    user = client()
    response = user.post(LOGIN, {"username": LOGIN_EMAIL, "password": LOGIN_PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"log-in with the test client answered {response.status_code}, expected 302")
    queries = {BARE: count(BARE, client)}
    for page in pages_for(found):
        # A new visitor each time for pages without log-in, as under wrk.
        queries[page.path] = count(page.path, (lambda: user) if page.logged_in else client)
    print(json.dumps({"found": found, "queries": queries}))


def count_queries(env: dict[str, str], scale: int) -> tuple[dict[str, str], dict[str, int]]:
    """(the object pages' paths, {path: queries}) at one scale."""
    output = run_checked(
        [PYTHON, str(Path(__file__).resolve()), "--count-queries"], env, f"query count (scale {scale})"
    )
    found = json.loads(output.strip().splitlines()[-1])
    return found["found"], {path: int(n) for path, n in found["queries"].items()}


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


def check_page(base: str, path: str, cookie: str | None) -> str:
    """GETs a page once (200 expected, no redirects) and returns its body."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    status, body, headers = fetch(plain_opener(), request)
    if status != 200:
        where = f" to {headers.get('Location')}" if headers and headers.get("Location") else ""
        raise BenchError(f"GET {path} answered {status}{where}, expected 200")
    return str(body)


def list_rows(body: str, path: str) -> dict[str, int]:
    """Rows shown on a person list page (links to person pages) and the number found (its "N people found")."""
    shown = len(set(re.findall(r'href="/person/(\d+)/"', body)))
    message = re.search(r'<p class="rows-message">\s*([\d.,]+)', body)
    found = int(re.sub(r"\D", "", message.group(1))) if message else shown
    if not shown:
        raise BenchError(f"GET {path} shows no people: choose filters that select rows at every scale")
    return {"rows": shown, "found": found}


def wrk(url: str, seconds: int, cookie: str | None, *, warmup: bool = False) -> dict[str, Any]:
    # A page that computes its figures afresh (the results pages with ?beregn) may take over wrk's default 2 s
    # under 8 connections on 2 workers; a generous timeout measures it rather than counting it as an error.
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    command += ["-s", str(LUA)]
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
    if not requests and warmup:
        return {}  # a page slower than the warm-up (a results page computing afresh) is warm once it has started
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


def measure(base: str, name: str, path: str, cookie: str | None, seconds: int, warmup: int) -> dict[str, Any]:
    if warmup:
        wrk(base + path, warmup, cookie, warmup=True)
    result = wrk(base + path, seconds, cookie)
    log(
        f"  {name:<20} median {result['median_ms']:7.2f} ms  p95 {result['p95_ms']:7.2f} ms  {result['rps']:7.1f} req/s"
    )
    return result


# --- Import throughput (not over HTTP: the import services run directly in a child process) -------------------

IMPORT_HEADINGS = ["Fornavn", "Efternavn", "E-mail", "Tlf.", "Fødselsdato", "Køn", "Sprog", "Oprettet"]
MAIL_DOMAINS = [("gmail.com", 40), ("hotmail.com", 20), ("outlook.dk", 10), ("yahoo.dk", 8), ("mail.dk", 8)]
MAIL_DOMAINS += [("live.dk", 6), ("icloud.com", 5), ("jubii.dk", 3)]
LANGUAGE_LISTS = [
    ("Dansk", 35),
    ("Dansk, Engelsk", 30),
    ("Dansk og engelsk", 6),
    ("Dansk, Engelsk, Tysk", 8),
    ("dansk/engelsk/fransk", 3),
    ("Dansk, Arabisk", 3),
    ("Dansk; Polsk", 2),
    ("Engelsk", 3),
    ("", 10),
]
GENDER_FEMALE = [("K", 50), ("Kvinde", 30), ("k", 8), ("kvinde", 4), ("Andet", 1), ("", 7)]
GENDER_MALE = [("M", 50), ("Mand", 30), ("m", 8), ("mand", 4), ("Andet", 1), ("", 7)]
#: Each kind of row error the import must catch (an unreadable or impossible value, or a missing name).
ROW_ERRORS = ["email", "phone", "birth_date", "future_birth", "gender", "registered", "no_name"]
_MAIL_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ö": "o", "ü": "u", "ä": "a"})


def _weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _w in choices], weights=[w for _v, w in choices])[0]


def _mail_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", ".", name.lower().translate(_MAIL_LETTERS)).strip(".")


def make_import_file(rows: int, seed: int = 2025) -> tuple[bytes, str, dict[str, int]]:
    """A legacy mentor register as a Windows-1252, semicolon-separated CSV: Danish headings, synthetic people
    (Faker da_DK), dd-mm-åååå dates, phones written in several ways, a few blanks; about 2 % of the rows carry
    one error and 1 % repeat an earlier row. The same file every time (fixed seed).
    Returns (content, encoding, {"error_rows": .., "repeated_rows": ..})."""
    from faker import Faker

    fake = Faker("da_DK")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    today = datetime.datetime.now(datetime.UTC).date()
    used_mails: set[str] = set()
    used_phones: set[str] = set()
    table: list[list[str]] = []
    planted = {"error_rows": 0, "repeated_rows": 0}
    for number in range(rows):
        if table and rng.random() < 0.01:  # the same person entered twice: the import skips the second
            table.append(list(rng.choice(table)))
            planted["repeated_rows"] += 1
            continue
        female = rng.random() < 0.75
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name()
        if rng.random() < 0.08:
            last = f"{last}-{fake.last_name()}" if rng.random() < 0.5 else f"{fake.last_name()} {last}"
        domain = _weighted(rng, MAIL_DOMAINS)
        mail = rng.choice(
            [
                f"{_mail_name(first)}.{_mail_name(last)}@{domain}",
                f"{_mail_name(first)}{rng.randint(1, 99)}@{domain}",
                f"{_mail_name(first)[0]}{_mail_name(last).replace('.', '')}@{domain}",
                f"{_mail_name(first)}_{_mail_name(last)}{rng.randint(60, 2005)}@{domain}",
            ]
        )
        while mail in used_mails:
            mail = mail.replace("@", f"{rng.randint(0, 9)}@", 1)
        used_mails.add(mail)
        if rng.random() < 0.04:
            mail = ""
        digits = str(rng.randint(20_000_000, 99_999_999))
        while digits in used_phones:
            digits = str(rng.randint(20_000_000, 99_999_999))
        used_phones.add(digits)
        pairs = " ".join(digits[i : i + 2] for i in range(0, 8, 2))
        phone = _weighted(
            rng, [(f"+45 {pairs}", 50), (digits, 20), (pairs, 17), (f"0045 {digits}", 4), (f"+45{digits}", 4), ("", 5)]
        )
        born = today - datetime.timedelta(days=rng.randint(20 * 365, 75 * 365))
        registered = today - datetime.timedelta(days=rng.randint(30, 12 * 365))
        row = [
            first,
            last,
            mail,
            phone,
            born.strftime("%d-%m-%Y") if rng.random() > 0.03 else "",
            _weighted(rng, GENDER_FEMALE if female else GENDER_MALE),
            _weighted(rng, LANGUAGE_LISTS),
            registered.strftime("%d-%m-%Y") if rng.random() > 0.05 else "",
        ]
        if rng.random() < IMPORT_ERROR_SHARE:
            planted["error_rows"] += 1
            error = ROW_ERRORS[number % len(ROW_ERRORS)]
            if error == "email":
                row[2] = rng.choice([f"{_mail_name(first)}@", f"{_mail_name(first)} {_mail_name(last)}@{domain}"])
            elif error == "phone":
                row[3] = rng.choice(["1234", "tlf. 12 34 5", "ring efter kl. 16"])
            elif error == "birth_date":
                row[4] = rng.choice([f"31-02-{born.year}", "ukendt", f"{born.day:02d}-13-{born.year}"])
            elif error == "future_birth":
                row[4] = f"01-01-{today.year + 1}"
            elif error == "gender":
                row[5] = rng.choice(["?", "ikke oplyst", "kv."])
            elif error == "registered":
                row[7] = rng.choice(["sidste år", "2019-13-01", "forår 2018"])
            else:
                row[0] = ""
        table.append(row)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(IMPORT_HEADINGS)
    writer.writerows(table)
    try:
        return text.getvalue().encode("cp1252"), "cp1252", planted
    except UnicodeEncodeError:  # a name outside Windows-1252: then the file is UTF-8, as Excel's "CSV UTF-8"
        return text.getvalue().encode("utf-8"), "utf-8", planted


def max_rss_mb() -> float:
    """The peak resident set size of this process so far (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def import_child(csv_path: str, trace: bool) -> None:
    """Runs in a child process against a copy of a bench database: upload, dry run and import of ``csv_path``
    as the København coordinator, with the services the background tasks call. Prints one JSON object."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from mentornet.accounts.models import Membership, Role, User
    from mentornet.people.models import ImportJob, Person
    from mentornet.people.services.imports import import_check, import_run, import_upload

    executed = [0]

    def count_query(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed[0] += 1
        return execute(sql, params, many, context)

    user = User.objects.get(email=LOGIN_EMAIL)
    branch = Membership.objects.select_related("branch").get(user=user, role=Role.COORDINATOR).branch
    assert branch is not None
    people_before = Person.objects.visible().count()
    start_rss = max_rss_mb()
    peaks: dict[str, float] = {}
    queries: dict[str, int] = {}

    def phase_done(name: str) -> None:
        queries[name] = executed[0]
        executed[0] = 0
        if trace:
            peaks[name] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.reset_peak()

    def steps() -> tuple[Any, list[float]]:
        """Upload, dry run, import: the job and the clock after each step."""
        clock = [time.perf_counter()]
        content = Path(csv_path).read_bytes()
        job = import_upload(actor=user, branch=branch, kind="mentor", file_name="bench.csv", content=content)
        clock.append(time.perf_counter())
        phase_done("upload")
        if set(job.columns) != set(job.headers):
            raise SystemExit(f"the import did not map every heading: {job.headers} -> {job.columns}")
        # What import_set_columns does, without queueing the background task: the bench calls the service itself.
        job.state = ImportJob.State.CHECKING
        job.save(update_fields=["state"])
        job = import_check(job)
        clock.append(time.perf_counter())
        phase_done("check")
        if job.state != ImportJob.State.CHECKED:
            raise SystemExit(f"the dry run ended in state {job.state}: {job.error}")
        job.state = ImportJob.State.IMPORTING  # what import_start does, without queueing the task
        job.save(update_fields=["state"])
        job = import_run(job)
        clock.append(time.perf_counter())
        phase_done("import")
        if job.state != ImportJob.State.DONE:
            raise SystemExit(f"the import ended in state {job.state}: {job.error}")
        return job, clock

    if trace:
        tracemalloc.start()
    with connection.execute_wrapper(count_query):
        job, (started, uploaded, checked, imported) = steps()
    if trace:
        tracemalloc.stop()
    result = {
        "upload_s": uploaded - started,
        "check_s": checked - uploaded,
        "import_s": imported - checked,
        "accepted": job.accepted_rows,
        "warning": job.warning_rows,
        "error": job.error_rows,
        "duplicate": job.duplicate_rows,
        "created": job.created_count,
        "people_added": Person.objects.visible().count() - people_before,
        "check_queries": queries["check"],
        "import_queries": queries["import"],
        "start_rss_mb": start_rss,
        "max_rss_mb": max_rss_mb(),
    }
    if trace:
        result["peak_traced_mb"] = max(peaks.values())
        result.update({f"{name}_peak_traced_mb": peak for name, peak in peaks.items()})
    print(json.dumps(result))


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of an SQLite database (WAL included), so that the reused bench data stays untouched."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def bench_import(scale: int, secret_key: str, args: argparse.Namespace) -> None:
    """import.throughput: a 10,000-row file into a copy of the scale's database, twice: once timed (and its
    ru_maxrss), once under tracemalloc for the peak of Python allocations (tracemalloc slows the run down)."""
    db, _seconds, _reused = ensure_data(scale, secret_key, args.rebuild)
    content, encoding, planted = make_import_file(IMPORT_ROWS)
    runs: dict[bool, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="import-", dir=OUT) as tmp:
        csv_path = Path(tmp) / "bench.csv"
        csv_path.write_bytes(content)
        for trace in (False, True):
            log(f"import at scale {scale}: {IMPORT_ROWS} rows{' under tracemalloc' if trace else ''} ...")
            copy = Path(tmp) / f"db-{'traced' if trace else 'timed'}.sqlite3"
            copy_database(db, copy)
            command = [PYTHON, str(Path(__file__).resolve()), "--import-child", str(csv_path)]
            output = run_checked(
                [*command, "--trace-memory"] if trace else command,
                django_env(copy, secret_key),
                f"import (scale {scale}{', traced' if trace else ''})",
                timeout=1800,
            )
            runs[trace] = json.loads(output.strip().splitlines()[-1])
    timed, traced = runs[False], runs[True]
    total = timed["upload_s"] + timed["check_s"] + timed["import_s"]
    if timed["people_added"] != timed["created"]:
        raise BenchError(f"the import reports {timed['created']} people created but {timed['people_added']} appeared")
    emit(
        {
            "bench": "import.throughput",
            "scale": scale,
            "rows": IMPORT_ROWS,
            "encoding": encoding,
            "file_kb": round(len(content) / 1024, 1),
            "upload_s": round(timed["upload_s"], 2),
            "check_s": round(timed["check_s"], 2),
            "import_s": round(timed["import_s"], 2),
            "rows_per_s": round(IMPORT_ROWS / total, 1),
            "check_rows_per_s": round(IMPORT_ROWS / timed["check_s"], 1),
            "import_rows_per_s": round(IMPORT_ROWS / timed["import_s"], 1),
            "accepted": timed["accepted"],
            "warning": timed["warning"],
            "error": timed["error"],
            "duplicate": timed["duplicate"],
            "created": timed["created"],
            "check_queries": timed["check_queries"],
            "import_queries": timed["import_queries"],
            "planted_errors": planted["error_rows"],
            "planted_repeats": planted["repeated_rows"],
            "peak_traced_mb": round(traced["peak_traced_mb"], 1),
            "check_peak_traced_mb": round(traced["check_peak_traced_mb"], 1),
            "import_peak_traced_mb": round(traced["import_peak_traced_mb"], 1),
            "max_rss_mb": round(timed["max_rss_mb"], 1),
            "start_rss_mb": round(timed["start_rss_mb"], 1),
            "traced_s": round(traced["upload_s"] + traced["check_s"] + traced["import_s"], 2),
        }
    )


# --- The periodic command (bench/periodic.py in a child process, on a copy of the data) ---------------------------


def bench_periodic(scale: int, secret_key: str, args: argparse.Namespace) -> None:
    """periodic.reminders: ``manage.py periodic`` with 10,000 inactivity reminders due, then run again."""
    db, _seconds, _reused = ensure_data(scale, secret_key, args.rebuild)
    log(f"periodic at scale {scale}: 10,000 reminders due ...")
    with tempfile.TemporaryDirectory(prefix="periodic-", dir=OUT) as tmp:
        copy = Path(tmp) / "db.sqlite3"
        copy_database(db, copy)
        env = {**django_env(copy, secret_key), "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
        output = run_checked([PYTHON, str(BENCH / "periodic.py")], env, f"periodic (scale {scale})", timeout=1800)
    result = json.loads(output.strip().splitlines()[-1])
    if result["again_queued"]:
        raise BenchError(f"the second periodic run queued {result['again_queued']} messages again")
    if result["reminders"] < 10_000:
        raise BenchError(f"only {result['reminders']} reminders were queued, 10,000 were due")
    emit(
        {
            "bench": "periodic.reminders",
            "scale": scale,
            **{key: round(value, 3) if isinstance(value, float) else value for key, value in result.items()},
        }
    )


def bench_report(scale: int, secret_key: str, args: argparse.Namespace) -> None:
    """results.report: the København programme's full-year report (figures, PDF, Excel), time and peak memory."""
    db, _seconds, _reused = ensure_data(scale, secret_key, args.rebuild)
    log(f"report at scale {scale}: the full-year report of the København programme ...")
    with tempfile.TemporaryDirectory(prefix="report-", dir=OUT) as tmp:
        copy = Path(tmp) / "db.sqlite3"
        copy_database(db, copy)
        output = run_checked(
            [PYTHON, str(BENCH / "report.py")], django_env(copy, secret_key), f"report (scale {scale})", timeout=900
        )
    result = json.loads(output.strip().splitlines()[-1])
    emit(
        {
            "bench": "results.report",
            "scale": scale,
            **{key: round(value, 3) if isinstance(value, float) else value for key, value in result.items()},
        }
    )


# --- Matching engine (no Django: bench/matching.py in a child process) ------------------------------------------


def bench_matching() -> None:
    """matching.top2, matching.batch and matching.batch_growth: bench/matching.py's lines, passed on."""
    log("matching engine: rank() among 10,000 mentors, batch() up to 5,000 mentees ...")
    output = run_checked([PYTHON, str(BENCH / "matching.py")], dict(os.environ), "matching benchmark", timeout=600)
    for line in output.splitlines():
        if line.strip():
            emit(json.loads(line))


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
    found, queries = count_queries(env, scale)
    pages = pages_for(found)
    log(f"scale {scale}: gunicorn -w {WORKERS}, wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{args.seconds}s")
    with gunicorn(env, scale) as base:
        cookie = log_in(base)
        check_page(base, BARE, None)
        rows: dict[str, dict[str, int]] = {}
        for page in pages:
            body = check_page(base, page.path, cookie if page.logged_in else None)
            if page.has_rows:
                rows[page.bench] = list_rows(body, page.path)
        bare_runs = [measure(base, "http.bare", BARE, None, args.seconds, args.warmup)]
        results = {
            page.bench: measure(
                base, page.bench, page.path, cookie if page.logged_in else None, args.seconds, args.warmup
            )
            for page in pages
        }
        bare_runs.append(measure(base, "http.bare", BARE, None, args.seconds, args.warmup))
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
    for page in pages:
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
                **rows.get(page.bench, {}),
            }
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8, help="measured seconds per page (default 8)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds before each measurement (default 2)")
    parser.add_argument("--scales", default="1,10", help="comma-separated demo scales (default 1,10)")
    parser.add_argument(
        "--import-scales", default="1", help="demo scales for import.throughput, comma-separated; '' skips (default 1)"
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the demo databases even if they exist")
    parser.add_argument("--no-matching", action="store_true", help="skip the matching engine's benchmark")
    parser.add_argument("--no-periodic", action="store_true", help="skip the periodic command's benchmark")
    parser.add_argument("--no-report", action="store_true", help="skip the full-year report's benchmark")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--import-child", metavar="CSV", help=argparse.SUPPRESS)
    parser.add_argument("--trace-memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        count_queries_child()
        return 0
    if args.import_child:
        import_child(args.import_child, args.trace_memory)
        return 0

    started = time.monotonic()
    try:
        try:
            scales = [int(value) for value in args.scales.split(",") if value.strip()]
            import_scales = [int(value) for value in args.import_scales.split(",") if value.strip()]
        except ValueError:
            scales = import_scales = []
        if not scales or min(scales + import_scales) < 1 or args.seconds < 1 or args.warmup < 0:
            raise BenchError(
                "--scales (and --import-scales) must list whole numbers >= 1, --seconds must be >= 1 and --warmup >= 0"
            )
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
                "import_scales": import_scales,
                "gunicorn": f"-w {WORKERS} sync",
                "wrk": f"-t{WRK_THREADS} -c{WRK_CONNECTIONS}",
                "cpus": os.cpu_count(),
                "loadavg_1m": round(load, 2),
                "python": platform.python_version(),
            }
        )
        for scale in scales:
            bench_scale(scale, secret_key, args)
        for scale in import_scales:
            bench_import(scale, secret_key, args)
        if scales and not args.no_periodic:
            bench_periodic(max(scales), secret_key, args)
        if scales and not args.no_report:
            bench_report(max(scales), secret_key, args)
        if not args.no_matching:
            bench_matching()
    except BenchError as error:
        log(f"FAILED: {error}")
        return 1
    emit({"bench": "total", "seconds": round(time.monotonic() - started, 1)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
