"""Writes to the project bank: register, update, submit and approve projects. Every write is audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core import stamps
from mentornet.core.services import audit_log, model_create, model_update
from mentornet.organisations.models import Organisation
from mentornet.projects.budget import check_rules
from mentornet.projects.models import BudgetLine, Project, ProjectActivity, ProjectArea, ProjectEvent

#: The fields a project holder edits (everything but the municipality, the holder and the approval).
EDITABLE_FIELDS = (
    "kind",
    "title",
    "owner",
    "purpose",
    "target_groups",
    "nationalities",
    "district",
    "location",
    "funding_pool",
    "start_date",
    "end_date",
    "status",
    "decision_reference",
    "evaluation_by",
    "evaluation",
    "evaluation_url",
    "partners",
    "remarks",
    "contact_name",
    "contact_email",
    "contact_phone",
    "economy_gross",
    "economy_net",
    "participants_estimate",
    "expected_result",
    "goal_status",
    "planned_follow_up",
    "programme",
)
LINE_FIELDS = ("year", "kind", "label", "municipal", "amount", "including_vat")
EVENT_FIELDS = ("title", "starts_at", "ends_at", "place", "description", "url")


def _loggable(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | str) else str(value)


def _save(
    *,
    actor: User | None,
    project: Project,
    data: Mapping[str, Any],
    areas: Sequence[str],
    activities: Sequence[Mapping[str, str]],
    budget_lines: Sequence[Mapping[str, Any]],
    action: str,
) -> Project:
    attnames = {name: Project._meta.get_field(name).attname for name in EDITABLE_FIELDS}  # type: ignore[union-attr]
    before = {} if project.pk is None else Project.objects.filter(pk=project.pk).values(*attnames.values()).get()
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(project, name, data[name])
    lines = [BudgetLine(project=project, **{name: line[name] for name in LINE_FIELDS}) for line in budget_lines]
    check_rules(project, lines)
    project.full_clean()
    changes: dict[str, list[Any]] = {}
    for attname in attnames.values():
        old, new = before.get(attname), getattr(project, attname)
        if old != new and not (project.pk is None and new in ("", None)):
            changes[attname] = [_loggable(old), _loggable(new)]
    with transaction.atomic():
        project.save()
        old_areas = sorted(project.area_rows.values_list("area", flat=True))
        if old_areas != sorted(areas):
            project.area_rows.all().delete()
            ProjectArea.objects.bulk_create(ProjectArea(project=project, area=area) for area in areas)
            changes["areas"] = [old_areas, sorted(areas)]
        project.activities.all().delete()
        ProjectActivity.objects.bulk_create(
            ProjectActivity(project=project, position=i, **activity) for i, activity in enumerate(activities)
        )
        project.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(lines)
        changes["activities"] = [None, len(activities)]
        changes["budget_lines"] = [None, len(lines)]
        audit_log(actor=actor, action=action, target=project, organisation=project.municipality, changes=changes)
    stamps.forget_stamp("projects")
    return project


def project_create(
    *,
    actor: User | None,
    municipality: Organisation,
    data: Mapping[str, Any],
    areas: Sequence[str],
    activities: Sequence[Mapping[str, str]] = (),
    budget_lines: Sequence[Mapping[str, Any]] = (),
) -> Project:
    """Register a project (or an indsats) in the municipality's bank; it waits for approval before it is public."""
    project = Project(municipality=municipality, holder=actor)
    return _save(
        actor=actor,
        project=project,
        data=data,
        areas=areas,
        activities=activities,
        budget_lines=budget_lines,
        action="project.create",
    )


def project_update(
    *,
    actor: User | None,
    project: Project,
    data: Mapping[str, Any],
    areas: Sequence[str],
    activities: Sequence[Mapping[str, str]] = (),
    budget_lines: Sequence[Mapping[str, Any]] = (),
) -> Project:
    """Update a project, its areas, activities and budget. A published project stays published (and its public
    page shows the new "last updated" date); the audit log keeps what changed."""
    return _save(
        actor=actor,
        project=project,
        data=data,
        areas=areas,
        activities=activities,
        budget_lines=budget_lines,
        action="project.update",
    )


def project_submit(*, actor: User | None, project: Project) -> Project:
    """Ask the municipality's administrators to publish the project."""
    if project.published:
        raise ValidationError(_("The project is already published."))
    with transaction.atomic():
        project.submitted_at = timezone.now()
        project.save(update_fields=["submitted_at", "updated_at"])
        audit_log(actor=actor, action="project.submit", target=project, organisation=project.municipality)
    return project


def project_approve(*, actor: User | None, project: Project) -> Project:
    """Publish a submitted project in the public project bank."""
    if project.published:
        raise ValidationError(_("The project is already published."))
    if project.submitted_at is None:
        raise ValidationError(_("The project holder has not submitted the project for publication yet."))
    with transaction.atomic():
        project.published = True
        project.approved_by = actor
        project.approved_at = timezone.now()
        project.save(update_fields=["published", "approved_by", "approved_at", "updated_at"])
        audit_log(actor=actor, action="project.approve", target=project, organisation=project.municipality)
    stamps.forget_stamp("projects")
    return project


def _events_changed(project: Project) -> None:
    """An event is part of its project's public page: the project counts as updated."""
    Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
    stamps.forget_stamp("projects")


def event_create(*, actor: User | None, project: Project, data: Mapping[str, Any]) -> ProjectEvent:
    """Post an event for a project; it shows in the public calendar once the project is published."""
    fields = {name: data[name] for name in EVENT_FIELDS if name in data}
    event = model_create(
        actor=actor,
        model=ProjectEvent,
        data={"project": project, **fields},
        action="project_event.create",
        organisation=project.municipality,
    )
    _events_changed(project)
    return event


def event_update(*, actor: User | None, event: ProjectEvent, data: Mapping[str, Any]) -> ProjectEvent:
    """Change an event; the audit log keeps the old and new values."""
    changed = model_update(
        actor=actor,
        instance=event,
        data={name: data[name] for name in EVENT_FIELDS if name in data},
        action="project_event.update",
        organisation=event.project.municipality,
    )
    _events_changed(event.project)
    return changed


def event_delete(*, actor: User | None, event: ProjectEvent) -> None:
    """Delete an event (it leaves the public calendar at once); the audit entry keeps its title and time."""
    project = event.project
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="project_event.delete",
            target=event,
            organisation=project.municipality,
            changes={"project": [project.pk, None], "starts_at": [str(event.starts_at), None]},
        )
        event.delete()
    _events_changed(project)
