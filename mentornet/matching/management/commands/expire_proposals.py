"""Close proposals whose reservation period is over, so their mentors show as free everywhere (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mentornet.matching.services import proposals_expire


class Command(BaseCommand):
    help = "Close proposals whose time to choose has run out and release their mentors."

    def handle(self, *args: Any, **options: Any) -> None:
        count = proposals_expire()
        self.stdout.write(f"{count} proposal(s) expired.")
