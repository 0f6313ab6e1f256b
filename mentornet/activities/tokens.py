"""The secrets in no-login links: derived from a stored salt and the site's secret key, only their hash stored."""

from __future__ import annotations

from mentornet.activities.models import CalendarFeed, Participation
from mentornet.core.links import link_token, token_hash

__all__ = ["feed_token", "rsvp_token", "survey_token", "token_hash"]

RSVP_PURPOSE = "mentornet.activities.rsvp"
SURVEY_PURPOSE = "mentornet.activities.satisfaction"
FEED_PURPOSE = "mentornet.activities.feed"


def rsvp_token(participation: Participation) -> str:
    return link_token(RSVP_PURPOSE, participation.token_salt)


def survey_token(participation: Participation) -> str:
    return link_token(SURVEY_PURPOSE, participation.token_salt)


def feed_token(feed: CalendarFeed) -> str:
    return link_token(FEED_PURPOSE, feed.token_salt)
