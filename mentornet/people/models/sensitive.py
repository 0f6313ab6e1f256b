"""Special categories of personal data (GDPR art. 9 and 10): kept in their own table, never loaded with lists,
exports or the audit log's values, and shown only on a logged reveal (see docs/data-protection.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from mentornet.people.models.person import Person


class EthnicBackground(models.TextChoices):
    DANISH = "danish", _("Danish")
    MINORITY = "minority", _("Ethnic minority background")
    NOT_STATED = "not_stated", _("Prefers not to say")


class SensitiveData(models.Model):
    """Special categories of personal data (GDPR art. 9 and 10), kept apart and shown only on a logged reveal."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="sensitive")
    ethnic_background = models.CharField(
        _("ethnic background"), max_length=12, choices=EthnicBackground.choices, blank=True
    )
    country_of_origin = models.CharField(_("country of origin"), max_length=100, blank=True)
    health_note = models.TextField(
        _("health"), blank=True, help_text=_("Only what the coordinator needs to know. Never a diagnosis.")
    )
    substance_note = models.TextField(_("substance abuse"), blank=True)
    criminal_note = models.TextField(_("criminal environment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("special category data")
        verbose_name_plural = _("special category data")

    def __str__(self) -> str:
        return str(self.person)

    def is_empty(self) -> bool:
        return not any(
            [self.ethnic_background, self.country_of_origin, self.health_note, self.substance_note, self.criminal_note]
        )


#: Fields of SensitiveData: never in lists, exports or the audit log's values.
SENSITIVE_FIELDS = ("ethnic_background", "country_of_origin", "health_note", "substance_note", "criminal_note")
