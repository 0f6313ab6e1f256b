from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from mentornet.organisations.models import Organisation, Target
from mentornet.results.models import ReportTemplate

pytestmark = pytest.mark.django_db


def test_the_demo_has_ishojs_milestone_templates_and_kvinfos_two_funder_report() -> None:
    call_command("demo", "--scale", "0.1", stdout=StringIO())
    ishoj = ReportTemplate.objects.filter(organisation__name="Ishøj Kommune").order_by("period_end")
    assert [t.name for t in ishoj] == [
        "1. afrapportering til udvalgene, juni 2015",
        "Midtvejsevaluering",
        "2. afrapportering til udvalgene, juni 2016",
        "Slutevaluering, december 2016",
    ]
    assert all("Beskæftigelsesudvalget" in t.addressees and t.outline for t in ishoj)
    annual = ReportTemplate.objects.get(organisation__name="KVINFOs Mentornetværk")
    assert annual.group_by_funder and annual.period_kind == ReportTemplate.PeriodKind.LAST_YEAR
    tingbjerg = set(Target.objects.filter(programme__name__contains="Tingbjerg").values_list("funder", flat=True))
    assert tingbjerg == {"Københavns Kommune", "Ministeriet for Flygtninge, Indvandrere og Integration"}
    assert Target.objects.filter(programme__branch__name="#MentorIshøj", funder="Ishøj Kommune").exists()
    # The reports carry the organisation's logo: the demo's are made up (initials on a colour), never a real one.
    for organisation in Organisation.objects.filter(name__in=["KVINFOs Mentornetværk", "Ishøj Kommune"]):
        with Image.open(io.BytesIO(bytes(organisation.logo.image))) as logo:
            assert (logo.format, organisation.logo_type) == ("PNG", "image/png")
