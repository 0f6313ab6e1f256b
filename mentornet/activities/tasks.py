"""Background work for activities: an invitation round."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from mentornet.activities.models import Activity
from mentornet.activities.services import invitations_create


@task()
def send_invitations(*, activity_id: int, language: str) -> int:
    activity = Activity.objects.filter(pk=activity_id).select_related("branch__organisation").first()
    if activity is None:
        return 0
    with translation.override(language):
        return invitations_create(activity)
