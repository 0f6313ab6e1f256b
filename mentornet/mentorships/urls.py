from django.urls import path

from mentornet.mentorships import views

app_name = "mentorships"

urlpatterns = [
    path("forloeb/", views.mentorship_list_view, name="list"),
    path("forloeb/<int:mentorship_id>/", views.mentorship_detail_view, name="detail"),
    path("forloeb/<int:mentorship_id>/ramme/", views.mentorship_edit, name="edit"),
    path("forloeb/<int:mentorship_id>/pause/", views.mentorship_pause_view, name="pause"),
    path("forloeb/<int:mentorship_id>/genoptag/", views.mentorship_resume_view, name="resume"),
    path("forloeb/<int:mentorship_id>/afslut/", views.mentorship_close_view, name="close"),
    path("forloeb/<int:mentorship_id>/moeder/ny/", views.meeting_create, name="meeting_create"),
    path("forloeb/<int:mentorship_id>/moeder/<int:meeting_id>/slet/", views.meeting_delete_view, name="meeting_delete"),
    path("forloeb/<int:mentorship_id>/milepaele/ny/", views.milestone_create, name="milestone_create"),
    path(
        "forloeb/<int:mentorship_id>/milepaele/<int:milestone_id>/slet/",
        views.milestone_delete_view,
        name="milestone_delete",
    ),
    path(
        "forloeb/<int:mentorship_id>/bekymringer/<int:concern_id>/loest/",
        views.concern_resolve_view,
        name="concern_resolve",
    ),
    path("moeder/", views.meeting_list, name="meetings"),
    path("mine-forloeb/", views.my_mentorships, name="mine"),
    path("mine-forloeb/<int:mentorship_id>/bekymring/", views.my_concern, name="my_concern"),
]
