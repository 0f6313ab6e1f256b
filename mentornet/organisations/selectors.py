"""Reads for organisations, branches and programmes, and the access helpers for them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from mentornet.accounts.models import Membership, Role, User
from mentornet.core.access import access_for
from mentornet.organisations.models import Branch, Organisation, OrganisationLogo, Programme, Target


def branches_for_user(user: User) -> QuerySet[Branch]:
    """Branches the user works in, and every branch of the organisations they administer."""
    access = access_for(user)
    return Branch.objects.filter(
        Q(pk__in=access.branch_ids()) | Q(organisation_id__in=access.admin_organisation_ids())
    ).select_related("organisation")


def organisations_for_user(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=access_for(user).organisation_ids())


def get_organisation_logo(user: User, pk: int) -> OrganisationLogo:
    """The organisation's logo, for anyone who works in it (its reports show the logo); else 404."""
    logo = (
        OrganisationLogo.objects.filter(organisation__in=organisations_for_user(user), organisation_id=pk)
        .exclude(organisation__logo_type="")
        .select_related("organisation")
        .first()
    )
    if logo is None:
        raise Http404
    return logo


def get_organisation_for_admin(user: User, pk: int) -> Organisation:
    """The organisation, for its admins. 404 when the user has nothing there, 403 when they are not admin."""
    organisation = organisations_for_user(user).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    if not access_for(user).is_admin_of(organisation.pk):
        raise PermissionDenied
    return organisation


def get_branch_for_user(user: User, pk: int) -> Branch:
    branch = branches_for_user(user).filter(pk=pk).first()
    if branch is None:
        raise Http404
    return branch


def get_branch_for_admin(user: User, pk: int) -> Branch:
    branch = get_branch_for_user(user, pk)
    if not access_for(user).is_admin_of(branch.organisation_id):
        raise PermissionDenied
    return branch


def get_programme_for_user(user: User, pk: int) -> Programme:
    programme = (
        Programme.objects.filter(pk=pk, branch__in=branches_for_user(user))
        .select_related("branch__organisation")
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def get_programme_for_admin(user: User, pk: int) -> Programme:
    programme = get_programme_for_user(user, pk)
    if not access_for(user).is_admin_of(programme.branch.organisation_id):
        raise PermissionDenied
    return programme


def get_target_for_admin(user: User, programme_pk: int, pk: int) -> Target:
    programme = get_programme_for_admin(user, programme_pk)
    target = programme.targets.filter(pk=pk).first()
    if target is None:
        raise Http404
    target.programme = programme
    return target


def with_team_and_programmes(branches: QuerySet[Branch]) -> list[Branch]:
    """Branches with their programmes and the size of each role's team, in a constant number of queries.

    The team sizes come from one grouped count over the (branch, role) index, which stays fast when a
    branch has thousands of mentors."""
    result = list(
        branches.select_related("organisation")
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.order_by("name")))
        .order_by("-is_active", "organisation__name", "name")
    )
    counts: dict[tuple[int, str], int] = {
        (row["branch_id"], row["role"]): row["n"]
        for row in Membership.objects.filter(branch_id__in=[branch.pk for branch in result])
        .values("branch_id", "role")
        .annotate(n=Count("*"))
        .order_by()
    }
    for branch in result:
        branch.coordinator_count = counts.get((branch.pk, Role.COORDINATOR), 0)  # type: ignore[attr-defined]
        branch.mentor_count = counts.get((branch.pk, Role.MENTOR), 0)  # type: ignore[attr-defined]
        branch.referrer_count = counts.get((branch.pk, Role.REFERRER), 0)  # type: ignore[attr-defined]
    return result


def branch_list(organisation: Organisation) -> list[Branch]:
    return with_team_and_programmes(organisation.branches.all())


def programme_targets(programme: Programme) -> QuerySet[Target]:
    return programme.targets.order_by("period_start", "metric", "gender")
