"""Run every periodic job once: reminders, invitations, follow-ups, expiries. Safe to run every few minutes."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mentornet.notifications.registry import JOBS

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Queue the messages and do the work that is due now. Each message is sent once, however often this runs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--job", action="append", choices=sorted(JOBS), help="run only this job (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        failed = []
        for name in options["job"] or sorted(JOBS):
            try:
                count = JOBS[name](now)
            except Exception:
                logger.exception("periodic job %s failed", name)
                failed.append(name)
                continue
            self.stdout.write(f"{name}: {count}")
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}")
