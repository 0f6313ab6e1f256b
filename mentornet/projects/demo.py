"""Demo data for the project bank: the real 2007 Copenhagen tables; about 500 synthetic published projects per
scale unit (``--scale 10`` gives the issue's 5,000), a few with events; and one synthetic project awaiting approval.

The synthetic projects are written with ``bulk_create`` and without audit entries per row, so ``--scale 10`` stays
fast. Their titles end in "(demo NNNN)" so that nobody mistakes them for the municipality's real projects."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from faker import Faker

from mentornet.accounts.models import User
from mentornet.projects.models import Area, BudgetLine, District, Project, ProjectArea, ProjectEvent
from mentornet.projects.reference import load_reference
from mentornet.projects.services import project_create, project_submit

HOLDER = "projektholder@mentornet.example"
#: Synthetic published projects per scale unit.
PROJECTS_PER_SCALE = 500
BATCH = 1000
#: (theme, its main area): every synthetic project sits in its theme's area and in up to two more.
THEMES = (
    ("Lektiecafé for unge", Area.EDUCATION),
    ("Brobygning til ungdomsuddannelse", Area.EDUCATION),
    ("Jobklub og virksomhedspraktik", Area.EMPLOYMENT),
    ("Mentorordning for ledige", Area.EMPLOYMENT),
    ("Boligsocial netværksindsats", Area.HOUSING),
    ("Tryghedsvandringer og gadeplansarbejde", Area.SAFETY),
    ("Pigeklub og idræt", Area.CULTURE),
    ("Sprogcafé på biblioteket", Area.CULTURE),
    ("Sundhedsguider i lokalområdet", Area.HEALTH),
    ("Forældrenetværk og familiekurser", Area.HEALTH),
)
TARGETS = ("Unge 15-25 år", "Ledige over 30 år", "Forældre med små børn", "Ældre etniske minoriteter", "Kvinder")
NATIONALITIES = ("Somaliske, tyrkiske", "Pakistanske, irakiske", "Alle", "Libanesiske, palæstinensiske", "Syriske")
OWNERS = ("BIF", "BUF", "KFF", "SUF", "SOF", "TMF", "Frivillig forening")
POOLS = ("8 mio. kr.-puljen", "§ 18", "Integrationspuljen", "")


def build(fake: Faker, scale: float, places: dict[str, Any]) -> None:
    copenhagen = places["copenhagen"]
    load_reference(copenhagen)
    synthetic_projects(fake, copenhagen, round(PROJECTS_PER_SCALE * scale))
    holder = User.objects.filter(email=HOLDER).first()
    year = timezone.localdate().year
    project = project_create(
        actor=holder,
        municipality=copenhagen,
        data={
            "kind": "project",
            "title": "Lektiecafé og mentorer i Tingbjerg (demo)",
            "owner": "Børne- og Ungdomsforvaltningen",
            "purpose": "Unge i Tingbjerg får hjælp til lektier og en frivillig mentor, så flere gennemfører en "
            "ungdomsuddannelse. Synthetic demo project.",
            "target_groups": "Unge 15-25 år i Tingbjerg",
            "nationalities": "Alle",
            "district": "bronshoj_husum",
            "funding_pool": "8 mio. kr.-puljen",
            "start_date": datetime.date(year, 1, 1),
            "end_date": datetime.date(year + 1, 12, 31),
            "status": "running",
            "contact_name": fake.name(),
            "contact_email": "lektiecafe@mentornet.example",
        },
        areas=["education", "culture"],
        activities=[{"activity": "Lektiecafé to aftener om ugen", "success_criterion": "40 unge deltager"}],
        budget_lines=[
            {
                "year": y,
                "kind": kind,
                "label": label,
                "amount": Decimal(amount),
                "municipal": municipal,
                "including_vat": True,
            }
            for y in (year, year + 1)
            for kind, label, amount, municipal in (
                ("expense", "Koordinator", "180000", False),
                ("income", "Københavns Kommune", "120000", True),
                ("income", "Fonde", "60000", False),
            )
        ],
    )
    project_submit(actor=holder, project=project)


def synthetic_projects(fake: Faker, municipality: Any, count: int) -> list[Project]:
    """``count`` published synthetic projects with areas and a two-year budget; every tenth has an event."""
    rng = fake.random
    now = timezone.now()
    this_year = now.year
    projects, areas = [], []
    for number in range(count):
        theme, area = THEMES[number % len(THEMES)]
        district = rng.choice(District.values)
        start = datetime.date(rng.randint(2008, this_year), rng.randint(1, 12), 1)
        projects.append(
            Project(
                municipality=municipality,
                title=f"{theme}, {District(district).label} (demo {number + 1:04})",
                owner=rng.choice(OWNERS),
                purpose=f"{theme} for {rng.choice(TARGETS).lower()}. Synthetic demo project.",
                target_groups=rng.choice(TARGETS),
                nationalities=rng.choice(NATIONALITIES),
                district=district,
                funding_pool=rng.choice(POOLS),
                start_date=start,
                end_date=start.replace(year=start.year + rng.randint(1, 3)) - datetime.timedelta(days=1),
                status=rng.choice(Project.Status.values),
                contact_name=fake.name(),
                published=True,
                approved_at=now,
            )
        )
        areas.append({area, *rng.sample(Area.values, rng.randint(0, 2))})
    projects = Project.objects.bulk_create(projects, batch_size=BATCH)
    ProjectArea.objects.bulk_create(
        (ProjectArea(project=p, area=a) for p, chosen in zip(projects, areas, strict=True) for a in sorted(chosen)),
        batch_size=BATCH,
    )
    BudgetLine.objects.bulk_create((line for p in projects for line in _budget(rng, p)), batch_size=BATCH)
    ProjectEvent.objects.bulk_create((_event(rng, p, now) for p in projects[::10]), batch_size=BATCH)
    return projects


def _budget(rng: Any, project: Project) -> list[BudgetLine]:
    assert project.start_date is not None
    expense = Decimal(rng.randrange(60_000, 1_500_000, 5_000))
    municipal = (expense * Decimal(rng.choice(("0.5", "0.75", "1")))).quantize(Decimal(1))
    lines = []
    for year in (project.start_date.year, project.start_date.year + 1):
        lines += [
            BudgetLine(project=project, year=year, kind="expense", label="Projektmedarbejdere", amount=expense),
            BudgetLine(
                project=project, year=year, kind="income", label="Københavns Kommune", amount=municipal, municipal=True
            ),
        ]
        if municipal < expense:
            lines.append(
                BudgetLine(project=project, year=year, kind="income", label="Fonde", amount=expense - municipal)
            )
    return lines


def _event(rng: Any, project: Project, now: datetime.datetime) -> ProjectEvent:
    starts = (now + datetime.timedelta(days=rng.randint(-60, 300))).replace(
        hour=rng.choice((10, 14, 17)), minute=0, second=0, microsecond=0
    )
    return ProjectEvent(
        project=project,
        title=rng.choice(("Åbent hus", "Informationsmøde", "Fællesspisning", "Afslutningsfest", "Temadag")),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=rng.choice((2, 3))),
        place=project.get_district_display(),
        description="Synthetic demo event.",
    )
