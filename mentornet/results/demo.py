"""Demo data for results: the report templates of the source documents.

Ishøj's milestone plan [001]: reports to the three committees in June 2015 and June 2016, a midterm evaluation
(November 2015–February 2016) and a final evaluation in December 2016. KVINFO [000] reports yearly to its two
funders, Københavns Kommune and the ministry.
"""

from __future__ import annotations

import datetime
from typing import Any

from faker import Faker

from mentornet.results.models import ReportTemplate

COMMITTEES = "Social- og Sundhedsudvalget, Økonomi- og Planudvalget og Beskæftigelsesudvalget"
START = datetime.date(2014, 8, 1)
MILESTONE_OUTLINE = """Resumé
Status på succeskriterierne
Rekruttering af frivillige mentorer og unge
Samarbejdet med Ung På Vej og UU Vestegnen
Udfordringer og justeringer
Næste skridt frem mod {next}"""
ISHOJ = [
    ("1. afrapportering til udvalgene, juni 2015", datetime.date(2015, 5, 31), "midtvejsevalueringen"),
    # The midterm evaluation runs November 2015–February 2016, on the figures up to its start.
    ("Midtvejsevaluering", datetime.date(2015, 10, 31), "2. afrapportering i juni 2016"),
    ("2. afrapportering til udvalgene, juni 2016", datetime.date(2016, 5, 31), "slutevalueringen"),
    ("Slutevaluering, december 2016", datetime.date(2016, 12, 31), "overdragelsen til en frivilligforening"),
]
ANNUAL_OUTLINE = """Året kort fortalt
Mål og resultater for Københavns Kommune
Mål og resultater for Integrationsministeriet
Rekruttering af mentorer og mentees
Netværksmøder og kurser
Økonomi og budgetlinjer
Erfaringer og planer for næste år"""


def build(fake: Faker, scale: float, places: dict[str, Any]) -> None:
    ReportTemplate.objects.bulk_create(
        [
            *(
                ReportTemplate(
                    organisation=places["ishoj"],
                    name=name,
                    addressees=COMMITTEES,
                    period_kind=ReportTemplate.PeriodKind.FIXED,
                    period_start=START,
                    period_end=end,
                    outline=MILESTONE_OUTLINE.format(next=following),
                    group_by_funder=False,
                )
                for name, end, following in ISHOJ
            ),
            ReportTemplate(
                organisation=places["kvinfo"],
                name="Årsrapport til Københavns Kommune og Integrationsministeriet",
                addressees="Københavns Kommune, Beskæftigelses- og Integrationsforvaltningen, og Ministeriet for "
                "Flygtninge, Indvandrere og Integration",
                period_kind=ReportTemplate.PeriodKind.LAST_YEAR,
                outline=ANNUAL_OUTLINE,
                group_by_funder=True,
            ),
        ]
    )
