from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class MessageTemplate(models.Model):
    """An organisation's own text for a message kind in one language (beskedskabelon); without one, the default."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    code = models.CharField(_("message"), max_length=80)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("message text")
        verbose_name_plural = _("message texts")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code", "language"], name="messagetemplate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.language})"


class Message(models.Model):
    """A message sent, or to be sent, to a person (besked). The key makes each message happen once."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        NO_ADDRESS = "no_address", _("No address")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=200, unique=True)
    code = models.CharField(_("message"), max_length=80)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    language = models.CharField(max_length=5, default="da")
    context = models.JSONField(default=dict)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-created_at"]), models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return self.key
