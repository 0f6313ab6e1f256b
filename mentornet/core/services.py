"""Shared write helpers: the audit log and audited create/update of a model instance."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from mentornet.accounts.models import User
from mentornet.core.context import request_meta
from mentornet.core.models import AuditEntry
from mentornet.organisations.models import Branch, Organisation

M = TypeVar("M", bound=models.Model)

#: Value shown in the audit log instead of a field's content.
REDACTED = "***"


def _loggable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal | datetime.date | datetime.datetime):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def audit_log(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    organisation: Organisation | None = None,
    branch: Branch | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry; the request's id, address and path come from the request context.

    An action on a branch itself belongs to that branch's activity."""
    if branch is None and isinstance(target, Branch):
        branch = target
    meta = request_meta.get()
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        organisation=organisation if organisation is not None else (branch.organisation if branch else None),
        branch=branch,
        changes=dict(changes or {}),
        request_id=meta.request_id if meta else "",
        ip_address=meta.ip_address if meta else None,
        path=meta.path if meta else "",
    )


def model_create(
    *,
    actor: User | None,
    model: type[M],
    data: Mapping[str, Any],
    action: str,
    organisation: Organisation | None = None,
    branch: Branch | None = None,
    redact: Iterable[str] = (),
) -> M:
    """Create, validate and save an instance and log its fields."""
    with transaction.atomic():
        instance = model(**data)
        instance.full_clean()
        instance.save()
        hidden = set(redact)
        changes = {name: [None, REDACTED if name in hidden else _loggable(value)] for name, value in data.items()}
        audit_log(
            actor=actor, action=action, target=instance, organisation=organisation, branch=branch, changes=changes
        )
    return instance


def model_update(
    *,
    actor: User | None,
    instance: M,
    data: Mapping[str, Any],
    action: str,
    organisation: Organisation | None = None,
    branch: Branch | None = None,
    redact: Iterable[str] = (),
) -> M:
    """Apply ``data`` to ``instance``, validate, save the changed fields and log old and new values.

    Old values are read from the database, so a ModelForm that already touched the instance does not hide them.
    """
    hidden = set(redact)
    fields = [instance._meta.get_field(name) for name in data]
    attnames = [field.attname for field in fields]  # type: ignore[union-attr]
    stored = type(instance)._default_manager.filter(pk=instance.pk).values(*attnames).get()
    changes: dict[str, list[Any]] = {}
    for field in fields:
        setattr(instance, field.name, data[field.name])
        old, new = stored[field.attname], getattr(instance, field.attname)  # type: ignore[union-attr]
        if old != new:
            changes[field.name] = [REDACTED, REDACTED] if field.name in hidden else [_loggable(old), _loggable(new)]
    if not changes:
        return instance
    with transaction.atomic():
        instance.full_clean()
        update_fields = [instance._meta.get_field(name).attname for name in changes]  # type: ignore[union-attr]
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
        audit_log(
            actor=actor, action=action, target=instance, organisation=organisation, branch=branch, changes=changes
        )
    return instance
