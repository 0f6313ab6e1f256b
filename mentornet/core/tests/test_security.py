from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_every_page_has_a_strict_content_security_policy(client):
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_or_styles(client, alice):
    client.force_login(alice)
    for url in [reverse("core:home"), reverse("core:dashboard"), reverse("accounts:login")]:
        body = client.get(url).content.decode()
        assert "<script>" not in body
        assert " style=" not in body
        assert "<style" not in body
        assert " on" + "click=" not in body


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only(client, alice):
    from mentornet.core.testing import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    for name in [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]:
        assert response.cookies[name]["httponly"], name
        assert response.cookies[name]["samesite"] == "Lax", name


def test_passwords_are_hashed_with_argon2_in_production():
    # The test settings swap in a fast hasher; the product's own first choice is argon2.
    from mentornet import settings as product_settings

    assert product_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_the_deployment_check_is_clean_with_production_settings(tmp_path):
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-9f8e7d6c5b4a",
        "DEBUG": "false",
        "HTTPS": "true",
        "ALLOWED_HOSTS": "mentornet.example.dk",
        "SQLITE_PATH": str(tmp_path / "deploy.sqlite3"),
        "DATABASE_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings; PostgreSQL runs without them")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA journal_mode")
        # The test database lives in memory, where SQLite reports "memory"; a file database reports "wal".
        assert cursor.fetchone()[0] in {"wal", "memory"}
