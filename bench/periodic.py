#!/usr/bin/env python
"""periodic.reminders: ``manage.py periodic`` with 10,000 inactivity reminders due, on a copy of a scale's data.

Runs in a child process of ``run.py`` against a copy of the bench database (``DATABASE_URL``/``SQLITE_PATH`` set
by ``run.py``). Tops the data up to ``DUE`` active mentorships without a recent meeting (new mentorships started
60 days ago between existing active mentors and mentees of the same branch), then times every periodic
job once (everything queued: messages and their delivery tasks), and once more (nothing new may be queued).
Prints one JSON object.
"""

from __future__ import annotations

import datetime
import json
import random
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUE = 10_000
SEED = 2025


def due_count() -> int:
    from mentornet.mentorships.models import Mentorship, MentorshipStatus
    from mentornet.mentorships.selectors import inactive_q, with_meeting_stats
    from mentornet.organisations.models import Programme

    programmes = list(Programme.objects.filter(is_active=True))
    active = with_meeting_stats(Mentorship.objects.filter(status=MentorshipStatus.ACTIVE))
    return active.filter(inactive_q(programmes)).filter(mentor__anonymised_at__isnull=True).count()


def top_up(missing: int) -> None:
    from django.utils import timezone

    from mentornet.mentorships.models import Mentorship, MentorshipStatus
    from mentornet.people.models import Person

    rng = random.Random(SEED)
    mentors = list(
        Person.objects.filter(kind="mentor", status="active").exclude(email="").values_list("pk", "branch_id")
    )
    mentees: dict[int, list[tuple[int, int]]] = {}
    for pk, branch_id, programme_id in Person.objects.filter(kind="mentee", programme__isnull=False).values_list(
        "pk", "branch_id", "programme_id"
    ):
        mentees.setdefault(branch_id, []).append((pk, programme_id))
    mentors = [m for m in mentors if m[1] in mentees]
    start = timezone.localdate() - datetime.timedelta(days=60)
    rows = []
    for _ in range(missing):
        mentor_id, branch_id = rng.choice(mentors)
        mentee_id, programme_id = rng.choice(mentees[branch_id])
        rows.append(
            Mentorship(
                mentor_id=mentor_id,
                mentee_id=mentee_id,
                programme_id=programme_id,
                branch_id=branch_id,
                start_date=start,
                planned_end=start + datetime.timedelta(days=182),
                status=MentorshipStatus.ACTIVE,
            )
        )
    Mentorship.objects.bulk_create(rows, batch_size=1000)


def run_periodic() -> tuple[float, dict[str, int]]:
    from django.core.management import call_command

    out = StringIO()
    started = time.perf_counter()
    call_command("periodic", stdout=out)
    seconds = time.perf_counter() - started
    counts = {}
    for line in out.getvalue().splitlines():
        name, _, count = line.rpartition(": ")
        counts[name] = int(count)
    return seconds, counts


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from mentornet.notifications.models import Message

    before = due_count()
    if before < DUE:
        top_up(DUE - before)
    due = due_count()
    executed = [0]

    def count_query(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_query):
        first_s, first = run_periodic()
    first_queries, executed[0] = executed[0], 0
    with connection.execute_wrapper(count_query):
        again_s, again = run_periodic()
    reminders = first.get("mentorships.inactivity", 0)
    print(
        json.dumps(
            {
                "due": due,
                "due_in_demo": before,
                "total_s": first_s,
                "queued": sum(first.values()),
                "reminders": reminders,
                "per_reminder_ms": 1000 * first_s / max(reminders, 1),
                "queries": first_queries,
                "jobs": first,
                "messages": Message.objects.count(),
                "tasks": DBTaskResult.objects.count(),
                "again_s": again_s,
                "again_queued": sum(again.values()),
                "again_queries": executed[0],
            }
        )
    )


if __name__ == "__main__":
    main()
