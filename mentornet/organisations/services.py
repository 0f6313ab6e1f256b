"""Writes for organisations, branches, programmes and their targets. Every write is audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import audit_log, model_create, model_update
from mentornet.organisations.models import Branch, Organisation, OrganisationLogo, Programme, Target, TargetRevision


def organisation_update(*, actor: User, organisation: Organisation, data: Mapping[str, Any]) -> Organisation:
    """Save the organisation's details. ``logo_file`` (bytes and content type, checked by the form) replaces the
    logo; ``remove_logo`` removes it. The logo itself is not written to the audit log, only its content type."""
    fields = {name: value for name, value in data.items() if name not in ("logo_file", "remove_logo")}
    image = None
    if data.get("logo_file"):
        image, fields["logo_type"] = data["logo_file"]
    elif data.get("remove_logo"):
        fields["logo_type"] = ""
    with transaction.atomic():
        if image is not None:
            OrganisationLogo.objects.update_or_create(organisation=organisation, defaults={"image": image})
        elif data.get("remove_logo"):
            OrganisationLogo.objects.filter(organisation=organisation).delete()
        return model_update(
            actor=actor, instance=organisation, data=fields, action="organisation.update", organisation=organisation
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


def target_update(*, actor: User, target: Target, data: Mapping[str, Any], revision_note: str = "") -> Target:
    """Change a target. A change to what it asks for (``Target.REVISED_FIELDS``) is a revision: it needs a reason,
    and the earlier wording is kept with it, so the history stays."""
    stored = Target.objects.filter(pk=target.pk).values(*Target.REVISED_FIELDS).get()
    revised = {name: stored[name] for name in Target.REVISED_FIELDS if name in data and data[name] != stored[name]}
    if revised and not revision_note.strip():
        raise ValidationError({"revision_note": _("Say why the target changes, for example the funder's letter.")})
    with transaction.atomic():
        if revised:
            TargetRevision.objects.create(
                target=target,
                previous={name: "" if stored[name] is None else str(stored[name]) for name in Target.REVISED_FIELDS},
                note=revision_note.strip(),
                changed_by=actor,
            )
        return model_update(
            actor=actor, instance=target, data=data, action="target.update", branch=target.programme.branch
        )


def target_delete(*, actor: User, target: Target) -> None:
    with transaction.atomic():
        audit_log(actor=actor, action="target.delete", target=target, branch=target.programme.branch)
        target.delete()
