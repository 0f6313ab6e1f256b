"""Data stamps for the public pages' caches (the project bank, the barometer).

A stamp names the state of a body of public data (e.g. the newest change and the count of published projects);
it is part of every cache key of those pages, so a change makes them render afresh. Working it out takes a
query, and a query opens a database connection, which costs as much as the rest of a cached page: so each
process keeps the stamp for ``STAMP_SECONDS``. A write forgets it in its own process at once; other processes see
the change within ``STAMP_SECONDS``, the same short lag a public cache in front of the site would give.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache

STAMP_SECONDS = 30


def public_stamp(name: str, compute: Callable[[], str]) -> str:
    key = f"stamp:{name}"
    stamp: str | None = cache.get(key)
    if stamp is None:
        stamp = compute()
        cache.set(key, stamp, STAMP_SECONDS)
    return stamp


def forget_stamp(name: str) -> None:
    """After a write to the data behind ``name``: this process works the stamp out again on its next request."""
    cache.delete(f"stamp:{name}")
