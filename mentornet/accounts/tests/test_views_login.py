from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from mentornet.core.testing import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "E-mailadressen eller adgangskoden er forkert"


def _login(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_a_coordinator_logs_in_with_email_and_lands_on_her_dashboard(client, alice):
    response = _login(client, "Alice@Example.org ")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    assert client.session[SESSION_KEY] == str(alice.pk)


def test_a_wrong_password_gets_a_danish_message_and_keeps_the_email(client, alice):
    response = _login(client, "alice@example.org", "forkert-kode")
    body = response.content.decode()
    assert response.status_code == 200
    assert WRONG in body
    assert 'value="alice@example.org"' in body
    assert SESSION_KEY not in client.session


def test_an_unknown_email_gets_exactly_the_same_answer_as_a_wrong_password(client, alice):
    known = _login(client, "alice@example.org", "forkert-kode")
    unknown = _login(client, "ingen@example.org", "forkert-kode")
    assert unknown.status_code == known.status_code
    assert WRONG in unknown.content.decode()
    strip = lambda r: r.content.decode().replace("ingen@example.org", "").replace("alice@example.org", "")  # noqa: E731
    assert _without_tokens(strip(unknown)) == _without_tokens(strip(known))


def _without_tokens(body: str) -> str:
    import re

    return re.sub(r'value="[A-Za-z0-9]{64}"', "", body)


def test_an_inactive_user_is_refused_like_anyone_else(client, alice):
    alice.is_active = False
    alice.save()
    assert WRONG in _login(client, "alice@example.org").content.decode()


def test_repeated_failures_lock_the_login_for_known_and_unknown_emails_alike(client, alice, settings):
    for email in ["alice@example.org", "ingen@example.org"]:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, email, "forkert-kode")
        response = _login(client, email, PASSWORD)
        assert response.status_code == 429
        assert "For mange mislykkede forsøg" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_login_form_without_a_password_says_what_is_missing(client):
    response = client.post(reverse("accounts:login"), {"username": "alice@example.org"})
    body = response.content.decode()
    assert "Dette felt er påkrævet" in body
    assert 'value="alice@example.org"' in body


def test_log_out_needs_a_post_and_ends_the_session(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("core:home")
    assert SESSION_KEY not in client.session


def test_a_logged_in_user_visiting_login_goes_to_the_dashboard(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:login"))["Location"] == reverse("core:dashboard")


def test_the_language_switch_turns_the_pages_english_and_back(client):
    assert "Log ind" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Become a mentor" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    assert "Bliv mentor" in client.get(reverse("core:home")).content.decode()


def test_the_browser_language_does_not_override_danish(client):
    body = client.get(reverse("core:home"), headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="da">' in body


def test_a_tampered_next_address_cannot_send_the_user_to_another_site(client, alice):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": "alice@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("core:dashboard")


def test_an_unknown_language_code_leaves_the_site_in_danish(client):
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert '<html lang="da">' in client.get(reverse("core:home")).content.decode()
