"""Reads of the project bank. The public queryset holds published projects only, always."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import Http404

from mentornet.accounts.models import Role, User
from mentornet.core import stamps
from mentornet.core.access import access_for
from mentornet.projects.models import Area, BudgetLine, Project, ProjectArea, ProjectEvent

CACHE_SECONDS = 15 * 60


def public_projects() -> QuerySet[Project]:
    """Every published project, of any municipality: what anonymous readers may see."""
    return Project.objects.filter(published=True)


def public_version() -> str:
    """Changes whenever a public project is published, changed or removed, or its events change: part of every
    public cache key (see ``core.stamps``)."""

    def compute() -> str:
        seen = public_projects().aggregate(changed=Max("updated_at"), count=Count("pk"))
        changed = seen["changed"].timestamp() if seen["changed"] else 0
        return f"{changed:.6f}.{seen['count']}"

    return stamps.public_stamp("projects", compute)


def _key(kind: str, version: str, params: Mapping[str, Any]) -> str:
    what = "&".join(f"{k}={params[k]}" for k in sorted(params))
    return f"projects:{kind}:{version}:" + hashlib.sha256(what.encode()).hexdigest()


def search(filters: Mapping[str, Any]) -> QuerySet[Project]:
    """Published projects matching the search form's cleaned filters."""
    projects = public_projects()
    if text := filters.get("q"):
        projects = projects.filter(
            Q(title__icontains=text)
            | Q(purpose__icontains=text)
            | Q(target_groups__icontains=text)
            | Q(nationalities__icontains=text)
            | Q(partners__icontains=text)
        )
    if area := filters.get("area"):
        projects = projects.filter(pk__in=ProjectArea.objects.filter(area=area).values("project_id"))
    for name in ("district", "status", "kind"):
        if value := filters.get(name):
            projects = projects.filter(**{name: value})
    if target := filters.get("target_group"):
        projects = projects.filter(Q(target_groups__icontains=target) | Q(nationalities__icontains=target))
    if owner := filters.get("owner"):
        projects = projects.filter(owner__icontains=owner)
    if pool := filters.get("funding_pool"):
        projects = projects.filter(funding_pool__icontains=pool)
    if year := filters.get("year"):
        projects = projects.filter(Q(start_date__year__lte=year) | Q(start_date=None)).filter(
            Q(end_date__year__gte=year) | Q(end_date=None)
        )
    return projects.order_by("title", "pk")


def search_ids(filters: Mapping[str, Any]) -> list[int]:
    """The ids of the matching published projects, from the cache while no public project changed."""
    key = _key("search", public_version(), {k: v for k, v in filters.items() if v not in ("", None)})
    ids: list[int] | None = cache.get(key)
    if ids is None:
        ids = list(search(filters).values_list("pk", flat=True))
        cache.set(key, ids, CACHE_SECONDS)
    return ids


def projects_by_ids(ids: list[int]) -> list[Project]:
    """The published projects with these ids, in that order, with their areas."""
    found = {p.pk: p for p in public_projects().filter(pk__in=ids).prefetch_related("area_rows")}
    return [found[pk] for pk in ids if pk in found]


def with_details(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.select_related("municipality", "programme__branch__organisation").prefetch_related(
        "area_rows", "activities", "budget_lines"
    )


def public_project_head(pk: int) -> Project | None:
    """A published project's title and last change, for its public page's title (cached per public version);
    None for anything unpublished."""
    key = f"projects:head:{public_version()}:{pk}"
    head: Project | None = cache.get(key)
    if head is None:
        head = public_projects().filter(pk=pk).only("pk", "title", "updated_at").first()
        if head is not None:
            cache.set(key, head, CACHE_SECONDS)
    return head


def get_public_project(pk: int) -> Project:
    """A published project with everything its public page shows; 404 for anything unpublished."""
    project = with_details(public_projects().filter(pk=pk)).first()
    if project is None:
        raise Http404
    return project


def public_events(start: datetime.datetime, end: datetime.datetime) -> QuerySet[ProjectEvent]:
    """Events of published projects that take place (at least partly) from ``start`` until before ``end``, earliest
    first, with their project."""
    return (
        ProjectEvent.objects.filter(project__published=True, starts_at__lt=end, ends_at__gte=start)
        .select_related("project")
        .order_by("starts_at", "pk")
    )


def upcoming_events(project: Project, now: datetime.datetime) -> QuerySet[ProjectEvent]:
    """A project's events that have not ended yet, earliest first."""
    return project.events.filter(ends_at__gte=now).order_by("starts_at", "pk")


def _organisation_ids(user: User, role: str) -> set[int]:
    return access_for(user).organisation_ids(role)


def holder_projects(user: User) -> QuerySet[Project]:
    """The projects the user registered, in the municipalities where they are a project holder (403 without)."""
    municipalities = _organisation_ids(user, Role.PROJECT_HOLDER)
    if not municipalities:
        raise PermissionDenied
    return Project.objects.filter(holder=user, municipality_id__in=municipalities).prefetch_related("area_rows")


def get_project_for_holder(user: User, pk: int) -> Project:
    """One of the user's own projects; 404 for anyone else's, and for another municipality's."""
    project = with_details(holder_projects(user).filter(pk=pk)).first()
    if project is None:
        raise Http404
    return project


def get_event_for_holder(user: User, project_id: int, event_id: int) -> ProjectEvent:
    """An event of one of the user's own projects; 404 for another holder's or another municipality's."""
    own = holder_projects(user).filter(pk=project_id).values("pk")
    event = ProjectEvent.objects.filter(pk=event_id, project__in=own).select_related("project__municipality").first()
    if event is None:
        raise Http404
    return event


def awaiting_approval(user: User) -> QuerySet[Project]:
    """Submitted, unpublished projects in the municipalities the user administers (403 without the role)."""
    municipalities = _organisation_ids(user, Role.MUNICIPAL_ADMIN)
    if not municipalities:
        raise PermissionDenied
    return (
        Project.objects.filter(municipality_id__in=municipalities, published=False, submitted_at__isnull=False)
        .select_related("holder")
        .prefetch_related("area_rows")
        .order_by("submitted_at", "pk")
    )


def get_project_for_approval(user: User, pk: int) -> Project:
    """A project of a municipality the user administers; 404 for another municipality's."""
    municipalities = _organisation_ids(user, Role.MUNICIPAL_ADMIN)
    if not municipalities:
        raise PermissionDenied
    project = with_details(Project.objects.filter(pk=pk, municipality_id__in=municipalities)).first()
    if project is None:
        raise Http404
    return project


@dataclass(frozen=True)
class AreaRow:
    area: str
    projects: int
    project_share: Decimal | None
    cofinancing: Decimal
    cofinancing_share: Decimal | None

    @property
    def label(self) -> str:
        return str(Area(self.area).label)


@dataclass(frozen=True)
class AreaStatistics:
    rows: list[AreaRow]
    registrations: int
    projects: int
    cofinancing_registrations: Decimal
    cofinancing: Decimal
    year: int


def _share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1)) if whole else None


def area_statistics(year: int) -> AreaStatistics:
    """Projects and municipal co-financing per area, counted over registrations (a project in three areas
    counts three times), as the 2007 status report does; the unduplicated totals are given beside them."""
    key = _key("areas", public_version(), {"year": year})
    cached: AreaStatistics | None = cache.get(key)
    if cached is not None:
        return cached
    municipal = BudgetLine.objects.filter(
        project__published=True, kind=BudgetLine.Kind.INCOME, municipal=True, year=year
    )
    per_project = dict(municipal.values_list("project_id").annotate(total=Sum("amount")).order_by())
    registrations = list(ProjectArea.objects.filter(project__published=True).values_list("area", "project_id"))
    counts = dict.fromkeys(Area.values, 0)
    money = {area: Decimal(0) for area in Area.values}
    for area, project_id in registrations:
        counts[area] += 1
        money[area] += per_project.get(project_id, Decimal(0))
    total_money = sum(money.values(), Decimal(0))
    rows = [
        AreaRow(
            area=area,
            projects=counts[area],
            project_share=_share(counts[area], len(registrations)),
            cofinancing=money[area],
            cofinancing_share=_share(money[area], total_money),
        )
        for area in Area.values
    ]
    statistics = AreaStatistics(
        rows=rows,
        registrations=len(registrations),
        projects=public_projects().count(),
        cofinancing_registrations=total_money,
        cofinancing=sum(per_project.values(), Decimal(0)),
        year=year,
    )
    cache.set(key, statistics, CACHE_SECONDS)
    return statistics


def budget_years() -> list[int]:
    """The years for which published projects have municipal co-financing, newest first."""
    return list(
        BudgetLine.objects.filter(project__published=True, municipal=True)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


@dataclass(frozen=True)
class ProjectsPanel:
    """The start page's project bank panel: a holder's own projects by stage, an administrator's queue."""

    holder: bool
    drafts: int
    submitted: int
    published: int
    #: Submitted projects waiting for the user's approval; None for users who do not approve.
    awaiting: int | None


def projects_panel(user: User) -> ProjectsPanel | None:
    """None for users who neither register nor approve projects (no query then)."""
    holder = bool(_organisation_ids(user, Role.PROJECT_HOLDER))
    approver = bool(_organisation_ids(user, Role.MUNICIPAL_ADMIN))
    if not (holder or approver):
        return None
    counts = {"drafts": 0, "submitted": 0, "published": 0}
    if holder:
        counts = holder_projects(user).aggregate(
            drafts=Count("pk", filter=Q(published=False, submitted_at__isnull=True)),
            submitted=Count("pk", filter=Q(published=False, submitted_at__isnull=False)),
            published=Count("pk", filter=Q(published=True)),
        )
    awaiting = awaiting_approval(user).count() if approver else None
    return ProjectsPanel(holder=holder, awaiting=awaiting, **counts)
