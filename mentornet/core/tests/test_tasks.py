from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from mentornet.accounts.tasks import send_account_email


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_an_enqueued_email(settings, alice):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = send_account_email.enqueue(user_id=alice.pk, kind="password_reset", language="da")
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert "Vælg en ny adgangskode" in mail.outbox[0].subject
