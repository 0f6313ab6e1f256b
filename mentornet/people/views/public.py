"""The public sign-up forms, with a honeypot, rate limits and one record per submission."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mentornet.core.http import PublicRequest
from mentornet.core.ratelimit import public_form_allowed
from mentornet.people.forms.signup import MenteeSignupForm, MentorSignupForm, SignupForm
from mentornet.people.models import Kind
from mentornet.people.services.intake import signup


def signup_mentor(request: PublicRequest) -> HttpResponse:
    return _signup(request, MentorSignupForm, Kind.MENTOR, "people/signup_mentor.html")


def signup_mentee(request: PublicRequest) -> HttpResponse:
    return _signup(request, MenteeSignupForm, Kind.MENTEE, "people/signup_mentee.html")


def signup_thanks(request: PublicRequest) -> HttpResponse:
    kind = request.GET.get("type", Kind.MENTEE)
    return render(request, "people/signup_thanks.html", {"kind": kind if kind in Kind.values else Kind.MENTEE})


def _signup(request: PublicRequest, form_class: type[SignupForm], kind: str, template: str) -> HttpResponse:
    thanks = f"{reverse('people:signup_thanks')}?type={kind}"
    if request.method != "POST":
        if request.htmx and "branch" in request.GET:
            # The branch changed: show that organisation's consent text.
            form = form_class(initial={"branch": request.GET["branch"]})
            return render(request, "people/includes/consent_block.html", {"form": form})
        form = form_class(initial={"submission_id": uuid.uuid4()}, consent_url=request.path)
        return render(request, template, {"form": form})
    form = form_class(request.POST, consent_url=request.path)
    if form.is_bot():
        return redirect(thanks)  # say nothing to a bot, keep nothing
    if form.is_valid():
        if form.consent_text is None:
            form.add_error(None, _("Sign-up is closed for now. Please contact the branch."))
        elif not public_form_allowed(request, f"signup-{kind}"):
            form.add_error(None, _("There have been too many sign-ups from your connection. Try again in an hour."))
            return render(request, template, {"form": form}, status=429)
        else:
            signup(
                branch=form.cleaned_data["branch"],
                kind=kind,
                data=form.person_input(),
                consent_text=form.consent_text,
                submission_id=form.cleaned_data["submission_id"],
                programme=form.programme(),
            )
            return redirect(thanks)
    return render(request, template, {"form": form})
