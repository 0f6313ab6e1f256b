"""What a signed-in user may reach, computed once per request from their memberships.

Object views never filter by hand: they call an app's ``get_<obj>_for_user`` helper, which answers
404 for anything outside the user's organisations and branches and 403 when the user is there but
lacks the role.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from mentornet.accounts.models import Membership, Role, User

_CACHE_ATTRIBUTE = "_mentornet_access"
#: Other per-request caches on the user that are derived from the access, e.g. ``people_branch_ids``.
DERIVED_CACHES = ("_people_branch_ids",)


@dataclass(frozen=True)
class Access:
    memberships: tuple[Membership, ...] = ()
    roles: frozenset[str] = field(default_factory=frozenset)

    def organisation_ids(self, *roles: str) -> set[int]:
        return {m.organisation_id for m in self.memberships if not roles or m.role in roles}

    def branch_ids(self, *roles: str) -> set[int]:
        return {m.branch_id for m in self.memberships if m.branch_id and (not roles or m.role in roles)}

    def admin_organisation_ids(self) -> set[int]:
        return self.organisation_ids(Role.ORGANISATION_ADMIN)

    def is_admin_of(self, organisation_id: int) -> bool:
        return organisation_id in self.admin_organisation_ids()

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


def access_for(user: User | AnonymousUser) -> Access:
    """The user's access, cached on the user object for the rest of the request."""
    if not user.is_authenticated:
        return Access()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        memberships = tuple(
            Membership.objects.filter(user=user).select_related("organisation", "branch").order_by("pk")
        )
        cached = Access(memberships=memberships, roles=frozenset(m.role for m in memberships))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_access(user: User) -> None:
    """Drop the cached access (and what was derived from it) after the user's memberships changed."""
    for name in (_CACHE_ATTRIBUTE, *DERIVED_CACHES):
        if hasattr(user, name):
            delattr(user, name)
