from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from mentornet.core.context import RequestMeta, request_meta


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the address the trusted reverse proxies saw (TRUSTED_PROXY_COUNT)."""
    proxies: int = settings.TRUSTED_PROXY_COUNT
    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops: list[str] = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    remote: str | None = request.META.get("REMOTE_ADDR")
    return remote or None


class RequestContextMiddleware:
    """Gives each request an id and makes who/where available to services that write the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = RequestMeta(request_id=uuid.uuid4().hex, ip_address=client_ip(request), path=request.path[:300])
        token = request_meta.set(meta)
        try:
            response = self.get_response(request)
        finally:
            request_meta.reset(token)
        response["X-Request-ID"] = meta.request_id
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Danish unless the visitor chose English with the language switch (the cookie).

    The browser's Accept-Language is deliberately ignored: many Danish users run English browsers,
    and the product is Danish first."""

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
