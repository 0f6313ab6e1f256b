from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from mentornet.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
from mentornet.accounts.models import Membership, Role, User
from mentornet.organisations.models import Branch, Organisation, Programme, Target

pytestmark = pytest.mark.django_db


def _demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_the_demo_builds_the_organisations_of_the_source_documents():
    _demo()
    assert set(Branch.objects.filter(organisation__name="KVINFOs Mentornetværk").values_list("name", flat=True)) == {
        "København",
        "Tingbjerg",
        "Vollsmose",
    }
    ishoj = Programme.objects.get(branch__organisation__name="Ishøj Kommune")
    assert (ishoj.mentee_min_age, ishoj.mentee_max_age, ishoj.max_mentors_proposed) == (18, 30, 2)
    per_year = Target.objects.filter(programme=ishoj, metric="mentorships_counted", period_start__year__in=[2015, 2016])
    assert sorted((t.period_start.year, int(t.value)) for t in per_year if t.period_start.month == 1) == [
        (2015, 15),
        (2016, 15),
    ]
    assert Target.objects.get(programme=ishoj, metric="active_mentors").value_max == 10
    assert Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).count() == 2


def test_the_demo_prints_a_working_login_for_every_role():
    out = _demo()
    roles: set[str] = set()
    for email, *_ in DEMO_LOGINS:
        assert email in out
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        roles.update(Membership.objects.filter(user=user).values_list("role", flat=True))
    assert roles == set(Role)
    assert DEMO_PASSWORD in out


def test_scale_multiplies_the_people_and_a_second_run_adds_nothing():
    _demo("--scale", "2")
    mentors = Membership.objects.filter(role=Role.MENTOR).count()
    assert mentors == 2 * 1490 + 1  # 1,478 KVINFO and 12 Ishøj mentors per scale unit, plus the demo mentor
    out = _demo()
    assert "already" in out
    assert Membership.objects.filter(role=Role.MENTOR).count() == mentors


def test_demo_people_are_synthetic():
    _demo()
    domains = {email.rsplit("@", 1)[1] for email in User.objects.values_list("email", flat=True)}
    assert domains <= {"mentornet.example", "eksempel.example"}
