"""Report templates: the admin keeps them, a coordinator starts a report from one, and the report shows it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from mentornet.results.models import Report, ReportTemplate

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)


def milestone(organisation: Any, name: str = "1. afrapportering til udvalgene, juni 2015") -> ReportTemplate:
    return ReportTemplate.objects.create(
        organisation=organisation,
        name=name,
        addressees="Social- og Sundhedsudvalget",
        period_kind="fixed",
        period_start=datetime.date(2014, 8, 1),
        period_end=datetime.date(2015, 5, 31),
        outline="Resumé\nStatus på succeskriterierne",
    )


@time_machine.travel(NOW, tick=False)
def test_choosing_a_template_fills_in_the_report_form_and_the_report_remembers_it(
    client: Client, world: Any, alice: Any, django_capture_on_commit_callbacks: Any
) -> None:
    template = milestone(world.kvinfo)
    client.force_login(alice)
    url = reverse("results:report_list", args=[world.kbh_programme.pk])

    page = client.get(url).content.decode()
    assert "Start fra en skabelon" in page and "Ingen skabelon" in page
    page = client.get(url, {"skabelon": template.pk}).content.decode()
    assert 'value="1. afrapportering til udvalgene, juni 2015"' in page
    assert 'value="2014-08-01"' in page and 'value="2015-05-31"' in page
    assert "Resumé\nStatus på succeskriterierne</textarea>" in page
    assert "Til: Social- og Sundhedsudvalget" in page

    form = {
        "template": template.pk,
        "title": "Juni 2015",
        "period_start": "2014-08-01",
        "period_end": "2015-05-31",
        "text": "Resumé",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + f"?skabelon={template.pk}", form)
    report = Report.objects.get()
    assert report.template == template and report.state == Report.State.DONE
    page = client.get(response["Location"]).content.decode()
    assert "Til:</strong> Social- og Sundhedsudvalget" in page
    assert "Påbegyndte forløb per måned" in page and "Ingen data: ingen mentorforløb begyndte i perioden." in page


def test_another_organisations_template_is_not_found(client: Client, world: Any, alice: Any) -> None:
    other = milestone(world.ishoj)
    client.force_login(alice)
    url = reverse("results:report_list", args=[world.kbh_programme.pk])
    assert client.get(url, {"skabelon": other.pk}).status_code == 404
    posted = client.post(
        url, {"template": other.pk, "title": "x", "period_start": "2025-01-01", "period_end": "2025-12-31"}
    )
    assert posted.status_code == 200 and not Report.objects.exists()


def test_the_admin_creates_and_edits_templates_and_a_mistake_keeps_what_was_typed(
    client: Client, world: Any, olivia: Any
) -> None:
    client.force_login(olivia)
    create = reverse("results:template_create", args=[world.kvinfo.pk])
    data = {
        "name": "Årsrapport til Københavns Kommune og Integrationsministeriet",
        "addressees": "Københavns Kommune",
        "period_kind": "fixed",
        "outline": "Året kort fortalt",
        "group_by_funder": "on",
        "show_targets": "on",
    }
    page = client.post(create, data).content.decode()
    assert "Faste datoer skal have både en start og en slutning." in page
    assert "Året kort fortalt</textarea>" in page

    response = client.post(create, data | {"period_kind": "last_year"})
    assert response["Location"] == reverse("results:template_list", args=[world.kvinfo.pk])
    template = ReportTemplate.objects.get()
    assert template.group_by_funder and not template.show_monthly and template.organisation == world.kvinfo
    listing = client.get(response["Location"]).content.decode()
    assert "Årsrapport til Københavns Kommune og Integrationsministeriet" in listing and "Sidste kalenderår" in listing

    edit = reverse("results:template_edit", args=[world.kvinfo.pk, template.pk])
    client.post(edit, data | {"period_kind": "last_year", "name": "Årsrapport"})
    template.refresh_from_db()
    assert template.name == "Årsrapport"


def test_another_organisations_template_cannot_be_edited(client: Client, world: Any, ivan: Any, olivia: Any) -> None:
    template = milestone(world.kvinfo)
    client.force_login(ivan)
    assert client.get(reverse("results:template_edit", args=[world.ishoj.pk, template.pk])).status_code == 404
    assert client.get(reverse("results:template_list", args=[world.kvinfo.pk])).status_code == 404
