from django.urls import path

from mentornet.results import views, views_compare, views_templates

app_name = "results"

urlpatterns = [
    path("programmer/<int:programme_id>/resultater/", views.programme_results, name="programme_results"),
    path(
        "programmer/<int:programme_id>/resultater/<int:target_id>/personer/",
        views.target_people,
        name="target_people",
    ),
    path("programmer/<int:programme_id>/resultater/fordeling/", views.breakdown_view, name="breakdown"),
    path(
        "programmer/<int:programme_id>/resultater/sammenligning/",
        views_compare.programme_compare,
        name="programme_compare",
    ),
    path(
        "organisationer/<int:organisation_id>/resultater/",
        views_compare.organisation_results,
        name="organisation_results",
    ),
    path("rapporter/<int:report_id>/sammenlign/", views_compare.report_compare, name="report_compare"),
    path("programmer/<int:programme_id>/rapporter/", views.report_list, name="report_list"),
    path("rapporter/<int:report_id>/", views.report_detail, name="report_detail"),
    path("rapporter/<int:report_id>/rapport.<str:fmt>", views.report_file, name="report_file"),
    path(
        "organisationer/<int:organisation_id>/rapportskabeloner/",
        views_templates.template_list,
        name="template_list",
    ),
    path(
        "organisationer/<int:organisation_id>/rapportskabeloner/ny/",
        views_templates.template_create,
        name="template_create",
    ),
    path(
        "organisationer/<int:organisation_id>/rapportskabeloner/<int:template_id>/",
        views_templates.template_edit,
        name="template_edit",
    ),
]
