"""Writes for users and memberships. Every write is audited; e-mails go out as background tasks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mentornet.accounts.models import Membership, Role, User, normalise_email
from mentornet.accounts.tasks import send_account_email
from mentornet.core.access import forget_access
from mentornet.core.services import audit_log, model_update
from mentornet.organisations.models import Branch, Organisation


def _enqueue_email(user: User, kind: str) -> None:
    language = get_language() or "da"
    transaction.on_commit(lambda: send_account_email.enqueue(user_id=user.pk, kind=kind, language=language))


def membership_add(
    *, actor: User, user: User, organisation: Organisation, role: str, branch: Branch | None
) -> Membership:
    with transaction.atomic():
        if Membership.objects.filter(user=user, organisation=organisation, branch=branch, role=role).exists():
            raise ValidationError(_("The user already has this role there."))
        membership = Membership(user=user, organisation=organisation, branch=branch, role=role)
        membership.full_clean()
        membership.save()
        audit_log(
            actor=actor,
            action="membership.add",
            target=user,
            organisation=organisation,
            branch=branch,
            changes={"role": [None, role], "branch": [None, branch.pk if branch else None]},
        )
    forget_access(user)
    return membership


def user_invite(
    *, actor: User, organisation: Organisation, email: str, full_name: str, role: str, branch: Branch | None
) -> User:
    """Give a person a role. A new person gets an account and an e-mail with a link to choose a password."""
    email = normalise_email(email)
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=full_name.strip())
            user.set_unusable_password()
            user.full_clean()
            user.save()
            audit_log(actor=actor, action="user.invite", target=user, organisation=organisation)
            _enqueue_email(user, "invitation")
        membership_add(actor=actor, user=user, organisation=organisation, role=role, branch=branch)
    return user


def user_resend_invitation(*, actor: User, organisation: Organisation, user: User) -> None:
    audit_log(actor=actor, action="user.reinvite", target=user, organisation=organisation)
    _enqueue_email(user, "invitation")


def user_update(*, actor: User, organisation: Organisation, user: User, data: dict[str, str]) -> User:
    return model_update(actor=actor, instance=user, data=data, action="user.update", organisation=organisation)


def _check_keeps_an_admin(organisation: Organisation, leaving: list[Membership]) -> None:
    leaving_admins = {m.pk for m in leaving if m.role == Role.ORGANISATION_ADMIN}
    if not leaving_admins:
        return
    remaining = Membership.objects.filter(organisation=organisation, role=Role.ORGANISATION_ADMIN).exclude(
        pk__in=leaving_admins
    )
    if not remaining.exists():
        raise ValidationError(_("The organisation must keep at least one organisation admin."))


def membership_remove(*, actor: User, membership: Membership) -> None:
    with transaction.atomic():
        _check_keeps_an_admin(membership.organisation, [membership])
        audit_log(
            actor=actor,
            action="membership.remove",
            target=membership.user,
            organisation=membership.organisation,
            branch=membership.branch,
            changes={"role": [membership.role, None], "branch": [membership.branch_id, None]},
        )
        membership.delete()
    forget_access(membership.user)


def user_remove_from_organisation(*, actor: User, organisation: Organisation, user: User) -> int:
    """Take every role the user has in the organisation away. Their account and history stay."""
    with transaction.atomic():
        memberships = list(
            Membership.objects.filter(user=user, organisation=organisation)
            .select_related("branch")
            .order_by("pk")
            .select_for_update(of=("self",))
        )
        _check_keeps_an_admin(organisation, memberships)
        for membership in memberships:
            audit_log(
                actor=actor,
                action="membership.remove",
                target=user,
                organisation=organisation,
                branch=membership.branch,
                changes={"role": [membership.role, None], "branch": [membership.branch_id, None]},
            )
        Membership.objects.filter(pk__in=[m.pk for m in memberships]).delete()
    forget_access(user)
    return len(memberships)


def user_set_password(*, user: User, password: str, action: str = "user.password_set") -> User:
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_log(actor=user, action=action, target=user)
    return user


def password_reset_request(*, email: str) -> None:
    """Send a reset link if an active account has this e-mail. The caller shows the same page either way."""
    user = User.objects.filter(email=normalise_email(email), is_active=True).first()
    if user is not None:
        _enqueue_email(user, "password_reset")
