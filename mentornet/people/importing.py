"""Reading a legacy register (CSV or Excel) and turning its rows into people: no writes here.

The same code runs for the dry run and for the import, so what the report promises is what happens.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from mentornet.organisations.models import Organisation
from mentornet.people.models import (
    PIPELINES,
    Kind,
    Language,
    MentorType,
    Person,
    Status,
    Topic,
)
from mentornet.people.parsing import (
    ParseError,
    normalise_name,
    normalised_similarity,
    parse_birth_date,
    parse_bool,
    parse_date,
    parse_email,
    parse_gender,
    parse_int,
    parse_phone,
    split_list,
)
from mentornet.people.services.person import PersonInput
from mentornet.people.spreadsheets import blank, is_blank_row

SIMILAR_NAME = 0.85


@dataclass(frozen=True)
class Target:
    """A field a spreadsheet column can be mapped to."""

    key: str
    label: StrOrPromise
    kinds: tuple[str, ...] = (Kind.MENTOR, Kind.MENTEE, Kind.CONTACT)
    aliases: tuple[str, ...] = ()


TARGETS: list[Target] = [
    Target("full_name", _("Full name"), aliases=("navn", "name", "fulde navn", "fuldt navn")),
    Target("first_name", _("First name"), aliases=("fornavn", "first name", "firstname")),
    Target("last_name", _("Last name"), aliases=("efternavn", "last name", "surname", "lastname")),
    Target("email", _("E-mail"), aliases=("e-mail", "email", "mail", "e-mailadresse")),
    Target("phone", _("Phone"), aliases=("telefon", "tlf", "tlf.", "mobil", "phone", "telefonnummer")),
    Target("birth_date", _("Date of birth"), aliases=("fødselsdato", "født", "birth date", "date of birth")),
    Target("gender", _("Gender"), aliases=("køn", "gender", "sex")),
    Target("street", _("Street address"), aliases=("adresse", "vej", "address")),
    Target("postcode", _("Postcode"), aliases=("postnr", "postnr.", "postnummer", "postcode")),
    Target("city", _("City"), aliases=("by", "city")),
    Target("municipality", _("Municipality of residence"), aliases=("kommune", "bopælskommune")),
    Target("area", _("Area"), aliases=("område", "bydel", "boligområde", "area")),
    Target("languages", _("Languages"), aliases=("sprog", "languages")),
    Target("interests", _("Interests"), aliases=("interesser", "interests", "fritidsinteresser")),
    Target("status", _("Status"), aliases=("status",)),
    Target("registered", _("Registered"), aliases=("oprettet", "registreret", "tilmeldt")),
    Target("consent_date", _("Consent given"), aliases=("samtykke", "samtykke givet", "samtykkedato")),
    Target("note", _("Note"), aliases=("note", "noter", "bemærkninger", "kommentar")),
    Target("mentor_type", _("Mentor type"), (Kind.MENTOR,), ("mentortype", "type")),
    Target("occupation", _("Occupation"), (Kind.MENTOR,), ("erhverv", "stilling", "job", "beskæftigelse")),
    Target("education", _("Education"), (Kind.MENTOR,), ("uddannelse",)),
    Target("fields", _("Fields of work and education"), (Kind.MENTOR,), ("fagområde", "fagområder", "branche")),
    Target("competences", _("What they can help with"), (Kind.MENTOR,), ("kompetencer", "kan hjælpe med")),
    Target("capacity", _("Mentees at a time"), (Kind.MENTOR,), ("kapacitet", "antal mentees")),
    Target("course_completed_on", _("Course completed"), (Kind.MENTOR,), ("kursus", "kursus gennemført")),
    Target("other_branches", _("Can mentor in other branches"), (Kind.MENTOR,), ("andre afdelinger",)),
    Target("goals", _("Goals and dreams"), (Kind.MENTEE,), ("mål", "drømme", "mål og drømme")),
    Target("needs", _("What they would like help with"), (Kind.MENTEE,), ("behov", "ønsker hjælp til")),
    Target("education_wishes", _("Education or work wishes"), (Kind.MENTEE,), ("uddannelsesønske",)),
    Target("mentor_wishes", _("Wishes for the mentor"), (Kind.MENTEE,), ("ønsker til mentor",)),
    Target("waiting_since", _("Waiting since"), (Kind.MENTEE,), ("venter siden", "på venteliste siden")),
    Target("organisation_name", _("Their organisation"), (Kind.CONTACT,), ("organisation", "arbejdsplads")),
    Target("role_title", _("Their role"), (Kind.CONTACT,), ("rolle", "titel", "funktion")),
    Target("offers", _("What they can offer"), (Kind.CONTACT,), ("kan tilbyde", "tilbyder")),
]
TARGETS_BY_KEY = {target.key: target for target in TARGETS}


def targets_for(kind: str) -> list[Target]:
    return [target for target in TARGETS if kind in target.kinds]


def suggest_columns(headers: list[str], kind: str) -> dict[str, str]:
    """A first guess of the mapping from the column headings (Danish or English)."""
    by_alias = {alias: target.key for target in targets_for(kind) for alias in target.aliases}
    suggested: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        key = by_alias.get(header.strip().casefold())
        if key and key not in used:
            suggested[header] = key
            used.add(key)
    return suggested


# --- Turning rows into people -------------------------------------------------------------------------------------


@dataclass
class RowResult:
    number: int
    name: str = ""
    data: PersonInput | None = None
    status: str = ""
    registered: datetime.datetime | None = None
    consent_date: datetime.date | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicate_of: str = ""
    similar_to: list[int] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        if self.errors:
            return "error"
        if self.duplicate_of:
            return "duplicate"
        return "warning" if self.warnings else "accepted"

    def as_report(self) -> dict[str, Any]:
        messages = self.errors or ([self.duplicate_of] if self.duplicate_of else []) + self.warnings
        return {"row": self.number, "name": self.name, "outcome": self.outcome, "messages": messages}


class Lookup:
    """Names of languages and list items, in Danish or English, or language codes, case-insensitive."""

    def __init__(self) -> None:
        self.languages: dict[str, Language] = {}
        for language in Language.objects.all():
            for name in (language.code, language.name, language.name_en):
                self.languages[name.casefold()] = language
        self.topics: dict[str, dict[str, Topic]] = defaultdict(dict)
        for topic in Topic.objects.all():
            for name in (topic.name, topic.name_en):
                self.topics[topic.kind][name.casefold()] = topic
        self.statuses: dict[str, str] = {}
        for value, label in Status.choices:
            self.statuses[value] = value
            self.statuses[str(label).casefold()] = value
        self.mentor_types = {
            "erhverv": MentorType.BUSINESS,
            "erhvervsmentor": MentorType.BUSINESS,
            "business": MentorType.BUSINESS,
            "social": MentorType.SOCIAL,
            "socialmentor": MentorType.SOCIAL,
            "begge": MentorType.BOTH,
            "both": MentorType.BOTH,
        }


class Matcher:
    """Existing people of the organisation (and rows already seen in the file), indexed for duplicate checks."""

    def __init__(self, organisation: Organisation, kind: str) -> None:
        self.emails: dict[str, str] = {}
        self.phones: dict[str, str] = {}
        self.names: dict[tuple[str, datetime.date], str] = {}
        self.by_year: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
        people = Person.objects.visible().filter(organisation=organisation, kind=kind)
        for pk, first, last, email, phone, born in people.values_list(
            "pk", "first_name", "last_name", "email", "phone", "birth_date"
        ):
            self.remember(f"{first} {last}", email, phone, born, pk=pk, where=str(_("the register")))

    def remember(
        self, name: str, email: str, phone: str, born: datetime.date | None, *, pk: int | None, where: str
    ) -> None:
        key = normalise_name(name)
        if email:
            self.emails.setdefault(email.lower(), where)
        if phone:
            self.phones.setdefault(phone, where)
        if born is not None:
            self.names.setdefault((key, born), where)
            if pk is not None:
                for initial in {word[0] for word in key.split()}:
                    self.by_year[(born.year, initial)].append((pk, key))

    def exact(self, name: str, email: str, phone: str, born: datetime.date | None) -> str:
        """Where this person already is (the register, or an earlier row), or ""."""
        if email and email.lower() in self.emails:
            return self.emails[email.lower()]
        if phone and phone in self.phones:
            return self.phones[phone]
        if born is not None:
            return self.names.get((normalise_name(name), born), "")
        return ""

    def similar(self, name: str, born: datetime.date | None) -> list[int]:
        if born is None:
            return []
        key = normalise_name(name)
        candidates = {
            pk: other for initial in {w[0] for w in key.split()} for pk, other in self.by_year[(born.year, initial)]
        }
        return sorted(
            pk
            for pk, other in candidates.items()
            if normalised_similarity(key, other, at_least=SIMILAR_NAME) >= SIMILAR_NAME
        )


def convert_rows(
    headers: list[str],
    rows: list[list[Any]],
    columns: dict[str, str],
    kind: str,
    organisation: Organisation,
    progress: Callable[[int], None] | None = None,
) -> Iterator[RowResult]:
    """Each row as a person to create, or the reasons it cannot be, in file order."""
    lookup = Lookup()
    matcher = Matcher(organisation, kind)
    index = {key: headers.index(header) for header, key in columns.items() if key and header in headers}
    today = timezone.localdate()
    done = 0
    for offset, row in enumerate(rows):
        if is_blank_row(row):
            continue
        number = offset + 2  # the spreadsheet's own row number: row 1 holds the headings
        cells = {key: blank(row[position]) if position < len(row) else None for key, position in index.items()}
        result = _convert(number, cells, kind, lookup, today)
        if result.data is not None and not result.errors:
            person = result.data.person
            name = f"{person['first_name']} {person.get('last_name', '')}"
            where = matcher.exact(name, person.get("email", ""), person.get("phone", ""), person.get("birth_date"))
            if where:
                result.duplicate_of = str(_("Already in %(where)s: skipped.") % {"where": where})
            else:
                result.similar_to = matcher.similar(name, person.get("birth_date"))
                if result.similar_to:
                    result.warnings.append(str(_("Looks like a person already registered: flagged for checking.")))
                matcher.remember(
                    name,
                    person.get("email", ""),
                    person.get("phone", ""),
                    person.get("birth_date"),
                    pk=None,
                    where=str(_("row %(row)s of the file") % {"row": number}),
                )
        done += 1
        if progress is not None:
            progress(done)
        yield result


def _convert(number: int, cells: dict[str, Any], kind: str, lookup: Lookup, today: datetime.date) -> RowResult:
    result = RowResult(number=number)
    data = PersonInput(person={})

    def parse(key: str, parser: Callable[..., Any], **kwargs: Any) -> Any:
        value = cells.get(key)
        if value is None:
            return None
        try:
            return parser(value, **kwargs)
        except ParseError as error:
            result.errors.append(f"{TARGETS_BY_KEY[key].label}: {error}")
            return None

    def text(key: str, limit: int = 200) -> str:
        value = cells.get(key)
        return str(value).strip()[:limit] if value is not None else ""

    first, last = text("first_name", 100), text("last_name", 100)
    if not first and cells.get("full_name") is not None:
        words = text("full_name").replace(",", " ").split()
        if "," in text("full_name"):  # "Hassan, Fatima"
            last_part, _sep, first_part = text("full_name").partition(",")
            words = first_part.split() + last_part.split()
        first, last = (" ".join(words[:-1]), words[-1]) if len(words) > 1 else (" ".join(words), last)
    if not first:
        result.errors.append(str(_("The name is missing.")))
    result.name = f"{first} {last}".strip()
    data.person.update(first_name=first[:100], last_name=last[:100])
    email = parse("email", parse_email)
    phone = parse("phone", parse_phone)
    data.person.update(email=email or "", phone=phone or "")
    data.person["birth_date"] = parse("birth_date", parse_birth_date, today=today)
    data.person["gender"] = parse("gender", parse_gender) or ""
    for key in ("street", "city", "municipality", "area"):
        data.person[key] = text(key, 100 if key != "street" else 200)
    data.person["postcode"] = text("postcode", 10)
    if data.person["postcode"] and not (len(data.person["postcode"]) == 4 and data.person["postcode"].isdigit()):
        result.warnings.append(
            str(_("The postcode %(value)s is not 4 digits: left out.") % {"value": data.person["postcode"]})
        )
        data.person["postcode"] = ""
    data.person["note"] = text("note", 2000)
    data.relations["languages"] = _items(cells.get("languages"), lookup.languages, result, _("language"))
    data.relations["interests"] = _topics(cells.get("interests"), Topic.Kind.INTEREST, lookup, result)
    registered = parse("registered", parse_date, today=today)
    if registered is not None:
        result.registered = timezone.make_aware(datetime.datetime.combine(registered, datetime.time(12)))
    result.consent_date = parse("consent_date", _parse_consent, today=today, registered=registered)
    raw_status = text("status").casefold()
    if raw_status:
        status = lookup.statuses.get(raw_status)
        if status in PIPELINES[kind]:
            result.status = status
        else:
            result.warnings.append(
                str(_("Unknown status %(value)s: the person starts at the beginning.") % {"value": text("status")})
            )
    if kind == Kind.MENTOR:
        mentor_type = text("mentor_type").casefold()
        data.profile["mentor_type"] = lookup.mentor_types.get(mentor_type, MentorType.BOTH)
        if mentor_type and mentor_type not in lookup.mentor_types:
            result.warnings.append(
                str(_("Unknown mentor type %(value)s: set to both.") % {"value": text("mentor_type")})
            )
        data.profile.update(occupation=text("occupation"), education=text("education"))
        data.profile["capacity"] = parse("capacity", parse_int, minimum=1, maximum=5) or 1
        data.profile["course_completed_on"] = parse("course_completed_on", parse_date, today=today)
        data.profile["other_branches"] = bool(parse("other_branches", parse_bool))
        data.profile_relations["fields"] = _topics(cells.get("fields"), Topic.Kind.FIELD, lookup, result)
        data.profile_relations["competences"] = _topics(cells.get("competences"), Topic.Kind.SUPPORT, lookup, result)
    elif kind == Kind.MENTEE:
        data.profile.update(goals=text("goals", 2000), mentor_wishes=text("mentor_wishes", 2000))
        data.profile["waiting_since"] = parse("waiting_since", parse_date, today=today)
        data.profile_relations["needs"] = _topics(cells.get("needs"), Topic.Kind.SUPPORT, lookup, result)
        data.profile_relations["education_wishes"] = _topics(
            cells.get("education_wishes"), Topic.Kind.FIELD, lookup, result
        )
    else:
        data.profile.update(
            organisation_name=text("organisation_name"), role_title=text("role_title"), offers=text("offers", 2000)
        )
    result.data = data
    return result


def _parse_consent(value: Any, *, today: datetime.date, registered: datetime.date | None) -> datetime.date | None:
    """A consent column holds the date consent was given, or just Ja/Nej (then the registration date counts)."""
    try:
        return parse_date(value, today=today)
    except ParseError:
        return (registered or today) if parse_bool(value) else None


def _items(value: Any, known: dict[str, Any], result: RowResult, what: StrOrPromise) -> list[Any]:
    found = []
    for name in split_list(str(value)) if value is not None else []:
        item = known.get(name.casefold())
        if item is None:
            result.warnings.append(str(_("Unknown %(what)s %(value)s: left out.") % {"what": what, "value": name}))
        elif item not in found:
            found.append(item)
    return found


def _topics(value: Any, kind: str, lookup: Lookup, result: RowResult) -> list[Topic]:
    return _items(value, lookup.topics[kind], result, Topic.Kind(kind).label.lower())
