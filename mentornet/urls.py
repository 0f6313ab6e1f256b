from django.contrib import admin
from django.urls import include, path

from mentornet.core import views as core_views

urlpatterns = [
    path("", include("mentornet.core.urls")),
    path("", include("mentornet.accounts.urls")),
    path("", include("mentornet.organisations.urls")),
    path("", include("mentornet.people.urls")),
    path("", include("mentornet.matching.urls")),
    path("", include("mentornet.mentorships.urls")),
    path("", include("mentornet.activities.urls")),
    path("", include("mentornet.notifications.urls")),
    path("", include("mentornet.results.urls")),
    path("", include("mentornet.followups.urls")),
    path("", include("mentornet.barometer.urls")),
    path("", include("mentornet.projects.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("favicon.ico", core_views.favicon, name="favicon"),
]

handler400 = "mentornet.core.views.bad_request"
handler403 = "mentornet.core.views.permission_denied"
handler404 = "mentornet.core.views.page_not_found"
handler500 = "mentornet.core.views.server_error"
