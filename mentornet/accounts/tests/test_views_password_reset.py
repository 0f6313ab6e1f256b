from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentornet.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "en lang og god sætning 2026"


def _request_reset(client, django_capture_on_commit_callbacks, email):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email})


def _link(message) -> str:
    found = re.search(r"http://\S+", message.body)
    assert found, message.body
    return found.group(0).replace("http://127.0.0.1:8000", "")


def test_a_user_resets_a_forgotten_password_with_the_emailed_link(client, alice, django_capture_on_commit_callbacks):
    response = _request_reset(client, django_capture_on_commit_callbacks, "ALICE@example.org")
    assert response["Location"] == reverse("accounts:password_reset_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert "Vælg en ny adgangskode" in message.subject
    assert "3 døgn" in message.body

    form_url = client.get(_link(message))["Location"]  # the token moves out of the address
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="user.password_set", actor=alice).exists()
    assert SESSION_KEY not in client.session


def test_an_unknown_email_gets_the_same_page_and_no_email(client, alice, django_capture_on_commit_callbacks):
    response = _request_reset(client, django_capture_on_commit_callbacks, "ingen@example.org")
    assert response["Location"] == reverse("accounts:password_reset_sent")
    assert mail.outbox == []


def test_a_used_link_does_not_work_twice(client, alice, django_capture_on_commit_callbacks):
    _request_reset(client, django_capture_on_commit_callbacks, "alice@example.org")
    link = _link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    body = client.get(link).content.decode()
    assert "Linket virker ikke" in body
    assert "Send mig et nyt link" in body


def test_an_expired_link_says_so_in_danish(client, alice, django_capture_on_commit_callbacks):
    _request_reset(client, django_capture_on_commit_callbacks, "alice@example.org")
    link = _link(mail.outbox[0])
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.get(link)
    assert response.status_code == 200
    assert "Linket er udløbet eller allerede brugt" in response.content.decode()


def test_a_tampered_token_is_refused(client, alice, django_capture_on_commit_callbacks):
    _request_reset(client, django_capture_on_commit_callbacks, "alice@example.org")
    link = _link(mail.outbox[0])
    assert "Linket virker ikke" in client.get(link[:-3] + "abc/").content.decode()


def test_a_weak_new_password_is_refused_with_a_danish_reason(client, alice, django_capture_on_commit_callbacks):
    _request_reset(client, django_capture_on_commit_callbacks, "alice@example.org")
    form_url = client.get(_link(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "for kort" in body or "for almindelig" in body
