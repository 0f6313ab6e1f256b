from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mentornet.core.context import RequestMeta, request_meta
from mentornet.core.models import AuditEntry
from mentornet.core.services import REDACTED, audit_log, model_update
from mentornet.organisations.models import Target

pytestmark = pytest.mark.django_db


def test_it_records_who_did_what_and_from_which_request(world, olivia):
    token = request_meta.set(RequestMeta(request_id="abc123", ip_address="10.0.0.7", path="/afdelinger/1/rediger/"))
    try:
        entry = audit_log(
            actor=olivia, action="branch.update", target=world.kbh, branch=world.kbh, changes={"name": ["A", "B"]}
        )
    finally:
        request_meta.reset(token)
    entry.refresh_from_db()
    assert entry.actor == olivia
    assert entry.object_repr == "København"
    assert entry.organisation == world.kvinfo
    assert (entry.request_id, entry.ip_address, entry.path) == ("abc123", "10.0.0.7", "/afdelinger/1/rediger/")


def test_an_update_logs_only_the_fields_that_changed_with_old_and_new_values(world, olivia):
    model_update(
        actor=olivia,
        instance=world.kbh,
        data={"name": "København Centrum", "city": ""},
        action="branch.update",
        branch=world.kbh,
    )
    entry = AuditEntry.objects.get(action="branch.update")
    assert entry.changes == {"name": ["København", "København Centrum"]}


def test_an_update_without_changes_writes_nothing(world, olivia):
    model_update(actor=olivia, instance=world.kbh, data={"name": "København"}, action="branch.update")
    assert not AuditEntry.objects.exists()


def test_redacted_fields_never_reach_the_audit_log(world, olivia):
    model_update(
        actor=olivia,
        instance=world.kbh,
        data={"premises": "Hemmeligt sted"},
        action="branch.update",
        redact=["premises"],
    )
    assert AuditEntry.objects.get().changes == {"premises": [REDACTED, REDACTED]}


def test_an_invalid_update_is_refused_and_not_logged(world, olivia):
    target = Target.objects.create(
        programme=world.kbh_programme,
        metric="mentorships_started",
        period_start="2025-01-01",
        period_end="2025-12-31",
        value=Decimal(10),
    )
    with pytest.raises(ValidationError):
        model_update(
            actor=olivia,
            instance=target,
            data={"kind": "share_at_least", "value": Decimal(150)},
            action="target.update",
        )
    assert not AuditEntry.objects.exists()
    target.refresh_from_db()
    assert target.value == Decimal(10)
