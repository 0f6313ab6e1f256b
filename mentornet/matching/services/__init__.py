"""Writes for matching: exclusions, proposals and their life (choice, answer, first meeting), batch runs, settings.

A proposal reserves its mentors: a mentor's places are their capacity minus the candidacies that hold a place
(``selectors.holding_a_place``). Creating a proposal locks the mentors' rows and checks every hard constraint again
inside the transaction, so two coordinators proposing the same last place at the same moment cannot both succeed.
"""

from mentornet.matching.services.exclusions import (
    exclusion_add,
    exclusion_remove,
    matching_settings_update,
    mentor_presentation_update,
)
from mentornet.matching.services.proposals import (
    choice_url,
    first_meeting_record,
    mentor_respond,
    proposal_choose,
    proposal_create,
    proposal_token,
    proposal_withdraw,
    proposals_expire,
)
from mentornet.matching.services.runs import batch_for, match_run_accept, match_run_execute, match_run_start

__all__ = [
    "batch_for",
    "choice_url",
    "exclusion_add",
    "exclusion_remove",
    "first_meeting_record",
    "match_run_accept",
    "match_run_execute",
    "match_run_start",
    "matching_settings_update",
    "mentor_presentation_update",
    "mentor_respond",
    "proposal_choose",
    "proposal_create",
    "proposal_token",
    "proposal_withdraw",
    "proposals_expire",
]
