"""Request types for views: what the middleware has attached by the time a view runs."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from mentornet.accounts.models import User


class PublicRequest(HttpRequest):
    htmx: HtmxDetails


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user."""

    user: User
    htmx: HtmxDetails
