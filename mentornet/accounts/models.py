from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalise_email(email: str) -> str:
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalise_email(username or ""))

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in (bruger). E-mail is the login."""

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True, help_text=_("A user who is not active cannot log in."))
    is_staff = models.BooleanField(
        _("Django admin access"), default=False, help_text=_("Technical administrators only.")
    )
    date_joined = models.DateTimeField(_("created"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_case_insensitive_unique",
                violation_error_message=_("A user with this e-mail address already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    ORGANISATION_ADMIN = "organisation_admin", _("Organisation admin")
    COORDINATOR = "coordinator", _("Coordinator")
    MENTOR = "mentor", _("Mentor")
    REFERRER = "referrer", _("Partner referrer")
    ANALYST = "analyst", _("Municipal analyst")
    MUNICIPAL_ADMIN = "municipal_admin", _("Municipal integration administrator")
    PROJECT_HOLDER = "project_holder", _("Project holder")


#: Roles held for a whole organisation; the others are held in one branch.
ORGANISATION_ROLES = frozenset({Role.ORGANISATION_ADMIN, Role.ANALYST, Role.MUNICIPAL_ADMIN, Role.PROJECT_HOLDER})
BRANCH_ROLES = frozenset(set(Role) - ORGANISATION_ROLES)


class Membership(models.Model):
    """A user's role (rolle) in one branch, or in a whole organisation for admins and analysts."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    branch = models.ForeignKey(
        "organisations.Branch",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("branch"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "branch__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "branch", "role"],
                condition=Q(branch__isnull=False),
                name="membership_unique_role_per_branch",
                violation_error_message=_("The user already has this role there."),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(branch__isnull=True),
                name="membership_unique_role_per_organisation",
                violation_error_message=_("The user already has this role there."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(ORGANISATION_ROLES), branch__isnull=True)
                    | Q(role__in=sorted(BRANCH_ROLES), branch__isnull=False)
                ),
                name="membership_scope_matches_role",
            ),
        ]
        indexes = [models.Index(fields=["branch", "role"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.branch or self.organisation}"

    def clean(self) -> None:
        if self.role in ORGANISATION_ROLES and self.branch_id is not None:
            raise ValidationError({"branch": _("This role covers the whole organisation; leave the branch empty.")})
        if self.role in BRANCH_ROLES and self.branch_id is None:
            raise ValidationError({"branch": _("Choose the branch this role is for.")})
        if self.branch is not None and self.branch.organisation_id != self.organisation_id:
            raise ValidationError({"branch": _("The branch belongs to another organisation.")})
