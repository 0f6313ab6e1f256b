"""Background work for the barometer: rendering the year's status reports."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from mentornet.barometer.annual import status_report_render
from mentornet.barometer.models import StatusReport


@task()
def render_status_report(*, report_id: int) -> None:
    pending = StatusReport.objects.filter(pk=report_id, state=StatusReport.State.PENDING)
    report = pending.select_related("municipality").first()
    if report is not None:
        with translation.override("da"):
            status_report_render(report)
