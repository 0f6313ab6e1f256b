from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mentornet.accounts.models import User
from mentornet.core.models import AuditEntry
from mentornet.organisations.models import Organisation
from mentornet.projects.selectors import public_projects, search
from mentornet.projects.services import project_approve, project_submit, project_update
from mentornet.projects.tests.conftest import balanced_budget, make_project, project_data


@pytest.mark.django_db
def test_every_write_is_audited(copenhagen: Organisation, holder: User, municipal_admin: User) -> None:
    project = make_project(copenhagen, holder)
    project_update(
        actor=holder,
        project=project,
        data=project_data(title="Mentorer i Tingbjerg og Husum"),
        areas=["employment", "education"],
        budget_lines=balanced_budget(),
    )
    project_submit(actor=holder, project=project)
    project_approve(actor=municipal_admin, project=project)
    entries = AuditEntry.objects.filter(object_id=str(project.pk)).order_by("pk")
    assert [e.action for e in entries] == ["project.create", "project.update", "project.submit", "project.approve"]
    update = entries[1]
    assert update.changes["title"] == ["Mentorer i Tingbjerg", "Mentorer i Tingbjerg og Husum"]
    assert update.changes["areas"] == [["employment"], ["education", "employment"]]
    assert entries[3].actor == municipal_admin
    assert entries[0].organisation == copenhagen


@pytest.mark.django_db
def test_a_project_is_public_only_after_approval(copenhagen: Organisation, holder: User, municipal_admin: User) -> None:
    project = make_project(copenhagen, holder)
    assert not public_projects().filter(pk=project.pk).exists()
    with pytest.raises(ValidationError):
        project_approve(actor=municipal_admin, project=project)  # not submitted yet
    project_submit(actor=holder, project=project)
    assert not search({"q": "Tingbjerg"}).exists()
    project_approve(actor=municipal_admin, project=project)
    assert list(search({"q": "Tingbjerg"})) == [project]
    assert project.approved_by == municipal_admin and project.approved_at is not None


@pytest.mark.django_db
def test_search_never_finds_an_unpublished_project_whatever_the_filter(copenhagen: Organisation) -> None:
    make_project(copenhagen, title="Skjult projekt", areas=("safety",))
    shown = make_project(copenhagen, title="Synligt projekt", areas=("safety",), published=True)
    for filters in ({}, {"q": "projekt"}, {"area": "safety"}, {"district": "bronshoj_husum"}, {"status": "running"}):
        assert list(search(filters)) == [shown]


@pytest.mark.django_db
def test_filters_narrow_the_search(copenhagen: Organisation) -> None:
    job = make_project(copenhagen, title="Job", areas=("employment",), published=True, nationalities="Somaliske")
    make_project(copenhagen, title="Kultur", areas=("culture",), published=True, owner="KFF", nationalities="")
    assert list(search({"area": "employment"})) == [job]
    assert list(search({"target_group": "somali"})) == [job]
    assert [p.title for p in search({"owner": "kff"})] == ["Kultur"]
    assert list(search({"year": 2010})) != []
    assert list(search({"year": 2015})) == []
