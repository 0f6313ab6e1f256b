from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("mentornet.core.urls")),
    path("", include("mentornet.accounts.urls")),
    path("", include("mentornet.organisations.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler400 = "mentornet.core.views.bad_request"
handler403 = "mentornet.core.views.permission_denied"
handler404 = "mentornet.core.views.page_not_found"
handler500 = "mentornet.core.views.server_error"
