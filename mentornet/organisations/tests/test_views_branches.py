from __future__ import annotations

import pytest
from django.urls import reverse

from mentornet.core.models import AuditEntry
from mentornet.organisations.models import Branch

pytestmark = pytest.mark.django_db


def test_an_admin_creates_a_branch(client, olivia, world):
    client.force_login(olivia)
    response = client.post(
        reverse("organisations:branch_create", args=[world.kvinfo.pk]),
        {"name": "Vollsmose", "postcode": "5240", "city": "Odense NØ", "district": "Vollsmose", "is_active": "on"},
    )
    branch = Branch.objects.get(name="Vollsmose")
    assert response["Location"] == reverse("organisations:branch_detail", args=[branch.pk])
    assert branch.organisation == world.kvinfo
    entry = AuditEntry.objects.get(action="branch.create")
    assert (entry.actor, entry.organisation, entry.changes["postcode"]) == (olivia, world.kvinfo, [None, "5240"])
    page = client.get(response["Location"]).content.decode()
    assert "Afdelingen er oprettet." in page


def test_bad_branch_input_is_explained_in_danish_and_nothing_typed_is_lost(client, olivia, world):
    client.force_login(olivia)
    response = client.post(
        reverse("organisations:branch_create", args=[world.kvinfo.pk]),
        {"name": "København", "postcode": "12", "city": "Odense", "email": "ikke-en-adresse"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ret venligst følgende" in body
    assert "Et dansk postnummer har præcis 4 cifre." in body
    assert "Indtast en gyldig e-mail-adresse." in body
    assert "Organisationen har allerede en afdeling med dette navn." in body
    assert 'value="Odense"' in body and 'value="12"' in body
    assert Branch.objects.filter(organisation=world.kvinfo).count() == 2


def test_the_same_branch_name_is_fine_in_another_organisation(client, ivan, world):
    client.force_login(ivan)
    client.post(reverse("organisations:branch_create", args=[world.ishoj.pk]), {"name": "København"})
    assert Branch.objects.filter(name="København").count() == 2


def test_an_admin_edits_a_branch_and_the_change_is_audited(client, olivia, world):
    client.force_login(olivia)
    client.post(
        reverse("organisations:branch_edit", args=[world.kbh.pk]),
        {"name": "København", "email": world.kbh.email, "premises": "KVINFOs bibliotek", "is_active": "on"},
    )
    world.kbh.refresh_from_db()
    assert world.kbh.premises == "KVINFOs bibliotek"
    assert AuditEntry.objects.get(action="branch.update").changes == {"premises": ["", "KVINFOs bibliotek"]}


def test_a_coordinator_sees_her_branch_with_its_coordinators(client, alice, world):
    client.force_login(alice)
    body = client.get(reverse("organisations:branch_detail", args=[world.kbh.pk])).content.decode()
    assert "Alice Andersen" in body
    assert "Mentornetværket København" in body
    assert reverse("organisations:branch_edit", args=[world.kbh.pk]) not in body  # not hers to edit


def test_a_coordinator_cannot_reach_another_branch(client, alice, world):
    client.force_login(alice)
    for name in ["organisations:branch_detail", "organisations:branch_edit"]:
        assert client.get(reverse(name, args=[world.tingbjerg.pk])).status_code == 404
    assert client.get(reverse("organisations:programme_detail", args=[world.tingbjerg_programme.pk])).status_code == 404


def test_the_organisation_page_lists_branches_in_constant_queries(client, olivia, world, django_assert_max_num_queries):
    from mentornet.core.testing import make_branch, make_programme

    client.force_login(olivia)
    url = reverse("organisations:organisation_detail", args=[world.kvinfo.pk])
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(10):
        make_programme(make_branch(world.kvinfo))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_an_admin_edits_the_organisation(client, olivia, world):
    client.force_login(olivia)
    response = client.post(
        reverse("organisations:organisation_edit", args=[world.kvinfo.pk]),
        {"name": "KVINFOs Mentornetværk", "kind": "network", "cvr": "1234", "website": "kvinfo.example"},
    )
    assert "Et CVR-nummer har præcis 8 cifre." in response.content.decode()
    client.post(
        reverse("organisations:organisation_edit", args=[world.kvinfo.pk]),
        {"name": "KVINFOs Mentornetværk", "kind": "network", "cvr": "12919247", "website": "kvinfo.example"},
    )
    world.kvinfo.refresh_from_db()
    assert (world.kvinfo.cvr, world.kvinfo.website) == ("12919247", "https://kvinfo.example")
