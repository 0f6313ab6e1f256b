from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from faker import Faker

from mentornet.organisations.models import Organisation
from mentornet.projects import demo
from mentornet.projects.models import BudgetLine, Project, ProjectArea, ProjectEvent

pytestmark = pytest.mark.django_db


def test_the_demo_builds_synthetic_projects_in_proportion_to_the_scale(copenhagen: Organisation) -> None:
    Faker.seed(2010)
    demo.build(Faker("da_DK"), 0.1, {"copenhagen": copenhagen})
    synthetic = Project.objects.filter(is_reference=False, published=True)
    assert synthetic.count() == 50  # 500 per scale unit
    assert Project.objects.filter(is_reference=True).count() == 132  # the real 2007 tables, whatever the scale
    assert all("(demo " in title for title in synthetic.values_list("title", flat=True))
    assert ProjectArea.objects.filter(project__in=synthetic).values("project").distinct().count() == 50
    assert BudgetLine.objects.filter(project__in=synthetic, municipal=True).count() == 100  # two years each
    assert ProjectEvent.objects.count() == 5
    assert Project.objects.filter(published=False, submitted_at__isnull=False).count() == 1  # awaiting approval


@pytest.mark.parametrize("count", [30, 300])
def test_the_search_takes_the_same_queries_at_any_size(
    client: Client, copenhagen: Organisation, count: int, django_assert_num_queries: Any
) -> None:
    demo.synthetic_projects(Faker("da_DK"), copenhagen, count)
    url = reverse("projects:project_search")
    # The public version, the matching ids, the page, its areas.
    with django_assert_num_queries(4):
        response = client.get(url, {"q": "lektie", "area": "education"})
    assert response.context["page"].paginator.count == count // 10  # one theme in ten is the homework café
    # The rendered results come from the cache until a public project changes, and the version is kept for a few
    # seconds (core.stamps): no query at all.
    with django_assert_num_queries(0):
        again = client.get(url, {"q": "lektie", "area": "education"})
    body = response.content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    assert main in again.content.decode()  # the same results, from the cache
