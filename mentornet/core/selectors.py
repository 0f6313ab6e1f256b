"""Reads for the dashboard and the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from mentornet.accounts.models import Membership, Role, User
from mentornet.activities.models import Activity, Participation
from mentornet.activities.selectors import activities_panel, my_activities
from mentornet.barometer.selectors import BarometerPanel, barometer_panels
from mentornet.core.access import access_for
from mentornet.core.models import AuditEntry
from mentornet.followups.selectors import FollowupsPanel, followups_panel
from mentornet.matching.selectors import MatchingPanel, matching_panel
from mentornet.mentorships.selectors import MentorPanel, MentorshipsPanel, mentor_panel, mentorships_panel
from mentornet.organisations.models import Branch, Organisation
from mentornet.organisations.selectors import branches_for_user, with_team_and_programmes
from mentornet.people.selectors import Pipeline, people_branch_ids, pipelines_for
from mentornet.projects.selectors import ProjectsPanel, projects_panel


@dataclass
class Dashboard:
    branches: list[Branch]
    admin_organisations: list[Organisation]
    organisations: list[Organisation]
    coordinators: list[Membership]
    activity: list[AuditEntry]
    pipelines: list[Pipeline]
    open_duplicates: int
    matching: MatchingPanel
    mentorships: MentorshipsPanel
    mentor: MentorPanel
    followups: FollowupsPanel
    #: None for users who do not work with a branch's people (no panel at all).
    activities: list[Activity] | None
    my_activities: list[Participation]
    #: The municipal steering layer: None / empty for users without those roles.
    projects: ProjectsPanel | None
    barometers: list[BarometerPanel]


def dashboard_for(user: User) -> Dashboard:
    """What the user's start page shows, in a fixed number of queries whatever the data volume."""
    access = access_for(user)
    branches = with_team_and_programmes(branches_for_user(user))
    staff_branch_ids = access.branch_ids(Role.COORDINATOR)
    admin_ids = access.admin_organisation_ids()
    coordinators: list[Membership] = []
    if access.has_role(Role.MENTOR, Role.REFERRER):
        coordinators = list(
            Membership.objects.filter(
                role=Role.COORDINATOR, branch_id__in=access.branch_ids(Role.MENTOR, Role.REFERRER)
            )
            .select_related("user", "branch")
            .order_by("branch__name", "user__full_name")
        )
    activity: list[AuditEntry] = []
    if staff_branch_ids or admin_ids:
        activity = list(
            AuditEntry.objects.filter(Q(branch_id__in=staff_branch_ids) | Q(organisation_id__in=admin_ids))
            .select_related("actor", "branch")
            .order_by("-created_at", "-id")[:8]
        )
    pipelines, duplicates = pipelines_for(user)
    people_branches = people_branch_ids(user)
    return Dashboard(
        branches=branches,
        admin_organisations=[m.organisation for m in access.memberships if m.role == Role.ORGANISATION_ADMIN],
        organisations=list({m.organisation_id: m.organisation for m in access.memberships}.values()),
        coordinators=coordinators,
        activity=activity,
        pipelines=pipelines,
        open_duplicates=duplicates,
        matching=matching_panel(user, people_branches),
        mentorships=mentorships_panel(user, people_branches),
        mentor=mentor_panel(user),
        followups=followups_panel(user, people_branches),
        activities=activities_panel(user, people_branches) if people_branches else None,
        my_activities=my_activities(user),
        projects=projects_panel(user),
        barometers=barometer_panels(user),
    )


def organisation_audit_log(organisation: Organisation, *, action: str = "") -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(organisation=organisation)
    if action:
        entries = entries.filter(action__startswith=action)
    return entries.select_related("actor", "branch").order_by("-created_at", "-id")
