"""Writes for activities: planning and invitations, taking part, links and messages. All audited."""

from mentornet.activities.services.links import (
    feed_url,
    new_participation,
    participation_notify,
    rsvp_url,
    survey_url,
)
from mentornet.activities.services.participation import (
    TooLate,
    attendance_record,
    course_complete,
    move_up,
    participation_cancel,
    participation_enrol,
    rsvp_answer,
    satisfaction_answer,
)
from mentornet.activities.services.planning import (
    ACTIVITY_FIELDS,
    activities_plan_series,
    activity_create,
    activity_invite,
    activity_update,
    calendar_feed_renew,
    invitations_create,
    series_starts,
    session_add,
    session_delete,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "TooLate",
    "activities_plan_series",
    "activity_create",
    "activity_invite",
    "activity_update",
    "attendance_record",
    "calendar_feed_renew",
    "course_complete",
    "feed_url",
    "invitations_create",
    "move_up",
    "new_participation",
    "participation_cancel",
    "participation_enrol",
    "participation_notify",
    "rsvp_answer",
    "rsvp_url",
    "satisfaction_answer",
    "series_starts",
    "session_add",
    "session_delete",
    "survey_url",
]
