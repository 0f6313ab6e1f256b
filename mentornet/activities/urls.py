from django.urls import path

from mentornet.activities import views

app_name = "activities"

urlpatterns = [
    path("aktiviteter/", views.activity_list_view, name="activity_list"),
    path("aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("aktiviteter/<int:activity_id>/", views.activity_detail, name="activity_detail"),
    path("aktiviteter/<int:activity_id>/rediger/", views.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:activity_id>/inviter/", views.activity_invite_view, name="activity_invite"),
    path("aktiviteter/<int:activity_id>/tilmeld/", views.activity_enrol, name="activity_enrol"),
    path(
        "aktiviteter/<int:activity_id>/deltagere/<int:participation_id>/afmeld/",
        views.participation_cancel_view,
        name="participation_cancel",
    ),
    path(
        "aktiviteter/<int:activity_id>/deltagere/<int:participation_id>/gennemfoert/",
        views.participation_complete,
        name="participation_complete",
    ),
    path("aktiviteter/<int:activity_id>/gange/ny/", views.session_add_view, name="session_add"),
    path(
        "aktiviteter/<int:activity_id>/gange/<int:session_id>/slet/", views.session_delete_view, name="session_delete"
    ),
    path(
        "aktiviteter/<int:activity_id>/gange/<int:session_id>/fremmoede/",
        views.session_attendance,
        name="session_attendance",
    ),
    path("kalender/<int:branch_id>/", views.branch_calendar, name="branch_calendar"),
    path("min-kalender/", views.my_calendar, name="my_calendar"),
    path("min-kalender/ny-adresse/", views.calendar_feed_renew_view, name="calendar_feed_renew"),
    path("ical/<str:feed_token>.ics", views.ical_feed, name="ical_feed"),
    path("svar/<str:rsvp_token>/", views.rsvp, name="rsvp"),
    path("tilfredshed/<str:survey_token>/", views.satisfaction, name="satisfaction"),
]
