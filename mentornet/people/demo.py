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
from mentornet.people import demo_intake
from mentornet.people.models import (
    ConsentText,
    ContactProfile,
    EthnicBackground,
    Gender,
    Kind,
    LabourMarketStatus,
    Language,
    MenteeProfile,
    MentorProfile,
    MentorType,
    Person,
    RecruitmentChannel,
    SensitiveData,
    Source,
    Status,
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
            demo_intake.history(
                kind, people, rng, texts, referrers.get(branch.pk, []), coordinators.get(branch.pk), programme
            )
            if kind == Kind.MENTOR:
                demo_mentor = User.objects.filter(email="mentor@mentornet.example").first() if key == "kbh" else None
                demo_intake.logins(people, mentor_password, demo_mentor)
    demo_intake.duplicates(rng, scale)


BACKGROUND_WISHES = [("", 85), ("same", 8), ("danish", 5), ("minority", 2)]
PRESENTATION_OPENINGS = [
    "Jeg hedder {name} og arbejder som {work}.",
    "Hej! Jeg er {name}, til daglig {work}.",
    "Mit navn er {name}. Jeg er {work} og har boet i området i mange år.",
]
PRESENTATION_MIDDLES = [
    "Jeg har selv prøvet at starte forfra og ved, hvor meget en god samtale kan betyde.",
    "Jeg kan hjælpe med lektier, ansøgninger og med at finde vej i systemet.",
    "Jeg er god til at lytte og til at finde små skridt, der gør en forskel.",
    "Jeg kender uddannelsessystemet godt og hjælper gerne med at vælge vej.",
]
PRESENTATION_ENDINGS = [
    "I min fritid går jeg til fodbold og laver mad.",
    "Jeg elsker at gå ture og drikke kaffe på en café.",
    "Jeg læser meget og går gerne på biblioteket.",
    "Jeg cykler overalt og spiller lidt guitar.",
]


def _presentation(rng: random.Random, person: Person, work: str) -> str:
    """A short synthetic presentation; a few mentors have not written one yet."""
    if rng.random() < 0.1:
        return ""
    work = work.lower()
    return " ".join(
        [
            rng.choice(PRESENTATION_OPENINGS).format(name=person.first_name, work=work),
            rng.choice(PRESENTATION_MIDDLES),
            rng.choice(PRESENTATION_ENDINGS),
        ]
    )


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
                    occupation=(
                        work := rng.choice(
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
                        )
                    ),
                    availability=rng.choice([1, 2, 3, 4, 6, 7]),
                    capacity=rng.choice([1, 1, 1, 2]),
                    mentee_gender_wish=rng.choice(["", "", "", "female"]),
                    other_branches=rng.random() < 0.2,
                    presentation=_presentation(rng, p, work),
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
                    availability=rng.choice([1, 2, 2, 3, 4, 6, 7]),
                    mentor_background_wish=_pick(rng, BACKGROUND_WISHES),
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
