from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from mentornet.accounts.models import Membership, Role, User
from mentornet.core.models import AuditEntry
from mentornet.core.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, olivia):
    client.force_login(olivia)
    return client


def _invite(client, world, django_capture_on_commit_callbacks, **data):
    fields = {
        "full_name": "Sara Sørensen",
        "email": "sara@example.org",
        "role": Role.COORDINATOR,
        "branch": world.kbh.pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:user_invite", args=[world.kvinfo.pk]), fields | data)


def test_an_admin_gives_a_new_person_a_role_and_they_get_an_invitation(
    admin_client, world, olivia, django_capture_on_commit_callbacks
):
    response = _invite(admin_client, world, django_capture_on_commit_callbacks, email="Sara@Example.org")
    sara = User.objects.get(email="sara@example.org")
    assert response["Location"] == reverse("accounts:user_detail", args=[world.kvinfo.pk, sara.pk])
    assert not sara.has_usable_password()
    assert Membership.objects.get(user=sara).branch == world.kbh
    assert [m.to for m in mail.outbox] == [["sara@example.org"]]
    assert "Vælg din adgangskode" in mail.outbox[0].body
    assert set(AuditEntry.objects.filter(actor=olivia).values_list("action", flat=True)) == {
        "user.invite",
        "membership.add",
    }


def test_an_existing_person_just_gets_the_new_role_and_no_email(
    admin_client, world, charlie, django_capture_on_commit_callbacks
):
    _invite(admin_client, world, django_capture_on_commit_callbacks, email="charlie@example.org")
    assert set(Membership.objects.filter(user=charlie).values_list("branch__name", flat=True)) == {
        "Tingbjerg",
        "København",
    }
    assert mail.outbox == []


def test_a_branch_role_without_a_branch_is_explained_and_the_input_kept(
    admin_client, world, django_capture_on_commit_callbacks
):
    response = _invite(admin_client, world, django_capture_on_commit_callbacks, branch="")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vælg den afdeling, rollen gælder for." in body
    assert 'value="Sara Sørensen"' in body
    assert not User.objects.filter(email="sara@example.org").exists()


def test_a_branch_of_another_organisation_is_refused(admin_client, world, django_capture_on_commit_callbacks):
    response = _invite(admin_client, world, django_capture_on_commit_callbacks, branch=world.ishoj_branch.pk)
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not User.objects.filter(email="sara@example.org").exists()


def test_giving_a_role_someone_already_has_is_explained(admin_client, world, bob, django_capture_on_commit_callbacks):
    response = _invite(
        admin_client, world, django_capture_on_commit_callbacks, email="bob@example.org", role=Role.MENTOR
    )
    assert "Brugeren har allerede denne rolle der." in response.content.decode()


def test_adding_a_role_with_htmx_returns_just_the_roles_section(admin_client, world, bob):
    response = admin_client.post(
        reverse("accounts:membership_add", args=[world.kvinfo.pk, bob.pk]),
        {"role": Role.MENTOR, "branch": world.tingbjerg.pk},
        headers={"hx-request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Rollen er tilføjet." in body
    assert "Tingbjerg" in body
    assert Membership.objects.filter(user=bob).count() == 2


def test_removing_a_role_is_audited(admin_client, world, bob, olivia):
    membership = Membership.objects.get(user=bob)
    response = admin_client.post(reverse("accounts:membership_remove", args=[world.kvinfo.pk, membership.pk]))
    assert response["Location"] == reverse("accounts:user_list", args=[world.kvinfo.pk])
    assert not Membership.objects.filter(user=bob).exists()
    entry = AuditEntry.objects.get(action="membership.remove")
    assert (entry.actor, entry.branch, entry.changes["role"]) == (olivia, world.kbh, [Role.MENTOR, None])


def test_the_last_organisation_admin_cannot_be_removed(admin_client, world, olivia):
    membership = Membership.objects.get(user=olivia)
    response = admin_client.post(
        reverse("accounts:membership_remove", args=[world.kvinfo.pk, membership.pk]), follow=True
    )
    assert "Organisationen skal have mindst én organisationsadministrator." in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removing_a_person_from_the_organisation_keeps_their_other_organisations(admin_client, world, nadia):
    Membership.objects.create(user=nadia, role=Role.COORDINATOR, organisation=world.kvinfo, branch=world.kbh)
    admin_client.post(reverse("accounts:user_remove", args=[world.kvinfo.pk, nadia.pk]))
    assert list(Membership.objects.filter(user=nadia).values_list("organisation", flat=True)) == [world.ishoj.pk]


def test_an_admin_edits_a_users_name(admin_client, world, bob):
    url = reverse("accounts:user_detail", args=[world.kvinfo.pk, bob.pk])
    admin_client.post(url, {"full_name": "Bob Bertelsen", "phone": "12345678"})
    bob.refresh_from_db()
    assert bob.full_name == "Bob Bertelsen"
    assert AuditEntry.objects.get(action="user.update").changes["full_name"] == ["Bob Berg", "Bob Bertelsen"]


def test_the_invitation_can_be_sent_again(admin_client, world, django_capture_on_commit_callbacks):
    newcomer = make_user(role=Role.MENTOR, branch=world.kbh)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("accounts:user_reinvite", args=[world.kvinfo.pk, newcomer.pk]))
    assert [m.to for m in mail.outbox] == [[newcomer.email]]


def test_the_user_list_searches_and_filters(admin_client, world, alice, bob, charlie, nadia):
    url = reverse("accounts:user_list", args=[world.kvinfo.pk])
    body = admin_client.get(url, {"q": "alice"}).content.decode()
    assert "Alice Andersen" in body and "Bob Berg" not in body
    body = admin_client.get(url, {"branch": world.tingbjerg.pk}).content.decode()
    assert "Charlie Christensen" in body and "Alice Andersen" not in body
    body = admin_client.get(url, {"role": Role.MENTOR}, headers={"hx-request": "true"}).content.decode()
    assert "Bob Berg" in body and "Alice Andersen" not in body and "<html" not in body
    assert "Nadia" not in admin_client.get(url).content.decode()  # another organisation's analyst


def test_the_user_list_costs_the_same_queries_for_many_users(admin_client, world, django_assert_max_num_queries):
    url = reverse("accounts:user_list", args=[world.kvinfo.pk])
    with django_assert_max_num_queries(12) as few:
        admin_client.get(url)
    for _ in range(60):
        make_user(role=Role.MENTOR, branch=world.kbh)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(url, {"side": 2}).status_code == 200
