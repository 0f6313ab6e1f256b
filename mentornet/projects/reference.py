"""The 2007 project tables of Københavns Kommune, shipped as reference data (``reference/copenhagen_2007.json``).

What the source gives, and so what is reproducible here:

- §9.2, the 8 mio. kr. pool: nine grants with amount, decision, status and remarks, totalling 4.629.966 kr.
  (the rows add up to the printed total).
- Bilag 3, the project lists per area: 29 + 28 + 15 + 40 + 80 + 32 = 224 registrations of 131 distinct titles.
  The area counts of §9.3 (figure 1) are reproduced exactly, counted over registrations as the source does.
- Eight of the nine grants appear in bilag 3 under a (slightly) different title and are merged into that project;
  "Lighed i sundhed – borgere i aktivering" is in no area list and so counts in no area.

What is NOT reproducible, and why:

- §9.3 says 148 projects are registered, but bilag 3 names only 131 distinct titles.
- The municipal co-financing per area (figure 2, about 55,6 mio. kr. counted over registrations, "ca. 38 mio. kr."
  without double counting) cannot be computed: the source prints no amount per project. The published figures
  are kept in the file (``published_area_figures``) and shown beside the computed counts. The source itself
  disagrees with itself for two areas (Uddannelse 6.512.084 vs 6.515.084, Kultur og fritid 17.043.820 vs
  18.071.016 kr.); the file keeps figure 2's values with a note.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from mentornet.organisations.models import Organisation
from mentornet.projects.models import Area, Project, ProjectArea

REFERENCE_FILE = Path(__file__).parent / "reference" / "copenhagen_2007.json"


def reference_data() -> dict[str, Any]:
    with REFERENCE_FILE.open(encoding="utf-8") as file:
        data: dict[str, Any] = json.load(file)
    return data


def load_reference(municipality: Organisation) -> int:
    """Load the 2007 projects into the municipality's bank as published reference data; returns how many.

    Loads nothing when the municipality already has reference projects."""
    if Project.objects.filter(municipality=municipality, is_reference=True).exists():
        return 0
    data = reference_data()
    listed = {grant["listed_as"]: grant for grant in data["pool_grants"] if grant["listed_as"]}
    rows = [(row["title"], row["areas"], listed.get(row["title"])) for row in data["projects"]]
    rows += [(grant["name"], [], grant) for grant in data["pool_grants"] if not grant["listed_as"]]
    with transaction.atomic():
        projects = Project.objects.bulk_create(
            Project(municipality=municipality, is_reference=True, published=True, title=title, **_grant(grant, data))
            for title, _areas, grant in rows
        )
        ProjectArea.objects.bulk_create(
            ProjectArea(project=project, area=area)
            for project, (_title, areas, _grant) in zip(projects, rows, strict=True)
            for area in areas
        )
    return len(projects)


def _grant(grant: dict[str, Any] | None, data: dict[str, Any]) -> dict[str, Any]:
    if grant is None:
        return {}
    remarks = grant["remarks"]
    if grant["name"] != grant["listed_as"] and grant["listed_as"]:
        remarks = f"Bevilget fra puljen som “{grant['name']}”. {remarks}".strip()
    return {
        "funding_pool": data["funding_pool"],
        "granted_amount": Decimal(grant["granted_amount"]),
        "decision_reference": grant["decision_reference"],
        "status": grant["status"],
        "evaluation_by": grant["evaluation_by"],
        "remarks": remarks,
    }


def published_area_rows() -> list[dict[str, Any]]:
    """§9.3's table as printed (figure 1 and 2), with the area's label, for showing beside the computed one."""
    return [
        {**row, "label": Area(row["area"]).label, "cofinancing": Decimal(row["cofinancing"])}
        for row in reference_data()["published_area_figures"]
    ]
