"""Demo data for the person register: KVINFO-sized mentor bank, mentees and contact persons, and #MentorIshøj.

At --scale 1 about 1,500 mentors, 1,850 mentees and 580 contact persons across København, Tingbjerg and
Vollsmose (the network's own figures: 1,478 / 1,843 / 583), plus 35 young people and 10 mentors in Ishøj.
People are spread over every stage of their pipeline; some are excluded at screening and some are duplicates.
Everything is synthetic (Faker da_DK).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from mentornet.accounts.models import Membership, Role, User
from mentornet.organisations.models import Branch
from mentornet.people.models import (
    FIRST_STATUS,
    Consent,
    ConsentText,
    ContactProfile,
    DuplicateFlag,
    EthnicBackground,
    ExclusionCategory,
    Gender,
    Interview,
    Kind,
    LabourMarketStatus,
    Language,
    MenteeProfile,
    MentorProfile,
    MentorType,
    Person,
    RecruitmentChannel,
    Referral,
    Screening,
    SensitiveData,
    Source,
    Status,
    StatusChange,
    Topic,
)

S = Status
#: (branch key, mentors, mentees, contact persons, share of women among mentors, among mentees, mentee ages)
BRANCHES = [
    ("kbh", 1200, 1500, 480, 0.78, 0.65, (20, 55)),
    ("tingbjerg", 150, 200, 60, 0.70, 0.55, (20, 55)),
    ("vollsmose", 128, 143, 43, 0.75, 0.60, (20, 55)),
    ("ishoj_branch", 10, 35, 0, 0.55, 0.50, (18, 30)),
]
MENTOR_STAGES = [
    (S.INTERESTED, 10),
    (S.INTERVIEW, 5),
    (S.COURSE_COMPLETED, 5),
    (S.ACTIVE, 55),
    (S.PAUSED, 10),
    (S.STOPPED, 15),
]
MENTEE_STAGES = [
    (S.REFERRED, 8),
    (S.SCREENING, 5),
    (S.INTERVIEW, 5),
    (S.WAITING, 15),
    (S.MATCHED, 30),
    (S.CLOSED, 30),
    (S.REFERRED_ELSEWHERE, 7),
]
MENTEE_LANGUAGES = ["ar", "so", "tr", "ur", "fa", "prs", "ku", "ti", "bs", "pl", "ta", "vi"]
PARTNERS = ["Jobcenter København", "UU København", "Områdesekretariatet Tingbjerg", "CPH West", "Jobcenter Vallensbæk"]
ORGANISATIONS = ["Biblioteket", "Fritidsklubben", "Beboerforeningen", "Sundhedshuset", "Bydelsmødrene", "Somalisk klub"]
AREAS = {
    "kbh": ["Nørrebro", "Vesterbro", "Amager Øst", "Bispebjerg", "Valby"],
    "tingbjerg": ["Tingbjerg"],
    "vollsmose": ["Vollsmose"],
    "ishoj_branch": ["Ishøj Strand", "Vejleåparken", "Ishøj Landsby"],
}
MUNICIPALITY = {"kbh": "København", "tingbjerg": "København", "vollsmose": "Odense", "ishoj_branch": "Ishøj"}


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([value for value, _w in weighted], weights=[w for _v, w in weighted])[0]


def build(fake: Faker, scale: float, places: dict[str, Any]) -> None:
    rng = random.Random(2014)
    today = timezone.localdate()
    languages = {language.code: language for language in Language.objects.all()}
    topics: dict[str, list[Topic]] = {kind: list(Topic.objects.filter(kind=kind)) for kind in Topic.Kind.values}
    texts = {text.purpose: text for text in ConsentText.objects.all()}
    referrers: dict[int, list[User]] = {}
    for membership in Membership.objects.filter(role=Role.REFERRER).select_related("user"):
        if membership.branch_id is not None:
            referrers.setdefault(membership.branch_id, []).append(membership.user)
    coordinators = {
        m.branch_id: m.user for m in Membership.objects.filter(role=Role.COORDINATOR).select_related("user")
    }
    mentor_password = make_password(None)

    for key, mentors, mentees, contacts, women_mentors, women_mentees, ages in BRANCHES:
        branch: Branch = places[key]
        programme = branch.programmes.order_by("pk").first()
        counts = {Kind.MENTOR: mentors, Kind.MENTEE: mentees, Kind.CONTACT: contacts}
        for kind, count in counts.items():
            total = max(round(count * scale), 1 if count else 0)
            people = []
            for _ in range(total):
                women = women_mentors if kind != Kind.MENTEE else women_mentees
                female = rng.random() < women
                low, high = ages if kind == Kind.MENTEE else (25, 72)
                born = today - datetime.timedelta(days=rng.randint(low * 365 + 10, high * 365 + 300))
                registered = timezone.now() - datetime.timedelta(days=rng.randint(5, 6 * 365))
                status = {Kind.MENTOR: _pick(rng, MENTOR_STAGES), Kind.MENTEE: _pick(rng, MENTEE_STAGES)}.get(
                    kind, S.ACTIVE if rng.random() < 0.8 else S.STOPPED
                )
                first = fake.first_name_female() if female else fake.first_name_male()
                last = fake.last_name()
                number = rng.randint(1, 10**6)
                address = fake.street_address()
                people.append(
                    Person(
                        organisation=branch.organisation,
                        branch=branch,
                        programme=programme if kind == Kind.MENTEE else None,
                        kind=kind,
                        status=status,
                        status_changed_at=registered + datetime.timedelta(days=rng.randint(1, 60)),
                        first_name=first,
                        last_name=last,
                        email=f"{slugify(first)}.{slugify(last)}.{number}@eksempel.example",
                        phone=f"+45{rng.randint(20000000, 99999999)}",
                        birth_date=born,
                        gender=Gender.FEMALE if female else Gender.MALE,
                        street=address,
                        postcode=branch.postcode or "2400",
                        city=branch.city,
                        municipality=MUNICIPALITY[key],
                        area=rng.choice(AREAS[key]),
                        recruitment_channel=rng.choice(RecruitmentChannel.values),
                        source=rng.choice([Source.SIGNUP, Source.SIGNUP, Source.MANUAL, Source.REFERRAL])
                        if kind == Kind.MENTEE
                        else rng.choice([Source.SIGNUP, Source.MANUAL]),
                        created_at=registered,
                    )
                )
            Person.objects.bulk_create(people, batch_size=1000)
            _profiles(kind, people, rng, topics, today)
            _relations(people, kind, rng, languages, topics)
            _history(kind, people, rng, texts, referrers.get(branch.pk, []), coordinators.get(branch.pk), programme)
            if kind == Kind.MENTOR:
                demo_mentor = User.objects.filter(email="mentor@mentornet.example").first() if key == "kbh" else None
                _logins(people, mentor_password, demo_mentor)
    _duplicates(rng, scale)


def _profiles(
    kind: str, people: list[Person], rng: random.Random, topics: dict[str, list[Topic]], today: datetime.date
) -> None:
    if kind == Kind.MENTOR:
        trained = {S.COURSE_COMPLETED, S.ACTIVE, S.PAUSED, S.STOPPED}
        MentorProfile.objects.bulk_create(
            (
                MentorProfile(
                    person=p,
                    mentor_type=rng.choice(MentorType.values),
                    occupation=rng.choice(
                        [
                            "Lærer",
                            "Sygeplejerske",
                            "Ingeniør",
                            "Pensioneret skolelærer",
                            "Jurist",
                            "Studerende",
                            "Kontorfuldmægtig",
                            "Pædagog",
                        ]
                    ),
                    availability=rng.choice([1, 2, 3, 4, 6, 7]),
                    capacity=rng.choice([1, 1, 1, 2]),
                    mentee_gender_wish=rng.choice(["", "", "", "female"]),
                    other_branches=rng.random() < 0.2,
                    course_completed_on=(p.created_at + datetime.timedelta(days=30)).date()
                    if p.status in trained
                    else None,
                )
                for p in people
            ),
            batch_size=1000,
        )
    elif kind == Kind.MENTEE:
        MenteeProfile.objects.bulk_create(
            (
                MenteeProfile(
                    person=p,
                    goals=rng.choice(
                        [
                            "Komme i gang med en uddannelse",
                            "Finde et job",
                            "Blive bedre til dansk",
                            "Få et netværk",
                            "Gennemføre min uddannelse",
                        ]
                    ),
                    labour_market_status=rng.choice(LabourMarketStatus.values),
                    at_risk_of_dropout=rng.random() < 0.2,
                    mentor_gender_wish="female" if p.gender == Gender.FEMALE and rng.random() < 0.4 else "",
                    mentor_gender_required=rng.random() < 0.1,
                    mentor_type_need=rng.choice(MentorType.values),
                    asked_for_mentor=p.source != Source.REFERRAL or rng.random() < 0.3,
                    waiting_since=(timezone.localdate() - datetime.timedelta(days=rng.randint(3, 240)))
                    if p.status == S.WAITING
                    else None,
                )
                for p in people
            ),
            batch_size=1000,
        )
        SensitiveData.objects.bulk_create(
            (
                SensitiveData(
                    person=p,
                    ethnic_background=EthnicBackground.MINORITY,
                    country_of_origin=rng.choice(
                        ["Somalia", "Irak", "Tyrkiet", "Pakistan", "Syrien", "Afghanistan", "Libanon", "Eritrea"]
                    ),
                )
                for p in people
                if rng.random() < 0.7
            ),
            batch_size=1000,
        )
    else:
        ContactProfile.objects.bulk_create(
            (
                ContactProfile(
                    person=p,
                    organisation_name=rng.choice(ORGANISATIONS),
                    role_title=rng.choice(["Frivillig", "Leder", "Medarbejder"]),
                )
                for p in people
            ),
            batch_size=1000,
        )


def _relations(
    people: list[Person], kind: str, rng: random.Random, languages: dict[str, Language], topics: dict[str, list[Topic]]
) -> None:
    through = Person.languages.through
    rows: list[Any] = []
    for p in people:
        spoken = (
            {"da"}
            | ({rng.choice(MENTEE_LANGUAGES)} if kind == Kind.MENTEE else set())
            | ({"en"} if rng.random() < 0.6 else set())
        )
        rows.extend(through(person_id=p.pk, language_id=languages[code].pk) for code in spoken)
    through.objects.bulk_create(rows, batch_size=2000)
    interests = Person.interests.through
    interests.objects.bulk_create(
        (interests(person_id=p.pk, topic_id=t.pk) for p in people for t in rng.sample(topics["interest"], 2)),
        batch_size=2000,
    )
    if kind == Kind.MENTOR:
        for name, topic_kind in (("competences", "support"), ("fields", "field")):
            model = getattr(MentorProfile, name).through
            model.objects.bulk_create(
                (
                    model(mentorprofile_id=p.pk, topic_id=t.pk)
                    for p in people
                    for t in rng.sample(topics[topic_kind], 2)
                ),
                batch_size=2000,
            )
    elif kind == Kind.MENTEE:
        for name, topic_kind in (("needs", "support"), ("education_wishes", "field")):
            model = getattr(MenteeProfile, name).through
            model.objects.bulk_create(
                (
                    model(menteeprofile_id=p.pk, topic_id=t.pk)
                    for p in people
                    for t in rng.sample(topics[topic_kind], 2)
                ),
                batch_size=2000,
            )


def _history(
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


def _logins(people: list[Person], password: str, demo_user: User | None) -> None:
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


def _duplicates(rng: random.Random, scale: float) -> None:
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
