"""How people come in and move on: consent, referral, screening (visitation), interviews and status history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mentornet.people.models.person import MentorType, Person, Status


class ConsentText(models.Model):
    """A version of the text a person consents to (samtykketekst). Texts are never edited, only superseded.

    An organisation may publish its own texts; without one, the platform's default text (no organisation) applies."""

    class Purpose(models.TextChoices):
        MENTOR_SIGNUP = "mentor_signup", _("Mentor sign-up")
        MENTEE_SIGNUP = "mentee_signup", _("Mentee sign-up")
        REFERRAL = "referral", _("Referral by a partner")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_texts",
        verbose_name=_("organisation"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text in Danish"))
    text_en = models.TextField(_("text in English"))
    valid_from = models.DateTimeField(_("valid from"), default=timezone.now)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["purpose", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "purpose", "version"],
                condition=Q(organisation__isnull=False),
                name="consent_text_unique_version",
            ),
            models.UniqueConstraint(
                fields=["purpose", "version"],
                condition=Q(organisation__isnull=True),
                name="consent_text_unique_default_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} v{self.version}"

    def localised(self) -> str:
        return self.text_en if (get_language() or "da").startswith("en") else self.text


class Consent(models.Model):
    """What a person consented to, when and how (samtykke)."""

    class Method(models.TextChoices):
        ONLINE = "online", _("Online form")
        PAPER = "paper", _("Signed on paper")
        VERBAL = "verbal", _("Orally, recorded by staff")
        VIA_REFERRER = "via_referrer", _("Given to the referring partner")
        IMPORT = "import", _("Recorded in the imported register")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person"))
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+", verbose_name=_("text"))
    method = models.CharField(_("how"), max_length=15, choices=Method.choices)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} · {self.text}"


class Referral(models.Model):
    """A partner's referral of a person (henvisning), e.g. from a job consultant or a study counsellor."""

    class Motivation(models.TextChoices):
        ASKED = "asked", _("Asked for a mentor themselves")
        AGREED = "agreed", _("Agreed when it was suggested")
        UNSURE = "unsure", _("Unsure")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("person"))
    branch = models.ForeignKey(
        "organisations.Branch", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("branch")
    )
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="referrals",
        verbose_name=_("referred by"),
    )
    partner = models.CharField(
        _("partner organisation"), max_length=200, help_text=_("For example Jobcenter Vallensbæk or CPH West.")
    )
    reason = models.TextField(_("why a mentor"), help_text=_("What the person wants help with. No diagnoses."))
    motivation = models.CharField(_("motivation"), max_length=10, choices=Motivation.choices)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="+", verbose_name=_("consent"))
    created_at = models.DateTimeField(_("referred"), default=timezone.now)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} · {self.partner}"


class ExclusionCategory(models.TextChoices):
    """Why someone is not offered a mentor: a category, never a diagnosis."""

    PROFESSIONAL_HELP = "professional_help", _("Needs professional help (e.g. a psychologist or caseworker)")
    SUBSTANCE_ABUSE = "substance_abuse", _("Active substance abuse")
    CRIMINAL_ENVIRONMENT = "criminal_environment", _("Deep in a criminal environment")
    OUTSIDE_AGE_BAND = "outside_age_band", _("Outside the programme's age band")
    OUTSIDE_AREA = "outside_area", _("Lives outside the programme's area")
    OUTSIDE_TARGET_GROUP = "outside_target_group", _("Outside the target group")
    NOT_MOTIVATED = "not_motivated", _("Not motivated for a mentor now")
    OTHER = "other", _("Other")


class Screening(models.Model):
    """The screening (visitation) of a mentee against the programme's rules."""

    class Outcome(models.TextChoices):
        ELIGIBLE = "eligible", _("Eligible: continue to interview and matching")
        EXCLUDED = "excluded", _("Not eligible: refer elsewhere")

    class Motivation(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Some")
        LOW = "low", _("Low")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="screenings", verbose_name=_("person"))
    programme = models.ForeignKey(
        "organisations.Programme", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("programme")
    )
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    screened_on = models.DateField(_("date"), default=timezone.localdate)
    age_ok = models.BooleanField(_("age within the band"), null=True, blank=True)
    residence_ok = models.BooleanField(_("lives in the area"), null=True, blank=True)
    target_group_ok = models.BooleanField(_("in the target group"), null=True, blank=True)
    motivation = models.CharField(_("motivation"), max_length=10, choices=Motivation.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    exclusion_category = models.CharField(
        _("reason for exclusion"), max_length=25, choices=ExclusionCategory.choices, blank=True
    )
    referred_to = models.CharField(
        _("referred to"), max_length=200, blank=True, help_text=_("Where the person was referred instead.")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("No diagnoses: the category says enough."))

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["-screened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="eligible", exclusion_category="")
                | Q(outcome="excluded") & ~Q(exclusion_category=""),
                name="screening_exclusion_has_category",
                violation_error_message=_("An exclusion needs a reason, and an eligible person none."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_outcome_display()}"


class Interview(models.Model):
    """An intake interview (samtale) with a mentor or a mentee."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("person"))
    held_on = models.DateField(_("date"), default=timezone.localdate)
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    summary = models.TextField(_("summary"), help_text=_("Interests, background, wishes. No diagnoses."))
    mentor_type = models.CharField(_("mentor type that fits"), max_length=10, choices=MentorType.choices, blank=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} · {self.held_on}"


class StatusChange(models.Model):
    """One step in a person's pipeline history."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("person")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.from_status} → {self.to_status}"


class DuplicateFlag(models.Model):
    """A new record that looks like an existing person, for the coordinator to merge or keep apart."""

    class Reason(models.TextChoices):
        EMAIL = "email", _("Same e-mail")
        PHONE = "phone", _("Same phone")
        NAME = "name", _("Similar name and same birth year")

    class State(models.TextChoices):
        OPEN = "open", _("To be checked")
        MERGED = "merged", _("Merged")
        KEPT_APART = "kept_apart", _("Kept apart")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="duplicate_flags")
    existing = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("why"), max_length=10, choices=Reason.choices)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["person", "existing"], name="duplicate_flag_unique_pair")]
        indexes = [models.Index(fields=["state"], condition=Q(state="open"), name="duplicate_flag_open")]

    def __str__(self) -> str:
        return f"{self.person} ~ {self.existing}"
