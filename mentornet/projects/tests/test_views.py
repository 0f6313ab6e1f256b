from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mentornet.accounts.models import Role, User
from mentornet.core.testing import make_user
from mentornet.organisations.models import Organisation
from mentornet.projects.models import Project
from mentornet.projects.services import project_submit
from mentornet.projects.tests.conftest import make_project

pytestmark = pytest.mark.django_db


def test_the_public_search_shows_published_projects_only(client: Client, copenhagen: Organisation) -> None:
    make_project(copenhagen, title="Hemmeligt udkast")
    make_project(copenhagen, title="Lektiecafé", areas=("education",), published=True)
    response = client.get(reverse("projects:project_search"), {"q": "", "area": "education"})
    assert response.status_code == 200
    assert "Lektiecafé" in response.text
    assert "Hemmeligt udkast" not in response.text


def test_the_search_is_paginated_in_constant_queries(
    client: Client, copenhagen: Organisation, django_assert_max_num_queries: Any
) -> None:
    for number in range(25):
        make_project(copenhagen, title=f"Projekt {number:02}", published=True)
    with django_assert_max_num_queries(8):
        first = client.get(reverse("projects:project_search"))
    assert "Projekt 00" in first.text and "Projekt 24" not in first.text
    assert "Projekt 24" in client.get(reverse("projects:project_search"), {"side": 2}).text


def test_a_published_change_is_seen_at_once_despite_the_cache(client: Client, copenhagen: Organisation) -> None:
    url = reverse("projects:project_search")
    assert "Nyt projekt" not in client.get(url, {"q": "Nyt"}).text
    make_project(copenhagen, title="Nyt projekt", published=True)
    assert "Nyt projekt" in client.get(url, {"q": "Nyt"}).text


def test_the_project_page_shows_everything_and_the_last_update(client: Client, copenhagen: Organisation) -> None:
    project = make_project(copenhagen, published=True, areas=("employment", "safety"))
    response = client.get(reverse("projects:project_detail", args=[project.pk]))
    text = response.text
    for shown in ("Mentorer i Tingbjerg", "BIU 202/2006", "Matchning", "55 match om året", "100.000"):
        assert shown in text
    assert "Senest opdateret" in text or "Last updated" in text


def test_an_unpublished_project_answers_404_to_the_public(client: Client, copenhagen: Organisation) -> None:
    project = make_project(copenhagen)
    assert client.get(reverse("projects:project_detail", args=[project.pk])).status_code == 404


def test_the_statistics_count_over_registrations_and_say_so(client: Client, copenhagen: Organisation) -> None:
    make_project(copenhagen, published=True, areas=("employment", "safety", "culture"))
    make_project(copenhagen, published=True, areas=("employment",))
    response = client.get(reverse("projects:project_statistics"))
    statistics = response.context["statistics"]
    assert statistics.projects == 2
    assert statistics.registrations == 4
    assert statistics.rows[0].projects == 2 and statistics.rows[0].project_share == 50
    assert statistics.cofinancing == 200_000  # each project's 100.000 kr. counted once
    assert statistics.cofinancing_registrations == 400_000  # and once per registration
    assert "registrations" in response.text or "registreringer" in response.text


def _form_data(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "project",
        "title": "Fodbold for piger",
        "owner": "KFF",
        "areas": "culture",
        "start_date": "2010-01-01",
        "end_date": "2010-12-31",
        "status": "running",
        "activities-TOTAL_FORMS": "2",
        "activities-INITIAL_FORMS": "0",
        "activities-0-activity": "Træning",
        "activities-0-success_criterion": "20 piger",
        "budget-TOTAL_FORMS": "3",
        "budget-INITIAL_FORMS": "0",
        "budget-0-year": "2010",
        "budget-0-kind": "expense",
        "budget-0-label": "Trænere",
        "budget-0-amount": "54.000,50",
        "budget-0-including_vat": "on",
        "budget-1-year": "2010",
        "budget-1-kind": "income",
        "budget-1-label": "Københavns Kommune",
        "budget-1-amount": "50.000",
        "budget-1-municipal": "on",
        "budget-1-including_vat": "on",
        "budget-2-kind": "expense",
        "budget-2-including_vat": "on",
    }
    return data | overrides


def test_a_holder_registers_a_project_with_a_danish_amount_and_sees_the_flag(client: Client, holder: User) -> None:
    client.force_login(holder)
    response = client.post(reverse("projects:project_create"), _form_data())
    project = Project.objects.get()
    assert response.status_code == 302
    assert str(project.budget_lines.get(kind="expense").amount) == "54000.50"
    assert project.holder == holder and not project.published
    page = client.get(reverse("projects:project_edit", args=[project.pk]))
    assert "54.000,5" in page.text  # shown back in Danish
    assert "alert-warning" in page.text  # funders 50.000 kr. against expenses 54.000,50 kr.


def test_a_project_below_the_threshold_is_refused_and_keeps_what_was_typed(client: Client, holder: User) -> None:
    client.force_login(holder)
    response = client.post(
        reverse("projects:project_create"), _form_data(**{"budget-0-amount": "40.000", "budget-1-amount": "40.000"})
    )
    assert response.status_code == 200
    assert not Project.objects.exists()
    assert "50.000 kr." in response.text
    assert 'value="Fodbold for piger"' in response.text
    assert 'value="40.000"' in response.text


def test_a_holder_sees_only_their_own_projects(
    client: Client, copenhagen: Organisation, aarhus: Organisation, holder: User
) -> None:
    mine = make_project(copenhagen, holder, title="Mit projekt")
    colleague = make_project(copenhagen, make_user(role=Role.PROJECT_HOLDER, organisation=copenhagen), title="Andet")
    elsewhere = make_project(aarhus, title="Aarhus-projekt")
    client.force_login(holder)
    listing = client.get(reverse("projects:my_projects"))
    assert "Mit projekt" in listing.text and "Andet" not in listing.text
    assert client.get(reverse("projects:project_edit", args=[mine.pk])).status_code == 200
    assert client.get(reverse("projects:project_edit", args=[colleague.pk])).status_code == 404
    assert client.get(reverse("projects:project_edit", args=[elsewhere.pk])).status_code == 404


def test_a_municipal_admin_approves_and_the_project_goes_public(
    client: Client, copenhagen: Organisation, aarhus: Organisation, holder: User, municipal_admin: User
) -> None:
    project = make_project(copenhagen, holder)
    project_submit(actor=holder, project=project)
    other = make_project(aarhus, title="Aarhus-projekt")
    project_submit(actor=None, project=other)
    client.force_login(municipal_admin)
    listing = client.get(reverse("projects:approval_list"))
    assert project.title in listing.text and "Aarhus-projekt" not in listing.text
    assert client.get(reverse("projects:project_review", args=[other.pk])).status_code == 404
    assert client.post(reverse("projects:project_approve", args=[other.pk])).status_code == 404
    response = client.post(reverse("projects:project_approve", args=[project.pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get(reverse("projects:project_detail", args=[project.pk])).status_code == 200


def test_the_holder_pages_need_the_role(client: Client, municipal_admin: User, holder: User) -> None:
    client.force_login(municipal_admin)
    assert client.get(reverse("projects:my_projects")).status_code == 403
    assert client.get(reverse("projects:project_create")).status_code == 403
    client.force_login(holder)
    assert client.get(reverse("projects:approval_list")).status_code == 403


@pytest.mark.django_db
def test_the_overview_shows_a_holder_her_projects_and_an_administrator_his_queue(
    client: Client, copenhagen: Organisation, holder: User, municipal_admin: User
) -> None:
    draft = make_project(copenhagen, holder)
    make_project(copenhagen, holder, title="Lektiecafé i Mjølnerparken")
    project_submit(actor=holder, project=draft)

    client.force_login(holder)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Kladder: 1" in body and "Venter på godkendelse: 1" in body and "Offentliggjort: 0" in body
    assert reverse("projects:my_projects") in body and "til godkendelse" not in body.split("Mine projekter")[-1]

    client.force_login(municipal_admin)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "1 projekt venter på din godkendelse." in body
    assert reverse("projects:approval_list") in body
