"""Rate limits for public forms: per client and for everyone together, counted in the database."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from mentornet.core.middleware import client_ip
from mentornet.core.models import Throttle


def client_key(request: HttpRequest) -> str:
    """A stable key for the client that is not its address (no IP addresses are stored for this)."""
    raw = f"{client_ip(request) or 'unknown'}:{settings.SECRET_KEY}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def throttle_hit(key: str, *, limit: int, window: datetime.timedelta) -> bool:
    """Count one attempt for ``key``; True while the window holds at most ``limit`` attempts."""
    now = timezone.now()
    seconds = int(window.total_seconds())
    start = datetime.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=datetime.UTC)
    with transaction.atomic():
        updated = Throttle.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    Throttle.objects.create(key=key, window_start=start, count=1)
            except IntegrityError:
                Throttle.objects.filter(key=key, window_start=start).update(count=F("count") + 1)
        count = Throttle.objects.filter(key=key, window_start=start).values_list("count", flat=True).first() or 0
    Throttle.objects.filter(window_start__lt=now - datetime.timedelta(days=1)).delete()
    return count <= limit


def public_form_allowed(request: HttpRequest, form_name: str) -> bool:
    """One more submission of a public form, if neither this client nor everyone together is over the limit."""
    hour = datetime.timedelta(hours=1)
    per_client = throttle_hit(f"{form_name}:{client_key(request)}", limit=settings.SIGNUP_LIMIT_PER_CLIENT, window=hour)
    overall = throttle_hit(f"{form_name}:all", limit=settings.SIGNUP_LIMIT_GLOBAL, window=hour)
    return per_client and overall
