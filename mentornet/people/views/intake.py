"""Screening, interviews and consent on the person page; partners' referrals."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.accounts.models import Role
from mentornet.core.access import access_for
from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form
from mentornet.organisations.models import Programme
from mentornet.people.forms.intake import ConsentForm, InterviewForm, ReferralForm, ScreeningForm
from mentornet.people.models import Kind
from mentornet.people.selectors import get_person_for_user, referral_branches, referrals_for_referrer
from mentornet.people.services.intake import (
    consent_record,
    consent_withdraw,
    current_consent_text,
    interview_record,
    referral_create,
    screening_checks,
    screening_record,
)


@login_required
def screening_create(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    if person.kind != Kind.MENTEE:
        raise PermissionDenied
    programmes = Programme.objects.filter(branch=person.branch).order_by("-is_active", "name")
    programme = person.programme or programmes.first()
    form = ScreeningForm(
        request.POST or None,
        programmes=programmes,
        initial={"programme": programme, "screened_on": timezone.localdate()},
    )
    screening = handle_form(
        request,
        form,
        lambda data: screening_record(actor=request.user, person=person, data=data),
        _("The screening is recorded."),
    )
    if screening:
        return redirect("people:person_detail", person_id=person.pk)
    checks = screening_checks(person, programme)
    return render(request, "people/screening_form.html", {"person": person, "form": form, "checks": checks})


@login_required
def interview_create(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    form = InterviewForm(request.POST or None, initial={"held_on": timezone.localdate()})
    interview = handle_form(
        request,
        form,
        lambda data: interview_record(actor=request.user, person=person, data=data),
        _("The interview is recorded."),
    )
    if interview:
        return redirect("people:person_detail", person_id=person.pk)
    return render(request, "people/interview_form.html", {"person": person, "form": form})


@login_required
def consent_create(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    consent = handle_form(
        request,
        form,
        lambda data: consent_record(
            actor=request.user,
            person=person,
            text=current_consent_text(data["purpose"]),
            method=data["method"],
            given_at=timezone.make_aware(datetime.datetime.combine(data["given_on"], datetime.time(12))),
        ),
        _("The consent is recorded."),
    )
    if consent:
        return redirect("people:person_detail", person_id=person.pk)
    return render(request, "people/consent_form.html", {"person": person, "form": form})


@login_required
@require_POST
def consent_withdraw_view(request: AuthedRequest, person_id: int, consent_id: int) -> HttpResponse:
    """Record that the person withdrew a consent. What was done before stays lawful and stays in the history."""
    person = get_person_for_user(request.user, person_id)
    consent = person.consents.filter(pk=consent_id, withdrawn_at__isnull=True).first()
    if consent is None:
        raise Http404
    consent_withdraw(actor=request.user, consent=consent)
    messages.success(request, _("The withdrawal of the consent is recorded."))
    return redirect("people:person_detail", person_id=person.pk)


def _require_referrer(request: AuthedRequest) -> None:
    if not access_for(request.user).has_role(Role.REFERRER):
        raise PermissionDenied


@login_required
def referral_list(request: AuthedRequest) -> HttpResponse:
    """A partner's own referrals and how far each has come; never the coordinators' notes."""
    _require_referrer(request)
    return render(request, "people/referral_list.html", {"referrals": referrals_for_referrer(request.user)})


@login_required
def referral_create_view(request: AuthedRequest) -> HttpResponse:
    _require_referrer(request)
    branches = referral_branches(request.user)
    form = ReferralForm(
        request.POST or None, branches=branches, initial={"branch": branches.first() if len(branches) == 1 else None}
    )
    referral = handle_form(
        request,
        form,
        lambda data: referral_create(
            actor=request.user,
            branch=data["branch"],
            data=form.person_input(),
            partner=data["partner"],
            reason=data["reason"],
            motivation=data["motivation"],
            consent_method=data["consent_method"],
            programme=form.programme(),
        ),
        _("Thank you. The referral is sent to the branch's coordinators."),
    )
    if referral:
        return redirect("people:referral_list")
    return render(request, "people/referral_form.html", {"form": form})
