from django.urls import path

from mentornet.matching.views import coordinator, mentor

app_name = "matching"

urlpatterns = [
    path("person/<int:person_id>/find-mentor/", coordinator.find_mentor, name="find_mentor"),
    path("person/<int:person_id>/find-mentor/udeluk/", coordinator.exclusion_create, name="exclusion_create"),
    path(
        "person/<int:person_id>/find-mentor/udeluk/<int:exclusion_id>/fortryd/",
        coordinator.exclusion_delete,
        name="exclusion_delete",
    ),
    path("forslag/<int:proposal_id>/", coordinator.proposal_detail, name="proposal_detail"),
    path("forslag/<int:proposal_id>/valg/", coordinator.proposal_choose_view, name="proposal_choose"),
    path("forslag/<int:proposal_id>/traek-tilbage/", coordinator.proposal_withdraw_view, name="proposal_withdraw"),
    path("forslag/<int:proposal_id>/foerste-moede/", coordinator.proposal_first_meeting, name="proposal_first_meeting"),
    path("valg/<str:token>/", mentor.choose, name="choose"),
    path("mine-forslag/", mentor.my_proposals, name="my_proposals"),
    path("mine-forslag/<int:candidate_id>/svar/", mentor.my_proposal_respond, name="my_proposal_respond"),
    path("mine-forslag/<int:candidate_id>/foerste-moede/", mentor.my_first_meeting, name="my_first_meeting"),
    path("min-praesentation/", mentor.my_presentation, name="my_presentation"),
    path("programmer/<int:programme_id>/match/", coordinator.batch_start, name="batch"),
    path("matchkoersler/<int:run_id>/", coordinator.run_detail, name="run_detail"),
    path("programmer/<int:programme_id>/match-indstillinger/", coordinator.matching_settings, name="settings"),
]
