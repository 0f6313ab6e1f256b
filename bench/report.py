#!/usr/bin/env python
"""results.report: the full-year report (PDF and Excel) of the København programme, on a copy of a scale's data.

Runs in a child process of ``run.py`` against a copy of the bench database (``SQLITE_PATH`` set by ``run.py``).
Times ``report_render`` (what the background task does): the figures (every target's metric over the year), the
PDF (WeasyPrint) and the workbook, with the peak of Python allocations (tracemalloc) measured in a second run.
Prints one JSON object.
"""

from __future__ import annotations

import datetime
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone, translation

    from mentornet.organisations.models import Programme
    from mentornet.results.models import Report
    from mentornet.results.services import report_render

    programme = Programme.objects.select_related("branch__organisation").get(name="Mentornetværket København")
    year = timezone.localdate().year - 1

    def run() -> tuple[Report, float, int]:
        report = Report.objects.create(
            programme=programme,
            title=f"Årsrapport {year}",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            text="Bench.",
        )
        executed = [0]

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            executed[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with translation.override("da"), connection.execute_wrapper(count):
            done = report_render(report)
        return done, time.perf_counter() - started, executed[0]

    run()  # warm-up: templates, fonts
    report, seconds, queries = run()
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    if report.state != Report.State.DONE:
        raise SystemExit(f"the report ended in state {report.state}: {report.error}")
    print(
        json.dumps(
            {
                "targets": len(report.figures),
                "total_s": seconds,
                "queries": queries,
                "pdf_kb": len(bytes(report.pdf)) / 1024,
                "xlsx_kb": len(bytes(report.xlsx)) / 1024,
                "peak_traced_mb": peak,
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
