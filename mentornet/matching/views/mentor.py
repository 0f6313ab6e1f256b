"""The mentee's no-login choice link, and the mentor's side: answering, the first meeting, the presentation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mentornet.accounts.models import Role
from mentornet.core.access import access_for
from mentornet.core.http import AuthedRequest, PublicRequest
from mentornet.core.views import add_form_errors, handle_form, posted, run_form_service
from mentornet.matching.forms import (
    ChoiceForm,
    FirstMeetingForm,
    PresentationForm,
    RespondForm,
)
from mentornet.matching.models import Proposal
from mentornet.matching.selectors import (
    candidacies_for_mentor,
    get_candidacy_for_mentor,
    get_proposal_by_token,
)
from mentornet.matching.services import (
    first_meeting_record,
    mentor_presentation_update,
    mentor_respond,
    proposal_choose,
)
from mentornet.people.models import Kind, Person

# --- The mentee's link --------------------------------------------------------------------------------------------


@never_cache
def choose(request: PublicRequest, token: str) -> HttpResponse:
    """The mentee's own page: choose a mentor, or answer after the first meeting. No login; the link is the key."""
    proposal = get_proposal_by_token(token)
    template = "matching/choose.html"
    context: dict[str, object] = {"proposal": proposal, "expired": False}
    if proposal.state == Proposal.State.OPEN and not proposal.is_open:
        context["expired"] = True
        return render(request, template, context, status=410)
    if proposal.state in {Proposal.State.EXPIRED, Proposal.State.WITHDRAWN}:
        context["expired"] = True
        return render(request, template, context, status=410)
    if proposal.state == Proposal.State.FIRST_MEETING and proposal.mentee_confirmed_at is None:
        form: ChoiceForm | FirstMeetingForm = FirstMeetingForm(posted(request))
        if request.method == "POST" and form.is_valid():
            try:
                first_meeting_record(actor=None, proposal=proposal, side=Proposal.Side.MENTEE, **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                return redirect("matching:choose", token=token)
        context["meeting_form"] = form
        return render(request, template, context)
    if proposal.state == Proposal.State.OPEN:
        form = ChoiceForm(posted(request), proposal=proposal)
        if request.method == "POST" and form.is_valid():
            try:
                proposal_choose(actor=None, proposal=proposal, mentor_id=form.cleaned_data["mentor"])
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                return redirect("matching:choose", token=token)
        context["form"] = form
    return render(request, template, context)


# --- The mentor's side --------------------------------------------------------------------------------------------


@login_required
def my_proposals(request: AuthedRequest) -> HttpResponse:
    candidacies = list(candidacies_for_mentor(request.user).prefetch_related("proposal__mentee__mentee_profile"))
    return render(
        request,
        "matching/my_proposals.html",
        {"candidacies": candidacies, "respond_form": RespondForm(), "meeting_form": FirstMeetingForm()},
    )


@login_required
def my_proposal_respond(request: AuthedRequest, candidate_id: int) -> HttpResponse:
    candidate = get_candidacy_for_mentor(request.user, candidate_id)
    form = RespondForm(request.POST or None)
    saved = handle_form(
        request,
        form,
        lambda data: mentor_respond(
            actor=request.user, candidate=candidate, accept=data["answer"] == "accept", reason=data["reason"]
        ),
        lambda proposal: (
            _("Thank you. The coordinator has been told.")
            if proposal.state != Proposal.State.DECLINED
            else _("You have declined. The coordinator will find another mentor.")
        ),
    )
    if saved is not None:
        return redirect("matching:my_proposals")
    return render(request, "matching/my_proposal_respond.html", {"candidate": candidate, "form": form})


@login_required
@require_POST
def my_first_meeting(request: AuthedRequest, candidate_id: int) -> HttpResponse:
    candidate = get_candidacy_for_mentor(request.user, candidate_id)
    run_form_service(
        request,
        FirstMeetingForm(request.POST),
        lambda data: first_meeting_record(
            actor=request.user, proposal=candidate.proposal, side=Proposal.Side.MENTOR, **data
        ),
        _("Thank you for your answer."),
    )
    return redirect("matching:my_proposals")


@login_required
def my_presentation(request: AuthedRequest) -> HttpResponse:
    if not access_for(request.user).has_role(Role.MENTOR):
        raise PermissionDenied
    person = (
        Person.objects.visible().filter(user=request.user, kind=Kind.MENTOR).select_related("mentor_profile").first()
    )
    if person is None:
        raise Http404
    form = PresentationForm(request.POST or None, instance=person.mentor_profile)
    saved = handle_form(
        request,
        form,
        lambda data: mentor_presentation_update(actor=request.user, mentor=person, presentation=data["presentation"]),
        _("Your presentation is saved. Mentees see it when they choose a mentor."),
    )
    if saved is not None:
        return redirect("matching:my_presentation")
    return render(request, "matching/my_presentation.html", {"form": form, "person": person})
