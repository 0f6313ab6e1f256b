"""Background work for accounts: account e-mails are built and sent by the task worker."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from mentornet.accounts.models import User

EMAIL_KINDS = ("invitation", "password_reset")


@task()
def send_account_email(*, user_id: int, kind: str, language: str) -> None:
    """Send an invitation or a password reset link. The token is made here, so it is never stored."""
    if kind not in EMAIL_KINDS:
        raise ValueError(f"unknown account e-mail kind: {kind}")
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    with translation.override(language):
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "url": f"{settings.SITE_URL}{path}",
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // (60 * 60 * 24),
        }
        subject = render_to_string(f"accounts/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{kind}.txt", context)
    send_mail(subject, body, None, [user.email])
