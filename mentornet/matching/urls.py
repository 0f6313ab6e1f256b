from django.urls import path

from mentornet.matching import views

app_name = "matching"

urlpatterns = [
    path("person/<int:person_id>/find-mentor/", views.find_mentor, name="find_mentor"),
    path("person/<int:person_id>/find-mentor/udeluk/", views.exclusion_create, name="exclusion_create"),
    path(
        "person/<int:person_id>/find-mentor/udeluk/<int:exclusion_id>/fortryd/",
        views.exclusion_delete,
        name="exclusion_delete",
    ),
    path("forslag/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("forslag/<int:proposal_id>/valg/", views.proposal_choose_view, name="proposal_choose"),
    path("forslag/<int:proposal_id>/traek-tilbage/", views.proposal_withdraw_view, name="proposal_withdraw"),
    path("forslag/<int:proposal_id>/foerste-moede/", views.proposal_first_meeting, name="proposal_first_meeting"),
    path("valg/<str:token>/", views.choose, name="choose"),
    path("mine-forslag/", views.my_proposals, name="my_proposals"),
    path("mine-forslag/<int:candidate_id>/svar/", views.my_proposal_respond, name="my_proposal_respond"),
    path("mine-forslag/<int:candidate_id>/foerste-moede/", views.my_first_meeting, name="my_first_meeting"),
    path("min-praesentation/", views.my_presentation, name="my_presentation"),
    path("programmer/<int:programme_id>/match/", views.batch_start, name="batch"),
    path("matchkoersler/<int:run_id>/", views.run_detail, name="run_detail"),
    path("programmer/<int:programme_id>/match-indstillinger/", views.matching_settings, name="settings"),
]
