from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class BackgroundWork(models.Model):
    """Something made in the background by the worker (a report, a PDF), with its progress for the page that
    waits for it: waiting, being made, ready or failed (``error`` holds the exception's name, never data)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One entry in the audit log (revisionsspor): who did what to which object, when, from which request."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    action = models.CharField(_("action"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    branch = models.ForeignKey(
        "organisations.Branch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("branch"),
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["branch", "-created_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


#: What each audit action means, shown in the audit log. Apps add their actions here as they arrive.
AUDIT_ACTION_LABELS: dict[str, StrOrPromise] = {
    "organisation.update": _("changed the organisation"),
    "branch.create": _("created the branch"),
    "branch.update": _("changed the branch"),
    "programme.create": _("created the programme"),
    "programme.update": _("changed the programme"),
    "target.create": _("added a target"),
    "target.update": _("changed a target"),
    "target.delete": _("deleted a target"),
    "user.invite": _("invited the user"),
    "user.reinvite": _("sent a new invitation to"),
    "user.update": _("changed the user"),
    "user.password_set": _("chose a new password"),
    "membership.add": _("gave a role to"),
    "membership.remove": _("took a role from"),
    "person.create": _("registered"),
    "person.update": _("changed the details of"),
    "person.move": _("changed the status of"),
    "person.reveal": _("viewed the special category data of"),
    "person.sensitive_update": _("changed the special category data of"),
    "person.screen": _("screened"),
    "person.interview": _("recorded an interview with"),
    "person.duplicate_flag": _("flagged a possible duplicate:"),
    "person.keep_apart": _("kept apart from a look-alike:"),
    "person.merge": _("merged a duplicate into"),
    "person.data_export": _("made a copy of all data about"),
    "person.anonymise": _("erased"),
    "consent.record": _("recorded consent from"),
    "consent.withdraw": _("recorded a withdrawn consent from"),
    "consent_text.publish": _("published a consent text:"),
    "referral.create": _("referred"),
    "people.export": _("exported a list of people"),
    "import.upload": _("uploaded the file"),
    "import.map": _("mapped the columns of"),
    "import.start": _("started importing"),
    "import.done": _("finished importing"),
    "matching.exclude": _("excluded a mentor for"),
    "matching.include": _("took back the exclusion of a mentor for"),
    "matching.batch": _("matched the waiting list of"),
    "matching.settings": _("changed the matching settings of"),
    "matching.presentation": _("changed the presentation for mentees of"),
    "proposal.create": _("proposed mentors to"),
    "proposal.expire": _("let the proposal expire for"),
    "proposal.withdraw": _("withdrew the proposal to"),
    "proposal.choose": _("recorded the choice of a mentor by"),
    "proposal.accept": _("accepted to be the mentor of"),
    "proposal.decline": _("declined to be the mentor of"),
    "proposal.first_meeting": _("recorded the first meeting of"),
    "mentorship.start": _("started the mentorship"),
    "mentorship.update": _("changed the frame of the mentorship"),
    "mentorship.pause": _("paused the mentorship"),
    "mentorship.resume": _("resumed the mentorship"),
    "mentorship.close": _("closed the mentorship"),
    "meeting.log": _("logged a meeting in the mentorship"),
    "meeting.delete": _("deleted a meeting in the mentorship"),
    "milestone.add": _("added a milestone to the mentorship"),
    "milestone.delete": _("deleted a milestone of the mentorship"),
    "concern.raise": _("raised a concern about the mentorship"),
    "concern.resolve": _("handled a concern about the mentorship"),
    "followups.schedule": _("scheduled follow-ups and exit evaluations"),
    "followup.send": _("sent the follow-up questionnaire about the mentorship"),
    "followup.answer": _("recorded the follow-up answer about the mentorship"),
    "followup.no_answer": _("recorded no answer to the follow-up about the mentorship"),
    "evaluation.send": _("sent the exit evaluation about the mentorship"),
    "evaluation.answer": _("recorded an exit evaluation of the mentorship"),
    "work_ability.create": _("wrote the work-ability assessment of the mentorship"),
    "work_ability.update": _("changed the work-ability assessment of the mentorship"),
    "document.request": _("asked for a PDF document of the mentorship"),
    "document.download": _("downloaded a PDF document of the mentorship"),
    "notifications.template_update": _("wrote its own message text for"),
    "notifications.template_reset": _("went back to the standard message text for"),
    "activity.create": _("planned the activity"),
    "activity.update": _("changed the activity"),
    "activity.invite": _("sent invitations to the activity"),
    "session.add": _("added a session to the activity"),
    "session.delete": _("deleted a session of the activity"),
    "participation.enrol": _("enrolled in an activity:"),
    "participation.rsvp": _("recorded the answer to an invitation from"),
    "participation.cancel": _("took off an activity:"),
    "participation.move_up": _("moved up from the waiting list:"),
    "attendance.record": _("recorded attendance at the activity"),
    "course.complete": _("recorded the completed introductory course of"),
    "satisfaction.answer": _("recorded a questionnaire answer about the activity"),
    "calendar_feed.renew": _("made a new secret calendar address for"),
    "project.create": _("registered the project"),
    "project.update": _("changed the project"),
    "project.submit": _("sent for approval the project"),
    "project.approve": _("published in the project bank the project"),
    "project_event.create": _("added an event:"),
    "project_event.update": _("changed the event"),
    "project_event.delete": _("deleted the event"),
}


class Throttle(models.Model):
    """A counter per key and time window, for rate limits on public forms (shared by all app servers)."""

    key = models.CharField(max_length=100)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="throttle_unique_window")]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
