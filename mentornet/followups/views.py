"""Follow-up pages: the coordinator's list and a follow-up, a mentorship's evaluations and documents, the
work-ability assessment, and the two public questionnaires (follow-up and exit evaluation) behind a link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mentornet.core.http import AuthedRequest, PublicRequest
from mentornet.core.views import handle_form
from mentornet.followups.forms import EvaluationForm, FilterForm, FollowUpAnswerForm, PhoneAnswerForm, WorkAbilityForm
from mentornet.followups.models import Document, Outcome, WorkAbilityAssessment
from mentornet.followups.selectors import (
    VIEWS,
    followup_counts,
    followup_list,
    get_document,
    get_evaluation_by_token,
    get_followup_by_token,
    get_followup_for_user,
    mentorship_followup,
    programmes_for,
)
from mentornet.followups.services import (
    AlreadyAnswered,
    Erased,
    document_download,
    document_request,
    evaluation_answer,
    follow_up_answer,
    follow_up_record_phone,
    work_ability_save,
)
from mentornet.mentorships.models import Mentorship, MentorshipKind
from mentornet.mentorships.selectors import get_mentorship_for_user
from mentornet.people.selectors import people_branch_ids

# --- The coordinator's pages --------------------------------------------------------------------------------------

TAB_LABELS = {
    "due": gettext_lazy("Due"),
    "sent": gettext_lazy("Sent"),
    "answered": gettext_lazy("Answered"),
    "no_answer": gettext_lazy("No answer"),
}


@login_required
def followup_list_view(request: AuthedRequest) -> HttpResponse:
    if not people_branch_ids(request.user):
        raise PermissionDenied
    form = FilterForm(request.GET or None, programmes=programmes_for(request.user))
    programme = form.cleaned_data["programme"] if form.is_valid() and form.cleaned_data["programme"] else None
    view = request.GET.get("vis", "due") if request.GET.get("vis") in VIEWS else "due"
    programme_id = programme.pk if programme else None
    found = followup_list(request.user, view=view, programme=programme_id)
    counts = followup_counts(request.user, programme=programme_id)
    context = {
        "form": form,
        "view": view,
        "programme": programme,
        "page": Paginator(found, 50).get_page(request.GET.get("side")),
        "tabs": [(key, f"{label} ({counts[key]})") for key, label in TAB_LABELS.items()],
        "outcomes": Outcome.choices,
    }
    return render(request, "followups/followup_list.html", context)


@login_required
def followup_detail(request: AuthedRequest, followup_id: int) -> HttpResponse:
    follow_up = get_followup_for_user(request.user, followup_id)
    form = PhoneAnswerForm(request.POST or None)
    saved = handle_form(
        request,
        form,
        lambda data: follow_up_record_phone(actor=request.user, follow_up=follow_up, **data),
        _("The answer is recorded."),
    )
    if saved is not None:
        if request.POST.get("next") == "list":
            return redirect("followups:list")
        return redirect("followups:detail", followup_id=follow_up.pk)
    return render(request, "followups/followup_detail.html", {"follow_up": follow_up, "form": form})


def _mentorship(request: AuthedRequest, mentorship_id: int) -> Mentorship:
    return get_mentorship_for_user(request.user, mentorship_id)


@login_required
def mentorship_followup_view(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    context = mentorship_followup(_mentorship(request, mentorship_id))
    template = "followups/mentorship_followup.html"
    return render(request, f"{template}#documents" if request.htmx else template, context)


@login_required
@require_POST
def document_request_view(request: AuthedRequest, mentorship_id: int, kind: str) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_id)
    if kind not in Document.Kind.values:
        raise Http404
    try:
        document_request(actor=request.user, mentorship=mentorship, kind=kind)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("followups:mentorship", mentorship_id=mentorship.pk)


def _pdf(request: AuthedRequest, mentorship_id: int, kind: str, filename: str) -> HttpResponse:
    document = get_document(_mentorship(request, mentorship_id), kind)
    response = HttpResponse(document_download(actor=request.user, document=document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{mentorship_id}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def certificate_pdf(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    return _pdf(request, mentorship_id, Document.Kind.CERTIFICATE, "forloebsbevis")


@login_required
def work_ability_pdf(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    return _pdf(request, mentorship_id, Document.Kind.WORK_ABILITY, "arbejdsevnevurdering")


@login_required
def work_ability_edit(request: AuthedRequest, mentorship_id: int) -> HttpResponse:
    mentorship = _mentorship(request, mentorship_id)
    if mentorship.kind != MentorshipKind.PRAKTIK:
        raise Http404
    assessment = WorkAbilityAssessment.objects.filter(mentorship=mentorship).first()
    initial = {"period_start": mentorship.start_date, "period_end": mentorship.closed_on or mentorship.planned_end}
    form = WorkAbilityForm(request.POST or None, instance=assessment, initial=initial)
    saved = handle_form(
        request,
        form,
        lambda data: work_ability_save(actor=request.user, mentorship=mentorship, data=data),
        _("The work-ability assessment is saved. Make the PDF for the jobcentre when it is final."),
    )
    if saved is not None:
        return redirect("followups:mentorship", mentorship_id=mentorship.pk)
    return render(request, "followups/work_ability_edit.html", {"mentorship": mentorship, "form": form})


# --- The public questionnaires ------------------------------------------------------------------------------------


@never_cache
def answer(request: PublicRequest, followup_token: str) -> HttpResponse:
    """The mentee's follow-up: one question, no login; the link is the key and works once."""
    follow_up = get_followup_by_token(followup_token)
    template = "followups/answer.html"
    context: dict[str, object] = {"follow_up": follow_up, "branch": follow_up.mentorship.branch}
    if follow_up.mentorship.mentee.anonymised_at is not None:
        return render(request, template, {**context, "closed": True}, status=410)
    if follow_up.is_answered:
        return render(request, template, {**context, "answered": True}, status=410)
    form = FollowUpAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_answer(follow_up=follow_up, **form.cleaned_data)
        except AlreadyAnswered:
            return render(request, template, {**context, "answered": True}, status=410)
        except Erased:
            return render(request, template, {**context, "closed": True}, status=410)
        return render(request, template, {**context, "thanks": True})
    return render(request, template, {**context, "form": form, "first_name": follow_up.mentorship.mentee.first_name})


@never_cache
def evaluation(request: PublicRequest, evaluation_token: str) -> HttpResponse:
    """One side's exit evaluation: four questions, no login; the link works once."""
    found = get_evaluation_by_token(evaluation_token)
    mentorship = found.mentorship
    person = mentorship.mentor if found.side == "mentor" else mentorship.mentee
    template = "followups/evaluation.html"
    context: dict[str, object] = {"evaluation": found, "branch": mentorship.branch}
    if person.anonymised_at is not None:
        return render(request, template, {**context, "closed": True}, status=410)
    if found.answered_at is not None:
        return render(request, template, {**context, "answered": True}, status=410)
    form = EvaluationForm(request.POST or None, side=found.side)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_answer(evaluation=found, data=form.cleaned_data)
        except AlreadyAnswered:
            return render(request, template, {**context, "answered": True}, status=410)
        except Erased:
            return render(request, template, {**context, "closed": True}, status=410)
        return render(request, template, {**context, "thanks": True})
    return render(request, template, {**context, "form": form, "first_name": person.first_name})
