"""Demo data for organisations: the organisations, branches and programmes of the source documents.

Names, addresses and targets of organisations come from the source documents (public reference data);
every person, e-mail address and phone number is synthetic.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from faker import Faker

from mentornet.core.demo import person_name
from mentornet.organisations.models import Branch, Organisation, OrganisationLogo, Programme, Target

M = Target.Metric
K = Target.Kind
G = Target.Gender


def _logo(initials: str, colour: str) -> bytes:
    """A made-up logo (the initials on a coloured square) for the reports: never an organisation's real logo."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (240, 240), colour)
    font = ImageFont.load_default(size=110)
    ImageDraw.Draw(image).text((120, 120), initials, fill="white", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _targets(
    programme: Programme, rows: list[tuple[str, str, str, tuple[datetime.date, datetime.date], str, str | None, str]]
) -> None:
    Target.objects.bulk_create(
        Target(
            programme=programme,
            metric=metric,
            kind=kind,
            gender=gender,
            period_start=period[0],
            period_end=period[1],
            value=Decimal(value),
            value_max=Decimal(value_max) if value_max else None,
            note=note,
        )
        for metric, kind, gender, period, value, value_max, note in rows
    )


KK = "Københavns Kommune"
INM = "Ministeriet for Flygtninge, Indvandrere og Integration"
SATSPULJE = "Styrelsen for Arbejdsmarked og Rekruttering – satspuljemidler"


def _funders(programme: Programme, funders: dict[str, list[str]]) -> None:
    """Who each target is reported to: the funders split the targets between them by metric [000, 001]."""
    for funder, metrics in funders.items():
        Target.objects.filter(programme=programme, metric__in=metrics).update(funder=funder)


def build(fake: Faker, scale: float) -> dict[str, object]:
    """Create the organisations; returns them by key for the other demo builders."""
    kvinfo = Organisation.objects.create(
        name="KVINFOs Mentornetværk",
        logo_type="image/png",
        kind=Organisation.Kind.NETWORK,
        street="Christians Brygge 3",
        postcode="1219",
        city="København K",
        cvr="12919247",
        phone=fake.phone_number(),
        email="mentornet@kvinfo.example",
        website="https://kvinfo.example",
        contact_name=person_name(fake),
        contact_title="Direktør",
        legal_name=person_name(fake),
        legal_title="Sekretariatsleder",
    )
    OrganisationLogo.objects.create(organisation=kvinfo, image=_logo("KV", "#7a1f3d"))
    kbh = Branch.objects.create(
        organisation=kvinfo,
        name="København",
        street="Christians Brygge 3",
        postcode="1219",
        city="København K",
        district="Indre By",
        municipality="Københavns Kommune",
        phone=fake.phone_number(),
        email="kbh@kvinfo.example",
    )
    tingbjerg = Branch.objects.create(
        organisation=kvinfo,
        name="Tingbjerg",
        street="Midtfløjene 14",
        postcode="2700",
        city="Brønshøj",
        district="Brønshøj-Husum",
        municipality="Københavns Kommune",
        premises="Områdesekretariatet, Tingbjerg, stiller lokaler til rådighed",
        phone=fake.phone_number(),
        email="tingbjerg@kvinfo.example",
    )
    vollsmose = Branch.objects.create(
        organisation=kvinfo,
        name="Vollsmose",
        postcode="5240",
        city="Odense NØ",
        district="Vollsmose",
        municipality="Odense Kommune",
        phone=fake.phone_number(),
        email="vollsmose@kvinfo.example",
    )
    kbh_programme = Programme.objects.create(
        branch=kbh,
        name="Mentornetværket København",
        description="Frivillige mentorer for kvinder og mænd med etnisk minoritetsbaggrund i hovedstadsområdet.",
        mentee_min_age=18,
        target_group="Kvinder og mænd med etnisk minoritetsbaggrund, fra begyndelsen af 20'erne til i 50'erne.",
    )
    # Synthetic: yearly criteria of the kind the source documents set (000_…, 001_…), for last year and this year,
    # sized to the demo's volume (``scale``), so the results page has targets inside the demo's records.
    year = timezone.localdate().year
    demo = "Demo: årlige succeskriterier efter mønster fra ansøgningerne."

    def n(value: int) -> str:
        return str(max(1, round(value * scale)))

    _targets(
        kbh_programme,
        [
            row
            for y in (year - 1, year)
            for row in [
                (M.MENTORSHIPS_STARTED, K.COUNT_AT_LEAST, G.MALE, _year(y), n(70), None, demo),
                (M.MENTORSHIPS_STARTED, K.COUNT_AT_LEAST, G.FEMALE, _year(y), n(130), None, demo),
                (M.MENTORSHIPS_COUNTED, K.COUNT_AT_LEAST, G.ANY, _year(y), n(180), None, demo),
                (M.CONTACT_PERSONS_RECRUITED, K.COUNT_AT_LEAST, G.ANY, _year(y), n(60), None, demo),
                (M.ACTIVE_MENTORS, K.AVERAGE_BETWEEN, G.ANY, _year(y), n(300), n(380), demo),
                (M.IN_EDUCATION_AT_FOLLOW_UP, K.SHARE_AT_LEAST, G.ANY, _year(y), "35", None, demo),
                (M.NETWORK_EVENTS, K.COUNT_AT_LEAST, G.ANY, _year(y), "5", None, demo),
                (M.MENTOR_COURSES, K.COUNT_AT_LEAST, G.ANY, _year(y), "2", None, demo),
                (M.MENTEE_COURSES, K.COUNT_AT_LEAST, G.ANY, _year(y), "2", None, demo),
            ]
        ],
    )
    # Synthetic split between KVINFO's two funders, as in the Tingbjerg budget [000].
    _funders(
        kbh_programme,
        {
            KK: [M.MENTORSHIPS_STARTED, M.MENTORSHIPS_COUNTED, M.NETWORK_EVENTS, M.IN_EDUCATION_AT_FOLLOW_UP],
            INM: [M.CONTACT_PERSONS_RECRUITED, M.ACTIVE_MENTORS, M.MENTOR_COURSES, M.MENTEE_COURSES],
        },
    )
    tingbjerg_programme = Programme.objects.create(
        branch=tingbjerg,
        name="KVINFOs Mentornetværk i Tingbjerg",
        description=(
            "Et positivt anerkendende integrationstiltag i et socialt belastet boligområde: netværk mellem "
            "borgere i Tingbjerg og ressourcestærke mentorer i og uden for området."
        ),
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2011, 12, 31),
        mentee_min_age=18,
        residence_requirement="Tingbjerg",
        target_group="Beboere i Tingbjerg uden for eller med løs tilknytning til arbejdsmarkedet.",
    )
    timeline = "Ansøgningens tidsplan for året. Aktivitetstabellen siger 25 mænd og 30 kvinder om året."
    _targets(
        tingbjerg_programme,
        [
            (M.MENTEES_RECRUITED, K.COUNT_AT_LEAST, G.MALE, _year(2010), "25", None, "Rekruttering per år."),
            (M.MENTEES_RECRUITED, K.COUNT_AT_LEAST, G.FEMALE, _year(2010), "30", None, "Rekruttering per år."),
            (M.MENTEES_RECRUITED, K.COUNT_AT_LEAST, G.MALE, _year(2011), "25", None, "Rekruttering per år."),
            (M.MENTEES_RECRUITED, K.COUNT_AT_LEAST, G.FEMALE, _year(2011), "30", None, "Rekruttering per år."),
            (M.CONTACT_PERSONS_RECRUITED, K.COUNT_AT_LEAST, G.ANY, _year(2010), "20", None, ""),
            (M.CONTACT_PERSONS_RECRUITED, K.COUNT_AT_LEAST, G.ANY, _year(2011), "20", None, ""),
            (M.MENTORSHIPS_STARTED, K.COUNT_AT_LEAST, G.MALE, _year(2010), "30", None, timeline),
            (M.MENTORSHIPS_STARTED, K.COUNT_AT_LEAST, G.FEMALE, _year(2010), "40", None, timeline),
            (M.MENTORSHIPS_STARTED, K.COUNT_AT_LEAST, G.MALE, _year(2011), "20", None, timeline),
            (M.MENTORSHIPS_STARTED, K.COUNT_AT_LEAST, G.FEMALE, _year(2011), "20", None, timeline),
            (
                M.MENTORSHIPS_COUNTED,
                K.COUNT_AT_LEAST,
                G.MALE,
                (datetime.date(2010, 1, 1), datetime.date(2011, 12, 31)),
                "50",
                None,
                "Kvalificerede match i hele projektperioden.",
            ),
            (
                M.MENTORSHIPS_COUNTED,
                K.COUNT_AT_LEAST,
                G.FEMALE,
                (datetime.date(2010, 1, 1), datetime.date(2011, 12, 31)),
                "60",
                None,
                "Kvalificerede match i hele projektperioden.",
            ),
            (
                M.NETWORK_EVENTS,
                K.COUNT_AT_LEAST,
                G.ANY,
                _year(2010),
                "5",
                None,
                "Et hver anden måned, dog ikke i sommerperioden.",
            ),
            (
                M.NETWORK_EVENTS,
                K.COUNT_AT_LEAST,
                G.ANY,
                _year(2011),
                "5",
                None,
                "Et hver anden måned, dog ikke i sommerperioden.",
            ),
            (M.MENTOR_COURSES, K.COUNT_AT_LEAST, G.ANY, _year(2010), "2", None, ""),
            (M.MENTOR_COURSES, K.COUNT_AT_LEAST, G.ANY, _year(2011), "2", None, ""),
            (M.MENTEE_COURSES, K.COUNT_AT_LEAST, G.ANY, _year(2010), "2", None, ""),
            (M.MENTEE_COURSES, K.COUNT_AT_LEAST, G.ANY, _year(2011), "2", None, ""),
        ],
    )
    _funders(
        tingbjerg_programme,
        {
            KK: [M.MENTEES_RECRUITED, M.MENTORSHIPS_STARTED, M.NETWORK_EVENTS],
            INM: [M.CONTACT_PERSONS_RECRUITED, M.MENTORSHIPS_COUNTED, M.MENTOR_COURSES, M.MENTEE_COURSES],
        },
    )
    Programme.objects.create(
        branch=vollsmose,
        name="Mentornetværket Vollsmose",
        mentee_min_age=18,
        residence_requirement="Odense Kommune",
    )

    ishoj = Organisation.objects.create(
        name="Ishøj Kommune",
        logo_type="image/png",
        kind=Organisation.Kind.MUNICIPALITY,
        street="Ishøj Store Torv 20",
        postcode="2635",
        city="Ishøj",
        phone=fake.phone_number(),
        email="mentorishoj@ishoj.example",
        contact_name=person_name(fake),
        contact_title="Projektleder",
    )
    OrganisationLogo.objects.create(organisation=ishoj, image=_logo("IK", "#1f4e79"))
    ishoj_branch = Branch.objects.create(
        organisation=ishoj,
        name="#MentorIshøj",
        postcode="2635",
        city="Ishøj",
        municipality="Ishøj Kommune",
        premises="Lokaler deles med Ung På Vej om aftenen",
        phone=fake.phone_number(),
        email="mentorishoj@ishoj.example",
    )
    ishoj_programme = Programme.objects.create(
        branch=ishoj_branch,
        name="#MentorIshøj – Frivilligt mentorkorps for unge",
        description="Frivillige mentorer for unge i Ishøj, der skal i gang med eller fastholdes i uddannelse.",
        start_date=datetime.date(2014, 8, 1),
        end_date=datetime.date(2016, 12, 31),
        mentee_min_age=18,
        mentee_max_age=30,
        residence_requirement="Ishøj Kommune",
        target_group="Uddannelsesparate unge, og unge i uddannelse der er frafaldstruede.",
        course_required=True,
        max_mentors_proposed=2,
        meeting_threshold=2,
        planned_duration_months=6,
        follow_up_months=6,
    )
    project = (datetime.date(2014, 8, 1), datetime.date(2016, 12, 31))
    counted = "Succeskriterium 1: tæller unge, der har holdt mere end ét møde med deres mentor."
    _targets(
        ishoj_programme,
        [
            (M.MENTORSHIPS_COUNTED, K.COUNT_AT_LEAST, G.ANY, _year(2015), "15", None, counted),
            (M.MENTORSHIPS_COUNTED, K.COUNT_AT_LEAST, G.ANY, _year(2016), "15", None, counted),
            (M.MENTORSHIPS_COUNTED, K.COUNT_AT_LEAST, G.ANY, project, "30", None, counted),
            (
                M.IN_EDUCATION_AT_FOLLOW_UP,
                K.SHARE_AT_LEAST,
                G.ANY,
                project,
                "50",
                None,
                "Succeskriterium 2: i uddannelse 6 måneder efter forløbets afslutning.",
            ),
            (
                M.ACTIVE_MENTORS,
                K.AVERAGE_BETWEEN,
                G.ANY,
                project,
                "8",
                "10",
                "Succeskriterium 3: gennemsnit over hele projektforløbet.",
            ),
        ],
    )

    # The yearly counts are Ishøj's own; the project-wide criteria are the satspulje grant's [001].
    _funders(ishoj_programme, {"Ishøj Kommune": [M.MENTORSHIPS_COUNTED]})
    Target.objects.filter(programme=ishoj_programme, period_start=project[0], period_end=project[1]).update(
        funder=SATSPULJE
    )

    copenhagen = Organisation.objects.create(
        name="Københavns Kommune",
        kind=Organisation.Kind.MUNICIPALITY,
        city="København",
        contact_title="Beskæftigelses- og Integrationsforvaltningen",
        email="integration@kk.example",
    )
    return {
        "kvinfo": kvinfo,
        "kbh": kbh,
        "tingbjerg": tingbjerg,
        "vollsmose": vollsmose,
        "ishoj": ishoj,
        "ishoj_branch": ishoj_branch,
        "copenhagen": copenhagen,
    }
