from django.urls import path

from mentornet.projects.views import events, manage, public

app_name = "projects"

urlpatterns = [
    path("projektbank/", public.project_search, name="project_search"),
    path("projektbank/statistik/", public.project_statistics, name="project_statistics"),
    path("projektbank/kalender/", events.event_calendar, name="event_calendar"),
    path("projektbank/<int:project_id>/", public.project_detail, name="project_detail"),
    path("projekter/mine/", manage.my_projects, name="my_projects"),
    path("projekter/ny/", manage.project_create, name="project_create"),
    path("projekter/<int:project_id>/rediger/", manage.project_edit, name="project_edit"),
    path("projekter/<int:project_id>/indsend/", manage.project_submit, name="project_submit"),
    path("projekter/<int:project_id>/arrangementer/", events.event_list, name="event_list"),
    path("projekter/<int:project_id>/arrangementer/ny/", events.event_create, name="event_create"),
    path("projekter/<int:project_id>/arrangementer/<int:event_id>/", events.event_edit, name="event_edit"),
    path("projekter/<int:project_id>/arrangementer/<int:event_id>/slet/", events.event_delete, name="event_delete"),
    path("projekter/godkendelse/", manage.approval_list, name="approval_list"),
    path("projekter/godkendelse/<int:project_id>/", manage.project_review, name="project_review"),
    path("projekter/godkendelse/<int:project_id>/godkend/", manage.project_approve, name="project_approve"),
]
