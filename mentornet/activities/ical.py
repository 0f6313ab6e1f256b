"""iCalendar (RFC 5545) for the calendar feeds: one VEVENT per session, times in UTC, text escaped, lines folded."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mentornet.activities.models import Session

PRODID = "-//mentornet//Aktiviteter//DA"


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; line breaks as \\n (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets are split, each continuation starting with a space (§3.1), never inside a
    UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    limit = 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(sessions: Iterable[Session], *, name: str) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "mentornet"
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for session in sessions:
        activity = session.activity
        url = settings.SITE_URL + reverse("activities:activity_detail", kwargs={"activity_id": activity.pk})
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{escape(activity.title)}",
        ]
        if session.where:
            lines.append(f"LOCATION:{escape(session.where)}")
        if activity.description:
            lines.append(f"DESCRIPTION:{escape(activity.description)}")
        lines += [f"URL:{url}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
