"""Writes for follow-up: scheduling and sending follow-ups and exit evaluations, answers through the link or by
phone, no answer after the deadline, the work-ability assessment, and the PDF documents.

Nothing in ``mentorships`` calls this module: the periodic jobs (``notifications.py``) find closed mentorships
and create what they need, so running them again creates nothing twice."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.core.links import link_token, new_salt, token_hash
from mentornet.core.services import REDACTED, audit_log
from mentornet.followups.models import AREAS, Document, ExitEvaluation, FollowUp, Side, WorkAbilityAssessment
from mentornet.followups.selectors import certificate_available, meeting_count
from mentornet.mentorships.models import CloseReason, Mentorship, MentorshipKind, MentorshipStatus, planned_end_for

FOLLOW_UP_PURPOSE = "mentornet.followups.follow_up"
EVALUATION_PURPOSE = "mentornet.followups.evaluation"
#: How long the mentee has to answer the follow-up through the link before it counts as no answer.
ANSWER_DAYS = 30
#: Exit evaluations are made for mentorships closed this recently (older ones are not asked about any more).
EVALUATION_WINDOW_DAYS = 60


class AlreadyAnswered(Exception):
    """The link was used before: nothing is changed."""


class Erased(Exception):
    """The person was erased: nothing is stored."""


# --- Tokens -------------------------------------------------------------------------------------------------------


def follow_up_url(follow_up: FollowUp) -> str:
    token = link_token(FOLLOW_UP_PURPOSE, follow_up.token_salt)
    return settings.SITE_URL + reverse("followups:answer", kwargs={"followup_token": token})


def evaluation_url(evaluation: ExitEvaluation) -> str:
    token = link_token(EVALUATION_PURPOSE, evaluation.token_salt)
    return settings.SITE_URL + reverse("followups:evaluation", kwargs={"evaluation_token": token})


def _new_follow_up(mentorship: Mentorship) -> FollowUp:
    salt = new_salt()
    assert mentorship.closed_on is not None
    return FollowUp(
        mentorship=mentorship,
        due_on=planned_end_for(mentorship.closed_on, mentorship.programme.follow_up_months),
        token_salt=salt,
        token_hash=token_hash(link_token(FOLLOW_UP_PURPOSE, salt)),
    )


def _new_evaluation(mentorship: Mentorship, side: str) -> ExitEvaluation:
    salt = new_salt()
    return ExitEvaluation(
        mentorship=mentorship,
        side=side,
        token_salt=salt,
        token_hash=token_hash(link_token(EVALUATION_PURPOSE, salt)),
    )


# --- Scheduling ---------------------------------------------------------------------------------------------------


def _closed() -> Q:
    """Closed mentorships that end the mentee's course: a rematch goes on with another mentor."""
    return Q(status=MentorshipStatus.CLOSED, closed_on__isnull=False) & ~Q(close_reason=CloseReason.REMATCH)


def followups_schedule(*, today: datetime.date | None = None) -> tuple[int, int]:
    """Create the missing follow-ups and exit evaluations of closed mentorships. Idempotent: a mentorship that has
    them is skipped, and the unique constraints stop a concurrent run from making them twice. Returns how many
    follow-ups and evaluations were made."""
    today = today or timezone.localdate()
    closed = Mentorship.objects.filter(_closed()).select_related("programme")
    need_follow_up = list(closed.exclude(Exists(FollowUp.objects.filter(mentorship=OuterRef("pk")))))
    since = today - datetime.timedelta(days=EVALUATION_WINDOW_DAYS)
    evaluated = ExitEvaluation.objects.filter(mentorship=OuterRef("pk"))
    need_evaluation = list(closed.filter(closed_on__gte=since).exclude(Exists(evaluated)))
    with transaction.atomic():
        follow_ups = FollowUp.objects.bulk_create(
            [_new_follow_up(m) for m in need_follow_up], ignore_conflicts=True, batch_size=500
        )
        evaluations = ExitEvaluation.objects.bulk_create(
            [_new_evaluation(m, side) for m in need_evaluation for side in Side.values],
            ignore_conflicts=True,
            batch_size=500,
        )
        if follow_ups or evaluations:
            audit_log(
                actor=None,
                action="followups.schedule",
                changes={"follow_ups": len(follow_ups), "evaluations": len(evaluations)},
            )
    return len(follow_ups), len(evaluations)


def follow_up_mark_sent(*, follow_up: FollowUp, now: datetime.datetime) -> FollowUp:
    """The questionnaire went out: the mentee has ``ANSWER_DAYS`` to answer through the link."""
    with transaction.atomic():
        updated = FollowUp.objects.filter(pk=follow_up.pk, state=FollowUp.State.SCHEDULED).update(
            state=FollowUp.State.SENT, sent_at=now, answer_by=now + datetime.timedelta(days=ANSWER_DAYS)
        )
        if updated:
            follow_up.refresh_from_db()
            mentorship = follow_up.mentorship
            audit_log(actor=None, action="followup.send", target=mentorship, branch=mentorship.branch)
    return follow_up


def evaluation_mark_sent(*, evaluation: ExitEvaluation, now: datetime.datetime) -> None:
    with transaction.atomic():
        if ExitEvaluation.objects.filter(pk=evaluation.pk, sent_at__isnull=True).update(sent_at=now):
            mentorship = evaluation.mentorship
            audit_log(
                actor=None,
                action="evaluation.send",
                target=mentorship,
                branch=mentorship.branch,
                changes={"side": evaluation.side},
            )


def followups_mark_no_answer(*, now: datetime.datetime | None = None) -> int:
    """Follow-ups sent and not answered by their deadline become "no answer": an outcome of its own, and the
    coordinator's task to call the mentee stays open. Returns how many."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        late = FollowUp.objects.select_for_update(of=("self",)).filter(state=FollowUp.State.SENT, answer_by__lte=now)
        for follow_up in late.select_related("mentorship__branch"):
            follow_up.state = FollowUp.State.NO_ANSWER
            follow_up.save(update_fields=["state"])
            mentorship = follow_up.mentorship
            audit_log(actor=None, action="followup.no_answer", target=mentorship, branch=mentorship.branch)
            count += 1
    return count


# --- Answers ------------------------------------------------------------------------------------------------------


def _clean_answer(outcome: str, place: str) -> tuple[str, str]:
    from mentornet.followups.models import Outcome

    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose what you do now.")})
    return outcome, place.strip()[:200]


def follow_up_answer(*, follow_up: FollowUp, outcome: str, place: str = "") -> FollowUp:
    """The mentee's own answer through the link, once. A second use changes nothing (``AlreadyAnswered``); after
    the mentee was erased nothing is stored (``Erased``). A late answer, after "no answer", still counts."""
    outcome, place = _clean_answer(outcome, place)
    with transaction.atomic():
        follow_up = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("mentorship__mentee", "mentorship__branch")
            .get(pk=follow_up.pk)
        )
        if follow_up.mentorship.mentee.anonymised_at is not None:
            raise Erased
        if follow_up.is_answered:
            raise AlreadyAnswered
        follow_up.state = FollowUp.State.ANSWERED
        follow_up.outcome, follow_up.place = outcome, place
        follow_up.answered_at = timezone.now()
        follow_up.full_clean()
        follow_up.save(update_fields=["state", "outcome", "place", "answered_at"])
        mentorship = follow_up.mentorship
        audit_log(
            actor=None,
            action="followup.answer",
            target=mentorship,
            branch=mentorship.branch,
            changes={"outcome": outcome, "via": "link"},
        )
    return follow_up


def follow_up_record_phone(*, actor: User, follow_up: FollowUp, outcome: str, place: str = "") -> FollowUp:
    """The coordinator heard the answer by phone. An answer already given through the link is not overwritten."""
    outcome, place = _clean_answer(outcome, place)
    with transaction.atomic():
        follow_up = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("mentorship__mentee", "mentorship__branch")
            .get(pk=follow_up.pk)
        )
        if follow_up.is_answered:
            raise ValidationError(_("The follow-up has already been answered."))
        if follow_up.mentorship.mentee.anonymised_at is not None:
            raise ValidationError(_("The mentee has been erased; nothing can be recorded."))
        follow_up.state = FollowUp.State.PHONE
        follow_up.outcome, follow_up.place = outcome, place
        follow_up.answered_at = timezone.now()
        follow_up.recorded_by = actor
        follow_up.full_clean()
        follow_up.save(update_fields=["state", "outcome", "place", "answered_at", "recorded_by"])
        mentorship = follow_up.mentorship
        audit_log(
            actor=actor,
            action="followup.answer",
            target=mentorship,
            branch=mentorship.branch,
            changes={"outcome": outcome, "via": "phone"},
        )
    return follow_up


def evaluation_answer(*, evaluation: ExitEvaluation, data: Mapping[str, Any]) -> ExitEvaluation:
    """One side's exit evaluation through the link, once (``AlreadyAnswered``, ``Erased`` as for follow-ups)."""
    with transaction.atomic():
        evaluation = (
            ExitEvaluation.objects.select_for_update(of=("self",))
            .select_related("mentorship__mentee", "mentorship__mentor", "mentorship__branch")
            .get(pk=evaluation.pk)
        )
        mentorship = evaluation.mentorship
        person = mentorship.mentor if evaluation.side == Side.MENTOR else mentorship.mentee
        if person.anonymised_at is not None:
            raise Erased
        if evaluation.answered_at is not None:
            raise AlreadyAnswered
        evaluation.overall = data["overall"]
        evaluation.helped = data["helped"]
        evaluation.recommend = data["recommend"]
        evaluation.comment = data.get("comment", "").strip()[:1000]
        evaluation.answered_at = timezone.now()
        evaluation.full_clean()
        evaluation.save(update_fields=["overall", "helped", "recommend", "comment", "answered_at"])
        audit_log(
            actor=None,
            action="evaluation.answer",
            target=mentorship,
            branch=mentorship.branch,
            changes={"side": evaluation.side},
        )
    return evaluation


# --- Work-ability assessment --------------------------------------------------------------------------------------

ASSESSMENT_FIELDS = (
    "period_start",
    "period_end",
    *(name for area in AREAS for name in (area, f"{area}_comment")),
    "overall",
    "recommendation",
    "recommendation_note",
)


def work_ability_save(*, actor: User, mentorship: Mentorship, data: Mapping[str, Any]) -> WorkAbilityAssessment:
    """Create or update the work-ability assessment of a praktik mentorship; the writer signs it."""
    if mentorship.kind != MentorshipKind.PRAKTIK:
        raise ValidationError(_("Only a work placement (praktik) has a work-ability assessment."))
    if data["period_end"] < data["period_start"]:
        raise ValidationError({"period_end": _("The end must be on or after the start.")})
    with transaction.atomic():
        assessment = WorkAbilityAssessment.objects.select_for_update().filter(mentorship=mentorship).first()
        created = assessment is None
        assessment = assessment or WorkAbilityAssessment(mentorship=mentorship)
        for name in ASSESSMENT_FIELDS:
            setattr(assessment, name, data[name])
        assessment.written_by = actor
        assessment.updated_at = timezone.now()
        assessment.full_clean()
        assessment.save()
        audit_log(
            actor=actor,
            action="work_ability.create" if created else "work_ability.update",
            target=mentorship,
            branch=mentorship.branch,
            changes={"text": REDACTED},
        )
    return assessment


# --- Documents ----------------------------------------------------------------------------------------------------


def document_request(*, actor: User, mentorship: Mentorship, kind: str) -> Document:
    """Ask for a PDF to be made in the background; older copies of the same document are removed."""
    from mentornet.followups.tasks import render_document

    if kind == Document.Kind.CERTIFICATE:
        if mentorship.mentee.anonymised_at or not certificate_available(mentorship, meeting_count(mentorship)):
            raise ValidationError(_("The mentorship does not qualify for a completion certificate yet."))
    elif kind == Document.Kind.WORK_ABILITY:
        if not WorkAbilityAssessment.objects.filter(mentorship=mentorship).exists():
            raise ValidationError(_("Write the work-ability assessment first."))
    else:
        raise ValueError(kind)
    with transaction.atomic():
        Document.objects.filter(mentorship=mentorship, kind=kind).delete()
        document = Document(mentorship=mentorship, kind=kind, created_by=actor)
        document.full_clean()
        document.save()
        audit_log(
            actor=actor,
            action="document.request",
            target=mentorship,
            branch=mentorship.branch,
            changes={"document": kind},
        )
        transaction.on_commit(lambda: render_document.enqueue(document_id=document.pk))
    return document


def _pdf_context(document: Document) -> dict[str, Any]:
    mentorship = (
        Mentorship.objects.select_related("mentee", "mentor", "programme", "branch__organisation")
        .prefetch_related("meetings")
        .get(pk=document.mentorship_id)
    )
    context: dict[str, Any] = {
        "mentorship": mentorship,
        "organisation": mentorship.branch.organisation,
        "meetings": len(mentorship.meetings.all()),
        "period_end": mentorship.closed_on or timezone.localdate(),
        "today": timezone.localdate(),
    }
    if document.kind == Document.Kind.WORK_ABILITY:
        context["assessment"] = WorkAbilityAssessment.objects.select_related("written_by").get(mentorship=mentorship)
    return context


def document_render(document: Document) -> Document:
    """The background part: render the HTML template to a PDF and store it on the row, with the progress."""
    from weasyprint import HTML

    Document.objects.filter(pk=document.pk).update(state=Document.State.RUNNING, progress=10)
    try:
        html = render_to_string(f"followups/pdf/{document.kind}.html", _pdf_context(document))
        Document.objects.filter(pk=document.pk).update(progress=40)
        content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    except Exception as error:
        Document.objects.filter(pk=document.pk).update(
            state=Document.State.FAILED, progress=100, error=type(error).__name__, finished_at=timezone.now()
        )
        raise
    Document.objects.filter(pk=document.pk).update(
        state=Document.State.DONE, progress=100, content=content, finished_at=timezone.now()
    )
    return Document.objects.filter(pk=document.pk).first() or document  # None: replaced by a newer request


def document_download(*, actor: User, document: Document) -> bytes:
    """The PDF's bytes; every download is written in the audit log."""
    mentorship = document.mentorship
    audit_log(
        actor=actor,
        action="document.download",
        target=mentorship,
        branch=mentorship.branch,
        changes={"document": document.kind},
    )
    return bytes(document.content)
