from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from mentornet.accounts.models import BRANCH_ROLES, ORGANISATION_ROLES, Role, User, normalise_email
from mentornet.accounts.services import user_set_password
from mentornet.organisations.models import Branch, Organisation

WRONG_LOGIN = _("The e-mail address or the password is wrong. Check both and try again.")


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {"invalid_login": WRONG_LOGIN, "inactive": WRONG_LOGIN}

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data["username"])


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class ChoosePasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Set a new password through the audited service."""

    def save(self, commit: bool = True) -> Any:
        return user_set_password(user=self.user, password=self.cleaned_data["new_password1"])


class _ScopedRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")), *Role.choices])
    branch = forms.ModelChoiceField(
        label=_("Branch"),
        queryset=Branch.objects.none(),
        required=False,
        empty_label=_("No branch (the whole organisation)"),
        help_text=_(
            "Coordinators, mentors and partner referrers work in one branch. Leave empty for admins and analysts."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["branch"].queryset = organisation.branches.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role, branch = cleaned.get("role"), cleaned.get("branch")
        if role in BRANCH_ROLES and branch is None:
            self.add_error("branch", _("Choose the branch this role is for."))
        if role in ORGANISATION_ROLES and branch is not None:
            self.add_error("branch", _("This role covers the whole organisation; leave the branch empty."))
        return cleaned


class InviteForm(_ScopedRoleForm):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    email = forms.EmailField(label=_("E-mail"), max_length=254)

    field_order = ["full_name", "email", "role", "branch"]


class MembershipForm(_ScopedRoleForm):
    pass


class UserForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ["full_name", "phone"]


class UserSearchForm(forms.Form):
    hide_optional = True
    q = forms.CharField(label=_("Search by name or e-mail"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False)
    branch = forms.ModelChoiceField(
        label=_("Branch"), queryset=Branch.objects.none(), required=False, empty_label=_("All branches")
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = organisation.branches.order_by("name")  # type: ignore[attr-defined]
