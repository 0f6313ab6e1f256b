from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from mentornet.core.testing import make_branch, make_organisation, make_person, make_programme
from mentornet.organisations.models import Organisation
from mentornet.projects.programme import programme_figures
from mentornet.projects.tests.conftest import make_project
from mentornet.results.suppression import SUPPRESSED_MARK

pytestmark = pytest.mark.django_db


def _recruited(project_figures: list) -> str:  # type: ignore[type-arg]
    return str(next(f.figure.text for f in project_figures if f.label in ("Mentees recruited", "Rekrutterede mentees")))


def test_a_linked_programme_shows_its_figures_hidden_below_the_threshold(
    client: Client, copenhagen: Organisation
) -> None:
    branch = make_branch(make_organisation(name="KVINFO"), name="Tingbjerg")
    programme = make_programme(branch, name="Mentornetværk i Tingbjerg")
    project = make_project(copenhagen, published=True, programme=programme)
    for _number in range(2):
        make_person(branch, kind="mentee", programme=programme)
    assert _recruited(programme_figures(project)) == SUPPRESSED_MARK  # two people would be recognisable
    for _number in range(4):
        make_person(branch, kind="mentee", programme=programme)
    cache.clear()
    assert _recruited(programme_figures(project)) == "6"
    response = client.get(reverse("projects:project_detail", args=[project.pk]))
    assert "Mentornetværk i Tingbjerg" in response.text


def test_a_project_without_a_programme_shows_no_figures(copenhagen: Organisation) -> None:
    assert programme_figures(make_project(copenhagen, published=True)) == []
