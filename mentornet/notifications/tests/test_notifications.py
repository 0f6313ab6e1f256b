"""Messages: each key is sent once, in the organisation's own words when it has them; the periodic command."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from mentornet.core.models import AuditEntry
from mentornet.core.testing import make_person
from mentornet.notifications import registry, sms
from mentornet.notifications.models import Channel, Message, MessageTemplate
from mentornet.notifications.services import message_deliver, message_send

HELLO = registry.MessageKind(
    code="tests.hello",
    label="Hello",
    variables=("first_name", "url"),
    defaults={
        "da": ("Hej {{ first_name }}", "Kære {{ first_name }}\n\nSe mere her: {{ url }}"),
        "en": ("Hello {{ first_name }}", "Dear {{ first_name }}\n\nMore here: {{ url }}"),
    },
)


@pytest.fixture(autouse=True)
def hello(monkeypatch: pytest.MonkeyPatch) -> registry.MessageKind:
    monkeypatch.setitem(registry.KINDS, HELLO.code, HELLO)
    return HELLO


def send(world: Any, person: Any, key: str = "hello:1", **overrides: Any) -> Message | None:
    arguments = {
        "key": key,
        "template": HELLO.code,
        "person": person,
        "organisation": world.kvinfo,
        "context": {"first_name": person.first_name, "url": "https://example.org/x"},
    }
    return message_send(**(arguments | overrides))


def test_a_message_is_sent_once_per_key_after_the_transaction_commits(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    amina = make_person(world.kbh, first_name="Amina", email="amina@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert send(world, amina) is not None
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Hej Amina"]
    assert mail.outbox[0].to == ["amina@example.org"]
    assert "Se mere her: https://example.org/x" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        assert send(world, amina) is None
    assert len(mail.outbox) == 1
    assert Message.objects.get().state == Message.State.SENT


def test_the_organisations_own_text_and_the_persons_language_are_used(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    amina = make_person(world.kbh, first_name="Amina", email="amina@example.org")
    MessageTemplate.objects.create(
        organisation=world.kvinfo, code=HELLO.code, language="da", subject="Goddag {{first_name}}", body="Tekst"
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(world, amina, key="a")
        send(world, amina, key="b", language="en")
    assert [m.subject for m in mail.outbox] == ["Goddag Amina", "Hello Amina"]


def test_a_text_message_goes_through_the_sms_backend_and_no_number_is_its_own_state(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    amina = make_person(world.kbh, first_name="Amina", phone="+4512345678")
    nour = make_person(world.kbh, first_name="Nour", phone="")
    with django_capture_on_commit_callbacks(execute=True):
        send(world, amina, key="a", channel=Channel.SMS)
        send(world, nour, key="b", channel=Channel.SMS)
    assert [(to, text.splitlines()[0]) for to, text in sms.outbox] == [("+4512345678", "Kære Amina")]
    assert Message.objects.get(key="b").state == Message.State.NO_ADDRESS
    assert mail.outbox == []


def test_a_message_picked_up_twice_is_sent_once(world: Any) -> None:
    amina = make_person(world.kbh, first_name="Amina", email="amina@example.org")
    message = send(world, amina)
    assert message is not None
    message_deliver(message)
    message_deliver(message)
    assert len(mail.outbox) == 1


def test_unknown_variables_are_a_programming_error(world: Any) -> None:
    with pytest.raises(ValueError, match="unknown variables"):
        send(world, make_person(world.kbh), context={"cpr": "x"})


def test_the_periodic_command_runs_every_job_and_reports_a_failing_one(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []

    def fine(now: Any) -> int:
        ran.append("fine")
        return 3

    def broken(now: Any) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(registry, "JOBS", {"tests.broken": broken, "tests.fine": fine})
    monkeypatch.setattr("mentornet.notifications.management.commands.periodic.JOBS", registry.JOBS)
    out = StringIO()
    with pytest.raises(CommandError, match=r"tests\.broken"):
        call_command("periodic", stdout=out)
    assert ran == ["fine"]
    assert "tests.fine: 3" in out.getvalue()


def test_every_app_registers_its_periodic_jobs() -> None:
    assert "matching.expire_proposals" in registry.JOBS


# --- The texts page -------------------------------------------------------------------------------------------


def test_an_admin_writes_her_own_text_with_a_preview_and_goes_back_to_the_standard(client: Any, olivia: Any) -> None:
    world_org = olivia.memberships.first().organisation
    client.force_login(olivia)
    url = reverse("notifications:message_edit", args=[world_org.pk, HELLO.code, "da"])

    page = client.get(url).content.decode()
    assert "Kære [first_name]" in page  # the preview of the standard text

    refused = client.post(url, {"subject": "Hej {{ cpr }}", "body": "Hej {% if x %}"})
    body = refused.content.decode()
    assert "Ukendt pladsholder: cpr" in body
    assert "Kun pladsholdere som" in body
    assert "Hej {% if x %}" in body  # what she typed is kept
    assert not MessageTemplate.objects.exists()

    saved = client.post(url, {"subject": "Hej {{ first_name }}!", "body": "Vi savner dig, {{ first_name }}."})
    assert saved.status_code == 302
    assert MessageTemplate.objects.get().body == "Vi savner dig, {{ first_name }}."
    listing = client.get(reverse("notifications:message_list", args=[world_org.pk])).content.decode()
    assert "Egen tekst" in listing
    assert AuditEntry.objects.filter(action="notifications.template_update").count() == 1

    client.post(reverse("notifications:message_reset", args=[world_org.pk, HELLO.code, "da"]))
    assert not MessageTemplate.objects.exists()


def test_an_unknown_message_or_language_answers_404(client: Any, olivia: Any) -> None:
    organisation = olivia.memberships.first().organisation
    client.force_login(olivia)
    assert client.get(reverse("notifications:message_edit", args=[organisation.pk, "nope", "da"])).status_code == 404
    assert (
        client.get(reverse("notifications:message_edit", args=[organisation.pk, HELLO.code, "fr"])).status_code == 404
    )


def test_a_persons_messages_are_in_her_data_export_and_lose_their_contents_on_erasure(world: Any, alice: Any) -> None:
    from mentornet.people.services.rights import person_anonymise, person_data_export

    amina = make_person(world.kbh, first_name="Amina", email="amina@example.org")
    send(world, amina)
    exported = person_data_export(actor=alice, person=amina)
    assert [row["besked"] for row in exported["Beskeder sendt"]] == [HELLO.code]

    person_anonymise(actor=alice, person=amina)
    message = Message.objects.get()
    assert message.context == {}
    assert message.person == amina
