from django.urls import path

from mentornet.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("oversigt/", views.dashboard, name="dashboard"),
    path("organisationer/<int:organisation_id>/log/", views.audit_log_list, name="audit_log"),
]
