from django.urls import path

from mentornet.results import views

app_name = "results"

urlpatterns = [
    path("programmer/<int:programme_id>/resultater/", views.programme_results, name="programme_results"),
    path(
        "programmer/<int:programme_id>/resultater/<int:target_id>/personer/",
        views.target_people,
        name="target_people",
    ),
    path("programmer/<int:programme_id>/resultater/fordeling/", views.breakdown_view, name="breakdown"),
    path("programmer/<int:programme_id>/rapporter/", views.report_list, name="report_list"),
    path("rapporter/<int:report_id>/", views.report_detail, name="report_detail"),
    path("rapporter/<int:report_id>/rapport.<str:fmt>", views.report_file, name="report_file"),
]
