from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Sum

from mentornet.organisations.models import Organisation
from mentornet.projects.models import Project, ProjectArea
from mentornet.projects.reference import load_reference, published_area_rows, reference_data
from mentornet.projects.selectors import area_statistics


def test_the_eight_million_pool_has_nine_grants_totalling_4629966_kr() -> None:
    grants = reference_data()["pool_grants"]
    assert len(grants) == 9
    assert sum(Decimal(g["granted_amount"]) for g in grants) == Decimal(4_629_966)


@pytest.mark.django_db
def test_loading_reproduces_the_area_counts_of_section_9_3(copenhagen: Organisation) -> None:
    """Figure 1 counts 29, 28, 15, 40, 80 and 32 projects per area: 224 registrations of 131 listed titles, plus
    the one pool grant that is in no list. The co-financing per area cannot be recomputed (no amounts per project)."""
    assert load_reference(copenhagen) == 132
    counts = Counter(ProjectArea.objects.values_list("area", flat=True))
    published = {row["area"]: row["projects"] for row in published_area_rows()}
    assert counts == published
    assert sum(counts.values()) == 224
    statistics = area_statistics(2007)
    assert [row.projects for row in statistics.rows] == [29, 28, 15, 40, 80, 32]
    assert [row.project_share for row in statistics.rows] == [13, 12, 7, 18, 36, 14]  # the printed percentages
    grants = Project.objects.exclude(granted_amount=None)
    assert grants.count() == 9
    assert grants.aggregate(total=Sum("granted_amount"))["total"] == Decimal(4_629_966)
    assert load_reference(copenhagen) == 0  # loading twice adds nothing


@pytest.mark.django_db
def test_a_pool_grant_keeps_its_decision_and_status(copenhagen: Organisation) -> None:
    load_reference(copenhagen)
    project = Project.objects.get(title="Liv og død - fortællinger og ritualer i et flerkulturelt København")
    assert project.decision_reference == "BIU 202/2006"
    assert project.status == Project.Status.RUNNING
    assert project.granted_amount == Decimal(290_000)
    assert sorted(project.area_rows.values_list("area", flat=True)) == ["culture", "education"]
    kringlebakken = Project.objects.get(title__startswith="Kringlebakken")
    assert kringlebakken.status == Project.Status.ANCHORED
    assert kringlebakken.evaluation_by == "CASA"
