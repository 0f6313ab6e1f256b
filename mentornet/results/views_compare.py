"""Comparison pages: a programme's year against the year before, branch against branch, report against report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from mentornet.core.access import access_for
from mentornet.core.http import AuthedRequest
from mentornet.results.comparisons import branch_comparison, pair_figures, year_comparison
from mentornet.results.forms_compare import BranchPeriodForm, ReportChoiceForm, YearChoiceForm
from mentornet.results.models import Report
from mentornet.results.selectors import (
    get_organisation_for_results,
    get_programme_for_results,
    get_report_for_user,
    results_branch_ids,
)


@login_required
def programme_compare(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme, individuals = get_programme_for_results(request.user, programme_id)
    form = YearChoiceForm(request.GET if "compare" in request.GET else {"compare": "this_year"})
    choice = form.cleaned_data["compare"] if form.is_valid() else "this_year"
    if choice == "branches":
        return redirect("results:organisation_results", organisation_id=programme.branch.organisation_id)
    threshold = programme.branch.organisation.suppression_threshold
    comparison = year_comparison(
        programme,
        choice,
        timezone.localdate(),
        suppress=not individuals,
        threshold=threshold,
        fresh="beregn" in request.GET,
    )
    context = {
        "programme": programme,
        "individuals": individuals,
        "form": form,
        "comparison": comparison,
        "threshold": threshold,
    }
    return render(request, "results/compare_years.html", context)


@login_required
def organisation_results(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation, sees_everyone = get_organisation_for_results(request.user, organisation_id)
    form = BranchPeriodForm(request.GET if "start" in request.GET else BranchPeriodForm.defaults(timezone.localdate()))
    comparison = None
    if form.is_valid():
        comparison = branch_comparison(
            organisation,
            form.cleaned_data["start"],
            form.cleaned_data["end"],
            suppress=not sees_everyone,
            threshold=organisation.suppression_threshold,
            chart_metric=form.cleaned_data["metric"],
            fresh="beregn" in request.GET,
        )
    context = {
        "organisation": organisation,
        "form": form,
        "comparison": comparison,
        "suppressed": not sees_everyone,
        "threshold": organisation.suppression_threshold,
        "is_admin": access_for(request.user).is_admin_of(organisation.pk),
        "open_branches": results_branch_ids(request.user, organisation),
    }
    return render(request, "results/organisation_results.html", context)


@login_required
def report_compare(request: AuthedRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id)
    if report.state != Report.State.DONE:
        raise Http404
    form = ReportChoiceForm(request.GET or None, report=report)
    other = None
    if "med" in request.GET:
        try:
            other = get_report_for_user(request.user, int(request.GET["med"]))
        except ValueError:
            raise Http404 from None
        if other.programme_id != report.programme_id or other.state != Report.State.DONE or other.pk == report.pk:
            raise Http404
    context = {
        "report": report,
        "programme": report.programme,
        "form": form,
        "other": other,
        "pairs": pair_figures(report.figures, other.figures) if other else None,
        "back": reverse("results:report_detail", args=[report.pk]),
    }
    return render(request, "results/compare_reports.html", context)
