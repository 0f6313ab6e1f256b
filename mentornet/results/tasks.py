"""Background work for results: rendering reports."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from mentornet.results.models import Report
from mentornet.results.services import report_render


@task()
def render_report(*, report_id: int) -> None:
    pending = Report.objects.filter(pk=report_id, state=Report.State.PENDING)
    report = pending.select_related("programme__branch__organisation", "template").first()
    if report is not None:
        with translation.override("da"):
            report_render(report)
