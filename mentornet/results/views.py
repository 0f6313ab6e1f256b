from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mentornet.core.exports import CONTENT_TYPES, content_disposition
from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form
from mentornet.matching.selectors import get_programme_for_matching
from mentornet.results.breakdowns import METRIC_CHOICES, breakdown, dimensions_for
from mentornet.results.figures import figure
from mentornet.results.forms import BreakdownForm, ReportForm, TemplateChoiceForm
from mentornet.results.metrics import METRICS
from mentornet.results.models import Report, ReportTemplate
from mentornet.results.report_content import report_context
from mentornet.results.selectors import (
    computed_at,
    get_programme_for_results,
    get_report_for_user,
    get_target,
    people_behind,
    target_row,
    target_rows,
)
from mentornet.results.services import default_period, report_download, report_request

REPORT_TYPES = {"pdf": "application/pdf", "xlsx": CONTENT_TYPES["xlsx"]}


@login_required
def programme_results(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme, individuals = get_programme_for_results(request.user, programme_id)
    rows = target_rows(programme, timezone.localdate(), fresh="beregn" in request.GET)
    threshold = programme.branch.organisation.suppression_threshold
    context = {
        "programme": programme,
        "individuals": individuals,
        "threshold": threshold,
        "rows": [
            (row, figure(row.metric.unit, row.actual, suppress=not individuals, threshold=threshold)) for row in rows
        ],
        "computed_at": computed_at(rows),
        "metrics": METRICS.values(),
    }
    return render(request, "results/programme_results.html", context)


@login_required
def target_people(request: AuthedRequest, programme_id: int, target_id: int) -> HttpResponse:
    programme, individuals = get_programme_for_results(request.user, programme_id)
    if not individuals:
        raise PermissionDenied
    row = target_row(get_target(programme, target_id), timezone.localdate())
    context = {"programme": programme, "row": row, "people": people_behind(row)}
    return render(request, "results/target_people.html", context)


@login_required
def report_list(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = get_programme_for_matching(request.user, programme_id)
    templates = ReportTemplate.objects.filter(organisation_id=programme.branch.organisation_id)
    choice = TemplateChoiceForm(request.GET or None, templates=templates)
    chosen = choice.cleaned_data["skabelon"] if choice.is_valid() else None
    if choice.is_bound and not choice.is_valid():
        raise Http404  # another organisation's template, or none at all
    start, end = chosen.period(timezone.localdate()) if chosen else default_period(timezone.localdate())
    initial = {"title": f"{programme.name} {start:%Y}", "period_start": start, "period_end": end}
    if chosen:
        initial |= {"template": chosen, "title": chosen.name, "text": chosen.outline}
    form = ReportForm(request.POST or None, initial=initial, templates=templates)
    report = handle_form(
        request,
        form,
        lambda data: report_request(actor=request.user, programme=programme, data=data),
        _("The report is being made."),
    )
    if report:
        return redirect("results:report_detail", report_id=report.pk)
    reports = Report.objects.filter(programme=programme).select_related("created_by").defer("pdf", "xlsx")
    context = {"programme": programme, "form": form, "choice": choice, "chosen": chosen, "reports": reports}
    return render(request, "results/report_list.html", context)


@login_required
def report_detail(request: AuthedRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, report_id)
    if request.htmx and report.state in (Report.State.DONE, Report.State.FAILED):
        return HttpResponse(headers={"HX-Refresh": "true"})
    if request.htmx:
        return render(request, "results/report_detail.html#progress", {"report": report})
    context = {"report": report, "programme": report.programme}
    if report.state == Report.State.DONE:
        organisation = report.programme.branch.organisation
        logo = reverse("organisations:organisation_logo", args=[organisation.pk]) if organisation.logo_type else ""
        context |= report_context(report, figures=report.figures, sections=report.sections, logo=logo)
    return render(request, "results/report_detail.html", context)


@login_required
def report_file(request: AuthedRequest, report_id: int, fmt: str) -> HttpResponse:
    report = get_report_for_user(request.user, report_id, with_files=True)
    if fmt not in REPORT_TYPES or report.state != Report.State.DONE:
        raise Http404
    response = HttpResponse(report_download(actor=request.user, report=report, fmt=fmt), content_type=REPORT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(slugify(report.title) or "rapport", fmt)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def breakdown_view(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = get_programme_for_matching(request.user, programme_id)
    dimensions = dimensions_for(request.user, programme)
    form = BreakdownForm(
        request.GET or {"metric": METRIC_CHOICES[0], "year": timezone.localdate().year, "dimension": "age"},
        metrics=[(key, str(METRICS[key].label)) for key in METRIC_CHOICES],
        dimensions=[(key, str(label)) for key, label in dimensions.items()],
    )
    result = None
    if form.is_valid():
        result = breakdown(user=request.user, programme=programme, **form.cleaned_data)
    return render(request, "results/breakdown.html", {"programme": programme, "form": form, "result": result})
