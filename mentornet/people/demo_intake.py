"""Demo data for the person register, continued: consents, referrals, screenings, interviews, logins, duplicates."""

from __future__ import annotations

import random
from typing import Any

from django.utils import timezone

from mentornet.accounts.models import Membership, Role, User
from mentornet.people.models import (
    FIRST_STATUS,
    Consent,
    ConsentText,
    DuplicateFlag,
    ExclusionCategory,
    Interview,
    Kind,
    MenteeProfile,
    Person,
    Referral,
    Screening,
    Source,
    Status,
    StatusChange,
)

S = Status
PARTNERS = ["Jobcenter København", "UU København", "Områdesekretariatet Tingbjerg", "CPH West", "Jobcenter Vallensbæk"]


def history(
    kind: str,
    people: list[Person],
    rng: random.Random,
    texts: dict[str, ConsentText],
    referrers: list[User],
    coordinator: User | None,
    programme: Any,
) -> None:
    first = FIRST_STATUS[kind]
    changes = [StatusChange(person=p, to_status=first, changed_at=p.created_at) for p in people]
    changes += [
        StatusChange(
            person=p, from_status=first, to_status=p.status, changed_at=p.status_changed_at, changed_by=coordinator
        )
        for p in people
        if p.status != first
    ]
    StatusChange.objects.bulk_create(changes, batch_size=2000)
    if kind == Kind.CONTACT:
        return
    purpose = "mentor_signup" if kind == Kind.MENTOR else "mentee_signup"
    consents = Consent.objects.bulk_create(
        (
            Consent(
                person=p,
                text=texts["referral" if p.source == Source.REFERRAL else purpose],
                method=Consent.Method.VIA_REFERRER if p.source == Source.REFERRAL else Consent.Method.ONLINE,
                given_at=p.created_at,
            )
            for p in people
        ),
        batch_size=2000,
    )
    if kind != Kind.MENTEE:
        return
    by_person = {c.person_id: c for c in consents}
    Referral.objects.bulk_create(
        (
            Referral(
                person=p,
                branch=p.branch,
                referrer=rng.choice(referrers),
                partner=rng.choice(PARTNERS),
                reason="Ønsker hjælp til at komme i uddannelse.",
                motivation=rng.choice(Referral.Motivation.values),
                consent=by_person[p.pk],
                created_at=p.created_at,
            )
            for p in people
            if p.source == Source.REFERRAL and referrers
        ),
        batch_size=2000,
    )
    screened = {S.INTERVIEW, S.WAITING, S.MATCHED, S.CLOSED, S.REFERRED_ELSEWHERE}
    Screening.objects.bulk_create(
        (
            Screening(
                person=p,
                programme=programme,
                screened_by=coordinator,
                screened_on=p.status_changed_at.date(),
                age_ok=True,
                residence_ok=True,
                target_group_ok=p.status != S.REFERRED_ELSEWHERE,
                motivation=rng.choice(Screening.Motivation.values),
                outcome=Screening.Outcome.EXCLUDED if p.status == S.REFERRED_ELSEWHERE else Screening.Outcome.ELIGIBLE,
                exclusion_category=rng.choice(
                    [
                        ExclusionCategory.PROFESSIONAL_HELP,
                        ExclusionCategory.NOT_MOTIVATED,
                        ExclusionCategory.OUTSIDE_TARGET_GROUP,
                    ]
                )
                if p.status == S.REFERRED_ELSEWHERE
                else "",
                referred_to="Jobcentrets mentorordning" if p.status == S.REFERRED_ELSEWHERE else "",
            )
            for p in people
            if p.status in screened
        ),
        batch_size=2000,
    )
    Interview.objects.bulk_create(
        (
            Interview(
                person=p,
                held_on=p.status_changed_at.date(),
                held_by=coordinator,
                summary="Samtale om ønsker, interesser og baggrund.",
            )
            for p in people
            if p.status in screened - {S.REFERRED_ELSEWHERE}
        ),
        batch_size=2000,
    )


def logins(people: list[Person], password: str, demo_user: User | None) -> None:
    """Active and paused mentors have a login, to log meetings; the others do not. The demo mentor is one of them."""
    active = [p for p in people if p.status in {S.ACTIVE, S.PAUSED}]
    if demo_user is not None and active:
        first = active.pop(0)
        first.first_name, _space, first.last_name = demo_user.full_name.partition(" ")
        first.email, first.user = demo_user.email, demo_user
        first.save(update_fields=["first_name", "last_name", "email", "user"])
    users = User.objects.bulk_create(
        (User(email=p.email, full_name=p.full_name, phone=p.phone, password=password) for p in active), batch_size=1000
    )
    Membership.objects.bulk_create(
        (
            Membership(user=u, role=Role.MENTOR, organisation_id=p.organisation_id, branch_id=p.branch_id)
            for u, p in zip(users, active, strict=True)
        ),
        batch_size=1000,
    )
    for user, person in zip(users, active, strict=True):
        person.user = user
    Person.objects.bulk_update(active, ["user"], batch_size=1000)


def duplicates(rng: random.Random, scale: float) -> None:
    """About one in a hundred mentees signed up twice; the second sign-up waits for the coordinator's check."""
    originals = list(
        Person.objects.filter(kind=Kind.MENTEE, status=S.REFERRED).order_by("pk")[: max(round(18 * scale), 2)]
    )
    for original in originals:
        twin = Person.objects.get(pk=original.pk)
        twin.pk = None
        twin.first_name = original.first_name.upper() if rng.random() < 0.5 else original.first_name
        twin.phone = ""
        twin.source = Source.SIGNUP
        twin.created_at = timezone.now()
        twin.save()
        MenteeProfile.objects.create(person=twin, goals=original.mentee_profile.goals)
        StatusChange.objects.create(person=twin, to_status=twin.status)
        DuplicateFlag.objects.create(person=twin, existing=original, reason=DuplicateFlag.Reason.EMAIL)
