"""The permission matrix: every URL × every role.

Anonymous visitors are sent to log in, another branch's or organisation's objects answer 404,
and a user who is there but lacks the role gets 403. A URL that is not classified here fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from mentornet.accounts.models import Membership, User
from mentornet.activities.models import Participation as ActivityParticipation
from mentornet.activities.services import activity_create, calendar_feed_renew, participation_enrol
from mentornet.activities.tokens import feed_token, rsvp_token, survey_token
from mentornet.barometer.models import Indicator, IndicatorVersion, StatusReport
from mentornet.core.links import link_token, token_hash
from mentornet.core.testing import make_person, make_programme
from mentornet.followups.models import Document, ExitEvaluation, FollowUp
from mentornet.followups.services import EVALUATION_PURPOSE, FOLLOW_UP_PURPOSE
from mentornet.matching.models import Candidate, Exclusion, MatchRun, Proposal
from mentornet.matching.services import proposal_token
from mentornet.mentorships.models import Concern, Meeting, Mentorship, Milestone
from mentornet.notifications.registry import KINDS
from mentornet.organisations.models import OrganisationLogo, Target
from mentornet.people.models import Consent, ConsentText, DuplicateFlag, ImportJob, Kind
from mentornet.projects.models import Project, ProjectEvent
from mentornet.results.models import Report, ReportTemplate

LOGIN = "login"
PERSONAS = ["anonymous", "alice", "bob", "charlie", "rashid", "olivia", "nadia", "ivan"]

# Who may reach what. "login" means: redirected to the log-in page.
EVERYONE = dict.fromkeys(PERSONAS, 200)
SIGNED_IN = {**dict.fromkeys(PERSONAS, 200), "anonymous": LOGIN}
KVINFO_ADMIN = {
    "anonymous": LOGIN,
    "olivia": 200,
    "alice": 403,
    "bob": 403,
    "charlie": 403,
    "rashid": 403,
    "nadia": 404,
    "ivan": 404,
}
# Everyone who works in KVINFO, in any branch.
KVINFO_MEMBER = {**KVINFO_ADMIN, "alice": 200, "bob": 200, "charlie": 200, "rashid": 200}
KBH_MEMBER = {
    "anonymous": LOGIN,
    "alice": 200,
    "bob": 200,
    "olivia": 200,
    "charlie": 404,
    "rashid": 404,
    "nadia": 404,
    "ivan": 404,
}
KBH_ADMIN = {**KBH_MEMBER, "alice": 403, "bob": 403}
# Branch against branch: the organisation's admins and analysts, and the coordinators of any of its branches.
KVINFO_RESULTS = {**KVINFO_ADMIN, "alice": 200, "charlie": 200}
# The person register: coordinators of the branch and the organisation's admins; other branch members get 403.
WORKS_WITH_PEOPLE = {
    **dict.fromkeys(PERSONAS, 200),
    "anonymous": LOGIN,
    "bob": 403,
    "rashid": 403,
    "nadia": 403,
}
KBH_PERSON = {**KBH_MEMBER, "bob": 403}
KBH_PERSON_POST = {**KBH_PERSON, "alice": 302, "olivia": 302}
# Special-category data and data subject rights: the branch's coordinators only.
KBH_COORDINATOR = {**KBH_PERSON, "olivia": 403}
MENTORS = {**dict.fromkeys(PERSONAS, 403), "anonymous": LOGIN, "bob": 200}
REFERRERS = {**dict.fromkeys(PERSONAS, 403), "anonymous": LOGIN, "rashid": 200}
# The Ishøj municipality's analyst; its organisation admin lacks the role, everyone else is outside it.
ISHOJ_ANALYST = {**dict.fromkeys(PERSONAS, 404), "anonymous": LOGIN, "nadia": 200, "ivan": 403}
LOGGED_OUT_ONLY = {**dict.fromkeys(PERSONAS, 302), "anonymous": 200}
# Project holders and municipal administrators only (no persona here holds either role; see mentornet/projects/tests).
NO_PROJECT_ROLE = {**dict.fromkeys(PERSONAS, 403), "anonymous": LOGIN}

# name → (method, access, url kwargs). POST-only views are exercised with POST.
URLS: dict[str, tuple[str, dict[str, Any], tuple[str, ...]]] = {
    "core:home": ("get", EVERYONE, ()),
    "favicon": ("get", dict.fromkeys(PERSONAS, 302), ()),
    "people:signup_mentor": ("get", EVERYONE, ()),
    "people:signup_mentee": ("get", EVERYONE, ()),
    "people:signup_thanks": ("get", EVERYONE, ()),
    "people:person_list": ("get", WORKS_WITH_PEOPLE, ("kind_slug",)),
    "people:person_export": ("get", WORKS_WITH_PEOPLE, ("kind_slug",)),
    "people:person_create": ("get", WORKS_WITH_PEOPLE, ("kind_slug",)),
    "people:person_detail": ("get", KBH_PERSON, ("person_id",)),
    "people:person_edit": ("get", KBH_PERSON, ("person_id",)),
    "people:person_move": ("post", KBH_PERSON_POST, ("person_id",)),
    "people:person_reveal": ("post", KBH_COORDINATOR, ("person_id",)),
    "people:sensitive_edit": ("get", KBH_COORDINATOR, ("person_id",)),
    "people:screening_create": ("get", KBH_PERSON, ("person_id",)),
    "people:interview_create": ("get", KBH_PERSON, ("person_id",)),
    "people:consent_create": ("get", KBH_PERSON, ("person_id",)),
    "people:person_data": ("get", KBH_COORDINATOR, ("person_id",)),
    "people:consent_withdraw": ("post", KBH_PERSON_POST, ("person_id", "consent_id")),
    "people:person_erase": ("get", KBH_COORDINATOR, ("person_id",)),
    "people:duplicate_list": ("get", WORKS_WITH_PEOPLE, ()),
    "people:duplicate_merge": ("post", KBH_PERSON_POST, ("flag_id",)),
    "people:duplicate_keep_apart": ("post", KBH_PERSON_POST, ("flag_id",)),
    "people:referral_list": ("get", REFERRERS, ()),
    "people:referral_create": ("get", REFERRERS, ()),
    "people:import_list": ("get", WORKS_WITH_PEOPLE, ()),
    "people:consent_text_list": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "people:import_detail": ("get", KBH_PERSON, ("job_id",)),
    "people:import_commit": ("post", KBH_PERSON_POST, ("job_id",)),
    "core:dashboard": ("get", SIGNED_IN, ()),
    "core:audit_log": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "accounts:login": ("get", LOGGED_OUT_ONLY, ()),
    "accounts:logout": ("post", {**dict.fromkeys(PERSONAS, 302)}, ()),
    "accounts:password_reset": ("get", EVERYONE, ()),
    "accounts:password_reset_sent": ("get", EVERYONE, ()),
    "accounts:password_reset_confirm": ("get", EVERYONE, ("uidb64", "token")),
    "accounts:password_reset_complete": ("get", EVERYONE, ()),
    "accounts:user_list": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "accounts:user_invite": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "accounts:user_detail": ("get", KVINFO_ADMIN, ("organisation_id", "user_id")),
    "accounts:membership_add": ("post", {**KVINFO_ADMIN, "olivia": 302}, ("organisation_id", "user_id")),
    "accounts:membership_remove": ("post", {**KVINFO_ADMIN, "olivia": 302}, ("organisation_id", "membership_id")),
    "accounts:user_remove": ("post", {**KVINFO_ADMIN, "olivia": 302}, ("organisation_id", "user_id")),
    "accounts:user_reinvite": ("post", {**KVINFO_ADMIN, "olivia": 302}, ("organisation_id", "user_id")),
    "organisations:organisation_detail": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "organisations:organisation_edit": ("get", KVINFO_ADMIN, ("organisation_id",)),
    # The logo is on the organisation's reports: everyone who works there may see it.
    "organisations:organisation_logo": ("get", KVINFO_MEMBER, ("organisation_id",)),
    "organisations:branch_create": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "organisations:branch_detail": ("get", KBH_MEMBER, ("branch_id",)),
    "organisations:branch_edit": ("get", KBH_ADMIN, ("branch_id",)),
    "organisations:programme_create": ("get", KBH_ADMIN, ("branch_id",)),
    "organisations:programme_detail": ("get", KBH_MEMBER, ("programme_id",)),
    "organisations:programme_edit": ("get", KBH_ADMIN, ("programme_id",)),
    "organisations:target_create": ("get", KBH_ADMIN, ("programme_id",)),
    "organisations:target_edit": ("get", KBH_ADMIN, ("programme_id", "target_id")),
    "organisations:target_delete": ("post", {**KBH_ADMIN, "olivia": 302}, ("programme_id", "target_id")),
    "set_language": ("post", dict.fromkeys(PERSONAS, 302), ()),
    "matching:find_mentor": ("get", KBH_PERSON, ("person_id",)),
    "matching:exclusion_create": ("post", KBH_PERSON_POST, ("person_id",)),
    "matching:exclusion_delete": ("post", KBH_PERSON_POST, ("person_id", "exclusion_id")),
    "matching:proposal_detail": ("get", KBH_PERSON, ("proposal_id",)),
    "matching:proposal_choose": ("post", KBH_PERSON_POST, ("proposal_id",)),
    "matching:proposal_withdraw": ("post", KBH_PERSON_POST, ("proposal_id",)),
    "matching:proposal_first_meeting": ("post", KBH_PERSON_POST, ("proposal_id",)),
    "matching:choose": ("get", EVERYONE, ("token",)),
    "matching:my_proposals": ("get", MENTORS, ()),
    "matching:my_proposal_respond": ("get", {**MENTORS}, ("candidate_id",)),
    "matching:my_first_meeting": ("post", {**MENTORS, "bob": 302}, ("candidate_id",)),
    "matching:my_presentation": ("get", MENTORS, ()),
    "matching:batch": ("get", KBH_PERSON, ("programme_id",)),
    "matching:run_detail": ("get", KBH_PERSON, ("run_id",)),
    "matching:settings": ("get", KBH_PERSON, ("programme_id",)),
    "mentorships:list": ("get", WORKS_WITH_PEOPLE, ()),
    "mentorships:meetings": ("get", WORKS_WITH_PEOPLE, ()),
    "mentorships:detail": ("get", KBH_PERSON, ("mentorship_id",)),
    "mentorships:edit": ("get", KBH_PERSON, ("mentorship_id",)),
    "mentorships:close": ("get", KBH_PERSON, ("mentorship_id",)),
    "mentorships:pause": ("post", KBH_PERSON_POST, ("mentorship_id",)),
    "mentorships:resume": ("post", KBH_PERSON_POST, ("mentorship_id",)),
    # The mentor of the mentorship (bob) logs meetings too.
    "mentorships:meeting_create": ("get", KBH_MEMBER, ("mentorship_id",)),
    "mentorships:meeting_delete": ("post", KBH_PERSON_POST, ("mentorship_id", "meeting_id")),
    "mentorships:milestone_create": ("post", KBH_PERSON_POST, ("mentorship_id",)),
    "mentorships:milestone_delete": ("post", KBH_PERSON_POST, ("mentorship_id", "milestone_id")),
    "mentorships:concern_resolve": ("post", KBH_PERSON_POST, ("mentorship_id", "concern_id")),
    "mentorships:mine": ("get", MENTORS, ()),
    "mentorships:my_concern": ("get", MENTORS, ("mentorship_id",)),
    "results:programme_results": ("get", KBH_PERSON, ("programme_id",)),
    "results:target_people": ("get", KBH_PERSON, ("programme_id", "target_id")),
    "results:report_list": ("get", KBH_PERSON, ("programme_id",)),
    "results:breakdown": ("get", KBH_PERSON, ("programme_id",)),
    "results:programme_compare": ("get", KBH_PERSON, ("programme_id",)),
    "results:organisation_results": ("get", KVINFO_RESULTS, ("organisation_id",)),
    "results:report_compare": ("get", KBH_PERSON, ("report_id",)),
    "results:report_detail": ("get", KBH_PERSON, ("report_id",)),
    "results:report_file": ("get", KBH_PERSON, ("report_id", "fmt")),
    "results:template_list": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "results:template_create": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "results:template_edit": ("get", KVINFO_ADMIN, ("organisation_id", "template_id")),
    "notifications:message_list": ("get", KVINFO_ADMIN, ("organisation_id",)),
    "notifications:message_edit": ("get", KVINFO_ADMIN, ("organisation_id", "code", "language")),
    "notifications:message_reset": ("post", {**KVINFO_ADMIN, "olivia": 302}, ("organisation_id", "code", "language")),
    # Follow-up: the branch's coordinators and the organisation's admins; the questionnaires are public links.
    "followups:list": ("get", WORKS_WITH_PEOPLE, ()),
    "followups:detail": ("get", KBH_PERSON, ("followup_id",)),
    "followups:answer": ("get", EVERYONE, ("followup_token",)),
    "followups:evaluation": ("get", EVERYONE, ("evaluation_token",)),
    "followups:mentorship": ("get", KBH_PERSON, ("mentorship_id",)),
    "followups:document_request": ("post", KBH_PERSON_POST, ("mentorship_id", "kind")),
    "followups:certificate": ("get", KBH_PERSON, ("mentorship_id",)),
    "followups:work_ability": ("get", KBH_PERSON, ("mentorship_id",)),
    "followups:work_ability_pdf": ("get", KBH_PERSON, ("mentorship_id",)),
    # Activities: run by the host branch's coordinators and the organisation's admins; an invited branch reads.
    "activities:activity_list": ("get", WORKS_WITH_PEOPLE, ()),
    "activities:activity_create": ("get", WORKS_WITH_PEOPLE, ()),
    "activities:activity_detail": ("get", KBH_PERSON, ("activity_id",)),
    "activities:activity_edit": ("get", KBH_PERSON, ("activity_id",)),
    "activities:activity_invite": ("post", KBH_PERSON_POST, ("activity_id",)),
    "activities:activity_enrol": ("post", KBH_PERSON_POST, ("activity_id",)),
    "activities:participation_cancel": ("post", KBH_PERSON_POST, ("activity_id", "participation_id")),
    "activities:participation_complete": ("post", KBH_PERSON_POST, ("activity_id", "participation_id")),
    "activities:session_add": ("post", KBH_PERSON_POST, ("activity_id",)),
    "activities:session_delete": ("post", KBH_PERSON_POST, ("activity_id", "session_id")),
    "activities:session_attendance": ("get", KBH_PERSON, ("activity_id", "session_id")),
    "activities:branch_calendar": ("get", KBH_MEMBER, ("branch_id",)),
    "activities:my_calendar": ("get", SIGNED_IN, ()),
    "activities:calendar_feed_renew": ("post", {**dict.fromkeys(PERSONAS, 302), "anonymous": LOGIN}, ()),
    "activities:ical_feed": ("get", EVERYONE, ("feed_token",)),
    "activities:rsvp": ("get", EVERYONE, ("rsvp_token",)),
    "activities:satisfaction": ("get", EVERYONE, ("survey_token",)),
    # The public project bank; registering and approving projects needs the project roles.
    "projects:project_search": ("get", EVERYONE, ()),
    "projects:project_statistics": ("get", EVERYONE, ()),
    "projects:project_detail": ("get", EVERYONE, ("project_id",)),
    "projects:event_calendar": ("get", EVERYONE, ()),
    "projects:event_list": ("get", NO_PROJECT_ROLE, ("project_id",)),
    "projects:event_create": ("get", NO_PROJECT_ROLE, ("project_id",)),
    "projects:event_edit": ("get", NO_PROJECT_ROLE, ("project_id", "event_id")),
    "projects:event_delete": ("post", NO_PROJECT_ROLE, ("project_id", "event_id")),
    "projects:my_projects": ("get", NO_PROJECT_ROLE, ()),
    "projects:project_create": ("get", NO_PROJECT_ROLE, ()),
    "projects:project_edit": ("get", NO_PROJECT_ROLE, ("project_id",)),
    "projects:project_submit": ("post", NO_PROJECT_ROLE, ("project_id",)),
    "projects:approval_list": ("get", NO_PROJECT_ROLE, ()),
    "projects:project_review": ("get", NO_PROJECT_ROLE, ("project_id",)),
    "projects:project_approve": ("post", NO_PROJECT_ROLE, ("project_id",)),
    # The barometer: public pages; data entry by the municipality's analysts (nadia in Ishøj).
    "barometer:summary": ("get", EVERYONE, ()),
    "barometer:area": ("get", EVERYONE, ("area",)),
    "barometer:indicator": ("get", EVERYONE, ("indicator_id",)),
    "barometer:indicator_data": ("get", EVERYONE, ("indicator_id", "data_format")),
    "barometer:manage": ("get", ISHOJ_ANALYST, ("municipality_id",)),
    "barometer:upload": ("get", ISHOJ_ANALYST, ("municipality_id",)),
    "barometer:measurement_create": ("get", ISHOJ_ANALYST, ("indicator_id",)),
    "barometer:version_create": ("get", ISHOJ_ANALYST, ("indicator_id",)),
    "barometer:status_report_list": ("get", ISHOJ_ANALYST, ("municipality_id",)),
    "barometer:status_report_detail": ("get", ISHOJ_ANALYST, ("status_report_id",)),
    "barometer:status_report_file": ("get", ISHOJ_ANALYST, ("status_report_id", "fmt")),
}

# Django's own admin is for technical superusers and guards itself; it is outside the matrix.
UNCLASSIFIED_NAMESPACES = {"admin"}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace not in UNCLASSIFIED_NAMESPACES:
                yield from _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_classified() -> None:
    names = set(_named_patterns(get_resolver()))
    assert names - URLS.keys() == set(), "Add these URLs to the permission matrix"
    assert URLS.keys() - names == set(), "These classified URLs no longer exist"


def _kwargs(world: Any, bob: User, needed: tuple[str, ...]) -> dict[str, Any]:
    mentee = make_person(world.kbh, kind=Kind.MENTEE, first_name="Amina")
    twin = make_person(world.kbh, kind=Kind.MENTEE, first_name="Amina", email=mentee.email)
    flag = DuplicateFlag.objects.create(person=twin, existing=mentee, reason=DuplicateFlag.Reason.EMAIL)
    job = ImportJob.objects.create(
        organisation=world.kvinfo, branch=world.kbh, kind=Kind.MENTOR, file_name="a.csv", file_sha256="x", content=b""
    )
    target = Target.objects.create(
        programme=world.kbh_programme,
        metric="mentorships_started",
        period_start="2025-01-01",
        period_end="2025-12-31",
        value=10,
    )
    mentor = make_person(world.kbh, kind=Kind.MENTOR, first_name="Bob", user=bob)
    proposal = Proposal.objects.create(
        mentee=mentee,
        programme=world.kbh_programme,
        expires_at=timezone.now() + timedelta(days=1),
        token_salt="salt",
        state=Proposal.State.CHOSEN,
    )
    Proposal.objects.filter(pk=proposal.pk).update(token_hash=token_hash(proposal_token(proposal)))
    candidate = Candidate.objects.create(
        proposal=proposal, mentor=mentor, rank=1, score=50, state=Candidate.State.CHOSEN
    )
    mentorship = Mentorship.objects.create(
        mentor=mentor,
        mentee=mentee,
        programme=world.kbh_programme,
        branch=world.kbh,
        start_date=timezone.localdate() - timedelta(days=30),
        planned_end=timezone.localdate() + timedelta(days=150),
    )
    meeting = Meeting.objects.create(mentorship=mentorship, date=timezone.localdate(), topic="job")
    milestone = Milestone.objects.create(mentorship=mentorship, kind="job", date=timezone.localdate())
    concern = Concern.objects.create(mentorship=mentorship, text="Bekymret")
    OrganisationLogo.objects.create(organisation=world.kvinfo, image=b"\x89PNG")
    type(world.kvinfo).objects.filter(pk=world.kvinfo.pk).update(logo_type="image/png")
    values = {
        "organisation_id": world.kvinfo.pk,
        "branch_id": world.kbh.pk,
        "programme_id": world.kbh_programme.pk,
        "target_id": target.pk,
        "user_id": bob.pk,
        "membership_id": Membership.objects.get(user=bob).pk,
        "uidb64": "MQ",
        "kind_slug": "mentees",
        "person_id": mentee.pk,
        "flag_id": flag.pk,
        "job_id": job.pk,
        "consent_id": Consent.objects.create(person=mentee, text=ConsentText.objects.all()[0], method="online").pk,
        "token": proposal_token(proposal),
        "proposal_id": proposal.pk,
        "candidate_id": candidate.pk,
        "exclusion_id": Exclusion.objects.create(mentee=mentee, mentor=mentor, reason="Nabo").pk,
        "run_id": MatchRun.objects.create(programme=world.kbh_programme).pk,
        "report_id": Report.objects.create(
            programme=world.kbh_programme,
            title="Årsrapport",
            period_start="2025-01-01",
            period_end="2025-12-31",
            state=Report.State.DONE,
            pdf=b"%PDF",
            xlsx=b"PK",
        ).pk,
        "fmt": "pdf",
        "template_id": ReportTemplate.objects.create(organisation=world.kvinfo, name="Årsrapport").pk,
        "mentorship_id": mentorship.pk,
        "meeting_id": meeting.pk,
        "milestone_id": milestone.pk,
        "concern_id": concern.pk,
        "code": min(KINDS),
        "language": "da",
        **_project_values(world),
        **_activity_values(world, bob, mentor),
        **_barometer_values(world),
        **_followup_values(mentorship),
    }
    return {name: values[name] for name in needed}


def _project_values(world: Any) -> dict[str, Any]:
    """A published Ishøj project with an event."""
    project = Project.objects.create(municipality=world.ishoj, title="Lektiecafé", published=True)
    starts = timezone.now() + timedelta(days=7)
    event = ProjectEvent.objects.create(project=project, title="Åbent hus", starts_at=starts, ends_at=starts)
    return {"project_id": project.pk, "event_id": event.pk}


def _barometer_values(world: Any) -> dict[str, Any]:
    """An Ishøj indicator with its definition, and a finished status report."""
    indicator = Indicator.objects.create(municipality=world.ishoj, area="beskaeftigelse", number=1, name="Andel i job")
    IndicatorVersion.objects.create(
        indicator=indicator, valid_from="2007-01-01", definition="Andel", unit="percent", direction="rise"
    )
    report = StatusReport.objects.create(
        municipality=world.ishoj, year=2007, title="Statusrapport 2007", state="done", pdf=b"%PDF", word=b"<html>"
    )
    return {
        "status_report_id": report.pk,
        "indicator_id": indicator.pk,
        "area": "beskaeftigelse",
        "data_format": "csv",
        "municipality_id": world.ishoj.pk,
    }


def _followup_values(mentorship: Mentorship) -> dict[str, Any]:
    """The mentorship as a praktik, with a follow-up, an exit evaluation and both PDFs made (it stays open)."""
    Mentorship.objects.filter(pk=mentorship.pk).update(kind="praktik")
    salt = "salt"
    follow_up = FollowUp.objects.create(
        mentorship=mentorship,
        due_on=timezone.localdate(),
        token_salt=salt,
        token_hash=token_hash(link_token(FOLLOW_UP_PURPOSE, salt)),
    )
    ExitEvaluation.objects.create(
        mentorship=mentorship,
        side="mentee",
        token_salt=salt,
        token_hash=token_hash(link_token(EVALUATION_PURPOSE, salt)),
    )
    for kind in ("certificate", "work_ability"):
        Document.objects.create(mentorship=mentorship, kind=kind, state="done", content=b"%PDF-1.7")
    return {
        "followup_id": follow_up.pk,
        "followup_token": link_token(FOLLOW_UP_PURPOSE, salt),
        "evaluation_token": link_token(EVALUATION_PURPOSE, salt),
        "kind": "certificate",
    }


def _activity_values(world: Any, bob: User, mentor: Any) -> dict[str, Any]:
    """A København mentor meeting next week with bob enrolled, and a past course for the questionnaire link."""
    soon = timezone.now() + timedelta(days=7)
    meeting = activity_create(
        actor=None,
        branch=world.kbh,
        data={"kind": "mentor_meeting", "audience": "mentors", "title": "Mentormøde"},
        sessions=[(soon, soon + timedelta(hours=2))],
    )
    past = activity_create(
        actor=None,
        branch=world.kbh,
        data={"kind": "theme_course", "audience": "mentors", "title": "Traumer"},
        sessions=[(soon - timedelta(days=30), soon - timedelta(days=30) + timedelta(hours=3))],
    )
    participation = participation_enrol(actor=None, activity=meeting, person=mentor)
    attended = ActivityParticipation(activity=past, person=mentor, state="enrolled", token_salt="salt", token_hash="-")
    attended.survey_token_hash = token_hash(survey_token(attended))
    attended.save()
    return {
        "activity_id": meeting.pk,
        "participation_id": participation.pk,
        "session_id": meeting.sessions.get().pk,
        "feed_token": feed_token(calendar_feed_renew(actor=bob)),
        "rsvp_token": rsvp_token(participation),
        "survey_token": survey_token(attended),
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(URLS))
def test_access(request: pytest.FixtureRequest, client: Client, world: Any, bob: User, name: str, persona: str) -> None:
    method, access, needed = URLS[name]
    url = reverse(name, kwargs=_kwargs(world, bob, needed))
    for other in PERSONAS[1:]:
        request.getfixturevalue(other)  # everyone exists, so nobody is alone in a branch
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    data = (
        {
            "language": "en",
            "role": "coordinator",
            "branch": world.kbh.pk,
            "to_status": "screening",
            "purpose": "matching",
        }
        if method == "post"
        else None
    )
    response = getattr(client, method)(url, data)
    expected = access[persona]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected


# The results of an Ishøj programme: the analyst reads suppressed figures but never reaches the people behind them.
ISHOJ_RESULTS = {
    "results:programme_results": {"nadia": 200, "ivan": 200, "alice": 404},
    "results:programme_compare": {"nadia": 200, "ivan": 200, "alice": 404},
    "results:target_people": {"nadia": 403, "ivan": 200, "alice": 404},
    "results:breakdown": {"nadia": 404, "ivan": 200, "alice": 404},
    "results:report_list": {"nadia": 404, "ivan": 200, "alice": 404},
    "results:organisation_results": {"nadia": 200, "ivan": 200, "alice": 404},
}


@pytest.mark.parametrize("persona", ["nadia", "ivan", "alice"])
@pytest.mark.parametrize("name", sorted(ISHOJ_RESULTS))
def test_access_to_an_ishoj_programmes_results(
    request: pytest.FixtureRequest, client: Client, world: Any, name: str, persona: str
) -> None:
    programme = make_programme(world.ishoj_branch, name="#MentorIshøj 2026")
    target = Target.objects.create(
        programme=programme, metric="mentorships_started", period_start="2025-01-01", period_end="2025-12-31", value=10
    )
    values = {"programme_id": programme.pk, "target_id": target.pk, "organisation_id": world.ishoj.pk}
    needed = {"organisation_results": ("organisation_id",), "target_people": ("programme_id", "target_id")}
    kwargs = {key: values[key] for key in needed.get(name.split(":")[1], ("programme_id",))}
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == ISHOJ_RESULTS[name][persona]
