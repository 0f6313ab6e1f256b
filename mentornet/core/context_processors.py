from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from mentornet.core.access import access_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The organisations the signed-in user administers, for the main menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    return {"admin_memberships": [m for m in access.memberships if m.role == "organisation_admin"]}
