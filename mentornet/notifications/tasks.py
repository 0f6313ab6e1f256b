"""Background work for messages: each is sent by the worker after the transaction that queued it commits."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from mentornet.notifications.models import Message
from mentornet.notifications.services import message_deliver


@task()
def deliver_message(*, message_id: int) -> None:
    message = Message.objects.filter(pk=message_id).select_related("person", "organisation").first()
    if message is not None:
        with translation.override(message.language):
            message_deliver(message)
