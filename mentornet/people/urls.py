from django.urls import path

from mentornet.people.views import consent_texts, duplicates, imports, intake, public, register, rights

app_name = "people"

urlpatterns = [
    path("bliv-mentor/", public.signup_mentor, name="signup_mentor"),
    path("faa-en-mentor/", public.signup_mentee, name="signup_mentee"),
    path("tilmelding/tak/", public.signup_thanks, name="signup_thanks"),
    path("personer/<str:kind_slug>/", register.person_list_view, name="person_list"),
    path("personer/<str:kind_slug>/eksport/", register.person_export, name="person_export"),
    path("personer/<str:kind_slug>/ny/", register.person_create_view, name="person_create"),
    path("person/<int:person_id>/", register.person_detail_view, name="person_detail"),
    path("person/<int:person_id>/rediger/", register.person_edit, name="person_edit"),
    path("person/<int:person_id>/status/", register.person_move_view, name="person_move"),
    path("person/<int:person_id>/foelsomme/", register.person_reveal, name="person_reveal"),
    path("person/<int:person_id>/foelsomme/rediger/", register.sensitive_edit, name="sensitive_edit"),
    path("person/<int:person_id>/visitation/", intake.screening_create, name="screening_create"),
    path("person/<int:person_id>/samtale/", intake.interview_create, name="interview_create"),
    path("person/<int:person_id>/samtykke/", intake.consent_create, name="consent_create"),
    path(
        "person/<int:person_id>/samtykke/<int:consent_id>/tilbagetraek/",
        intake.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("person/<int:person_id>/indsigt/", rights.person_data, name="person_data"),
    path("person/<int:person_id>/slet/", rights.person_erase, name="person_erase"),
    path("dubletter/", duplicates.duplicate_list, name="duplicate_list"),
    path("dubletter/<int:flag_id>/flet/", duplicates.duplicate_resolve, {"action": "merge"}, name="duplicate_merge"),
    path(
        "dubletter/<int:flag_id>/hold-adskilt/",
        duplicates.duplicate_resolve,
        {"action": "keep_apart"},
        name="duplicate_keep_apart",
    ),
    path("henvisninger/", intake.referral_list, name="referral_list"),
    path("henvisninger/ny/", intake.referral_create_view, name="referral_create"),
    path(
        "organisationer/<int:organisation_id>/samtykketekster/",
        consent_texts.consent_text_list,
        name="consent_text_list",
    ),
    path("import/", imports.import_list, name="import_list"),
    path("import/<int:job_id>/", imports.import_detail, name="import_detail"),
    path("import/<int:job_id>/importer/", imports.import_commit, name="import_commit"),
]
