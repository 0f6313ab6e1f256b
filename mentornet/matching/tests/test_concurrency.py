"""Two coordinators propose the last free place of a mentor at the same moment: one wins, nothing double-booked.

This needs two real connections working at once, so it runs on PostgreSQL, where rows are locked with
SELECT … FOR UPDATE. On SQLite every write transaction starts with BEGIN IMMEDIATE and so runs one at a time; the
same recheck inside the transaction is covered there by the sequential tests in test_services.py.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from mentornet.matching.models import Candidate, Proposal
from mentornet.matching.records import places_taken
from mentornet.matching.services import proposal_create
from mentornet.matching.tests.conftest import make_mentor, make_waiting


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_propose_the_last_place_at_once_and_one_is_told(world: Any, alice: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs two concurrent connections with row locks (PostgreSQL)")
    mentor = make_mentor(world.kbh, capacity=1)
    mentees = [make_waiting(world.kbh), make_waiting(world.kbh)]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def propose(mentee: Any) -> None:
        try:
            start.wait()
            proposal_create(actor=alice, mentee=mentee, programme=world.kbh_programme, mentor_ids=[mentor.pk])
            outcomes.append("made")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=propose, args=(mentee,)) for mentee in mentees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(outcomes) == 2 and outcomes.count("made") == 1
    assert "ingen ledig plads" in next(o for o in outcomes if o != "made")
    assert Proposal.objects.count() == 1
    assert Candidate.objects.filter(mentor=mentor).count() == 1
    assert places_taken([mentor.pk]) == {mentor.pk: 1}
