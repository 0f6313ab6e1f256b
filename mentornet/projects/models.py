"""The project bank (projektbanken): a municipality's integration projects and ongoing indsatser.

A *project* is "et initiativ, der skal løse en helt specifik opgave inden for en afgrænset tidsperiode": time-limited,
with a budget over 50.000 kr. a year and full or partial municipal funding. An *indsats* (ongoing initiative) is a
different type with the statusskema's fields and no end date. Both sit in one or more of the six indsatsområder.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

#: "Budget på over 50.000 kr." a year: the project bank's threshold for a project.
MIN_ANNUAL_BUDGET = Decimal(50_000)


class Area(models.TextChoices):
    """The integration policy's six indsatsområder."""

    EMPLOYMENT = "employment", _("Employment")
    EDUCATION = "education", _("Education")
    HOUSING = "housing", _("Housing")
    SAFETY = "safety", _("Safety")
    CULTURE = "culture", _("Culture and leisure")
    HEALTH = "health", _("Health and care")


class District(models.TextChoices):
    """Bydele in the application form's checklist."""

    WHOLE_CITY = "whole_city", _("All of Copenhagen")
    AMAGER_EAST = "amager_east", "Amager Øst"
    AMAGER_WEST = "amager_west", "Amager Vest"
    BISPEBJERG = "bispebjerg", "Bispebjerg"
    BRONSHOJ_HUSUM = "bronshoj_husum", "Brønshøj-Husum"
    INDRE_BY = "indre_by", "Indre By"
    NORREBRO = "norrebro", "Nørrebro"
    VALBY = "valby", "Valby"
    VANLOSE = "vanlose", "Vanløse"
    VESTERBRO = "vesterbro", "Vesterbro/Kongens Enghave"
    OSTERBRO = "osterbro", "Østerbro"
    OTHER = "other", _("Other")


class Project(models.Model):
    """A project (projekt) or ongoing initiative (indsats) in a municipality's project bank."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project (time-limited)")
        INDSATS = "indsats", _("Ongoing initiative (indsats)")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")
        ANCHORED = "anchored", _("Anchored in ordinary operation")
        UNRESOLVED = "unresolved", _("Unresolved")

    municipality = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="bank_projects",
        verbose_name=_("municipality"),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="held_projects",
        verbose_name=_("project holder"),
    )
    owner = models.CharField(
        _("owner (forvaltning or organisation)"),
        max_length=200,
        blank=True,
        help_text=_("For example BIF, KFF or the association that runs the project."),
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.PROJECT)
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    nationalities = models.CharField(
        _("nationalities"), max_length=300, blank=True, help_text=_("For example: Somali, Turkish, Pakistani.")
    )
    district = models.CharField(_("district (bydel)"), max_length=20, choices=District.choices, blank=True)
    location = models.CharField(_("physical location"), max_length=300, blank=True)
    funding_pool = models.CharField(
        _("funding pool"), max_length=200, blank=True, help_text=_("For example “8 mio. kr.-puljen” or “§ 18”.")
    )
    granted_amount = models.DecimalField(
        _("granted from the pool (kr.)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    decision_reference = models.CharField(
        _("decision reference"), max_length=200, blank=True, help_text=_("For example “BIU 202/2006”.")
    )
    evaluation_by = models.CharField(_("evaluated by"), max_length=200, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    evaluation_url = models.URLField(_("link to the evaluation"), blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    # The statusskema of an indsats.
    economy_gross = models.DecimalField(
        _("economy, gross (kr.)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    economy_net = models.DecimalField(_("economy, net (kr.)"), max_digits=14, decimal_places=2, null=True, blank=True)
    participants_estimate = models.PositiveIntegerField(_("number of participants (estimated)"), null=True, blank=True)
    expected_result = models.TextField(_("goal / expected result"), blank=True)
    goal_status = models.TextField(_("status against the goal"), blank=True)
    planned_follow_up = models.TextField(_("planned follow-up"), blank=True)
    programme = models.ForeignKey(
        "organisations.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bank_projects",
        verbose_name=_("mentor programme"),
    )
    #: Imported from the municipality's published 2007 tables, not registered through the form.
    is_reference = models.BooleanField(_("reference data"), default=False)
    submitted_at = models.DateTimeField(_("submitted for publication"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_projects",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["municipality", "published", "title"]),
            # The public pages' cache version (latest change and count of published projects) on every request.
            models.Index(fields=["published", "updated_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectArea(models.Model):
    """One registration of a project in an indsatsområde; a project may have several (counted per registration)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="area_rows")
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)

    class Meta:
        verbose_name = _("project area")
        verbose_name_plural = _("project areas")
        constraints = [models.UniqueConstraint(fields=["project", "area"], name="project_area_once")]
        indexes = [models.Index(fields=["area", "project"])]

    def __str__(self) -> str:
        return str(self.get_area_display())


class ProjectActivity(models.Model):
    """A row of the application's activity table: the activity and its success criterion."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    activity = models.CharField(_("activity"), max_length=300)
    success_criterion = models.CharField(_("success criterion"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.activity


class BudgetLine(models.Model):
    """One line of a project's budget: a year's income from a funder, or a year's expense."""

    class Kind(models.TextChoices):
        INCOME = "income", _("Income")
        EXPENSE = "expense", _("Expense")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("income or expense"), max_length=10, choices=Kind.choices)
    label = models.CharField(
        _("funder or item"), max_length=200, help_text=_("The funder for income, the item for an expense.")
    )
    municipal = models.BooleanField(
        _("municipal funding"), default=False, help_text=_("Income from the municipality (kommunal medfinansiering).")
    )
    amount = models.DecimalField(_("amount (kr.)"), max_digits=12, decimal_places=2)
    including_vat = models.BooleanField(_("including VAT"), default=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.year} {self.label}: {self.amount}"


class ProjectEvent(models.Model):
    """An event (arrangement) a project holds: shown on the project's page and in the public calendar."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events", verbose_name=_("project"))
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), blank=True, help_text=_("A public page about the event, for example sign-up."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("project event")
        verbose_name_plural = _("project events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at", "project"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event must end on or after its start.")})
