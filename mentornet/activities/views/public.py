"""The pages behind links that need no log-in: answering an invitation, the satisfaction questionnaire."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from mentornet.activities.forms import (
    RsvpForm,
    SatisfactionForm,
)
from mentornet.activities.models import Participation, SatisfactionAnswer
from mentornet.activities.selectors import (
    get_participation_by_survey_token,
    get_participation_by_token,
)
from mentornet.activities.services import (
    TooLate,
    rsvp_answer,
    satisfaction_answer,
)
from mentornet.core.http import PublicRequest
from mentornet.core.views import add_form_errors, posted

# --- The list and planning ----------------------------------------------------------------------------------------


@never_cache
def rsvp(request: PublicRequest, rsvp_token: str) -> HttpResponse:
    """The invited person's answer, on a phone, without logging in: the link is the key."""
    participation = get_participation_by_token(rsvp_token)
    activity = participation.activity
    context: dict[str, Any] = {
        "participation": participation,
        "activity": activity,
        "sessions": list(activity.sessions.all()),
    }
    if activity.has_started():
        context["closed"] = True
        return render(request, "activities/rsvp.html", context, status=410)
    answered: dict[str, str] = {
        Participation.State.ENROLLED: "yes",
        Participation.State.WAITING: "yes",
        Participation.State.DECLINED: "no",
    }
    form = RsvpForm(
        posted(request),
        initial={"answer": answered.get(participation.state)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rsvp_answer(participation=participation, attending=form.cleaned_data["answer"] == "yes")
        except TooLate:
            context["closed"] = True
            return render(request, "activities/rsvp.html", context, status=410)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            return redirect("activities:rsvp", rsvp_token=rsvp_token)
    context["form"] = form
    return render(request, "activities/rsvp.html", context)


@never_cache
def satisfaction(request: PublicRequest, survey_token: str) -> HttpResponse:
    participation = get_participation_by_survey_token(survey_token)
    activity = participation.activity
    if participation.state != Participation.State.ENROLLED:
        raise Http404
    context: dict[str, Any] = {"participation": participation, "activity": activity}
    if SatisfactionAnswer.objects.filter(activity=activity, person=participation.person).exists():
        context["answered"] = True
        return render(request, "activities/satisfaction.html", context, status=200 if "tak" in request.GET else 410)
    if not activity.has_ended():
        context["not_yet"] = True
        return render(request, "activities/satisfaction.html", context)
    form = SatisfactionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            satisfaction_answer(participation=participation, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            return redirect(f"{request.path}?tak=1")
    context["form"] = form
    return render(request, "activities/satisfaction.html", context)
