"""The coordinators' pages: finding a mentor, proposals, batch runs of the waiting list, the settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form, posted, run_form_service
from mentornet.matching.forms import (
    ChoiceForm,
    CoordinatorFirstMeetingForm,
    ExclusionForm,
    MatchingSettingsForm,
    ProposalForm,
    WithdrawForm,
)
from mentornet.matching.models import Exclusion, MatchRun, Proposal
from mentornet.matching.records import settings_for
from mentornet.matching.selectors import (
    explain,
    get_programme_for_matching,
    get_proposal_for_user,
    get_run_for_user,
    mentor_finder,
    programme_for_mentee,
    proposal_in_progress,
    run_pairs,
)
from mentornet.matching.services import (
    batch_for,
    choice_url,
    exclusion_add,
    exclusion_remove,
    first_meeting_record,
    match_run_accept,
    match_run_start,
    matching_settings_update,
    proposal_choose,
    proposal_create,
    proposal_withdraw,
    proposals_expire,
)
from mentornet.organisations.models import Programme
from mentornet.people.models import Kind, Person, Status
from mentornet.people.selectors import get_person_for_user

# --- Find a mentor ------------------------------------------------------------------------------------------------


def _waiting_mentee(request: AuthedRequest, person_id: int) -> Person:
    mentee = get_person_for_user(request.user, person_id)
    if mentee.kind != Kind.MENTEE:
        raise Http404
    return mentee


def _ticked(request: AuthedRequest) -> list[int]:
    return [int(v) for v in request.POST.getlist("mentor") + request.GET.getlist("mentor") if v.isdigit()]


@login_required
def find_mentor(request: AuthedRequest, person_id: int) -> HttpResponse:
    mentee = _waiting_mentee(request, person_id)
    programme = programme_for_mentee(mentee)
    proposals_expire()
    context: dict[str, object] = {"person": mentee, "programme": programme}
    if programme is None or mentee.status != Status.WAITING or mentee.anonymised_at:
        return render(request, "matching/find_mentor.html", context)
    current = proposal_in_progress(mentee)
    if current is not None:
        return redirect("matching:proposal_detail", proposal_id=current.pk)
    form = ProposalForm(posted(request))
    proposal = handle_form(
        request,
        form,
        lambda data: proposal_create(actor=request.user, mentee=mentee, programme=programme, mentor_ids=data["mentor"]),
        _("The proposal is made and the mentors are reserved."),
    )
    if proposal is not None:
        return redirect("matching:proposal_detail", proposal_id=proposal.pk)
    query = request.GET.get("q", "").strip()[:100]
    finder = mentor_finder(programme, mentee, query=query, ticked=_ticked(request))
    context.update({"form": form, "finder": finder, "query": query, "exclusion_form": ExclusionForm()})
    if request.htmx and request.method == "GET":
        return render(request, "matching/find_mentor.html#eligible", context)
    return render(request, "matching/find_mentor.html", context)


@login_required
@require_POST
def exclusion_create(request: AuthedRequest, person_id: int) -> HttpResponse:
    mentee = _waiting_mentee(request, person_id)
    run_form_service(
        request,
        ExclusionForm(request.POST, organisation_id=mentee.organisation_id),
        lambda data: exclusion_add(actor=request.user, mentee=mentee, mentor=data["mentor"], reason=data["reason"]),
        _("The mentor will not be proposed to this mentee."),
    )
    return redirect("matching:find_mentor", person_id=mentee.pk)


@login_required
@require_POST
def exclusion_delete(request: AuthedRequest, person_id: int, exclusion_id: int) -> HttpResponse:
    mentee = _waiting_mentee(request, person_id)
    exclusion = Exclusion.objects.filter(pk=exclusion_id, mentee=mentee).select_related("mentor").first()
    if exclusion is None:
        raise Http404
    exclusion_remove(actor=request.user, exclusion=exclusion)
    messages.success(request, _("%s can be proposed again.") % exclusion.mentor.full_name)
    return redirect("matching:find_mentor", person_id=mentee.pk)


# --- Proposals ----------------------------------------------------------------------------------------------------


@login_required
def proposal_detail(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, proposal_id)
    candidates = list(proposal.candidates.select_related("mentor", "responded_by"))
    context = {
        "proposal": proposal,
        "candidates": zip(candidates, explain([c.reasons for c in candidates]), strict=True),
        "choice_form": ChoiceForm(proposal=proposal, label=_("The mentee chose")),
        "withdraw_form": WithdrawForm(),
        "meeting_form": CoordinatorFirstMeetingForm(),
        "link": choice_url(proposal) if proposal.is_open or proposal.state == Proposal.State.FIRST_MEETING else "",
    }
    return render(request, "matching/proposal_detail.html", context)


def _on_proposal(
    request: AuthedRequest,
    proposal_id: int,
    make_form: Callable[[Proposal], forms.Form],
    action: Callable[[Proposal, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, proposal_id)
    run_form_service(request, make_form(proposal), lambda data: action(proposal, data), done)
    return redirect("matching:proposal_detail", proposal_id=proposal.pk)


@login_required
@require_POST
def proposal_choose_view(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    return _on_proposal(
        request,
        proposal_id,
        lambda proposal: ChoiceForm(request.POST, proposal=proposal),
        lambda proposal, data: proposal_choose(actor=request.user, proposal=proposal, mentor_id=data["mentor"]),
        _("The choice is recorded. The mentor is asked to confirm."),
    )


@login_required
@require_POST
def proposal_withdraw_view(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    return _on_proposal(
        request,
        proposal_id,
        lambda proposal: WithdrawForm(request.POST),
        lambda proposal, data: proposal_withdraw(actor=request.user, proposal=proposal, reason=data["reason"]),
        _("The proposal is withdrawn and the mentors are free again."),
    )


@login_required
@require_POST
def proposal_first_meeting(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    return _on_proposal(
        request,
        proposal_id,
        lambda proposal: CoordinatorFirstMeetingForm(request.POST),
        lambda proposal, data: first_meeting_record(actor=request.user, proposal=proposal, **data),
        _("The answer after the first meeting is recorded."),
    )


# --- Batch runs ---------------------------------------------------------------------------------------------------


@login_required
def batch_start(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = get_programme_for_matching(request.user, programme_id)
    if request.method == "POST":
        try:
            run = match_run_start(actor=request.user, programme=programme)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("matching:run_detail", run_id=run.pk)
    runs = MatchRun.objects.filter(programme=programme).select_related("created_by")[:10]
    return render(request, "matching/batch.html", {"programme": programme, "runs": runs})


@login_required
def run_detail(request: AuthedRequest, run_id: int) -> HttpResponse:
    run = get_run_for_user(request.user, run_id)
    if request.htmx and run.state != MatchRun.State.RUNNING:
        return HttpResponse(headers={"HX-Refresh": "true"})
    if request.method == "POST" and run.state == MatchRun.State.DONE:
        wanted = [row["mentee_id"] for row in run.result] if "all" in request.POST else _ticked_mentees(request)
        if not wanted:
            messages.error(request, _("Tick the pairs to propose."))
        else:
            made, problems = match_run_accept(actor=request.user, run=run, mentee_ids=wanted)
            if made:
                messages.success(
                    request, ngettext("%(n)d proposal is made.", "%(n)d proposals are made.", made) % {"n": made}
                )
            for problem in problems[:10]:
                messages.error(request, problem)
        return redirect("matching:run_detail", run_id=run.pk)
    page = Paginator(run_pairs(run) if run.state == MatchRun.State.DONE else [], 50).get_page(request.GET.get("side"))
    template = "matching/run_detail.html#progress" if request.htmx else "matching/run_detail.html"
    return render(request, template, {"run": run, "page": page, "programme": run.programme})


def _ticked_mentees(request: AuthedRequest) -> list[int]:
    return [int(v) for v in request.POST.getlist("mentee") if v.isdigit()]


# --- Settings -----------------------------------------------------------------------------------------------------


@login_required
def matching_settings(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = get_programme_for_matching(request.user, programme_id)
    form = MatchingSettingsForm(request.POST or None, programme=programme)
    if request.htmx and request.method == "POST":
        context: dict[str, object] = {"form": form, "programme": programme}
        if form.is_valid():
            context["preview"] = _preview(programme, form.weights())
        return render(request, "matching/settings.html#preview", context)
    saved = handle_form(
        request,
        form,
        lambda data: matching_settings_update(actor=request.user, programme=programme, data=data),
        _("The matching settings are saved."),
    )
    if saved is not None:
        return redirect("matching:settings", programme_id=programme.pk)
    return render(
        request,
        "matching/settings.html",
        {"form": form, "programme": programme, "settings": settings_for(programme)},
    )


def _preview(programme: Programme, weights: dict[str, float]) -> dict[str, object]:
    """How the waiting list would be matched now under the new weights, next to the saved ones."""
    mentees, now = batch_for(programme)
    _mentees, new = batch_for(programme, weights)
    names = {p.pk: p for p in mentees}
    mentor_ids = {pair.first.mentor_id for pair in (*now.pairs, *new.pairs) if pair.first}
    mentors = Person.objects.in_bulk(list(mentor_ids))
    rows = []
    for before, after in zip(now.pairs, new.pairs, strict=True):
        rows.append(
            {
                "mentee": names[after.mentee_id],
                "before": mentors.get(before.first.mentor_id) if before.first else None,
                "after": mentors.get(after.first.mentor_id) if after.first else None,
                "score": after.first.score if after.first else None,
                "changed": (before.first and before.first.mentor_id) != (after.first and after.first.mentor_id),
            }
        )
    return {
        "rows": rows,
        "changed": sum(1 for row in rows if row["changed"]),
        "matched": sum(1 for pair in new.pairs if pair.first),
        "total": len(rows),
    }
