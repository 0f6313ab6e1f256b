"""Importing an existing register (a legacy spreadsheet) into the person register."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentornet.people.models.person import Kind


class ImportMapping(models.Model):
    """A saved mapping from a spreadsheet's column headings to the register's fields."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("type of people"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    columns = models.JSONField(_("columns"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "name"],
                name="import_mapping_unique_name",
                violation_error_message=_("A mapping with this name already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """One uploaded file on its way into the register: mapped, checked (dry run), then imported all at once."""

    class State(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    branch = models.ForeignKey(
        "organisations.Branch", on_delete=models.CASCADE, related_name="+", verbose_name=_("branch")
    )
    kind = models.CharField(_("type of people"), max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    file_name = models.CharField(_("file"), max_length=200)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    content = models.BinaryField(editable=False)
    encoding = models.CharField(_("character encoding"), max_length=12, blank=True)
    headers = models.JSONField(default=list)
    columns = models.JSONField(_("columns"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    accepted_rows = models.PositiveIntegerField(default=0)
    warning_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    duplicate_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=list)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def progress_percent(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_running(self) -> bool:
        return self.state in {self.State.CHECKING, self.State.IMPORTING}
