"""Reference lists shared by mentors and mentees, so that matching can compare like with like."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Language(models.Model):
    """A language a person speaks (sprog)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("name in English"), max_length=60)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "da").startswith("en") else self.name


class Topic(models.Model):
    """An item in one of the shared lists: interests, needs/competences, or fields of work and education."""

    class Kind(models.TextChoices):
        INTEREST = "interest", _("Interest")
        SUPPORT = "support", _("Need or competence")
        FIELD = "field", _("Field of work or education")

    kind = models.CharField(_("list"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="topic_unique_name_per_kind")]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "da").startswith("en") else self.name
