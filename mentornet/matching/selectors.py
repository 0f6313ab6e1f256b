"""Reads for matching: people as engine records, free places, proposals, and the access helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentornet.accounts.models import Role, User
from mentornet.core.access import access_for
from mentornet.core.links import token_hash
from mentornet.matching import engine
from mentornet.matching.engine.records import CONSTRAINTS
from mentornet.matching.models import Candidate, Exclusion, MatchRun, Proposal
from mentornet.matching.records import in_progress, mentee_records, mentor_records, needs_background, rules_for
from mentornet.organisations.models import Programme
from mentornet.organisations.selectors import branches_for_user
from mentornet.people.models import (
    Availability,
    GenderWish,
    Kind,
    MentorType,
    Person,
    Status,
    Topic,
)
from mentornet.people.selectors import people_branch_ids

#: What each soft criterion means, for the settings page and the explanations.
CRITERION_LABELS: dict[str, Promise] = {
    "needs": gettext_lazy("Needs and what the mentor can help with"),
    "education": gettext_lazy("Education wishes and the mentor's field"),
    "interests": gettext_lazy("Shared interests"),
    "age": gettext_lazy("Small age difference"),
    "geography": gettext_lazy("Lives nearby"),
    "availability": gettext_lazy("Can meet at the same times"),
    "mentor_type": gettext_lazy("Business or social mentor as needed"),
    "gender": gettext_lazy("The mentor's gender, if the mentee wishes"),
    "background": gettext_lazy("The mentor's background, if the mentee wishes"),
    "waiting": gettext_lazy("Waiting time (batch: longer waits are matched first)"),
}

#: Why a mentor cannot be proposed, one per hard constraint.
CONSTRAINT_LABELS: dict[str, Promise] = {
    "excluded": gettext_lazy("Excluded by a coordinator for this mentee"),
    "not_active": gettext_lazy("Not approved and active"),
    "course": gettext_lazy("Has not completed the introductory course"),
    "branch": gettext_lazy("Belongs to another branch and has not offered to help there"),
    "capacity": gettext_lazy("No free place (matched or reserved in other proposals)"),
    "language": gettext_lazy("No language in common"),
    "gender_required": gettext_lazy("Not of the gender the mentee requires"),
    "mentor_gender": gettext_lazy("The mentor only takes mentees of another gender"),
    "mentor_age": gettext_lazy("The mentee is outside the ages the mentor takes"),
}
assert set(CONSTRAINT_LABELS) == set(CONSTRAINTS)


# --- Access -------------------------------------------------------------------------------------------------------


def _matching_role(user: User, branch_id: int) -> None:
    if branch_id not in people_branch_ids(user):
        raise PermissionDenied


def get_programme_for_matching(user: User, pk: int) -> Programme:
    programme = (
        Programme.objects.filter(pk=pk, branch__in=branches_for_user(user))
        .select_related("branch__organisation")
        .first()
    )
    if programme is None:
        raise Http404
    _matching_role(user, programme.branch_id)
    return programme


def get_proposal_for_user(user: User, pk: int) -> Proposal:
    proposal = (
        Proposal.objects.filter(pk=pk, mentee__branch__in=branches_for_user(user))
        .select_related("mentee__branch", "programme", "created_by", "chosen_by")
        .first()
    )
    if proposal is None:
        raise Http404
    _matching_role(user, proposal.mentee.branch_id)
    return proposal


def get_run_for_user(user: User, pk: int) -> MatchRun:
    run = (
        MatchRun.objects.filter(pk=pk, programme__branch__in=branches_for_user(user))
        .select_related("programme")
        .first()
    )
    if run is None:
        raise Http404
    _matching_role(user, run.programme.branch_id)
    return run


def candidacies_for_mentor(user: User) -> QuerySet[Candidate]:
    """The proposals where the mentor logged in was chosen, or was matched."""
    if not access_for(user).has_role(Role.MENTOR):
        raise PermissionDenied
    return (
        Candidate.objects.filter(mentor__user=user, state__in=[Candidate.State.CHOSEN, Candidate.State.ACCEPTED])
        .select_related("proposal__mentee", "proposal__programme")
        .order_by("-proposal__created_at")
    )


def get_candidacy_for_mentor(user: User, pk: int) -> Candidate:
    candidate = candidacies_for_mentor(user).filter(pk=pk).first()
    if candidate is None:
        raise Http404
    return candidate


def open_proposals(user: User) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(
            mentee__branch_id__in=people_branch_ids(user),
            state__in=[Proposal.State.OPEN, Proposal.State.CHOSEN, Proposal.State.FIRST_MEETING],
        )
        .select_related("mentee")
        .order_by("expires_at")
    )


# --- Explanations -------------------------------------------------------------------------------------------------


def reasons_data(candidate: engine.Candidate) -> list[dict[str, Any]]:
    """A candidate's reasons as stored with the proposal (JSON)."""
    return [
        {**asdict(reason), "points": round(reason.points, 2), "share": round(reason.share, 3)}
        for reason in candidate.reasons
    ]


def _names(ids: Iterable[int], topics: dict[int, str]) -> str:
    return ", ".join(topics[i] for i in ids if i in topics)


def _reason_text(reason: dict[str, Any], topics: dict[int, str]) -> str:
    criterion, matched, detail = reason["criterion"], reason.get("matched", ()), str(reason.get("detail", ""))
    if criterion == "needs":
        return _("Can help with: %s") % _names(matched, topics)
    if criterion == "education":
        return _("Works or studied in the field the mentee wishes: %s") % _names(matched, topics)
    if criterion == "interests":
        return _("Shared interests: %s") % _names(matched, topics)
    if criterion == "age":
        return _("Age difference: %s years") % detail
    if criterion == "geography":
        return _("Lives in the same area") if detail == "same_area" else _("Lives in the same municipality")
    if criterion == "availability":
        labels = dict(Availability.choices)
        return _("Can meet: %s") % ", ".join(str(labels[i]).lower() for i in matched if i in labels)
    if criterion == "mentor_type":
        return _("Mentor type: %s") % MentorType(detail).label if detail in MentorType.values else ""
    if criterion == "gender":
        return _("%s, as the mentee wishes") % GenderWish(detail).label if detail in GenderWish.values else ""
    if criterion == "background":
        return _("Background as the mentee wishes")
    return str(CRITERION_LABELS.get(criterion, criterion))


def explain(reason_lists: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Each candidate's stored reasons in words, with the points each gave; one query for the topics' names."""
    ids = {i for reasons in reason_lists for r in reasons if r["criterion"] in TOPIC_CRITERIA for i in r["matched"]}
    topics = {t.pk: str(t) for t in Topic.objects.filter(pk__in=ids)} if ids else {}
    return [
        [{"text": _reason_text(r, topics), "points": r["points"], "criterion": r["criterion"]} for r in reasons]
        for reasons in reason_lists
    ]


TOPIC_CRITERIA = {"needs", "education", "interests"}


# --- The coordinator's pages --------------------------------------------------------------------------------------


def programme_for_mentee(person: Person) -> Programme | None:
    """The programme a mentee is matched in: their own, or else the branch's first active programme."""
    if person.programme_id and person.programme:
        return person.programme
    return Programme.objects.filter(branch_id=person.branch_id, is_active=True).order_by("pk").first()


@dataclass
class Finder:
    """What "Find mentor" shows: the top candidates, every eligible mentor (searchable), and why others are out."""

    top: list[dict[str, Any]]
    eligible: list[dict[str, Any]]
    eligible_count: int
    shown_count: int
    excluded: list[tuple[str, int]]
    exclusions: list[Exclusion]
    mentors: int


SEARCH_LIMIT = 25


def mentor_finder(programme: Programme, mentee: Person, *, query: str = "", ticked: Iterable[int] = ()) -> Finder:
    rules = rules_for(programme)
    background = needs_background([mentee], rules)
    records = mentor_records(programme, with_background=background)
    ranking = engine.rank(mentee_records([mentee], with_background=background)[0], records, rules, n=len(records))
    ranked = list(ranking.candidates)
    ticked = set(ticked)
    top_ids = {c.mentor_id for c in ranked[: rules.top_n]}
    rest = [c for c in ranked if c.mentor_id not in top_ids]
    if query:
        words = query.split()
        named = Person.objects.filter(organisation_id=mentee.organisation_id, kind=Kind.MENTOR)
        for word in words:
            named = named.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        matching = set(named.values_list("pk", flat=True))
        rest = [c for c in rest if c.mentor_id in matching or c.mentor_id in ticked]
    shown_rest = [c for c in rest if c.mentor_id in ticked] + [c for c in rest if c.mentor_id not in ticked]
    shown_rest = shown_rest[: max(SEARCH_LIMIT, len(ticked))]
    shown = ranked[: rules.top_n] + shown_rest
    people = Person.objects.select_related("mentor_profile", "branch").in_bulk([c.mentor_id for c in shown])
    texts = explain([reasons_data(c) for c in shown])
    rows = [
        {"mentor": people[c.mentor_id], "score": c.score, "reasons": reasons, "ticked": c.mentor_id in ticked}
        for c, reasons in zip(shown, texts, strict=True)
    ]
    top = rows[: len(ranked[: rules.top_n])]
    if not ticked:
        for row in top:
            row["ticked"] = True
    return Finder(
        top=top,
        eligible=rows[len(top) :],
        eligible_count=ranking.eligible,
        shown_count=len(rest),
        excluded=[(str(CONSTRAINT_LABELS[name]), n) for name, n in ranking.excluded.items() if n],
        exclusions=list(
            Exclusion.objects.filter(mentee=mentee).select_related("mentor", "created_by").order_by("-created_at")
        ),
        mentors=len(records),
    )


def proposal_in_progress(person: Person) -> Proposal | None:
    return Proposal.objects.filter(in_progress(), mentee=person).first()


def get_proposal_by_token(token: str) -> Proposal:
    """The proposal of a mentee's link; an unknown token is 404."""
    proposal = (
        Proposal.objects.filter(token_hash=token_hash(token))
        .select_related("mentee__branch", "programme")
        .prefetch_related("candidates__mentor")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def run_pairs(run: MatchRun) -> list[dict[str, Any]]:
    """A batch run's suggested pairs with the people and the reasons in words."""
    ids = {row["mentee_id"] for row in run.result}
    for row in run.result:
        ids.update(c["mentor_id"] for c in (row["first"], row["second"]) if c)
    people = Person.objects.in_bulk(list(ids))
    reasons = explain([c["reasons"] for row in run.result for c in (row["first"], row["second"]) if c])
    pairs = []
    position = 0
    for row in run.result:
        pair: dict[str, Any] = {
            "mentee": people.get(row["mentee_id"]),
            "proposal_id": row.get("proposal_id"),
            "problem": row.get("problem", ""),
        }
        for key in ("first", "second"):
            candidate = row[key]
            if candidate:
                pair[key] = {**candidate, "mentor": people.get(candidate["mentor_id"]), "texts": reasons[position]}
                position += 1
            else:
                pair[key] = None
        pairs.append(pair)
    return pairs


# --- The start page -----------------------------------------------------------------------------------------------


@dataclass
class MatchingPanel:
    in_progress: list[Proposal]
    in_progress_count: int
    to_act_on: list[Proposal]
    chosen_me: int
    first_meetings: int
    branch_ids: set[int]
    #: Mentees waiting for a mentor without a proposal in progress: the longest waits first, and how many.
    waiting: list[Person]
    waiting_count: int


PANEL_ROWS = 10
WAITING_ROWS = 5


def matching_panel(user: User, branch_ids: set[int]) -> MatchingPanel:
    """Proposals in progress and those that need a new proposal (coordinators, in ``branch_ids``); choices to
    answer (mentors)."""
    in_progress_list: list[Proposal] = []
    to_act_on: list[Proposal] = []
    waiting: list[Person] = []
    count = waiting_count = 0
    if branch_ids:
        unproposed = (
            Person.objects.visible()
            .filter(branch_id__in=branch_ids, kind=Kind.MENTEE, status=Status.WAITING)
            .exclude(Exists(Proposal.objects.filter(in_progress(), mentee=OuterRef("pk"))))
        )
        waiting = list(
            unproposed.select_related("mentee_profile").order_by(
                F("mentee_profile__waiting_since").asc(nulls_last=True), "pk"
            )[:WAITING_ROWS]
        )
        waiting_count = unproposed.count()
        running = Proposal.objects.filter(
            mentee__branch_id__in=branch_ids,
            state__in=[Proposal.State.OPEN, Proposal.State.CHOSEN, Proposal.State.FIRST_MEETING],
        )
        in_progress_list = list(running.select_related("mentee").order_by("expires_at", "pk")[:PANEL_ROWS])
        count = running.count()  # always counted, so the page costs the same queries at any size
        newer = Proposal.objects.filter(mentee=OuterRef("mentee"), created_at__gt=OuterRef("created_at"))
        to_act_on = list(
            Proposal.objects.filter(
                Q(state__in=[Proposal.State.DECLINED, Proposal.State.REMATCH, Proposal.State.EXPIRED])
                | Q(state=Proposal.State.OPEN, expires_at__lte=timezone.now()),
                mentee__branch_id__in=branch_ids,
                mentee__status=Status.WAITING,
            )
            .exclude(Exists(newer))
            .select_related("mentee")
            .order_by("-created_at")[:PANEL_ROWS]
        )
    chosen_me = first_meetings = 0
    if access_for(user).has_role(Role.MENTOR):
        counts = Candidate.objects.filter(mentor__user=user).aggregate(
            chosen=Count("pk", filter=Q(state=Candidate.State.CHOSEN, proposal__state=Proposal.State.CHOSEN)),
            meetings=Count(
                "pk",
                filter=Q(
                    state=Candidate.State.ACCEPTED,
                    proposal__state=Proposal.State.FIRST_MEETING,
                    proposal__mentor_confirmed_at__isnull=True,
                ),
            ),
        )
        chosen_me, first_meetings = counts["chosen"], counts["meetings"]
    return MatchingPanel(
        in_progress_list, count, to_act_on, chosen_me, first_meetings, branch_ids, waiting, waiting_count
    )
