from __future__ import annotations

import pytest
from django.urls import reverse

from mentornet.accounts.models import Role
from mentornet.core.testing import make_branch, make_programme, make_user
from mentornet.organisations.services import branch_update

pytestmark = pytest.mark.django_db


def test_a_coordinator_sees_her_own_branch_and_nothing_of_the_others(client, alice, charlie, world):
    client.force_login(alice)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "København" in body
    assert "Mentornetværket København" in body
    assert "Tingbjerg" not in body
    assert "Ishøj" not in body


def test_a_coordinator_sees_recent_changes_in_her_branch(client, alice, olivia, world):
    branch_update(actor=olivia, branch=world.kbh, data={"premises": "Biblioteket"})
    branch_update(actor=olivia, branch=world.tingbjerg, data={"premises": "Beboerhuset"})
    client.force_login(alice)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Seneste aktivitet" in body
    assert "ændrede afdelingen" in body
    assert body.count("ændrede afdelingen") == 1  # Tingbjerg's change is not hers to see


def test_a_mentor_sees_how_to_reach_the_coordinators_of_the_branch(client, bob, alice, charlie):
    client.force_login(bob)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Dine koordinatorer" in body
    assert "alice@example.org" in body
    assert "charlie@example.org" not in body
    assert "Seneste aktivitet" not in body


def test_an_organisation_admin_gets_the_administration_links(client, olivia, world):
    client.force_login(olivia)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("accounts:user_list", args=[world.kvinfo.pk]) in body
    assert reverse("core:audit_log", args=[world.kvinfo.pk]) in body
    assert "Tingbjerg" in body and "København" in body


def test_a_user_without_any_role_is_told_what_to_do(client, world):
    client.force_login(make_user())
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Du har endnu ingen rolle" in body


def test_the_dashboard_costs_the_same_queries_however_much_data_there_is(
    client, olivia, world, django_assert_max_num_queries
):
    client.force_login(olivia)
    with django_assert_max_num_queries(24) as small:
        client.get(reverse("core:dashboard"))
    for _ in range(5):
        branch = make_branch(world.kvinfo)
        make_programme(branch)
        for role in [Role.COORDINATOR, Role.MENTOR, Role.MENTOR, Role.REFERRER]:
            make_user(role=role, branch=branch)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
