from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mentornet.accounts.models import Role
from mentornet.core.access import access_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The organisations the signed-in user administers, for the main menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    return {
        "admin_memberships": [m for m in access.memberships if m.role == Role.ORGANISATION_ADMIN],
        "works_with_people": access.has_role(Role.COORDINATOR, Role.ORGANISATION_ADMIN),
        "refers_people": access.has_role(Role.REFERRER),
        "is_mentor": access.has_role(Role.MENTOR),
    }
