from __future__ import annotations

from django import template
from django.core.paginator import Page

from mentornet.core.models import AUDIT_ACTION_LABELS, AuditEntry

register = template.Library()


@register.filter
def action_label(entry: AuditEntry) -> str:
    return str(AUDIT_ACTION_LABELS.get(entry.action, entry.action))


@register.simple_tag
def elided_pages(page: Page) -> list[int | str]:  # type: ignore[type-arg]
    """Page numbers around the current page, with '…' for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def join_if_list(value: object) -> object:
    """A list shown as a comma-separated line; anything else as it is."""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "–"
    return value


@register.filter
def kind_slug(kind: str) -> str:
    """The address segment of a kind of person: mentorer, mentees, kontaktpersoner."""
    from mentornet.people.selectors import SLUG_FOR

    return SLUG_FOR[kind]


@register.filter
def phone(value: str) -> str:
    """+4512345678 shown as +45 12 34 56 78; other numbers as they are."""
    if isinstance(value, str) and len(value) == 11 and value.startswith("+45") and value[3:].isdigit():
        digits = value[3:]
        return "+45 " + " ".join(digits[i : i + 2] for i in range(0, 8, 2))
    return value
