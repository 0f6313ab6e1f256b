from django.urls import path

from mentornet.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("bliv-mentor/", views.become_mentor, name="become_mentor"),
    path("faa-en-mentor/", views.get_mentor, name="get_mentor"),
    path("oversigt/", views.dashboard, name="dashboard"),
    path("organisationer/<int:organisation_id>/log/", views.audit_log_list, name="audit_log"),
]
