from django.urls import path

from mentornet.accounts import views

app_name = "accounts"

urlpatterns = [
    path("log-ind/", views.login, name="login"),
    path("log-ud/", views.logout, name="logout"),
    path("glemt-adgangskode/", views.password_reset, name="password_reset"),
    path("glemt-adgangskode/sendt/", views.password_reset_sent, name="password_reset_sent"),
    path("adgangskode/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("adgangskode/gemt/", views.password_reset_complete, name="password_reset_complete"),
    path("organisationer/<int:organisation_id>/brugere/", views.user_list, name="user_list"),
    path("organisationer/<int:organisation_id>/brugere/ny/", views.user_invite_view, name="user_invite"),
    path("organisationer/<int:organisation_id>/brugere/<int:user_id>/", views.user_detail, name="user_detail"),
    path(
        "organisationer/<int:organisation_id>/brugere/<int:user_id>/roller/",
        views.membership_add_view,
        name="membership_add",
    ),
    path(
        "organisationer/<int:organisation_id>/brugere/<int:user_id>/fjern/", views.user_remove_view, name="user_remove"
    ),
    path(
        "organisationer/<int:organisation_id>/brugere/<int:user_id>/inviter-igen/",
        views.user_reinvite_view,
        name="user_reinvite",
    ),
    path(
        "organisationer/<int:organisation_id>/roller/<int:membership_id>/fjern/",
        views.membership_remove_view,
        name="membership_remove",
    ),
]
