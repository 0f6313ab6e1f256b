"""The organisation admin's report templates (rapportskabeloner): a list and a form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentornet.core.http import AuthedRequest
from mentornet.core.views import handle_form
from mentornet.organisations.selectors import get_organisation_for_admin
from mentornet.results.forms import ReportTemplateForm
from mentornet.results.models import ReportTemplate
from mentornet.results.services import report_template_create, report_template_update


@login_required
def template_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    context = {"organisation": organisation, "templates": organisation.report_templates.all()}
    return render(request, "results/template_list.html", context)


@login_required
def template_create(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    form = ReportTemplateForm(request.POST or None, instance=ReportTemplate(organisation=organisation))
    created = handle_form(
        request,
        form,
        lambda data: report_template_create(actor=request.user, organisation=organisation, data=data),
        _("The report template is saved."),
    )
    if created:
        return redirect("results:template_list", organisation_id=organisation.pk)
    return render(request, "results/template_form.html", {"organisation": organisation, "form": form})


@login_required
def template_edit(request: AuthedRequest, organisation_id: int, template_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    template = organisation.report_templates.filter(pk=template_id).first()
    if template is None:
        raise Http404
    form = ReportTemplateForm(request.POST or None, instance=template)
    saved = handle_form(
        request,
        form,
        lambda data: report_template_update(actor=request.user, template=template, data=data),
        _("The report template is saved."),
    )
    if saved:
        return redirect("results:template_list", organisation_id=organisation.pk)
    context = {"organisation": organisation, "template": template, "form": form}
    return render(request, "results/template_form.html", context)
