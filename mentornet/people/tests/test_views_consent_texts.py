from __future__ import annotations

import pytest
from django.urls import reverse

from mentornet.core.models import AuditEntry
from mentornet.people.models import ConsentText

pytestmark = pytest.mark.django_db


def test_an_admin_publishes_a_new_version_of_a_consent_text(client, olivia, world):
    client.force_login(olivia)
    url = reverse("people:consent_text_list", args=[world.kvinfo.pk])
    page = client.get(url).content.decode()
    assert "Standardteksten, version 1" in page
    response = client.post(url, {"purpose": "referral", "text": "KVINFOs henvisningstekst", "text_en": "Referral text"})
    assert response["Location"] == url
    text = ConsentText.objects.get(organisation=world.kvinfo)
    assert (text.purpose, text.version) == ("referral", 2)
    assert "Jeres organisations tekst, version 2" in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action="consent_text.publish", actor=olivia).exists()


def test_an_empty_text_is_refused(client, olivia, world):
    client.force_login(olivia)
    response = client.post(
        reverse("people:consent_text_list", args=[world.kvinfo.pk]), {"purpose": "referral", "text": "", "text_en": ""}
    )
    assert "Dette felt er påkrævet" in response.content.decode()
    assert not ConsentText.objects.filter(organisation=world.kvinfo).exists()
