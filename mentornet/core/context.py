"""Per-request facts that services read without taking the request as an argument."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestMeta:
    request_id: str
    ip_address: str | None
    path: str


request_meta: ContextVar[RequestMeta | None] = ContextVar("request_meta", default=None)
