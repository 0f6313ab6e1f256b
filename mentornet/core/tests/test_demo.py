from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from mentornet.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
from mentornet.accounts.models import Membership, Role, User
from mentornet.organisations.models import Branch, Organisation, Programme, Target
from mentornet.people.models import PIPELINES, DuplicateFlag, Kind, Person, Screening

pytestmark = pytest.mark.django_db


def _demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_the_demo_builds_the_organisations_of_the_source_documents():
    _demo("--scale", "0.1")
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
    out = _demo("--scale", "0.1")
    roles: set[str] = set()
    for email, *_ in DEMO_LOGINS:
        assert email in out
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        roles.update(Membership.objects.filter(user=user).values_list("role", flat=True))
    assert roles == set(Role)
    assert DEMO_PASSWORD in out


def test_at_scale_one_the_register_has_the_size_of_kvinfos_network():
    _demo()
    kvinfo = Person.objects.filter(organisation__name="KVINFOs Mentornetværk")
    assert kvinfo.filter(kind=Kind.MENTOR).count() == 1478
    assert kvinfo.filter(kind=Kind.CONTACT).count() == 583
    assert 1843 <= kvinfo.filter(kind=Kind.MENTEE).count() <= 1843 + 20  # plus the demo's duplicate sign-ups
    ishoj = Person.objects.filter(organisation__name="Ishøj Kommune", kind=Kind.MENTEE)
    assert ishoj.count() == 35
    assert all(18 <= (person.age() or 0) <= 30 for person in ishoj)
    mentors = kvinfo.filter(kind=Kind.MENTOR)
    assert mentors.filter(gender="female").count() > 0.6 * mentors.count()  # mostly women, as in the network
    for status in PIPELINES[Kind.MENTEE]:
        assert kvinfo.filter(kind=Kind.MENTEE, status=status).exists(), status
    assert Screening.objects.filter(outcome=Screening.Outcome.EXCLUDED).exists()
    assert DuplicateFlag.objects.filter(state=DuplicateFlag.State.OPEN).exists()


def test_scale_multiplies_the_people_and_a_second_run_adds_nothing():
    _demo("--scale", "0.2")
    mentees = Person.objects.filter(kind=Kind.MENTEE).count()
    assert 0.19 * 1878 <= mentees <= 0.21 * 1878 + 10
    out = _demo()
    assert "already" in out
    assert Person.objects.filter(kind=Kind.MENTEE).count() == mentees


def test_demo_people_are_synthetic():
    _demo("--scale", "0.1")
    domains = {email.rsplit("@", 1)[1] for email in User.objects.values_list("email", flat=True)}
    assert domains <= {"mentornet.example", "eksempel.example"}
