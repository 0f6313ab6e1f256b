from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from mentornet.followups.models import ExitEvaluation, FollowUp, WorkAbilityAssessment
from mentornet.followups.notifications import send_exit_evaluations, send_follow_ups
from mentornet.mentorships.models import Mentorship, MentorshipKind

pytestmark = pytest.mark.django_db


def test_the_demo_has_follow_ups_with_answers_and_non_responses_evaluations_and_assessments() -> None:
    call_command("demo", "--scale", "0.1", stdout=StringIO())
    states = dict(FollowUp.objects.values_list("state").annotate(n=Count("pk")))
    for state in ("answered", "phone", "no_answer", "scheduled"):
        assert states.get(state, 0) > 0, state
    outcomes = set(FollowUp.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert {"education", "job", "other"} <= outcomes
    assert not FollowUp.objects.filter(state="no_answer").exclude(outcome="").exists()
    assert ExitEvaluation.objects.filter(answered_at__isnull=False).exists()
    assert WorkAbilityAssessment.objects.exists()
    assert not WorkAbilityAssessment.objects.exclude(mentorship__kind=MentorshipKind.PRAKTIK).exists()
    assert FollowUp.objects.count() == Mentorship.objects.filter(follow_up__isnull=False).count()
    # The periodic jobs find nothing new to make for the demo's history.
    before = (FollowUp.objects.count(), ExitEvaluation.objects.count())
    send_exit_evaluations(timezone.now())
    send_follow_ups(timezone.now())
    assert (FollowUp.objects.count(), ExitEvaluation.objects.count()) == before
