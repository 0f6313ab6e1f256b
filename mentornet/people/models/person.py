"""The person register: mentors, mentees and contact persons, with their pipeline status."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.people.models.reference import Language, Topic


class Kind(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")
    CONTACT = "contact", _("Contact person")


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    # Mentors
    INTERESTED = "interested", _("Interested")
    INTERVIEW = "interview", _("Interview")
    COURSE_COMPLETED = "course_completed", _("Course completed")
    ACTIVE = "active", _("Approved, active")
    PAUSED = "paused", _("Paused")
    STOPPED = "stopped", _("Stopped")
    # Mentees
    REFERRED = "referred", _("Referred or signed up")
    SCREENING = "screening", _("Screening")
    WAITING = "waiting", _("Waiting for a match")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")
    REFERRED_ELSEWHERE = "referred_elsewhere", _("Referred elsewhere")


S = Status

#: Each kind's pipeline, in order, and the moves a coordinator may make from each stage.
PIPELINES: dict[str, list[str]] = {
    Kind.MENTOR: [S.INTERESTED, S.INTERVIEW, S.COURSE_COMPLETED, S.ACTIVE, S.PAUSED, S.STOPPED],
    Kind.MENTEE: [S.REFERRED, S.SCREENING, S.INTERVIEW, S.WAITING, S.MATCHED, S.CLOSED, S.REFERRED_ELSEWHERE],
    Kind.CONTACT: [S.ACTIVE, S.STOPPED],
}
TRANSITIONS: dict[str, dict[str, list[str]]] = {
    Kind.MENTOR: {
        S.INTERESTED: [S.INTERVIEW, S.STOPPED],
        S.INTERVIEW: [S.COURSE_COMPLETED, S.INTERESTED, S.STOPPED],
        S.COURSE_COMPLETED: [S.ACTIVE, S.STOPPED],
        S.ACTIVE: [S.PAUSED, S.STOPPED],
        S.PAUSED: [S.ACTIVE, S.STOPPED],
        S.STOPPED: [S.INTERESTED],
    },
    Kind.MENTEE: {
        S.REFERRED: [S.SCREENING, S.REFERRED_ELSEWHERE, S.CLOSED],
        S.SCREENING: [S.INTERVIEW, S.REFERRED_ELSEWHERE, S.CLOSED],
        S.INTERVIEW: [S.WAITING, S.REFERRED_ELSEWHERE, S.CLOSED],
        S.WAITING: [S.MATCHED, S.REFERRED_ELSEWHERE, S.CLOSED],
        S.MATCHED: [S.WAITING, S.CLOSED],
        S.CLOSED: [S.WAITING],
        S.REFERRED_ELSEWHERE: [S.REFERRED],
    },
    Kind.CONTACT: {S.ACTIVE: [S.STOPPED], S.STOPPED: [S.ACTIVE]},
}
FIRST_STATUS: dict[str, str] = {kind: stages[0] for kind, stages in PIPELINES.items()}


class RecruitmentChannel(models.TextChoices):
    FRIENDS = "friends", _("Friends, family or colleagues")
    VOLUNTEER_PORTAL = "portal", _("Volunteer portal (e.g. Frivillighed.dk)")
    ASSOCIATION = "association", _("An association or organisation")
    EVENT = "event", _("An event or a talk")
    PRESS = "press", _("Newspaper, radio or TV")
    SOCIAL_MEDIA = "social_media", _("Social media")
    REFERRAL = "referral", _("Referred by a jobcentre, school or counsellor")
    HOUSING = "housing", _("The housing area or social plan")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    SIGNUP = "signup", _("Sign-up form")
    REFERRAL = "referral", _("Referral")
    IMPORT = "import", _("Import")
    MANUAL = "manual", _("Registered by staff")


class PersonQuerySet(models.QuerySet["Person"]):
    def visible(self) -> PersonQuerySet:
        """People shown anywhere: not half-imported, not merged into another record."""
        return self.filter(is_staged=False, merged_into__isnull=True)


class Person(models.Model):
    """A person in the register (person): a mentor, a mentee or a contact person."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="people", verbose_name=_("organisation")
    )
    branch = models.ForeignKey(
        "organisations.Branch", on_delete=models.PROTECT, related_name="people", verbose_name=_("branch")
    )
    programme = models.ForeignKey(
        "organisations.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    municipality = models.CharField(_("municipality of residence"), max_length=100, blank=True)
    area = models.CharField(
        _("area"), max_length=100, blank=True, help_text=_("District or housing area, for example Tingbjerg.")
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="+", verbose_name=_("languages"))
    interests = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Topic.Kind.INTEREST},
        verbose_name=_("interests"),
    )
    recruitment_channel = models.CharField(
        _("how they heard of us"), max_length=20, choices=RecruitmentChannel.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Practical notes. No diagnoses."))
    source = models.CharField(_("registered through"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("login"),
    )
    submission_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    import_job = models.ForeignKey(
        "people.ImportJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="people", editable=False
    )
    is_staged = models.BooleanField(default=False, editable=False)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged", editable=False
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: ClassVar[PersonQuerySet] = PersonQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["first_name", "last_name", "pk"]
        indexes = [
            # Lists and pipeline counts only ever read visible people: a partial index that covers them.
            models.Index(
                fields=["branch", "kind", "status"],
                condition=models.Q(is_staged=False, merged_into__isnull=True),
                name="person_visible_by_branch",
            ),
            models.Index(fields=["organisation", "kind", "status"]),
            models.Index(fields=["organisation", "email"]),
            models.Index(fields=["organisation", "phone"]),
            models.Index(fields=["organisation", "birth_date"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age(self, on: datetime.date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        on = on or timezone.localdate()
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - before_birthday

    def allowed_statuses(self) -> list[str]:
        return TRANSITIONS[self.kind].get(self.status, [])


class MentorType(models.TextChoices):
    BUSINESS = "business", _("Business mentor (job, CV, network)")
    SOCIAL = "social", _("Social mentor (everyday life, support)")
    BOTH = "both", _("Both")


class GenderWish(models.TextChoices):
    ANY = "", _("No preference")
    FEMALE = "female", _("A woman")
    MALE = "male", _("A man")


class Availability(models.IntegerChoices):
    """Bit flags, so that overlap is a bitwise and."""

    WEEKDAY_DAYTIME = 1, _("Weekdays, daytime")
    WEEKDAY_EVENING = 2, _("Weekdays, evenings")
    WEEKEND = 4, _("Weekends")


class MentorProfile(models.Model):
    """What a volunteer brings: the volunteer profile (frivillig-profil)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="mentor_profile")
    mentor_type = models.CharField(_("mentor type"), max_length=10, choices=MentorType.choices, default=MentorType.BOTH)
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    education = models.CharField(_("education"), max_length=200, blank=True)
    fields = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Topic.Kind.FIELD},
        verbose_name=_("fields of work and education"),
    )
    competences = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Topic.Kind.SUPPORT},
        verbose_name=_("what they can help with"),
    )
    availability = models.PositiveSmallIntegerField(_("availability"), default=0)
    capacity = models.PositiveSmallIntegerField(
        _("mentees at a time"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    wishes = models.TextField(_("wishes"), blank=True)
    reservations = models.TextField(_("reservations"), blank=True)
    mentee_gender_wish = models.CharField(
        _("mentee's gender"), max_length=10, choices=GenderWish.choices, blank=True, default=GenderWish.ANY
    )
    mentee_min_age = models.PositiveSmallIntegerField(
        _("youngest mentee"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    mentee_max_age = models.PositiveSmallIntegerField(
        _("oldest mentee"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    other_branches = models.BooleanField(
        _("can also mentor in other branches"),
        default=False,
        help_text=_("For example a København mentor helping in Tingbjerg."),
    )
    is_employee = models.BooleanField(_("employed mentor (not a volunteer)"), default=False)
    course_completed_on = models.DateField(_("introductory course completed"), null=True, blank=True)
    presentation = models.TextField(
        _("presentation for mentees"),
        blank=True,
        max_length=800,
        help_text=_(
            "A few lines a mentee reads when choosing a mentor: what you do, what you like, what you can help with. "
            "No surname, address or phone number."
        ),
    )
    confidentiality_signed_on = models.DateField(_("confidentiality agreement signed"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")

    def __str__(self) -> str:
        return str(self.person)

    def availability_labels(self) -> list[str]:
        return [str(label) for value, label in Availability.choices if self.availability & value]


class BackgroundWish(models.TextChoices):
    NONE = "", _("No wish")
    SAME = "same", _("The same background as me")
    DANISH = "danish", _("An ethnic Danish mentor")
    MINORITY = "minority", _("A mentor with an ethnic minority background")


class LabourMarketStatus(models.TextChoices):
    IN_EDUCATION = "in_education", _("In education")
    READY_FOR_EDUCATION = "ready_for_education", _("Ready for education (uddannelsesparat)")
    READY_FOR_ACTIVITY = "ready_for_activity", _("Ready for activity (aktivitetsparat)")
    EMPLOYED = "employed", _("In work")
    UNEMPLOYED = "unemployed", _("Unemployed or on benefits")
    OTHER = "other", _("Other")


class MenteeProfile(models.Model):
    """What a mentee needs and hopes for."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="mentee_profile")
    goals = models.TextField(_("goals and dreams"), blank=True)
    needs = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Topic.Kind.SUPPORT},
        verbose_name=_("what they would like help with"),
    )
    education_wishes = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Topic.Kind.FIELD},
        verbose_name=_("education or work wishes"),
    )
    labour_market_status = models.CharField(
        _("situation"), max_length=20, choices=LabourMarketStatus.choices, blank=True
    )
    at_risk_of_dropout = models.BooleanField(_("at risk of dropping out of education"), default=False)
    mentor_wishes = models.TextField(_("wishes for the mentor"), blank=True)
    mentor_gender_wish = models.CharField(
        _("mentor's gender"), max_length=10, choices=GenderWish.choices, blank=True, default=GenderWish.ANY
    )
    mentor_gender_required = models.BooleanField(
        _("the gender wish is a must"), default=False, help_text=_("Only mentors of that gender are proposed.")
    )
    mentor_type_need = models.CharField(_("mentor type needed"), max_length=10, choices=MentorType.choices, blank=True)
    availability = models.PositiveSmallIntegerField(_("availability"), default=0)
    mentor_background_wish = models.CharField(
        _("wish for the mentor's background"),
        max_length=10,
        choices=BackgroundWish.choices,
        blank=True,
        default=BackgroundWish.NONE,
        help_text=_("Not necessarily like for like: only when the mentee wishes it."),
    )
    asked_for_mentor = models.BooleanField(
        _("asked for a mentor themselves"),
        default=False,
        help_text=_("Mentees who asked for a mentor themselves drop out less often."),
    )
    waiting_since = models.DateField(_("waiting for a match since"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentee profile")
        verbose_name_plural = _("mentee profiles")

    def __str__(self) -> str:
        return str(self.person)


class ContactProfile(models.Model):
    """A contact or resource person (kontakt-/ressourceperson): opens doors, not a mentor."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="contact_profile")
    organisation_name = models.CharField(_("their organisation"), max_length=200, blank=True)
    role_title = models.CharField(_("their role"), max_length=200, blank=True)
    offers = models.TextField(_("what they can offer"), blank=True)

    class Meta:
        verbose_name = _("contact person profile")
        verbose_name_plural = _("contact person profiles")

    def __str__(self) -> str:
        return str(self.person)
