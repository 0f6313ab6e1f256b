"""The organisation's logo: uploaded by its admin, checked, shown on its pages and at the top of its reports."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from mentornet.core.models import AuditEntry
from mentornet.organisations.models import OrganisationLogo
from mentornet.results.models import Report
from mentornet.results.services import report_render

pytestmark = pytest.mark.django_db


def image(fmt: str, size: tuple[int, int] = (40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1f5f99").save(buffer, format=fmt)
    return buffer.getvalue()


def form(organisation: Any, **files: Any) -> dict[str, Any]:
    return {"name": organisation.name, "kind": organisation.kind, "city": "København K", **files}


def test_the_admin_uploads_a_logo_that_members_see_and_the_report_pdf_holds(
    client: Client, world: Any, olivia: Any, alice: Any, ivan: Any
) -> None:
    client.force_login(olivia)
    url = reverse("organisations:organisation_edit", args=[world.kvinfo.pk])
    response = client.post(url, form(world.kvinfo, logo_file=SimpleUploadedFile("logo.png", image("PNG"))))
    assert response.status_code == 302
    world.kvinfo.refresh_from_db()
    assert world.kvinfo.logo_type == "image/png" and bytes(world.kvinfo.logo.image) == image("PNG")
    entry = AuditEntry.objects.get(action="organisation.update")
    assert "PNG" not in str(entry.changes)  # the bytes are not logged

    logo = reverse("organisations:organisation_logo", args=[world.kvinfo.pk])
    assert logo in client.get(reverse("organisations:organisation_detail", args=[world.kvinfo.pk])).content.decode()
    client.force_login(alice)
    served = client.get(logo)
    assert served["Content-Type"] == "image/png" and served.content == image("PNG")
    client.force_login(ivan)
    assert client.get(logo).status_code == 404

    report = Report.objects.create(
        programme=world.kbh_programme,
        title="Årsrapport",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    assert b"/Subtype /Image" in bytes(report_render(report).pdf)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.gif", image("GIF")), "Logoet skal være en PNG- eller JPEG-fil."),
        (SimpleUploadedFile("logo.png", b"not an image"), "Filen er ikke et billede, vi kan læse."),
        (SimpleUploadedFile("big.png", b"x" * (500 * 1024 + 1)), "Logoet må højst fylde 500 KB."),
    ],
)
def test_a_wrong_logo_is_explained_and_the_rest_of_the_form_is_kept(
    client: Client, world: Any, olivia: Any, upload: Any, message: str
) -> None:
    client.force_login(olivia)
    url = reverse("organisations:organisation_edit", args=[world.kvinfo.pk])
    page = client.post(url, form(world.kvinfo, logo_file=upload)).content.decode()
    assert message in page
    assert 'value="København K"' in page
    world.kvinfo.refresh_from_db()
    assert world.kvinfo.logo_type == "" and world.kvinfo.city != "København K"


def test_the_admin_removes_the_logo(client: Client, world: Any, olivia: Any) -> None:
    OrganisationLogo.objects.create(organisation=world.kvinfo, image=image("JPEG"))
    type(world.kvinfo).objects.filter(pk=world.kvinfo.pk).update(logo_type="image/jpeg")
    client.force_login(olivia)
    url = reverse("organisations:organisation_edit", args=[world.kvinfo.pk])
    assert "Fjern logoet" in client.get(url).content.decode()
    client.post(url, form(world.kvinfo, remove_logo="on"))
    world.kvinfo.refresh_from_db()
    assert world.kvinfo.logo_type == "" and not OrganisationLogo.objects.filter(organisation=world.kvinfo).exists()
    assert client.get(reverse("organisations:organisation_logo", args=[world.kvinfo.pk])).status_code == 404


def test_the_admin_raises_the_small_cell_threshold_but_never_below_five(
    client: Client, world: Any, olivia: Any
) -> None:
    client.force_login(olivia)
    url = reverse("organisations:organisation_edit", args=[world.kvinfo.pk])
    response = client.post(url, form(world.kvinfo, suppression_threshold="4", contact_name="Hanne Holm"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Denne værdi skal være større end eller lig 5." in body
    assert 'value="Hanne Holm"' in body  # what she typed is kept
    world.kvinfo.refresh_from_db()
    assert world.kvinfo.suppression_threshold == 5

    assert client.post(url, form(world.kvinfo, suppression_threshold="10")).status_code == 302
    world.kvinfo.refresh_from_db()
    assert world.kvinfo.suppression_threshold == 10
    detail = client.get(reverse("organisations:organisation_detail", args=[world.kvinfo.pk])).content.decode()
    assert "Grupper på færre end 10 personer" in detail
