"""Follow-up: the exit evaluation of both sides, the follow-up months after the end, the praktik work-ability
assessment, and the PDF documents rendered from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from mentornet.core.models import BackgroundWork


class Outcome(models.TextChoices):
    EDUCATION = "education", _("In education")
    JOB = "job", _("In a job")
    BOTH = "both", _("Both education and a job")
    OTHER = "other", _("Something else")


class FollowUp(models.Model):
    """The follow-up (opfølgning) of a closed mentorship: what the mentee does some months after the end.

    Not answering is its own state (``no_answer``), not a missing value: it counts in the results as such."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENT = "sent", _("Sent, waiting for an answer")
        ANSWERED = "answered", _("Answered through the link")
        PHONE = "phone", _("Answered by phone")
        NO_ANSWER = "no_answer", _("No answer")

    mentorship = models.OneToOneField(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="follow_up", verbose_name=_("mentorship")
    )
    due_on = models.DateField(_("due"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    outcome = models.CharField(_("what the mentee does"), max_length=10, choices=Outcome.choices, blank=True)
    place = models.CharField(
        _("name of the education or workplace"),
        max_length=200,
        blank=True,
        help_text=_("Optional. For example Københavns Professionshøjskole or Netto."),
    )
    token_salt = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answer_by = models.DateTimeField(_("answer by"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return f"{self.mentorship_id} · {self.due_on:%Y-%m-%d}"

    @property
    def is_answered(self) -> bool:
        return self.state in {self.State.ANSWERED, self.State.PHONE}


class Side(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class Rating(models.IntegerChoices):
    ONE = 1, _("1 – Not at all")
    TWO = 2, _("2 – A little")
    THREE = 3, _("3 – Somewhat")
    FOUR = 4, _("4 – Much")
    FIVE = 5, _("5 – Very much")


class ExitEvaluation(models.Model):
    """The exit evaluation (slutevaluering) of a closed mentorship by one side, answered through a link."""

    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        on_delete=models.CASCADE,
        related_name="exit_evaluations",
        verbose_name=_("mentorship"),
    )
    side = models.CharField(_("side"), max_length=6, choices=Side.choices)
    token_salt = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    overall = models.PositiveSmallIntegerField(_("all in all"), choices=Rating.choices, null=True, blank=True)
    helped = models.PositiveSmallIntegerField(
        _("helped toward the goals"), choices=Rating.choices, null=True, blank=True
    )
    recommend = models.BooleanField(_("would recommend it"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("exit evaluation")
        verbose_name_plural = _("exit evaluations")
        ordering = ["mentorship", "side"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "side"], name="exit_evaluation_one_per_side"),
        ]

    def __str__(self) -> str:
        return f"{self.mentorship_id} · {self.get_side_display()}"


class Scale(models.IntegerChoices):
    NOT_YET = 1, _("1 – Not yet")
    SMALL = 2, _("2 – To a small degree")
    SOME = 3, _("3 – To some degree")
    HIGH = 4, _("4 – To a high degree")
    FULL = 5, _("5 – Fully")


class Recommendation(models.TextChoices):
    ORDINARY_JOB = "ordinary_job", _("Ready for ordinary work on ordinary terms")
    JOB_WITH_CONSIDERATIONS = "job_considerations", _("Ready for work with special considerations")
    MORE_PRAKTIK = "more_praktik", _("Continued or new work placement")
    EDUCATION = "education", _("Education or upskilling")
    OTHER = "other", _("Other support first")


#: The assessed areas of a work-ability assessment: field name → what is assessed.
AREAS = {
    "attendance": _("Attendance and punctuality"),
    "pace": _("Working pace"),
    "cooperation": _("Cooperation with colleagues"),
    "instructions": _("Following instructions"),
    "independence": _("Working independently"),
    "danish": _("Danish at work"),
    "physical": _("Physical considerations and skånehensyn observed"),
}


def _scale(label: StrOrPromise) -> models.PositiveSmallIntegerField[int | None, int | None]:
    return models.PositiveSmallIntegerField(label, choices=Scale.choices, null=True, blank=True)


def _comment() -> models.CharField[str, str]:
    return models.CharField(_("comment"), max_length=500, blank=True)


class WorkAbilityAssessment(models.Model):
    """The work-ability assessment (arbejdsevnevurdering) at the end of a praktik mentorship, for the jobcentre.

    Each area is a scale with a short comment; no diagnoses, only what was observed at work."""

    mentorship = models.OneToOneField(
        "mentorships.Mentorship",
        on_delete=models.CASCADE,
        related_name="work_ability",
        verbose_name=_("mentorship"),
    )
    period_start = models.DateField(_("placement from"))
    period_end = models.DateField(_("placement to"))
    attendance = _scale(_("Attendance and punctuality"))
    attendance_comment = _comment()
    pace = _scale(_("Working pace"))
    pace_comment = _comment()
    cooperation = _scale(_("Cooperation with colleagues"))
    cooperation_comment = _comment()
    instructions = _scale(_("Following instructions"))
    instructions_comment = _comment()
    independence = _scale(_("Working independently"))
    independence_comment = _comment()
    danish = _scale(_("Danish at work"))
    danish_comment = _comment()
    physical = _scale(_("Physical considerations and skånehensyn observed"))
    physical_comment = _comment()
    overall = models.TextField(_("overall assessment"), max_length=3000)
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices)
    recommendation_note = models.CharField(_("about the recommendation"), max_length=500, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written and signed by"),
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("work-ability assessment")
        verbose_name_plural = _("work-ability assessments")

    def __str__(self) -> str:
        return f"{self.mentorship_id} · {self.period_end:%Y-%m-%d}"

    def areas(self) -> list[tuple[str, int | None, str, str]]:
        """(label, value, value's label, comment) for each assessed area, in order."""
        rows = []
        for name, label in AREAS.items():
            value = getattr(self, name)
            rows.append((str(label), value, str(Scale(value).label) if value else "", getattr(self, f"{name}_comment")))
        return rows


class Document(BackgroundWork):
    """A PDF rendered in the background from a mentorship: the completion certificate (forløbsbevis) or the
    work-ability assessment. The page shows its progress, then the download link."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Completion certificate")
        WORK_ABILITY = "work_ability", _("Work-ability assessment")

    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="documents", verbose_name=_("mentorship")
    )
    kind = models.CharField(_("document"), max_length=12, choices=Kind.choices)
    content = models.BinaryField(blank=True, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["mentorship", "kind", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.mentorship_id}"
