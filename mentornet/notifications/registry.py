"""What messages exist and what runs periodically: each app registers its own in its `notifications.py`.

A message kind has default texts in Danish and English (Django template text with ``{{ variables }}`` only); an
organisation admin may override them per language. A periodic job is a function of the current time that queues
the messages now due and returns how many; ``manage.py periodic`` runs every job, and may run every few minutes,
because each message's key makes sending it a second time a no-op.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class MessageKind:
    code: str
    label: str | Promise
    variables: tuple[str, ...]
    defaults: dict[str, tuple[str, str]]  # language -> (subject, body)
    #: Values worked out when the message is sent, from stored ``inputs`` (e.g. a link whose token is not stored).
    inputs: tuple[str, ...] = ()
    resolve: Callable[[dict[str, Any]], dict[str, Any]] | None = None


Job = Callable[[datetime.datetime], int]

KINDS: dict[str, MessageKind] = {}
JOBS: dict[str, Job] = {}


def register_template(
    code: str,
    *,
    label: str | Promise,
    variables: list[str] | tuple[str, ...],
    da: tuple[str, str],
    en: tuple[str, str],
    inputs: tuple[str, ...] = (),
    resolve: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> MessageKind:
    if code in KINDS:
        raise ValueError(f"message kind {code!r} is registered twice")
    kind = MessageKind(
        code=code,
        label=label,
        variables=tuple(variables),
        defaults={"da": da, "en": en},
        inputs=inputs,
        resolve=resolve,
    )
    KINDS[code] = kind
    return kind


def periodic_job(name: str) -> Callable[[Job], Job]:
    def register(job: Job) -> Job:
        if name in JOBS:
            raise ValueError(f"periodic job {name!r} is registered twice")
        JOBS[name] = job
        return job

    return register
