"""The year's status report: requested by the municipality's analysts, rendered in the background, downloaded."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mentornet.barometer.annual import (
    FILE_TYPES,
    get_status_report_for_user,
    report_context,
    status_report_download,
    status_report_request,
)
from mentornet.barometer.forms_annual import StatusReportForm
from mentornet.barometer.models import StatusReport
from mentornet.barometer.selectors import get_municipality_for_analyst
from mentornet.core.exports import content_disposition
from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form


@login_required
def status_report_list(request: AuthedRequest, municipality_id: int) -> HttpResponse:
    municipality = get_municipality_for_analyst(request.user, municipality_id)
    form = StatusReportForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    report = handle_form(
        request,
        form,
        lambda data: status_report_request(actor=request.user, municipality=municipality, data=data),
        _("The status report is being made."),
    )
    if report:
        return redirect("barometer:status_report_detail", status_report_id=report.pk)
    reports = StatusReport.objects.filter(municipality=municipality).select_related("created_by").defer("pdf", "word")
    context = {"municipality": municipality, "form": form, "reports": reports}
    return render(request, "barometer/annual_list.html", context)


@login_required
def status_report_detail(request: AuthedRequest, status_report_id: int) -> HttpResponse:
    report = get_status_report_for_user(request.user, status_report_id)
    finished = report.state in (StatusReport.State.DONE, StatusReport.State.FAILED)
    if request.htmx and finished:
        return HttpResponse(headers={"HX-Refresh": "true"})
    if request.htmx:
        return render(request, "barometer/annual_detail.html#progress", {"report": report})
    return render(request, "barometer/annual_detail.html", report_context(report))


@login_required
def status_report_file(request: AuthedRequest, status_report_id: int, fmt: str) -> HttpResponse:
    report = get_status_report_for_user(request.user, status_report_id, with_files=True)
    if fmt not in FILE_TYPES or report.state != StatusReport.State.DONE:
        raise Http404
    content_type, extension = FILE_TYPES[fmt]
    response = HttpResponse(
        status_report_download(actor=request.user, report=report, fmt=fmt), content_type=content_type
    )
    response["Content-Disposition"] = content_disposition(slugify(report.title) or "statusrapport", extension)
    response["Cache-Control"] = "no-store"
    return response
