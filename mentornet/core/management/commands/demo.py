"""Build the synthetic Danish demo data set. Later apps add their own builder to DEMO_STEPS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from faker import Faker

from mentornet.accounts import demo as accounts_demo
from mentornet.activities import demo as activities_demo
from mentornet.barometer import demo as barometer_demo
from mentornet.followups import demo as followups_demo
from mentornet.matching import demo as matching_demo
from mentornet.mentorships import demo as mentorships_demo
from mentornet.organisations import demo as organisations_demo
from mentornet.organisations.models import Organisation
from mentornet.people import demo as people_demo
from mentornet.projects import demo as projects_demo
from mentornet.results import demo as results_demo


class Command(BaseCommand):
    help = "Load the synthetic demo data (Faker da_DK, no real persons) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1, help="Multiply the volume of people (default 1; 0.1 for a small set)."
        )
        parser.add_argument("--seed", type=int, default=2010, help="Random seed, for a repeatable data set.")

    def handle(self, *args: Any, scale: float, seed: int, **options: Any) -> None:
        if scale < 0.01:
            self.stderr.write("--scale must be at least 0.01.")
            raise SystemExit(2)
        if Organisation.objects.exists():
            self.stdout.write("The database already has data; the demo data is not loaded again.")
        else:
            fake = Faker("da_DK")
            Faker.seed(seed)
            with transaction.atomic():
                places = organisations_demo.build(fake, scale)
                accounts_demo.build(fake, scale, places)
                people_demo.build(fake, scale, places)
                matching_demo.build(fake, scale, places)
                mentorships_demo.build(fake, scale, places)
                followups_demo.build(fake, scale, places)
                activities_demo.build(fake, scale, places)
                results_demo.build(fake, scale, places)
                projects_demo.build(fake, scale, places)
                barometer_demo.build(fake, scale, places)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # statistics for the query planner after a bulk load
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded (scale {scale:g})."))
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {accounts_demo.DEMO_PASSWORD}):")
        for email, purpose, *_ in accounts_demo.DEMO_LOGINS:
            self.stdout.write(f"  {email:<42} {purpose}")
