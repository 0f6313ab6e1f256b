"""Mentorships: the mentorforløb between a mentor and a mentee, its meetings, milestones and the mentor's concerns."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MentorshipKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary mentorship")
    PRAKTIK = "praktik", _("Work placement (praktik)")


class MentorshipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    MENTEE_STOPPED = "mentee_stopped", _("The mentee stopped")
    MENTOR_STOPPED = "mentor_stopped", _("The mentor stopped")
    MOVED = "moved", _("Moved away")
    REMATCH = "rematch", _("Rematch with another mentor")
    OTHER = "other", _("Other")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every other week")
    MONTHLY = "monthly", _("Once a month")
    AS_NEEDED = "as_needed", _("As needed, e.g. around exams")


class Mentorship(models.Model):
    """A mentorship (mentorforløb) between a mentor and a mentee in a programme, with its agreed frame."""

    mentor = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="mentorships_as_mentor", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="mentorships_as_mentee", verbose_name=_("mentee")
    )
    programme = models.ForeignKey(
        "organisations.Programme", on_delete=models.PROTECT, related_name="mentorships", verbose_name=_("programme")
    )
    branch = models.ForeignKey(
        "organisations.Branch", on_delete=models.PROTECT, related_name="mentorships", verbose_name=_("branch")
    )
    proposal = models.OneToOneField(
        "matching.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorship",
        verbose_name=_("proposal"),
    )
    kind = models.CharField(_("type"), max_length=10, choices=MentorshipKind.choices, default=MentorshipKind.ORDINARY)
    start_date = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"))
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency.choices, blank=True)
    place = models.CharField(
        _("where"), max_length=200, blank=True, help_text=_("For example the library, a café or a video call.")
    )
    goals = models.TextField(_("goals"), blank=True)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    working_hours = models.CharField(
        _("working hours"), max_length=200, blank=True, help_text=_("For example 10 hours a week, mornings.")
    )
    considerations = models.TextField(
        _("special considerations (skånehensyn)"),
        blank=True,
        help_text=_("What the workplace agreed to take into account. No diagnoses."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MentorshipStatus.choices, default=MentorshipStatus.ACTIVE
    )
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=20, choices=CloseReason.choices, blank=True)
    close_note = models.CharField(_("note on closing"), max_length=300, blank=True)
    #: The newest meeting's date, kept by the meeting services (``refresh_last_meeting``), so that inactivity is a
    #: plain comparison on this row however many meetings there are.
    last_meeting_on = models.DateField(_("last meeting"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["branch", "status", "-start_date"]),
            models.Index(fields=["branch", "-start_date"]),  # the list, newest first
            models.Index(fields=["status", "last_meeting_on"]),
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(planned_end__gte=F("start_date")), name="mentorship_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} · {self.mentor}"

    @property
    def is_open(self) -> bool:
        return self.status != MentorshipStatus.CLOSED


class MeetingForm(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")
    WALK = "walk", _("A walk")
    CAFE = "cafe", _("Café")


class MeetingTopic(models.TextChoices):
    EDUCATION = "education", _("Education")
    JOB = "job", _("Job and work placement")
    DANISH = "danish", _("Danish language")
    EVERYDAY = "everyday", _("Everyday life and money")
    NETWORK = "network", _("Network and leisure")
    WELLBEING = "wellbeing", _("Well-being")
    OTHER = "other", _("Other")


class Meeting(models.Model):
    """A meeting (møde) between mentor and mentee, logged by the mentor or a coordinator."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("mentorship")
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=60)
    form = models.CharField(_("form"), max_length=10, choices=MeetingForm.choices, default=MeetingForm.IN_PERSON)
    topic = models.CharField(_("topic"), max_length=10, choices=MeetingTopic.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("logged"), default=timezone.now)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["mentorship", "-date"], name="meeting_last_per_mentorship")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_form_display()}"


class MilestoneKind(models.TextChoices):
    STARTED_EDUCATION = "started_education", _("Started an education")
    JOB = "job", _("In a job")
    PRAKTIK = "praktik", _("In a work placement")
    DANISH_COURSE = "danish_course", _("Danish course")
    RETAINED = "retained", _("Stayed in education")
    OTHER = "other", _("Other")


class Milestone(models.Model):
    """A milestone (milepæl) the mentee reached during the mentorship, with its date."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("mentorship")
    )
    kind = models.CharField(_("milestone"), max_length=20, choices=MilestoneKind.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"


class Concern(models.Model):
    """A mentor's private worry about the mentorship (bekymring), for the branch's coordinators only."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="concerns", verbose_name=_("mentorship")
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("raised by"),
    )
    text = models.TextField(_("what worries you"), max_length=2000)
    created_at = models.DateTimeField(_("raised"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.mentorship_id} {self.created_at:%Y-%m-%d}"


def planned_end_for(start: datetime.date, months: int) -> datetime.date:
    """``months`` after ``start``, on the same day of the month or the month's last day."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day, start.day))
        except ValueError:
            continue
    return datetime.date(year, month, 28)
