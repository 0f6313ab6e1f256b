from django.urls import path

from mentornet.barometer import views, views_annual

app_name = "barometer"

urlpatterns = [
    path("barometer/", views.summary, name="summary"),
    path("barometer/indikatorer/<int:indicator_id>/", views.indicator, name="indicator"),
    path(
        "barometer/indikatorer/<int:indicator_id>/data.<str:data_format>", views.indicator_data, name="indicator_data"
    ),
    path(
        "barometer/indikatorer/<int:indicator_id>/maalinger/ny/",
        views.measurement_create_view,
        name="measurement_create",
    ),
    path(
        "barometer/indikatorer/<int:indicator_id>/definitioner/ny/",
        views.version_create_view,
        name="version_create",
    ),
    path("barometer/kommuner/<int:municipality_id>/", views.manage, name="manage"),
    path("barometer/kommuner/<int:municipality_id>/upload/", views.upload, name="upload"),
    path(
        "barometer/kommuner/<int:municipality_id>/statusrapporter/",
        views_annual.status_report_list,
        name="status_report_list",
    ),
    path(
        "barometer/statusrapporter/<int:status_report_id>/",
        views_annual.status_report_detail,
        name="status_report_detail",
    ),
    path(
        "barometer/statusrapporter/<int:status_report_id>/rapport.<str:fmt>",
        views_annual.status_report_file,
        name="status_report_file",
    ),
    path("barometer/<slug:area>/", views.area, name="area"),
]
