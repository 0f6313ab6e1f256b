"""Activities: courses and events (kurser og arrangementer), their sessions, who takes part, attendance,
satisfaction answers, and each user's secret calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    INTRO_COURSE = "intro_course", _("Introductory course for mentors (mandatory)")
    MENTEE_COURSE = "mentee_course", _("Course for mentees")
    THEME_COURSE = "theme_course", _("Thematic course")
    NETWORK_EVENT = "network_event", _("Network event")
    MENTOR_MEETING = "mentor_meeting", _("Mentor meeting")
    SUPERVISION = "supervision", _("Supervision and experience exchange")


#: Kinds that are courses: several sessions in one activity, one enrolment for all of them.
COURSE_KINDS = frozenset({ActivityKind.INTRO_COURSE, ActivityKind.MENTEE_COURSE, ActivityKind.THEME_COURSE})


class Audience(models.TextChoices):
    MENTORS = "mentors", _("Mentors")
    MENTEES = "mentees", _("Mentees")
    BOTH = "both", _("Mentors and mentees")


class Activity(models.Model):
    """A course or an event (kursus eller arrangement), hosted by a branch, open to the branches it invites."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    branch = models.ForeignKey(
        "organisations.Branch", on_delete=models.CASCADE, related_name="activities", verbose_name=_("host branch")
    )
    invited_branches = models.ManyToManyField(
        "organisations.Branch", related_name="invited_to", blank=True, verbose_name=_("invited branches")
    )
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices, default=Audience.MENTORS)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. When it is full, new participants go on the waiting list."),
    )
    satisfaction_survey = models.BooleanField(
        _("ask the participants how it was"),
        default=True,
        help_text=_("After the last session the participants get a one-minute questionnaire."),
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True, editable=False)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["branch", "starts_at"]), models.Index(fields=["ends_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_course(self) -> bool:
        return self.kind in COURSE_KINDS

    def has_started(self) -> bool:
        return self.starts_at is not None and self.starts_at <= timezone.now()

    def has_ended(self) -> bool:
        return self.ends_at is not None and self.ends_at <= timezone.now()


class Session(models.Model):
    """One meeting of an activity (kursusgang): a course has several, an event one."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("activity")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Only if not the activity's place."))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("The session must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def where(self) -> str:
        return self.place or self.activity.place


class Participation(models.Model):
    """A person's place in an activity (deltagelse): invited, enrolled, on the waiting list, declined or cancelled.

    One per person and activity, so an answer given twice is counted once."""

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        ENROLLED = "enrolled", _("Enrolled")
        WAITING = "waiting", _("On the waiting list")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="participations", verbose_name=_("activity")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="participations", verbose_name=_("person")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.INVITED)
    token_salt = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    survey_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    completed_at = models.DateTimeField(_("course completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["activity", "state_changed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="participation_unique_person"),
        ]
        indexes = [models.Index(fields=["activity", "state", "state_changed_at"]), models.Index(fields=["person"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.activity}"


class Attendance(models.Model):
    """Whether a person came to a session (fremmøde)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session"))
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="attendance", verbose_name=_("person")
    )
    present = models.BooleanField(_("present"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="attendance_unique_person")]

    def __str__(self) -> str:
        return f"{self.person} · {self.session}"


class SatisfactionAnswer(models.Model):
    """A participant's answer to the one-minute questionnaire after an activity (tilfredshedsmåling).

    One per participant; on erasure the person is removed and the rating kept for the statistics."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="satisfaction_answers", verbose_name=_("activity")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="satisfaction_answers",
        verbose_name=_("person"),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 (poor) to 5 (very good)")
    )
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], condition=Q(person__isnull=False), name="satisfaction_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.rating}"


class CalendarFeed(models.Model):
    """A user's secret calendar address (kalender-abonnement) for Outlook and phones. A new secret ends the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token_salt = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
