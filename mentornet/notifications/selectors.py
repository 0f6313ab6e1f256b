"""Reads for the message texts page."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from mentornet.notifications.models import MessageTemplate
from mentornet.notifications.registry import KINDS, LANGUAGES, MessageKind
from mentornet.organisations.models import Organisation


@dataclass
class KindRow:
    kind: MessageKind
    own_languages: list[str]


def message_kinds(organisation: Organisation) -> list[KindRow]:
    """Every message kind, with the languages the organisation has written its own text for."""
    own: dict[str, list[str]] = {}
    for code, language in MessageTemplate.objects.filter(organisation=organisation).values_list("code", "language"):
        own.setdefault(code, []).append(language)
    return [KindRow(kind, sorted(own.get(code, []))) for code, kind in sorted(KINDS.items())]


def get_kind(code: str, language: str) -> MessageKind:
    if code not in KINDS or language not in LANGUAGES:
        raise Http404
    return KINDS[code]
