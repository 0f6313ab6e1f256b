from django.urls import path

from mentornet.notifications import views

app_name = "notifications"

urlpatterns = [
    path("organisationer/<int:organisation_id>/beskeder/", views.message_list, name="message_list"),
    path(
        "organisationer/<int:organisation_id>/beskeder/<str:code>/<str:language>/",
        views.message_edit,
        name="message_edit",
    ),
    path(
        "organisationer/<int:organisation_id>/beskeder/<str:code>/<str:language>/standard/",
        views.message_reset,
        name="message_reset",
    ),
]
