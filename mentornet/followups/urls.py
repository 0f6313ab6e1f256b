from django.urls import path

from mentornet.followups import views

app_name = "followups"

urlpatterns = [
    path("opfoelgning/", views.followup_list_view, name="list"),
    path("opfoelgning/<int:followup_id>/", views.followup_detail, name="detail"),
    path("opfoelgning/svar/<str:followup_token>/", views.answer, name="answer"),
    path("opfoelgning/forloeb/<int:mentorship_id>/", views.mentorship_followup_view, name="mentorship"),
    path("evaluering/<str:evaluation_token>/", views.evaluation, name="evaluation"),
    path("forloeb/<int:mentorship_id>/dokument/<str:kind>/", views.document_request_view, name="document_request"),
    path("forloeb/<int:mentorship_id>/bevis.pdf", views.certificate_pdf, name="certificate"),
    path("forloeb/<int:mentorship_id>/arbejdsevne/", views.work_ability_edit, name="work_ability"),
    path("forloeb/<int:mentorship_id>/arbejdsevne.pdf", views.work_ability_pdf, name="work_ability_pdf"),
]
