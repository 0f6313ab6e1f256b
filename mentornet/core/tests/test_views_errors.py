from __future__ import annotations

import pytest
from django.test import Client
from django.urls import include, path, reverse


def _explode(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", _explode), path("", include("mentornet.urls"))]
handler500 = "mentornet.core.views.server_error"


@pytest.mark.django_db
def test_an_unknown_address_gets_a_danish_404_page(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_csrf_token_gets_a_danish_explanation(alice):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "alice@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Formularen er udløbet" in response.content.decode()


@pytest.mark.django_db
def test_a_crash_shows_a_generic_danish_page_without_the_stack_trace(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Noget gik galt" in body
    assert "secret internal detail" not in body
    assert "Traceback" not in body
