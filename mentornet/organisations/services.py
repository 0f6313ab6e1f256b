"""Writes for organisations, branches, programmes and their targets. Every write is audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from mentornet.accounts.models import User
from mentornet.core.services import audit_log, model_create, model_update
from mentornet.organisations.models import Branch, Organisation, Programme, Target


def organisation_update(*, actor: User, organisation: Organisation, data: Mapping[str, Any]) -> Organisation:
    return model_update(
        actor=actor, instance=organisation, data=data, action="organisation.update", organisation=organisation
    )


def branch_create(*, actor: User, organisation: Organisation, data: Mapping[str, Any]) -> Branch:
    return model_create(
        actor=actor,
        model=Branch,
        data={**data, "organisation": organisation},
        action="branch.create",
        organisation=organisation,
    )


def branch_update(*, actor: User, branch: Branch, data: Mapping[str, Any]) -> Branch:
    return model_update(actor=actor, instance=branch, data=data, action="branch.update", branch=branch)


def programme_create(*, actor: User, branch: Branch, data: Mapping[str, Any]) -> Programme:
    return model_create(
        actor=actor, model=Programme, data={**data, "branch": branch}, action="programme.create", branch=branch
    )


def programme_update(*, actor: User, programme: Programme, data: Mapping[str, Any]) -> Programme:
    return model_update(actor=actor, instance=programme, data=data, action="programme.update", branch=programme.branch)


def target_create(*, actor: User, programme: Programme, data: Mapping[str, Any]) -> Target:
    return model_create(
        actor=actor,
        model=Target,
        data={**data, "programme": programme},
        action="target.create",
        branch=programme.branch,
    )


def target_update(*, actor: User, target: Target, data: Mapping[str, Any]) -> Target:
    return model_update(actor=actor, instance=target, data=data, action="target.update", branch=target.programme.branch)


def target_delete(*, actor: User, target: Target) -> None:
    with transaction.atomic():
        audit_log(actor=actor, action="target.delete", target=target, branch=target.programme.branch)
        target.delete()
