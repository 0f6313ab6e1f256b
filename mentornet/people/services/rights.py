"""Data subject rights: a copy of everything held about a person, and erasure by anonymisation."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mentornet.accounts.models import User
from mentornet.activities.models import Attendance, Participation, SatisfactionAnswer
from mentornet.core.models import AuditEntry
from mentornet.core.services import audit_log
from mentornet.followups.rights import followups_erase, followups_export
from mentornet.mentorships.models import Concern, Meeting, Mentorship, Milestone
from mentornet.people.models import Interview, MenteeProfile, MentorProfile, Person, Referral, Screening, SensitiveData
from mentornet.people.services.person import profile_of

ANONYMOUS = "Anonymiseret"

#: Free-text and identifying fields emptied on erasure, per model. What statistics need (kind, status, gender,
#: year of birth, municipality and area, dates, branch, programme, outcomes) is kept.
ERASE_PERSON = ["email", "phone", "street", "postcode", "city", "note"]
ERASE_PROFILE = {
    MentorProfile: ["occupation", "education", "wishes", "reservations", "presentation"],
    MenteeProfile: ["goals", "mentor_wishes"],
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def _fields(instance: models.Model, skip: set[str] | None = None) -> dict[str, Any]:
    skip = (skip or set()) | {"id", "person", "content", "submission_id", "is_staged", "import_job"}
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in skip:
            continue
        value = getattr(instance, field.name)
        data[str(field.verbose_name)] = _plain(value.get_full_name() if isinstance(value, User) else value)
    for field in instance._meta.many_to_many:
        data[str(field.verbose_name)] = [str(item) for item in getattr(instance, field.name).all()]
    return data


def person_data_export(*, actor: User, person: Person) -> dict[str, Any]:
    """Everything stored about the person, in plain values, for an access request (indsigt). The export is logged."""
    sensitive = SensitiveData.objects.filter(person=person).first()
    data = {
        _("Person"): _fields(person),
        _("Profile"): _fields(profile_of(person)),
        _("Special category data"): _fields(sensitive) if sensitive else {},
        _("Consents"): [
            {**_fields(c), _("Text"): c.text.localised(), _("Version"): c.text.version} for c in person.consents.all()
        ],
        _("Referrals"): [_fields(r) for r in person.referrals.all()],
        _("Screenings"): [_fields(s) for s in person.screenings.all()],
        _("Interviews"): [_fields(i) for i in person.interviews.all()],
        _("Status history"): [_fields(c) for c in person.status_changes.all()],
        # Matching: the proposals a mentee got, or the proposals a mentor was shown in, and exclusions.
        _("Proposals"): [
            {
                **_fields(p, {"token_salt", "token_hash"}),
                # Of the mentors shown: the first name the mentee saw, not the rest of a third person's data.
                _("Mentors"): [c.mentor.first_name for c in p.candidates.select_related("mentor")],
            }
            for p in person.proposals.all()
        ],
        _("Shown in proposals"): [_fields(c, {"proposal"}) for c in person.candidacies.all()],
        _("Exclusions"): [_fields(e) for e in (*person.exclusions.all(), *person.excluded_for.all())],
        # Mentorships: as mentee or as mentor, with their meetings, milestones and the mentor's concerns.
        _("Mentorships"): [_mentorship_data(m, person) for m in _mentorships_of(person)],
        # Follow-up: the follow-up, the person's own exit evaluation and the work-ability assessment.
        _("Follow-up and evaluation"): followups_export(person),
        _("Messages sent"): [_fields(m, {"key", "context", "organisation"}) for m in person.messages.all()],
        # Activities: courses and events taken part in, attendance per session, questionnaire answers.
        _("Courses and events"): [
            _fields(p, {"token_salt", "token_hash", "survey_token_hash"})
            for p in Participation.objects.filter(person=person).select_related("activity")
        ],
        _("Attendance"): [
            _fields(a) for a in Attendance.objects.filter(person=person).select_related("session__activity")
        ],
        _("Satisfaction answers"): [
            _fields(a) for a in SatisfactionAnswer.objects.filter(person=person).select_related("activity")
        ],
    }
    audit_log(actor=actor, action="person.data_export", target=person, branch=person.branch)
    return data


def person_anonymise(*, actor: User, person: Person) -> Person:
    """Erase a person: identifying and special-category data is gone; the record still counts in statistics."""
    if person.anonymised_at is not None:
        raise ValidationError(_("The person has already been anonymised."))
    with transaction.atomic():
        label = f"{ANONYMOUS} #{person.pk}"
        person.first_name, person.last_name = ANONYMOUS, f"#{person.pk}"
        for name in ERASE_PERSON:
            setattr(person, name, "")
        if person.birth_date is not None:
            # Keep the year (age bands in statistics) but not the day.
            person.birth_date = datetime.date(person.birth_date.year, 7, 1)
        person.anonymised_at = timezone.now()
        person.save()
        profile = profile_of(person)
        for name in ERASE_PROFILE.get(type(profile), []):
            setattr(profile, name, "")
        profile.save()
        SensitiveData.objects.filter(person=person).delete()
        Referral.objects.filter(person=person).update(reason=ANONYMOUS)
        Screening.objects.filter(person=person).update(note="", referred_to="")
        Interview.objects.filter(person=person).update(summary=ANONYMOUS)
        person.status_changes.update(note="")
        # Matching: free texts that could name or describe the person.
        person.proposals.update(note="")
        person.candidacies.update(presentation="", response_reason="")
        person.exclusions.update(reason=ANONYMOUS)
        person.excluded_for.update(reason=ANONYMOUS)
        _erase_mentorships(person)
        # Activities: who took part and came is erased; a questionnaire answer keeps its rating, without the person
        # or the comment, so the results per activity stay right.
        Participation.objects.filter(person=person).delete()
        Attendance.objects.filter(person=person).delete()
        SatisfactionAnswer.objects.filter(person=person).update(person=None, comment="")
        # Messages: what was sent stays countable, the names and links in them go.
        person.messages.update(context={})
        if person.user is not None:
            _anonymise_user(person.user)
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)
        ).update(object_repr=label)
        audit_log(actor=actor, action="person.anonymise", target=person, branch=person.branch)
    return person


def _mentorships_of(person: Person) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(Q(mentee=person) | Q(mentor=person)).select_related(
        "mentor", "mentee", "programme"
    )


def _mentorship_data(mentorship: Mentorship, person: Person) -> dict[str, Any]:
    """A mentorship in the export; of the other side, only the first name (as in the proposals). A mentor's concern
    is private to the coordinators: the mentee's copy says when one was raised, not what it said."""
    private = set() if mentorship.mentor_id == person.pk else {"text", "raised_by", "resolved_by"}
    data = _fields(mentorship, {"mentor", "mentee", "proposal", "branch"})
    return {
        _("Mentor"): mentorship.mentor.first_name,
        _("Mentee"): mentorship.mentee.first_name,
        **data,
        _("Meetings"): [_fields(m, {"mentorship", "submission"}) for m in mentorship.meetings.all()],
        _("Milestones"): [_fields(m, {"mentorship"}) for m in mentorship.milestones.all()],
        _("Concerns"): [_fields(c, {"mentorship", *private}) for c in mentorship.concerns.all()],
    }


def _erase_mentorships(person: Person) -> None:
    """Free texts of the person's mentorships go; dates, forms, topics and outcomes stay for the statistics."""
    mentorships = Mentorship.objects.filter(Q(mentee=person) | Q(mentor=person))
    ids = list(mentorships.values_list("pk", flat=True))
    Mentorship.objects.filter(pk__in=ids).update(
        goals="", place="", workplace="", working_hours="", considerations="", close_note=""
    )
    Meeting.objects.filter(mentorship_id__in=ids).update(note="")
    Milestone.objects.filter(mentorship_id__in=ids).update(note="")
    Concern.objects.filter(mentorship_id__in=ids).update(text=ANONYMOUS)
    followups_erase(ids)
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Mentorship), object_id__in=[str(pk) for pk in ids]
    ).update(object_repr=ANONYMOUS)


def _anonymise_user(user: User) -> None:
    user.email = f"anonymiseret-{user.pk}@invalid.example"
    user.full_name = ANONYMOUS
    user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.memberships.all().delete()
    AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)).update(
        object_repr=ANONYMOUS
    )
