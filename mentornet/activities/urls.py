from django.urls import path

from mentornet.activities.views import calendars, manage, public

app_name = "activities"

urlpatterns = [
    path("aktiviteter/", manage.activity_list_view, name="activity_list"),
    path("aktiviteter/ny/", manage.activity_create, name="activity_create"),
    path("aktiviteter/<int:activity_id>/", manage.activity_detail, name="activity_detail"),
    path("aktiviteter/<int:activity_id>/rediger/", manage.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:activity_id>/inviter/", manage.activity_invite_view, name="activity_invite"),
    path("aktiviteter/<int:activity_id>/tilmeld/", manage.activity_enrol, name="activity_enrol"),
    path(
        "aktiviteter/<int:activity_id>/deltagere/<int:participation_id>/afmeld/",
        manage.participation_cancel_view,
        name="participation_cancel",
    ),
    path(
        "aktiviteter/<int:activity_id>/deltagere/<int:participation_id>/gennemfoert/",
        manage.participation_complete,
        name="participation_complete",
    ),
    path("aktiviteter/<int:activity_id>/gange/ny/", manage.session_add_view, name="session_add"),
    path(
        "aktiviteter/<int:activity_id>/gange/<int:session_id>/slet/", manage.session_delete_view, name="session_delete"
    ),
    path(
        "aktiviteter/<int:activity_id>/gange/<int:session_id>/fremmoede/",
        manage.session_attendance,
        name="session_attendance",
    ),
    path("kalender/<int:branch_id>/", calendars.branch_calendar, name="branch_calendar"),
    path("min-kalender/", calendars.my_calendar, name="my_calendar"),
    path("min-kalender/ny-adresse/", calendars.calendar_feed_renew_view, name="calendar_feed_renew"),
    path("ical/<str:feed_token>.ics", calendars.ical_feed, name="ical_feed"),
    path("svar/<str:rsvp_token>/", public.rsvp, name="rsvp"),
    path("tilfredshed/<str:survey_token>/", public.satisfaction, name="satisfaction"),
]
