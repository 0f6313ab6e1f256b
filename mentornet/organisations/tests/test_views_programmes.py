from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from mentornet.core.models import AuditEntry
from mentornet.organisations.models import Programme, Target

pytestmark = pytest.mark.django_db

RULES = {
    "name": "#MentorIshøj",
    "start_date": "2014-08-01",
    "end_date": "2016-12-31",
    "is_active": "on",
    "mentee_min_age": "18",
    "mentee_max_age": "30",
    "residence_requirement": "Ishøj Kommune",
    "course_required": "on",
    "max_mentors_proposed": "2",
    "proposal_expiry_days": "14",
    "meeting_threshold": "2",
    "planned_duration_months": "6",
    "follow_up_months": "6",
    "inactivity_weeks": "4",
}


def test_an_admin_creates_a_programme_with_its_rules(client, ivan, world):
    client.force_login(ivan)
    response = client.post(reverse("organisations:programme_create", args=[world.ishoj_branch.pk]), RULES)
    programme = Programme.objects.get(name="#MentorIshøj")
    assert response["Location"] == reverse("organisations:programme_detail", args=[programme.pk])
    assert (programme.mentee_min_age, programme.mentee_max_age, programme.meeting_threshold) == (18, 30, 2)
    body = client.get(response["Location"]).content.decode()
    assert "18 til 30 år" in body
    assert "Ishøj Kommune" in body


def test_an_upside_down_age_band_and_period_are_explained(client, ivan, world):
    client.force_login(ivan)
    data = RULES | {"mentee_min_age": "30", "mentee_max_age": "18", "end_date": "2013-01-01"}
    body = client.post(reverse("organisations:programme_create", args=[world.ishoj_branch.pk]), data).content.decode()
    assert "Den ældste alder skal være mindst lige så høj som den yngste." in body
    assert "Programmet skal slutte på eller efter startdatoen." in body
    assert 'value="Ishøj Kommune"' in body
    assert not Programme.objects.filter(name="#MentorIshøj").exists()


def test_a_rule_out_of_range_is_refused(client, ivan, world):
    client.force_login(ivan)
    data = RULES | {"max_mentors_proposed": "9"}
    body = client.post(reverse("organisations:programme_create", args=[world.ishoj_branch.pk]), data).content.decode()
    assert "mindre end eller lig 5" in body


def test_an_admin_changes_the_meeting_threshold_and_it_is_audited(client, olivia, world):
    client.force_login(olivia)
    programme = world.kbh_programme
    data = RULES | {"name": programme.name, "meeting_threshold": "3"}
    client.post(reverse("organisations:programme_edit", args=[programme.pk]), data)
    programme.refresh_from_db()
    assert programme.meeting_threshold == 3
    assert AuditEntry.objects.filter(action="programme.update", object_id=str(programme.pk)).exists()


def test_an_admin_adds_edits_and_deletes_a_target(client, olivia, world):
    client.force_login(olivia)
    programme = world.kbh_programme
    add = reverse("organisations:target_create", args=[programme.pk])
    client.post(
        add,
        {
            "metric": "active_mentors",
            "gender": "",
            "kind": "average_between",
            "period_start": "2015-01-01",
            "period_end": "2016-12-31",
            "value": "8",
            "value_max": "10",
            "note": "Succeskriterium 3",
        },
    )
    target = Target.objects.get(programme=programme)
    assert (target.value, target.value_max) == (Decimal(8), Decimal(10))
    assert "8–10" in client.get(reverse("organisations:programme_detail", args=[programme.pk])).content.decode()

    edit = reverse("organisations:target_edit", args=[programme.pk, target.pk])
    revised = {
        "metric": "active_mentors",
        "gender": "",
        "kind": "average_between",
        "period_start": "2015-01-01",
        "period_end": "2016-12-31",
        "value": "9",
        "value_max": "10",
        "note": "Succeskriterium 3",
    }
    # A new value is a revision: it needs a reason, and what was typed is kept meanwhile.
    refused = client.post(edit, revised).content.decode()
    assert "Skriv, hvorfor målet ændres" in refused
    assert 'value="9"' in refused
    target.refresh_from_db()
    assert target.value == Decimal(8)

    client.post(edit, revised | {"revision_note": "Ny bevillingsskrivelse marts 2015"})
    target.refresh_from_db()
    assert target.value == Decimal(9)
    page = client.get(edit).content.decode()
    assert "Ny bevillingsskrivelse marts 2015" in page
    assert "Før: Aktive mentorer (gennemsnit) · Gennemsnit inden for et interval · 8–10 · 01.01.2015–31.12.2016" in page

    # The note alone is not a revision.
    client.post(edit, revised | {"note": "Fra ansøgningen"})
    assert target.revisions.count() == 1

    client.post(reverse("organisations:target_delete", args=[programme.pk, target.pk]))
    assert not Target.objects.exists()
    actions = list(AuditEntry.objects.filter(action__startswith="target.").values_list("action", flat=True))
    assert sorted(actions) == ["target.create", "target.delete", "target.update", "target.update"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "average_between", "value_max": ""}, "Et interval skal have en øvre værdi."),
        ({"kind": "count_at_least", "value_max": "10"}, "Kun et interval har en øvre værdi."),
        ({"kind": "share_at_least", "value": "150"}, "En andel kan ikke være mere end 100 %."),
        ({"period_end": "2014-01-01"}, "Perioden skal slutte på eller efter sin start."),
        ({"value": "-1"}, "større end eller lig 0"),
    ],
)
def test_an_impossible_target_is_explained(client, olivia, world, data, message):
    client.force_login(olivia)
    base = {
        "metric": "mentorships_counted",
        "gender": "",
        "kind": "count_at_least",
        "period_start": "2015-01-01",
        "period_end": "2015-12-31",
        "value": "15",
        "value_max": "",
        "note": "",
    }
    response = client.post(reverse("organisations:target_create", args=[world.kbh_programme.pk]), base | data)
    assert message in response.content.decode()
    assert not Target.objects.exists()


def test_another_programmes_target_cannot_be_edited_through_this_programme(client, olivia, world):
    target = Target.objects.create(
        programme=world.tingbjerg_programme,
        metric="network_events",
        period_start="2010-01-01",
        period_end="2010-12-31",
        value=5,
    )
    client.force_login(olivia)
    url = reverse("organisations:target_edit", args=[world.kbh_programme.pk, target.pk])
    assert client.get(url).status_code == 404
