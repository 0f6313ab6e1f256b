"""Messages to people: queued once per key, rendered in the organisation's own words, sent in the background."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template import Context, Engine
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.services import audit_log
from mentornet.notifications.models import Channel, Message, MessageTemplate
from mentornet.notifications.registry import KINDS, MessageKind
from mentornet.notifications.sms import send_sms
from mentornet.organisations.models import Organisation
from mentornet.people.models import Person

# Plain text: the values are names and links, not HTML.
ENGINE = Engine(autoescape=False)
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


def message_send(
    *,
    key: str,
    template: str,
    person: Person,
    organisation: Organisation,
    context: dict[str, Any],
    channel: str = Channel.EMAIL,
    language: str = "da",
) -> Message | None:
    """Queue a message unless one with this key exists; None when it did. Sent after the transaction commits."""
    kind = KINDS[template]
    unknown = set(context) - set(kind.variables) - set(kind.inputs)
    if unknown:
        raise ValueError(f"{template}: unknown variables {sorted(unknown)}")
    message, created = Message.objects.get_or_create(
        key=key,
        defaults={
            "code": template,
            "channel": channel,
            "organisation": organisation,
            "person": person,
            "language": language if language in kind.defaults else "da",
            "context": context,
        },
    )
    if not created:
        return None
    from mentornet.notifications.tasks import deliver_message

    transaction.on_commit(lambda: deliver_message.enqueue(message_id=message.pk))
    return message


def message_text(kind: MessageKind, organisation: Organisation, language: str) -> tuple[str, str]:
    """The organisation's own subject and text in this language, or the default."""
    own = MessageTemplate.objects.filter(organisation=organisation, code=kind.code, language=language).first()
    return (own.subject, own.body) if own else kind.defaults[language]


def render_text(subject: str, body: str, context: dict[str, Any]) -> tuple[str, str]:
    values = Context(context)
    return (
        " ".join(ENGINE.from_string(subject).render(values).split()),
        ENGINE.from_string(body).render(values).strip() + "\n",
    )


def message_deliver(message: Message) -> None:
    """Send a queued message once, even if two workers pick it up: the state change claims it."""
    claimed = Message.objects.filter(pk=message.pk, state=Message.State.QUEUED).update(
        state=Message.State.SENT, sent_at=timezone.now()
    )
    if not claimed:
        return
    person = message.person
    address = "" if person is None else (person.phone if message.channel == Channel.SMS else person.email)
    if not address:
        Message.objects.filter(pk=message.pk).update(state=Message.State.NO_ADDRESS, sent_at=None)
        return
    kind = KINDS[message.code]
    values = {**message.context, **(kind.resolve(message.context) if kind.resolve else {})}
    subject, body = render_text(*message_text(kind, message.organisation, message.language), values)
    try:
        if message.channel == Channel.SMS:
            send_sms(address, body)
        else:
            send_mail(subject, body, None, [address])
    except Exception as error:
        # The error's type only: a provider's message may hold the address.
        Message.objects.filter(pk=message.pk).update(state=Message.State.FAILED, error=type(error).__name__)
        raise


def check_text(kind: MessageKind, text: str) -> None:
    """An organisation's text may use the kind's variables and nothing else of the template language."""
    names = set(PLACEHOLDER.findall(text))
    rest = PLACEHOLDER.sub("", text)
    if "{%" in rest or "{{" in rest or "}}" in rest or "{#" in rest:
        raise ValidationError(_("Only placeholders like {{ first_name }} may be used, nothing else in braces."))
    unknown = sorted(names - set(kind.variables))
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. You can use: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(kind.variables)}
        )


def message_template_update(
    *, actor: User, organisation: Organisation, kind: MessageKind, language: str, subject: str, body: str
) -> MessageTemplate:
    errors: dict[str, list[ValidationError]] = {}
    for field, text in (("subject", subject), ("body", body)):
        try:
            check_text(kind, text)
        except ValidationError as error:
            errors[field] = [error]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        template, _created = MessageTemplate.objects.get_or_create(
            organisation=organisation, code=kind.code, language=language, defaults={"subject": subject, "body": body}
        )
        template.subject, template.body, template.updated_by = subject, body, actor
        template.full_clean()
        template.save()
        audit_log(
            actor=actor,
            action="notifications.template_update",
            target=organisation,
            organisation=organisation,
            changes={"message": kind.code, "language": language},
        )
    return template


def message_template_reset(*, actor: User, organisation: Organisation, kind: MessageKind, language: str) -> None:
    with transaction.atomic():
        deleted, _rows = MessageTemplate.objects.filter(
            organisation=organisation, code=kind.code, language=language
        ).delete()
        if deleted:
            audit_log(
                actor=actor,
                action="notifications.template_reset",
                target=organisation,
                organisation=organisation,
                changes={"message": kind.code, "language": language},
            )
