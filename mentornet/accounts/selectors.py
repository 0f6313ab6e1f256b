"""Reads for users and memberships, and the access helpers for them."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from mentornet.accounts.models import Membership, Role, User
from mentornet.organisations.models import Branch, Organisation


def organisation_users(
    organisation: Organisation, *, search: str = "", role: str = "", branch: Branch | None = None
) -> QuerySet[User]:
    """Users with a role in the organisation, each with their memberships there prefetched."""
    memberships = Membership.objects.filter(organisation=organisation)
    if role:
        memberships = memberships.filter(role=role)
    if branch is not None:
        memberships = memberships.filter(branch=branch)
    users = User.objects.filter(pk__in=memberships.values("user_id"))
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    return users.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(organisation=organisation).select_related("branch").order_by("role"),
            to_attr="organisation_memberships",
        )
    ).order_by("full_name", "email")


def get_member_for_admin(organisation: Organisation, pk: int) -> User:
    """A user with a role in the organisation; anyone else answers 404. Call after the admin check."""
    user = organisation_users(organisation).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


def get_membership_for_admin(organisation: Organisation, pk: int) -> Membership:
    membership = (
        Membership.objects.filter(organisation=organisation, pk=pk)
        .select_related("user", "branch", "organisation")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def branch_coordinators(branch: Branch) -> QuerySet[Membership]:
    """The branch's coordinators: the people mentors, referrers and colleagues contact."""
    return (
        Membership.objects.filter(branch=branch, role=Role.COORDINATOR)
        .select_related("user")
        .order_by("user__full_name")
    )
