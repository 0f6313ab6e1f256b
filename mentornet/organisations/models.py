from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from mentornet.results.suppression import MIN_THRESHOLD

cvr_validator = RegexValidator(r"^\d{8}$", _("A CVR number has exactly 8 digits."))
postcode_validator = RegexValidator(r"^\d{4}$", _("A Danish postcode has exactly 4 digits."))


class Organisation(models.Model):
    """An organisation (organisation) running mentor programmes, or a municipality (kommune)."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Volunteer network or association")
        MUNICIPALITY = "municipality", _("Municipality")
        HOUSING = "housing", _("Housing social plan (helhedsplan)")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NETWORK)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True, validators=[postcode_validator])
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True, validators=[cvr_validator])
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_title = models.CharField(_("contact person's title"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=30, blank=True)
    legal_name = models.CharField(_("legally responsible person"), max_length=200, blank=True)
    legal_title = models.CharField(_("legally responsible person's title"), max_length=200, blank=True)
    #: The content type of the logo shown at the top of reports (``OrganisationLogo``); empty without one.
    logo_type = models.CharField(_("logo's content type"), max_length=20, blank=True)
    suppression_threshold = models.PositiveSmallIntegerField(
        _("hide figures of fewer than"),
        default=MIN_THRESHOLD,
        validators=[MinValueValidator(MIN_THRESHOLD), MaxValueValidator(50)],
        help_text=_(
            "Figures that leave the organisation, or are shown to someone who may not see the people, hide groups "
            "smaller than this many persons. At least 5; raise it if your funders or your data protection officer "
            "ask for more."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    LOGO_MAX_BYTES = 500 * 1024
    LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationLogo(models.Model):
    """An organisation's logo: PNG or JPEG, at most ``Organisation.LOGO_MAX_BYTES``. In its own table so that the
    image is never loaded with the organisation, which almost every page does."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="logo", verbose_name=_("organisation")
    )
    image = models.BinaryField(_("image"))

    class Meta:
        verbose_name = _("logo")
        verbose_name_plural = _("logos")

    def __str__(self) -> str:
        return str(self.organisation)


class Branch(models.Model):
    """A branch (afdeling): its own unit of an organisation in the shared database."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="branches", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True, validators=[postcode_validator])
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.CharField(
        _("district (bydel)"), max_length=100, blank=True, help_text=_("For example Brønshøj-Husum.")
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    premises = models.CharField(
        _("premises"),
        max_length=300,
        blank=True,
        help_text=_("Who provides the rooms, for example the local area secretariat."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="branch_unique_name_per_organisation",
                violation_error_message=_("The organisation already has a branch with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """A mentor programme (program) of a branch, with its own rules."""

    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("branch"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    mentee_min_age = models.PositiveSmallIntegerField(
        _("youngest mentee age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    mentee_max_age = models.PositiveSmallIntegerField(
        _("oldest mentee age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    residence_requirement = models.CharField(
        _("required residence"),
        max_length=200,
        blank=True,
        help_text=_("Municipality or area mentees must live in, for example Ishøj Kommune. Empty means no rule."),
    )
    target_group = models.TextField(
        _("target group"),
        blank=True,
        help_text=_(
            "Who the programme is for, for example young people ready for education or at risk of dropping out."
        ),
    )
    course_required = models.BooleanField(
        _("mandatory course before matching"),
        default=True,
        help_text=_("Mentors must complete the introductory course before they can be matched."),
    )
    max_mentors_proposed = models.PositiveSmallIntegerField(
        _("mentors proposed to a mentee"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("How many mentors a mentee is offered to choose between."),
    )
    proposal_expiry_days = models.PositiveSmallIntegerField(
        _("days a proposal stays open"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    meeting_threshold = models.PositiveSmallIntegerField(
        _("meetings before a mentorship counts"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("A mentorship counts in the results once this many meetings are held (2 means more than one)."),
    )
    planned_duration_months = models.PositiveSmallIntegerField(
        _("planned duration in months"), default=6, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow-up after the end, in months"), default=6, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    inactivity_weeks = models.PositiveSmallIntegerField(
        _("weeks without a meeting before a reminder"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "name"],
                name="programme_unique_name_per_branch",
                violation_error_message=_("The branch already has a programme with this name."),
            ),
            models.CheckConstraint(
                condition=Q(mentee_min_age__isnull=True)
                | Q(mentee_max_age__isnull=True)
                | Q(mentee_min_age__lte=F("mentee_max_age")),
                name="programme_age_band_ordered",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(start_date__lte=F("end_date")),
                name="programme_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        ages = (self.mentee_min_age, self.mentee_max_age)
        if ages[0] is not None and ages[1] is not None and ages[0] > ages[1]:
            errors["mentee_max_age"] = _("The oldest age must be at least the youngest age.")
        if self.start_date and self.end_date and self.start_date > self.end_date:
            errors["end_date"] = _("The programme must end on or after its start.")
        if errors:
            raise ValidationError(errors)


class Target(models.Model):
    """A success criterion (succeskriterium) of a programme for one period."""

    class Metric(models.TextChoices):
        MENTORS_RECRUITED = "mentors_recruited", _("Mentors recruited")
        MENTEES_RECRUITED = "mentees_recruited", _("Mentees recruited")
        CONTACT_PERSONS_RECRUITED = "contact_persons_recruited", _("Contact persons recruited")
        MENTORSHIPS_STARTED = "mentorships_started", _("Mentorships started (matches)")
        MENTORSHIPS_COUNTED = "mentorships_counted", _("Mentorships that count")
        IN_EDUCATION_AT_FOLLOW_UP = "in_education_at_follow_up", _("In education at follow-up")
        ACTIVE_MENTORS = "active_mentors", _("Active mentors (average)")
        NETWORK_EVENTS = "network_events", _("Network events held")
        MENTOR_COURSES = "mentor_courses", _("Courses for mentors held")
        MENTEE_COURSES = "mentee_courses", _("Courses for mentees held")

    #: A change to any of these is a revision: it needs a reason, and the earlier wording is kept.
    REVISED_FIELDS = ("metric", "gender", "kind", "period_start", "period_end", "value", "value_max")

    class Kind(models.TextChoices):
        COUNT_AT_LEAST = "count_at_least", _("At least this many")
        SHARE_AT_LEAST = "share_at_least", _("At least this share (%)")
        AVERAGE_BETWEEN = "average_between", _("Average within a range")

    class Gender(models.TextChoices):
        ANY = "", _("All")
        FEMALE = "female", _("Women")
        MALE = "male", _("Men")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="targets", verbose_name=_("programme")
    )
    metric = models.CharField(_("metric"), max_length=40, choices=Metric.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COUNT_AT_LEAST)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True, default=Gender.ANY)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("target value"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)])
    value_max = models.DecimalField(
        _("upper value"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Only for a range, for example 8 to 10 active mentors."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Where the target comes from, for example the grant letter.")
    )
    funder = models.CharField(
        _("funder"),
        max_length=200,
        blank=True,
        help_text=_("Who the target is reported to, for example Københavns Kommune. Reports can group targets by it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["period_start", "metric", "gender"]
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="target_period_ordered"),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=F("value")), name="target_range_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_metric_display()} {self.period_start:%Y}"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.kind == self.Kind.AVERAGE_BETWEEN and self.value_max is None:
            errors["value_max"] = _("A range needs an upper value.")
        if self.kind != self.Kind.AVERAGE_BETWEEN and self.value_max is not None:
            errors["value_max"] = _("Only a range has an upper value.")
        if self.kind == self.Kind.SHARE_AT_LEAST and self.value is not None and self.value > 100:
            errors["value"] = _("A share cannot be more than 100 %.")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors["period_end"] = _("The period must end on or after its start.")
        if errors:
            raise ValidationError(errors)


class TargetRevision(models.Model):
    """An earlier wording of a target (revideret succeskriterium): what it said before a change, and why."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("target"))
    #: The target's fields before the change, as text (see ``Target.REVISED_FIELDS``).
    previous = models.JSONField(_("before"))
    note = models.TextField(_("reason for the change"))
    changed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("target revision")
        verbose_name_plural = _("target revisions")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.target} ({self.changed_at:%Y-%m-%d})"

    def previous_display(self) -> str:
        """What the target said before, in words: metric, for whom, kind, value(s), period."""
        before = self.previous

        def number(text: str) -> str:
            return f"{Decimal(text).normalize():f}" if text else ""

        def day(text: str) -> str:
            return f"{datetime.date.fromisoformat(text):%d.%m.%Y}" if text else ""

        value = number(before.get("value", ""))
        if before.get("value_max"):
            value = f"{value}–{number(before['value_max'])}"
        parts = [
            str(dict(Target.Metric.choices).get(before.get("metric", ""), before.get("metric", ""))),
            str(dict(Target.Gender.choices).get(before["gender"], "")) if before.get("gender") else "",
            str(dict(Target.Kind.choices).get(before.get("kind", ""), "")),
            value,
            f"{day(before.get('period_start', ''))}–{day(before.get('period_end', ''))}",
        ]
        return " · ".join(part for part in parts if part)
