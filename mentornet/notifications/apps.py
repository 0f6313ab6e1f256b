from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "mentornet.notifications"
    label = "notifications"
    verbose_name = _("Messages")

    def ready(self) -> None:
        # Each app's `notifications.py` registers its message kinds and periodic jobs.
        autodiscover_modules("notifications")
