from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mentornet.accounts.models import Role
from mentornet.core.access import access_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the main menu offers: the organisations the user administers, and those whose results they follow."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    follows = {Role.COORDINATOR, Role.ORGANISATION_ADMIN, Role.ANALYST}
    return {
        "results_organisations": list(
            {m.organisation_id: m.organisation for m in access.memberships if m.role in follows}.values()
        ),
        "admin_memberships": [m for m in access.memberships if m.role == Role.ORGANISATION_ADMIN],
        "works_with_people": access.has_role(Role.COORDINATOR, Role.ORGANISATION_ADMIN),
        "refers_people": access.has_role(Role.REFERRER),
        "is_mentor": access.has_role(Role.MENTOR),
        "holds_projects": access.has_role(Role.PROJECT_HOLDER),
        "approves_projects": access.has_role(Role.MUNICIPAL_ADMIN),
        "barometer_memberships": [m for m in access.memberships if m.role in (Role.ANALYST, Role.MUNICIPAL_ADMIN)],
    }
