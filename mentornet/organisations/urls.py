from django.urls import path

from mentornet.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisationer/<int:organisation_id>/", views.organisation_detail, name="organisation_detail"),
    path("organisationer/<int:organisation_id>/rediger/", views.organisation_edit, name="organisation_edit"),
    path("organisationer/<int:organisation_id>/logo/", views.organisation_logo, name="organisation_logo"),
    path("organisationer/<int:organisation_id>/afdelinger/ny/", views.branch_create, name="branch_create"),
    path("afdelinger/<int:branch_id>/", views.branch_detail, name="branch_detail"),
    path("afdelinger/<int:branch_id>/rediger/", views.branch_edit, name="branch_edit"),
    path("afdelinger/<int:branch_id>/programmer/ny/", views.programme_create, name="programme_create"),
    path("programmer/<int:programme_id>/", views.programme_detail, name="programme_detail"),
    path("programmer/<int:programme_id>/rediger/", views.programme_edit, name="programme_edit"),
    path("programmer/<int:programme_id>/maal/ny/", views.target_create, name="target_create"),
    path("programmer/<int:programme_id>/maal/<int:target_id>/", views.target_edit, name="target_edit"),
    path("programmer/<int:programme_id>/maal/<int:target_id>/slet/", views.target_delete, name="target_delete"),
]
