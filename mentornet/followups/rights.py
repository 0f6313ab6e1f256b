"""A person's follow-up data for an access request, and its erasure (called from ``people.services.rights``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from mentornet.followups.models import AREAS, Document, ExitEvaluation, FollowUp, Side, WorkAbilityAssessment
from mentornet.mentorships.models import Mentorship
from mentornet.people.models import Person


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def followups_export(person: Person) -> list[dict[str, Any]]:
    """Per mentorship of the person: the follow-up and the work-ability assessment (of a mentee), and the
    person's own exit evaluation. No tokens."""
    rows: list[dict[str, Any]] = []
    mentorships = Mentorship.objects.filter(Q(mentee=person) | Q(mentor=person)).select_related("programme")
    for mentorship in mentorships:
        is_mentee = mentorship.mentee_id == person.pk
        side = Side.MENTEE if is_mentee else Side.MENTOR
        row: dict[str, Any] = {_("Mentorship"): f"{mentorship.programme} · {_plain(mentorship.start_date)}"}
        follow_up = FollowUp.objects.filter(mentorship=mentorship).first() if is_mentee else None
        if follow_up is not None:
            row[_("Follow-up")] = {
                _("Due"): _plain(follow_up.due_on),
                _("State"): str(follow_up.get_state_display()),
                _("What the mentee does"): str(follow_up.get_outcome_display()) if follow_up.outcome else "",
                _("Name of the education or workplace"): follow_up.place,
                _("Answered"): _plain(follow_up.answered_at),
            }
        evaluation = ExitEvaluation.objects.filter(mentorship=mentorship, side=side).first()
        if evaluation is not None and evaluation.answered_at:
            row[_("Exit evaluation")] = {
                _("All in all"): evaluation.overall,
                _("Helped toward the goals"): evaluation.helped,
                _("Would recommend it"): evaluation.recommend,
                _("Comment"): evaluation.comment,
                _("Answered"): _plain(evaluation.answered_at),
            }
        assessment = WorkAbilityAssessment.objects.filter(mentorship=mentorship).first() if is_mentee else None
        if assessment is not None:
            data: dict[str, Any] = {_("Period"): f"{_plain(assessment.period_start)} – {_plain(assessment.period_end)}"}
            for label, value, _value_label, comment in assessment.areas():
                data[label] = {_("Scale"): value, _("Comment"): comment}
            data[_("Overall assessment")] = assessment.overall
            data[_("Recommendation")] = str(assessment.get_recommendation_display())
            data[_("About the recommendation")] = assessment.recommendation_note
            row[_("Work-ability assessment")] = data
        if len(row) > 1:
            rows.append(row)
    return rows


def followups_erase(mentorship_ids: list[int]) -> None:
    """Free texts go, and the PDFs with the person's name; states, outcomes and scales stay for the statistics."""
    FollowUp.objects.filter(mentorship_id__in=mentorship_ids).update(place="")
    ExitEvaluation.objects.filter(mentorship_id__in=mentorship_ids).update(comment="")
    WorkAbilityAssessment.objects.filter(mentorship_id__in=mentorship_ids).update(
        overall="", recommendation_note="", **{f"{area}_comment": "" for area in AREAS}
    )
    Document.objects.filter(mentorship_id__in=mentorship_ids).delete()
