from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentornet.accounts.forms import (
    ChoosePasswordForm,
    InviteForm,
    LoginForm,
    MembershipForm,
    PasswordResetRequestForm,
    UserForm,
    UserSearchForm,
)
from mentornet.accounts.models import User
from mentornet.accounts.selectors import get_member_for_admin, get_membership_for_admin, organisation_users
from mentornet.accounts.services import (
    membership_add,
    membership_remove,
    password_reset_request,
    user_invite,
    user_remove_from_organisation,
    user_resend_invitation,
    user_update,
)
from mentornet.core.http import AuthedRequest, PublicRequest
from mentornet.core.views import handle_form
from mentornet.organisations.models import Organisation
from mentornet.organisations.selectors import get_organisation_for_admin

login = auth_views.LoginView.as_view(
    template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
)
logout = auth_views.LogoutView.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=ChoosePasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)


def locked_out(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    """Shown by django-axes after too many failed log-ins (the same for known and unknown e-mails)."""
    form = LoginForm(request, initial={"username": request.POST.get("username", "")[:254]})
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/login.html", {"form": form, "locked_out_minutes": minutes}, status=429)


def password_reset(request: PublicRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_complete.html")


@login_required
def user_list(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    search = UserSearchForm(request.GET or None, organisation=organisation)
    filters = search.cleaned_data if search.is_valid() else {}
    users = organisation_users(
        organisation, search=filters.get("q", ""), role=filters.get("role", ""), branch=filters.get("branch")
    )
    page = Paginator(users, 50).get_page(request.GET.get("side"))
    context = {"organisation": organisation, "search": search, "page": page}
    template = "accounts/user_list.html#results" if request.htmx else "accounts/user_list.html"
    return render(request, template, context)


@login_required
def user_invite_view(request: AuthedRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    form = InviteForm(request.POST or None, organisation=organisation)
    user = handle_form(
        request,
        form,
        lambda data: user_invite(actor=request.user, organisation=organisation, **data),
        lambda user: _("%(name)s now has the role. New users get an e-mail to choose a password.") % {"name": user},
    )
    if user:
        return redirect("accounts:user_detail", organisation_id=organisation.pk, user_id=user.pk)
    return render(request, "accounts/user_invite.html", {"organisation": organisation, "form": form})


@login_required
def user_detail(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    member = get_member_for_admin(organisation, user_id)
    user_form = UserForm(request.POST or None, instance=member)
    saved = handle_form(
        request,
        user_form,
        lambda data: user_update(actor=request.user, organisation=organisation, user=member, data=data),
        _("The changes are saved."),
    )
    if saved:
        return redirect("accounts:user_detail", organisation_id=organisation.pk, user_id=member.pk)
    context = {
        "organisation": organisation,
        "member": member,
        "user_form": user_form,
        "membership_form": MembershipForm(organisation=organisation),
    }
    return render(request, "accounts/user_detail.html", context)


def _memberships_fragment(
    request: AuthedRequest, organisation: Organisation, member: User, form: MembershipForm
) -> HttpResponse:
    """The roles section after a change; the user list once the person has no role left here."""
    if not organisation_users(organisation).filter(pk=member.pk).exists():
        user_list_url = reverse("accounts:user_list", kwargs={"organisation_id": organisation.pk})
        if request.htmx:
            return HttpResponse(status=204, headers={"HX-Redirect": user_list_url})
        return redirect(user_list_url)
    member = get_member_for_admin(organisation, member.pk)
    context = {"organisation": organisation, "member": member, "membership_form": form}
    if request.htmx:
        return render(request, "accounts/user_detail.html#memberships", context)
    if form.errors:
        return render(request, "accounts/user_detail.html", {**context, "user_form": UserForm(instance=member)})
    return redirect("accounts:user_detail", organisation_id=organisation.pk, user_id=member.pk)


@login_required
@require_POST
def membership_add_view(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    member = get_member_for_admin(organisation, user_id)
    form = MembershipForm(request.POST, organisation=organisation)
    added = handle_form(
        request,
        form,
        lambda data: membership_add(actor=request.user, user=member, organisation=organisation, **data),
        _("The role is added."),
    )
    if added:
        form = MembershipForm(organisation=organisation)
    return _memberships_fragment(request, organisation, member, form)


@login_required
@require_POST
def membership_remove_view(request: AuthedRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    membership = get_membership_for_admin(organisation, membership_id)
    try:
        membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The role is removed."))
    return _memberships_fragment(request, organisation, membership.user, MembershipForm(organisation=organisation))


@login_required
@require_POST
def user_remove_view(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    member = get_member_for_admin(organisation, user_id)
    try:
        user_remove_from_organisation(actor=request.user, organisation=organisation, user=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:user_detail", organisation_id=organisation.pk, user_id=member.pk)
    messages.success(request, _("%(name)s no longer has any role in the organisation.") % {"name": member})
    return redirect(reverse("accounts:user_list", kwargs={"organisation_id": organisation.pk}))


@login_required
@require_POST
def user_reinvite_view(request: AuthedRequest, organisation_id: int, user_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    member = get_member_for_admin(organisation, user_id)
    user_resend_invitation(actor=request.user, organisation=organisation, user=member)
    messages.success(request, _("A new e-mail with a link to choose a password is on its way."))
    return redirect("accounts:user_detail", organisation_id=organisation.pk, user_id=member.pk)
