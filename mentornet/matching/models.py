"""Matching: a programme's settings, coordinators' exclusions, proposals with what was shown and chosen, batch runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MatchingSettings(models.Model):
    """How a programme matches: the weight of each criterion and the non-binding first meeting."""

    programme = models.OneToOneField(
        "organisations.Programme", on_delete=models.CASCADE, related_name="matching", verbose_name=_("programme")
    )
    weights = models.JSONField(_("weights"), default=dict)
    first_meeting_step = models.BooleanField(
        _("non-binding first meeting"),
        default=False,
        help_text=_("After the first meeting both sides confirm, or ask for another match."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("matching settings")
        verbose_name_plural = _("matching settings")

    def __str__(self) -> str:
        return str(self.programme)


class Exclusion(models.Model):
    """A coordinator's decision that a mentor is not to be proposed to a mentee, with the reason."""

    mentee = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="exclusions")
    mentor = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="excluded_for")
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        constraints = [models.UniqueConstraint(fields=["mentee", "mentor"], name="exclusion_unique_pair")]

    def __str__(self) -> str:
        return f"{self.mentee} ≠ {self.mentor}"


class Proposal(models.Model):
    """Up to N mentors offered to a mentee (forslag). The mentors are reserved while it is open."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for the mentee's choice")
        CHOSEN = "chosen", _("Chosen: waiting for the mentor")
        FIRST_MEETING = "first_meeting", _("Accepted: first meeting to come")
        ACCEPTED = "accepted", _("Matched")
        DECLINED = "declined", _("Declined by the mentor")
        REMATCH = "rematch", _("Rematch after the first meeting")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Side(models.TextChoices):
        MENTEE = "mentee", _("The mentee")
        MENTOR = "mentor", _("The mentor")

    class Via(models.TextChoices):
        LINK = "link", _("The mentee, through the link")
        COORDINATOR = "coordinator", _("The coordinator, for the mentee")

    mentee = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="proposals")
    programme = models.ForeignKey("organisations.Programme", on_delete=models.SET_NULL, null=True, related_name="+")
    run = models.ForeignKey("matching.MatchRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    state = models.CharField(_("state"), max_length=15, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    expires_at = models.DateTimeField(_("open until"))
    token_salt = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    chosen_at = models.DateTimeField(_("chosen"), null=True, blank=True)
    chosen_via = models.CharField(_("chosen by"), max_length=12, choices=Via.choices, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentee_confirmed_at = models.DateTimeField(_("the mentee wants to go on"), null=True, blank=True)
    mentor_confirmed_at = models.DateTimeField(_("the mentor wants to go on"), null=True, blank=True)
    rematch_asked_by = models.CharField(_("rematch asked for by"), max_length=10, choices=Side.choices, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A mentee has at most one proposal in progress.
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(state__in=["open", "chosen"]),
                name="proposal_one_in_progress_per_mentee",
                violation_error_message=_("The mentee already has a proposal in progress."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee} · {self.created_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN and self.expires_at > timezone.now()


class Candidate(models.Model):
    """A mentor shown in a proposal, with the score and reasons shown, and what became of it."""

    class State(models.TextChoices):
        OFFERED = "offered", _("Offered")
        CHOSEN = "chosen", _("Chosen by the mentee")
        NOT_CHOSEN = "not_chosen", _("Not chosen")
        ACCEPTED = "accepted", _("Accepted by the mentor")
        DECLINED = "declined", _("Declined by the mentor")
        RELEASED = "released", _("Released")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="candidates")
    mentor = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="candidacies")
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    presentation = models.TextField(_("presentation shown"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OFFERED)
    response_reason = models.CharField(_("reason"), max_length=300, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["proposal", "rank"]
        constraints = [models.UniqueConstraint(fields=["proposal", "mentor"], name="candidate_unique_mentor")]
        indexes = [models.Index(fields=["mentor", "state"])]

    def __str__(self) -> str:
        return f"{self.mentor} ({self.score:.0f})"


class MatchRun(models.Model):
    """A batch match of a programme's waiting list, run in the background, for the coordinator to accept."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    programme = models.ForeignKey("organisations.Programme", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.RUNNING)
    progress = models.PositiveSmallIntegerField(default=0)
    result = models.JSONField(default=list)
    mentees = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("batch match")
        verbose_name_plural = _("batch matches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme} · {self.created_at:%Y-%m-%d %H:%M}"
