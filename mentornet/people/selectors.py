"""Reads for the person register, and its access helpers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.accounts.models import Role, User
from mentornet.core.access import access_for
from mentornet.core.models import AuditEntry
from mentornet.organisations.models import Branch
from mentornet.organisations.selectors import branches_for_user
from mentornet.people.models import PIPELINES, DuplicateFlag, ImportJob, Kind, Person, Referral, Status

#: Age bands used in filters and statistics: (key, label, youngest, oldest).
AGE_BANDS: list[tuple[str, Any, int, int]] = [
    ("u18", _("Under 18"), 0, 17),
    ("18-24", _("18–24"), 18, 24),
    ("25-29", _("25–29"), 25, 29),
    ("30-39", _("30–39"), 30, 39),
    ("40-49", _("40–49"), 40, 49),
    ("50-59", _("50–59"), 50, 59),
    ("60+", _("60 and over"), 60, 130),
]

#: The address segment of each kind of person: /personer/mentorer/ and so on.
KIND_SLUGS: dict[str, str] = {"mentorer": Kind.MENTOR, "mentees": Kind.MENTEE, "kontaktpersoner": Kind.CONTACT}
SLUG_FOR: dict[str, str] = {kind: slug for slug, kind in KIND_SLUGS.items()}

SORTS = {
    "name": ("first_name", "last_name", "pk"),
    "-name": ("-first_name", "-last_name", "-pk"),
    "age": ("-birth_date", "pk"),
    "-age": ("birth_date", "pk"),
    "status": ("status", "first_name", "pk"),
    "registered": ("created_at", "pk"),
    "-registered": ("-created_at", "-pk"),
    "waiting": ("mentee_profile__waiting_since", "pk"),
    "branch": ("branch__name", "first_name", "pk"),
}


def people_branch_ids(user: User) -> set[int]:
    """Branches whose people the user may work with: as coordinator, or as the organisation's admin.

    Cached on the user object for the rest of the request, like ``access_for``."""
    cached: set[int] | None = getattr(user, "_people_branch_ids", None)
    if cached is not None:
        return set(cached)
    access = access_for(user)
    admin_ids = access.admin_organisation_ids()
    admin_branches = (
        set(Branch.objects.filter(organisation_id__in=admin_ids).values_list("pk", flat=True)) if admin_ids else set()
    )
    found = access.branch_ids(Role.COORDINATOR) | admin_branches
    if user.is_authenticated:
        user._people_branch_ids = found  # type: ignore[attr-defined]
    return set(found)


def people_for_user(user: User) -> QuerySet[Person]:
    return Person.objects.visible().filter(branch_id__in=people_branch_ids(user))


def _check_people_role(user: User) -> None:
    if not people_branch_ids(user):
        raise PermissionDenied


def _visible_then_permitted(user: User, branch_id: int | None) -> None:
    """404 unless the object sits in one of the user's branches; 403 if the user lacks the role there."""
    if branch_id is None or not branches_for_user(user).filter(pk=branch_id).exists():
        raise Http404
    if branch_id not in people_branch_ids(user):
        raise PermissionDenied


def get_person_for_user(user: User, pk: int) -> Person:
    """A person in the user's branches. Another branch's person is 404; a branch member without the role gets 403."""
    person = Person.objects.visible().filter(pk=pk).select_related("branch__organisation", "programme", "user").first()
    _visible_then_permitted(user, person.branch_id if person else None)
    assert person is not None
    return person


def can_reveal(user: User, person: Person) -> bool:
    """Only the coordinators of the person's branch see special-category data."""
    return person.branch_id in access_for(user).branch_ids(Role.COORDINATOR)


@dataclass
class PersonFilters:
    kind: str = Kind.MENTEE
    q: str = ""
    status: str = ""
    branch: Branch | None = None
    gender: str = ""
    age_band: str = ""
    area: str = ""
    language: Any = None
    channel: str = ""
    course: str = ""
    waiting_weeks: int | None = None
    sort: str = "name"


def person_list(user: User, filters: PersonFilters) -> QuerySet[Person]:
    """The people the user may see, filtered and sorted, with what a list row shows in a fixed number of queries."""
    _check_people_role(user)
    people = people_for_user(user).filter(kind=filters.kind)
    if filters.q:
        words = Q()
        for word in filters.q.split():
            words &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__contains=word)
            )
        people = people.filter(words)
    exact = {
        "status": filters.status,
        "branch": filters.branch,
        "gender": filters.gender,
        "recruitment_channel": filters.channel,
    }
    people = people.filter(**{name: value for name, value in exact.items() if value})
    if filters.area:
        people = people.filter(Q(area__iexact=filters.area) | Q(municipality__iexact=filters.area))
    if filters.age_band:
        people = people.filter(**_birth_date_range(filters.age_band))
    if filters.language is not None:
        spoken = Person.languages.through.objects.filter(person_id=OuterRef("pk"), language=filters.language)
        people = people.filter(Exists(spoken))
    if filters.kind == Kind.MENTOR and filters.course:
        people = people.filter(mentor_profile__course_completed_on__isnull=filters.course != "done")
    if filters.kind == Kind.MENTEE and filters.waiting_weeks:
        since = timezone.localdate() - datetime.timedelta(weeks=filters.waiting_weeks)
        people = people.filter(mentee_profile__waiting_since__lte=since)
    related: dict[str, str] = {
        Kind.MENTOR: "mentor_profile",
        Kind.MENTEE: "mentee_profile",
        Kind.CONTACT: "contact_profile",
    }
    return people.select_related("branch", related[filters.kind]).order_by(*SORTS.get(filters.sort, SORTS["name"]))


def _years_ago(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year - years, day=28)


def _birth_date_range(band: str) -> dict[str, datetime.date]:
    """Birth dates of people whose age today is within the band."""
    today = timezone.localdate()
    for key, _label, youngest, oldest in AGE_BANDS:
        if key == band:
            latest = _years_ago(today, youngest)
            earliest = _years_ago(today, oldest + 1) + datetime.timedelta(days=1)
            return {"birth_date__gte": earliest, "birth_date__lte": latest}
    return {}


def person_detail(person: Person) -> dict[str, Any]:
    """What the person page shows besides the person: history, consents, referrals, screenings, interviews, flags."""
    return {
        "status_changes": list(person.status_changes.select_related("changed_by")),
        "consents": list(person.consents.select_related("text", "recorded_by")),
        "referrals": list(person.referrals.select_related("referrer")),
        "screenings": list(person.screenings.select_related("screened_by", "programme")),
        "interviews": list(person.interviews.select_related("held_by")),
        "duplicate_flags": list(
            person.duplicate_flags.filter(state=DuplicateFlag.State.OPEN).select_related("existing__branch")
        ),
        "audit_entries": list(
            AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk))
            .select_related("actor", "branch")
            .order_by("-created_at", "-id")[:50]
        ),
    }


def open_duplicates(user: User) -> QuerySet[DuplicateFlag]:
    branches = people_branch_ids(user)
    return (
        DuplicateFlag.objects.filter(
            state=DuplicateFlag.State.OPEN,
            person__branch_id__in=branches,
            person__merged_into__isnull=True,
            person__is_staged=False,
        )
        .select_related("person__branch", "existing__branch")
        .order_by("-created_at", "-pk")
    )


def get_duplicate_for_user(user: User, pk: int) -> DuplicateFlag:
    flag = (
        DuplicateFlag.objects.filter(pk=pk, state=DuplicateFlag.State.OPEN).select_related("person", "existing").first()
    )
    _visible_then_permitted(user, flag.person.branch_id if flag else None)
    assert flag is not None
    return flag


def referrals_for_referrer(user: User) -> QuerySet[Referral]:
    """The referrer's own referrals only, with the person's current stage."""
    return Referral.objects.filter(referrer=user).select_related("person", "branch").order_by("-created_at", "-pk")


def referral_branches(user: User) -> QuerySet[Branch]:
    return Branch.objects.filter(pk__in=access_for(user).branch_ids(Role.REFERRER), is_active=True).select_related(
        "organisation"
    )


def import_jobs_for_user(user: User) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(branch_id__in=people_branch_ids(user)).select_related("branch", "created_by")


def get_import_job_for_user(user: User, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(pk=pk).select_related("branch", "organisation", "created_by").first()
    _visible_then_permitted(user, job.branch_id if job else None)
    assert job is not None
    return job


@dataclass
class Pipeline:
    kind: str
    label: str
    stages: list[tuple[str, str, int]]

    @property
    def total(self) -> int:
        return sum(count for _status, _label, count in self.stages)


def pipelines_for(user: User) -> tuple[list[Pipeline], int]:
    """How many people stand at each stage, per kind, in the user's branches; and the open duplicates."""
    branch_ids = people_branch_ids(user)
    if not branch_ids:
        return [], 0
    counts = {
        (row["kind"], row["status"]): row["n"]
        for row in Person.objects.visible()
        .filter(branch_id__in=branch_ids)
        .values("kind", "status")
        .annotate(n=Count("*"))
        .order_by()
    }
    labels = dict(Status.choices)
    pipelines = [
        Pipeline(kind, str(Kind(kind).label), [(s, str(labels[s]), counts.get((kind, s), 0)) for s in PIPELINES[kind]])
        for kind in (Kind.MENTOR, Kind.MENTEE, Kind.CONTACT)
    ]
    return pipelines, open_duplicates(user).count()
