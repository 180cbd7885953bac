"""Demonstration network for the Province de Namur, loaded by `pli demo` after the demo accounts.

The content is data, `network/demo.toml` (its format: docs/demo-data.md): organisations, the people's
names and functions, offers, spaces, meeting topics and the words of agendas and minutes. This module
checks it (`read_content`) and builds the network from it: who works where, who sits in which space,
when each space met, who came and what was decided are drawn at random with the file's seed, so the
same file always gives the same network. Dates are relative to the day it is loaded, so the year of
meetings always ends today. Loading twice creates nothing more: organisations and spaces carry
`is_demo`, and their presence means the network is already there.

Everything in the built-in file is fictitious: organisation names are invented (public bodies of real
communes are named after their commune, as institutions), people are random pairs of common first
names and invented surnames, e-mail addresses are on example.org and phone numbers of the "00 00" kind.
"""

import random
import string
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field, model_validator

from network.choices import AttendanceStatus, CapacityUnit, ConsentScope, MeetingKind, MemberRole
from network.languages import read_languages
from network.models import (
    Attendance,
    ConcertationSpace,
    Decision,
    Meeting,
    Membership,
    Offer,
    Organisation,
    Person,
)
from pli import demo_content
from pli.demo_content import Schema
from territory.choices import Level
from territory.models import Territory
from vocabulary.models import Axis, ExpertiseArea, OfferType, OrganisationType, Public

BRUSSELS = ZoneInfo("Europe/Brussels")
CENTRE_TYPE = "cri"  # the vocabulary's organisation type of the centre


# --- The content file ------------------------------------------------------------------------------


def nis_code(value: str) -> str:
    if not (len(value) == 5 and value.isdigit()):
        raise ValueError(_("“%(value)s” is not a NIS code (five digits).") % {"value": value})
    return value


def template(*names: str):
    """A text whose {placeholders} may only be these names."""

    def check(value: str) -> str:
        try:
            used = {
                field for _text, field, _spec, _conv in string.Formatter().parse(value) if field is not None
            }
        except ValueError:
            raise ValueError(_("a brace { or } is not closed (write {{ or }} for a brace itself).")) from None
        unknown = sorted(used - set(names))
        if unknown:
            raise ValueError(
                _("unknown placeholder {%(name)s}; this text may use: %(allowed)s.")
                % {"name": unknown[0], "allowed": ", ".join(f"{{{n}}}" for n in names) or "—"}
            )
        return value

    return AfterValidator(check)


Nis = Annotated[str, AfterValidator(nis_code)]
Sector = Literal["public", "associative", "private"]
TopicText = Annotated[str, template("commune", "org", "n")]


class Capacity(Schema):
    min: int = Field(ge=1)
    max: int = Field(ge=1)
    unit: Literal["places", "hours"]

    @model_validator(mode="after")
    def _bounds(self):
        if self.max < self.min:
            raise ValueError(_("max must not be below min."))
        return self


class OfferSpec(Schema):
    type: str
    description: str
    publics: list[str] = []
    capacity: Capacity | None = None


class Function(Schema):
    masculine: str
    feminine: str


class OrganisationTypeSpec(Schema):
    partner: bool = False
    serves_arrondissement: bool = False
    agreement: str = ""
    staff: int | None = Field(None, ge=1)
    functions: list[Function] = Field(min_length=1)
    expertise: list[str] = []
    offers: list[OfferSpec] = []


class Centre(Schema):
    key: str
    name: str
    commune: Nis
    sector: Sector = "associative"
    agreement: str = ""
    partner_since: date
    premises: str


class DemoAccount(Schema):
    email: str
    organisation: str | None = None
    function: str
    languages: str = ""
    facilitator_of: list[str] = []
    member_of: list[str] = []


class OrganisationSpec(Schema):
    key: str
    type: str
    name: str
    commune: Nis
    sector: Sector
    offers: list[OfferSpec] | None = None
    antenna: Nis | None = None


class FirstName(Schema):
    name: str
    gender: Literal["f", "m"]


class Language(Schema):
    name: str
    share: float = Field(ge=0, le=1)


class People(Schema):
    language: str
    first_names: list[FirstName] = Field(min_length=1)
    surnames: list[str] = Field(min_length=1)
    languages: list[Language] = []
    interpreter_function: str = ""
    interpreter_languages: list[str] = []


class Addresses(Schema):
    streets: list[str] = Field(min_length=1)
    phone_zones: dict[str, str] = {}
    phone_zone: str


class SpaceSpec(Schema):
    name: str
    kind: Literal["statutory", "decentralized", "thematic"]
    carrier: str | None = None
    territory: Nis
    axes: list[str] = []
    theme: str
    description: str = ""
    member_types: list[str] | None = None
    published: bool = True
    topics: list[str] = Field(min_length=1)
    plenary: bool = False


class Topic(Schema):
    title: str
    agenda: str
    minutes: list[TopicText] = Field(min_length=1)
    decisions: list[TopicText] = []
    extra: bool = True


class Places(Schema):
    online: str
    council_room: Annotated[str, template("building", "of_commune")]
    town_hall: str
    commune_house: str
    towns: list[str] = []
    carrier_premises: Annotated[str, template("carrier", "address")]
    hall_in_centre_commune: Annotated[str, template("commune")]
    hall: Annotated[str, template("of_commune")]


class Plenary(Schema):
    title: Annotated[str, template("year")]
    place: str
    topics: list[str] = Field(min_length=1)
    opening: str
    opening_minutes: str
    workshops: str
    workshops_minutes: str


class Meetings(Schema):
    attendance: Annotated[str, template("present", "excused", "absent")]
    approval: str
    approval_minutes: str
    approved: str
    approved_corrected: str
    misc: str
    misc_minutes: list[str] = Field(min_length=1)
    places: Places
    plenary: Plenary


class Offers(Schema):
    antenna: Annotated[str, template("of_commune")]


class Content(Schema):
    seed: int
    territory: Nis
    framework: str
    centre: Centre
    demo_accounts: list[DemoAccount] = []
    organisation_types: dict[str, OrganisationTypeSpec]
    organisations: list[OrganisationSpec]
    people: People
    addresses: Addresses
    spaces: list[SpaceSpec]
    topics: dict[str, Topic]
    meetings: Meetings
    offers: Offers

    def organisation_names(self) -> dict[str, str]:
        """Organisation key -> name, the centre's first."""
        return {self.centre.key: self.centre.name, **{o.key: o.name for o in self.organisations}}

    def plenary_space(self) -> SpaceSpec | None:
        return next((s for s in self.spaces if s.plenary), None)


def read_content(data_dir=None, *, vocabulary: bool = True) -> Content | None:
    """The network of the built-in file (or of `data_dir`), checked; None when `data_dir` has none.

    `vocabulary`: also check the codes of organisation and offer types, publics, expertise areas and
    axes against the vocabulary in the database."""
    path = demo_content.content_file("network", data_dir)
    if path is None:
        return None
    content, data = demo_content.parse(Content, path)
    check = demo_content.Checker(path, data)
    keys = [content.centre.key] + [o.key for o in content.organisations]
    check.unique(("organisations",), [o.key for o in content.organisations], _("The key"))
    check.unique(("organisations",), [o.name for o in content.organisations], _("The name"))
    if content.centre.key in keys[1:]:
        check.error(
            ("centre", "key"), _("the key “%(value)s” is also an organisation's.") % {"value": keys[0]}
        )
    if CENTRE_TYPE not in content.organisation_types:
        check.error(
            ("organisation_types",),
            _("the type “%(code)s” (the centre's) is missing.") % {"code": CENTRE_TYPE},
        )
    for index, org in enumerate(content.organisations):
        if org.type not in content.organisation_types:
            check.error(
                ("organisations", index, "type"), demo_content.unknown(org.type, "[organisation_types]")
            )
    spaces = [s.name for s in content.spaces]
    check.unique(("spaces",), spaces, _("The name"))
    for index, space in enumerate(content.spaces):
        if space.carrier is not None and space.carrier not in keys:
            check.error(("spaces", index, "carrier"), demo_content.unknown(space.carrier, "organisations"))
        for position, code in enumerate(space.member_types or []):
            if code not in content.organisation_types:
                check.error(
                    ("spaces", index, "member_types", position),
                    demo_content.unknown(code, "[organisation_types]"),
                )
        for position, code in enumerate(space.topics):
            if code not in content.topics:
                check.error(("spaces", index, "topics", position), demo_content.unknown(code, "[topics]"))
    if sum(1 for s in content.spaces if s.plenary) > 1:
        check.error(("spaces",), _("only one space may be the plenary assembly (plenary = true)."))
    for position, code in enumerate(content.meetings.plenary.topics):
        if code not in content.topics:
            check.error(("meetings", "plenary", "topics", position), demo_content.unknown(code, "[topics]"))
    for index, account in enumerate(content.demo_accounts):
        if account.organisation is not None and account.organisation not in keys:
            check.error(
                ("demo_accounts", index, "organisation"),
                demo_content.unknown(account.organisation, "organisations"),
            )
        for field in ("facilitator_of", "member_of"):
            for position, name in enumerate(getattr(account, field)):
                if name not in spaces:
                    check.error(
                        ("demo_accounts", index, field, position), demo_content.unknown(name, "spaces")
                    )
    if vocabulary:
        _check_vocabulary(content, check)
    check.raise_if_any()
    return content


def _check_vocabulary(content: Content, check: demo_content.Checker) -> None:
    known = {
        "type": set(OrganisationType.objects.values_list("code", flat=True)),
        "offer": set(OfferType.objects.values_list("code", flat=True)),
        "public": set(Public.objects.values_list("code", flat=True)),
        "expertise": set(ExpertiseArea.objects.values_list("code", flat=True)),
        "axis": {
            code.removeprefix(f"{content.framework}-")
            for code in Axis.objects.filter(framework=content.framework).values_list("code", flat=True)
        },
    }
    vocabulary = _("the vocabulary")

    def offers(loc: tuple, specs: list[OfferSpec]) -> None:
        for index, offer in enumerate(specs):
            if offer.type not in known["offer"]:
                check.error((*loc, index, "type"), demo_content.unknown(offer.type, vocabulary))
            for position, code in enumerate(offer.publics):
                if code not in known["public"]:
                    check.error((*loc, index, "publics", position), demo_content.unknown(code, vocabulary))

    for type_code, spec in content.organisation_types.items():
        if type_code not in known["type"]:
            check.error(("organisation_types", type_code), demo_content.unknown(type_code, vocabulary))
        for position, code in enumerate(spec.expertise):
            if code not in known["expertise"]:
                check.error(
                    ("organisation_types", type_code, "expertise", position),
                    demo_content.unknown(code, vocabulary),
                )
        offers(("organisation_types", type_code, "offers"), spec.offers)
    for index, org in enumerate(content.organisations):
        offers(("organisations", index, "offers"), org.offers or [])
    for index, space in enumerate(content.spaces):
        for position, code in enumerate(space.axes):
            if code not in known["axis"]:
                check.error(("spaces", index, "axes", position), demo_content.unknown(code, vocabulary))


# --- Loading ---------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def _de(name: str) -> str:
    """The French preposition before a commune's name: "de Ciney", "d'Andenne"."""
    return f"d'{name}" if _slug(name)[:1] in "aeiouy" else f"de {name}"


def _closed(day: date) -> bool:
    """Weekends and the summer and Christmas holidays: no meeting then."""
    summer = (7, 15) <= (day.month, day.day) <= (8, 15)
    christmas = (day.month == 12 and day.day >= 23) or (day.month == 1 and day.day <= 3)
    return day.weekday() >= 5 or summer or christmas


def _working_day(day: date, lowest: date, highest: date, taken: frozenset | set = frozenset()) -> date:
    """The nearest open day at or after `day` (else before it), not taken, within [lowest, highest]."""
    for step in (1, -1):
        candidate = day
        while lowest <= candidate <= highest:
            if not _closed(candidate) and candidate not in taken:
                return candidate
            candidate += timedelta(days=step)
    return day


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS)


def is_loaded() -> bool:
    return (
        Organisation.objects.filter(is_demo=True).exists()
        or ConcertationSpace.objects.filter(is_demo=True).exists()
    )


@transaction.atomic
def load(stdout, data_dir=None) -> None:
    content = read_content(data_dir)
    if content is None:
        stdout.write("Demo network skipped: no network.toml in the content folder.")
        return
    if is_loaded():
        linked = _link_demo_accounts(content, timezone.localdate())
        suffix = f" Linked {linked} demo account(s)." if linked else ""
        stdout.write(f"Demo network already loaded.{suffix}")
        _invite_to_next_meetings(stdout)
        return
    communes = {
        t.nis_code: t
        for t in Territory.objects.active()
        .filter(level=Level.COMMUNE, province_code=content.territory)
        .select_related("parent")
    }
    if content.centre.commune not in communes:
        stdout.write(
            f"Demo network skipped: the communes of the territory {content.territory} are not loaded "
            "(run `pli setup_data` first)."
        )
        return
    builder = _Builder(content, communes)
    builder.build()
    stdout.write(
        f"Demo network: {len(builder.organisations)} organisations, {len(builder.people)} people, "
        f"{builder.offer_count} offers, {len(builder.spaces)} spaces, {builder.meeting_count} meetings."
    )
    _invite_to_next_meetings(stdout)


def _invite_to_next_meetings(stdout) -> None:
    """The invitation to each demo space's next meeting, to its members with an account, through the
    outbox (printed on the console in the demo); written once per meeting and date."""
    from network.notifications import invite

    sent = 0
    for space in ConcertationSpace.objects.filter(is_demo=True).order_by("pk"):
        meeting = space.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
        if meeting is not None:
            sent += len(invite(meeting, by=None))
    if sent:
        stdout.write(f"Demo network: {sent} meeting invitation(s) put in the outbox.")


class _Builder:
    def __init__(self, content: Content, communes: dict[str, Territory]):
        self.content = content
        self.rng = random.Random(content.seed)
        self.today = timezone.localdate()
        self.communes = communes
        self.territories = {
            t.nis_code: t
            for t in Territory.objects.filter(
                nis_code__in=[content.territory, *{c.parent.nis_code for c in communes.values() if c.parent}]
            )
        }
        self.org_types = {t.code: t for t in OrganisationType.objects.all()}
        self.offer_types = {t.code: t for t in OfferType.objects.all()}
        self.publics = {p.code: p for p in Public.objects.all()}
        self.expertise = {e.code: e for e in ExpertiseArea.objects.all()}
        framework = content.framework
        self.axes = {
            a.code.removeprefix(f"{framework}-"): a for a in Axis.objects.filter(framework=framework)
        }
        self.organisations: dict[str, Organisation] = {}
        self.org_type_code: dict[str, str] = {}
        self.org_spec: dict[str, OrganisationSpec | None] = {}  # by name; None: the centre
        self.by_key: dict[str, Organisation] = {}
        self.people: list[Person] = []
        self.spaces: dict[str, ConcertationSpace] = {}
        self.offer_count = 0
        self.meeting_count = 0

    def build(self) -> None:
        self._organisations()
        self._people()
        self._offers()
        self._spaces()
        _link_demo_accounts(self.content, self.today)
        self._meetings()

    # --- organisations -----------------------------------------------------------------------------

    def _org_type(self, code: str) -> OrganisationType:
        return self.org_types.get(code) or self.org_types["other"]

    def _organisations(self) -> None:
        rng, content = self.rng, self.content
        taken = {
            (name.lower(), commune_id)
            for name, commune_id in Organisation.objects.values_list("name", "commune_id")
        }
        centre = content.centre
        rows = [(centre.key, CENTRE_TYPE, centre.name, centre.commune, centre.sector, None)] + [
            (o.key, o.type, o.name, o.commune, o.sector, o)
            for o in content.organisations
            if o.commune in self.communes
        ]
        objects = []
        for index, (key, type_code, name, nis, sector, spec) in enumerate(rows):
            commune = self.communes[nis]
            if (name.lower(), commune.pk) in taken:  # a real organisation already has this name here
                name = f"{name} (démo)"
            is_centre = spec is None
            kind = content.organisation_types[type_code]
            partner = is_centre or kind.partner or rng.random() < 0.4
            since = None
            if partner:
                since = (
                    centre.partner_since
                    if is_centre
                    else date(rng.randint(2016, 2024), rng.choice([1, 3, 6, 9, 10]), 1)
                )
            agreement = centre.agreement if is_centre else ""
            if partner and not is_centre and kind.agreement and rng.random() < 0.7:
                agreement = kind.agreement
            slug = _slug(name.replace("(démo)", ""))[:40].strip("-")
            zone = content.addresses.phone_zones.get(nis[:2], content.addresses.phone_zone)
            objects.append(
                Organisation(
                    name=name,
                    sector=sector,
                    type=self._org_type(type_code),
                    address=f"{rng.choice(content.addresses.streets)} {rng.randint(1, 120)}, {commune.name_fr}",
                    commune=commune,
                    website=f"https://{slug}.example.org",
                    email=f"contact@{slug}.example.org",
                    phone=f"+32 {zone} 00 00 {index:02d}",
                    is_partner=partner,
                    partner_since=since,
                    agreement=agreement,
                    is_demo=True,
                )
            )
            self.org_type_code[name] = type_code
            self.org_spec[name] = spec
            self.by_key[key] = objects[-1]
        Organisation.objects.bulk_create(objects)
        self.organisations = {o.name: o for o in objects}
        self.centre = objects[0]
        served = Organisation.territories_served.through
        links = [served(organisation_id=self.centre.pk, territory_id=self.territories[content.territory].pk)]
        for org in objects[1:]:
            arrondissement = org.commune.parent
            if (
                content.organisation_types[self.org_type_code[org.name]].serves_arrondissement
                and arrondissement
            ):
                links.append(served(organisation_id=org.pk, territory_id=arrondissement.pk))
        served.objects.bulk_create(links)

    def org(self, key: str) -> Organisation:
        return self.by_key.get(key) or self.centre

    # --- people ------------------------------------------------------------------------------------

    def _names(self, count: int) -> list[tuple[str, str, str]]:
        people = self.content.people
        taken = set(Person.objects.values_list("full_name", flat=True))
        names, seen = [], set(taken)
        # At most as many people as there are pairs of names (a short list would never end).
        count = min(count, len(people.first_names) * len(people.surnames) - len(taken))
        while len(names) < count:
            first = self.rng.choice(people.first_names)
            last = self.rng.choice(people.surnames)
            if f"{first.name} {last}" not in seen:
                seen.add(f"{first.name} {last}")
                names.append((first.name, last, first.gender))
        return names

    def _people(self) -> None:
        rng, content = self.rng, self.content
        staffing = []
        for org in self.organisations.values():
            staff = content.organisation_types[self.org_type_code[org.name]].staff
            count = staff if staff else rng.choice([1, 2, 2, 3, 3])
            staffing += [org] * count
        names = self._names(len(staffing))
        staffing = staffing[: len(names)]
        network_share = round(len(staffing) * 0.7)
        scopes = [ConsentScope.NETWORK] * network_share + [ConsentScope.INTERNAL] * (
            len(staffing) - network_share
        )
        rng.shuffle(scopes)
        emails = set(Person.objects.exclude(email="").values_list("email", flat=True))
        people, expertise_links = [], []
        through = Person.expertise.through
        interpreter = content.people.interpreter_function
        for index, (org, (first, last, gender), scope) in enumerate(
            zip(staffing, names, scopes, strict=True)
        ):
            kind = content.organisation_types[self.org_type_code[org.name]]
            functions = kind.functions
            function = functions[index % len(functions)] if kind.staff else rng.choice(functions)
            email = f"{_slug(first)[0]}.{_slug(last)}@example.org"
            if email in emails:
                email = f"{_slug(first)}.{_slug(last)}@example.org"
            emails.add(email)
            extra = [lang.name for lang in content.people.languages if rng.random() < lang.share][:3]
            if interpreter and interpreter in function.masculine and len(extra) < 3:
                extra += [lang for lang in content.people.interpreter_languages if lang not in extra][
                    : 3 - len(extra)
                ]
            zone = content.addresses.phone_zones.get(org.commune.nis_code[:2], content.addresses.phone_zone)
            phone = (
                f"+32 470 00 {index // 100:02d} {index % 100:02d}"
                if rng.random() < 0.3
                else f"+32 {zone} 00 {index // 100 + 10:02d} {index % 100:02d}"
            )
            people.append(
                Person(
                    full_name=f"{first} {last}",
                    organisation=org,
                    function=function.feminine if gender == "f" else function.masculine,
                    email=email,
                    phone=phone,
                    language_codes=read_languages(", ".join([content.people.language, *extra]))[0],
                    consent_date=self.today - timedelta(days=rng.randint(30, 1000)),
                    consent_scope=scope,
                )
            )
        Person.objects.bulk_create(people)
        for person in people:
            kind = content.organisation_types[self.org_type_code[person.organisation.name]]
            codes = [c for c in kind.expertise if c in self.expertise]
            codes = codes or list(self.expertise)
            for code in rng.sample(codes, min(len(codes), rng.randint(1, 3))):
                expertise_links.append(through(person_id=person.pk, expertisearea_id=self.expertise[code].pk))
        through.objects.bulk_create(expertise_links)
        self.people = people

    # --- offers ------------------------------------------------------------------------------------

    def _offers(self) -> None:
        rng, content = self.rng, self.content
        school_year = self.today.year if self.today.month >= 9 else self.today.year - 1
        offers, publics = [], []
        for org in self.organisations.values():
            type_code = self.org_type_code[org.name]
            spec = self.org_spec[org.name]
            specs = (
                spec.offers
                if spec and spec.offers is not None
                else content.organisation_types[type_code].offers
            )
            for position, offer_spec in enumerate(specs):
                code = offer_spec.type
                offer_type = self.offer_types.get(code) or self.offer_types.get("other")
                if offer_type is None:
                    continue
                commune = org.commune
                description = offer_spec.description
                antenna = spec.antenna if spec else None
                if antenna in self.communes and position == 0:
                    commune = self.communes[antenna]
                    description += content.offers.antenna.format(of_commune=_de(commune.name_fr))
                if code in {"fle", "literacy", "citizenship"}:
                    starts, ends = date(school_year, 9, 1), date(school_year + 1, 6, 30)
                elif code in {"asylum-reception", "mena-support"}:
                    starts, ends = date(rng.randint(2016, 2023), rng.choice([1, 4, 9]), 1), None
                else:
                    starts, ends = None, None
                bounds = offer_spec.capacity
                unit = bounds.unit if bounds else CapacityUnit.PLACES
                capacity = rng.randint(bounds.min, bounds.max) if bounds else None
                if capacity and unit == CapacityUnit.PLACES and capacity > 30:
                    capacity -= capacity % 5
                offer = Offer(
                    organisation=org,
                    type=offer_type,
                    commune=commune,
                    description=description,
                    capacity=capacity,
                    capacity_unit=unit,
                    starts_on=starts,
                    ends_on=ends,
                )
                offers.append(offer)
                publics.append([self.publics[p] for p in offer_spec.publics if p in self.publics])
        Offer.objects.bulk_create(offers)
        through = Offer.publics.through
        through.objects.bulk_create(
            [
                through(offer_id=offer.pk, public_id=public.pk)
                for offer, offer_publics in zip(offers, publics, strict=True)
                for public in offer_publics
            ]
        )
        self.offer_count = len(offers)

    # --- spaces and memberships ----------------------------------------------------------------------

    def _in_territory(self, person: Person, territory: Territory) -> bool:
        commune = person.organisation.commune
        if territory.level == Level.COMMUNE:
            return commune.pk == territory.pk
        if territory.level == Level.ARRONDISSEMENT:
            return commune.parent_id == territory.pk
        return True

    def _spaces(self) -> None:
        rng, content = self.rng, self.content
        taken = set(ConcertationSpace.objects.values_list("name", flat=True))
        centre_staff = [p for p in self.people if p.organisation_id == self.centre.pk]
        spaces, memberships, axis_links = [], [], []
        self.space_topics: dict[int, list[str]] = {}
        # Spaces facilitated by a demo account get no second facilitator from the centre.
        linked_spaces = {name for account in content.demo_accounts for name in account.facilitator_of}
        province = self.territories[content.territory]
        plans = []
        for spec in content.spaces:
            territory = self.territories.get(spec.territory) or self.communes.get(spec.territory) or province
            carrier = self.org(spec.carrier) if spec.carrier else self.centre
            space = ConcertationSpace(
                name=f"{spec.name} (démo)" if spec.name in taken else spec.name,
                theme=spec.theme,
                description=spec.description,
                kind=spec.kind,
                carried_by=carrier,
                territory=territory,
                is_published=spec.published,
                is_demo=True,
            )
            spaces.append(space)
            types = set(spec.member_types) if spec.member_types is not None else None
            plans.append((spec.name, carrier, territory, types, spec.axes, spec.topics))
        ConcertationSpace.objects.bulk_create(spaces)
        through = ConcertationSpace.axes.through
        for space, (name, carrier, territory, types, axes, topics) in zip(spaces, plans, strict=True):
            self.spaces[name] = space
            self.space_topics[space.pk] = topics
            axis_links += [
                through(concertationspace_id=space.pk, axis_id=self.axes[a].pk)
                for a in axes
                if a in self.axes
            ]
            # Facilitators: one from the carrier; a centre co-facilitator for some partner-carried spaces.
            linked = name in linked_spaces
            carrier_staff = [p for p in self.people if p.organisation_id == carrier.pk]
            facilitators = [rng.choice(carrier_staff or centre_staff)]
            if carrier != self.centre and not linked and rng.random() < 0.5:
                facilitators.append(rng.choice(centre_staff))
            pool = [
                p
                for p in self.people
                if p not in facilitators
                and p.organisation_id != self.centre.pk
                and (types is None or self.org_type_code[p.organisation.name] in types)
                and self._in_territory(p, territory)
            ]
            if territory.level == Level.COMMUNE:  # open to the rest of the arrondissement
                pool += [
                    p
                    for p in self.people
                    if p not in pool
                    and p not in facilitators
                    and p.organisation_id != self.centre.pk
                    and p.organisation.commune.parent_id == territory.parent_id
                ]
            size = rng.randint(6, 13) - len(facilitators)
            chosen = rng.sample(pool, min(size, len(pool)))
            if self.centre.pk not in {p.organisation_id for p in facilitators}:
                chosen.append(rng.choice([p for p in centre_staff if p not in chosen]))
            first_meeting = self.today - timedelta(days=400)
            for person in facilitators:
                memberships.append(
                    Membership(
                        space=space,
                        person=person,
                        role=MemberRole.FACILITATOR,
                        since=self._since(first_meeting),
                    )
                )
            for person in chosen:
                recent = rng.random() < 0.1
                since = (
                    self.today - timedelta(days=rng.randint(60, 300))
                    if recent
                    else self._since(first_meeting)
                )
                role = MemberRole.GUEST if rng.random() < 0.04 else MemberRole.MEMBER
                memberships.append(Membership(space=space, person=person, role=role, since=since))
        through.objects.bulk_create(axis_links)
        Membership.objects.bulk_create(memberships)

    def _since(self, before: date) -> date:
        start = date(2016, 9, 1)
        return start + timedelta(days=self.rng.randint(0, max(0, (before - start).days)))

    # --- meetings ------------------------------------------------------------------------------------

    def _meetings(self) -> None:
        rng = self.rng
        today = self.today
        now = timezone.now()
        window_start, window_end = today - timedelta(days=365), today - timedelta(days=1)
        memberships: dict[int, list[Membership]] = {}
        rows = Membership.objects.filter(space__in=list(self.spaces.values()))
        for membership in rows.select_related("person__organisation").order_by("pk"):
            memberships.setdefault(membership.space_id, []).append(membership)
        plenary_space = self.content.plenary_space()
        meetings, meeting_plans = [], []
        for name, space in self.spaces.items():
            past_count = rng.randint(4, 10)
            days = set()
            plenary_day = None
            if plenary_space is not None and name == plenary_space.name:
                # The last November plenary already held (the PPLI closes its year in November).
                year = today.year if date(today.year, 11, 27) < today else today.year - 1
                lowest = max(date(year, 11, 1), window_start)
                plenary_day = _working_day(
                    max(date(year, 11, rng.randint(15, 24)), lowest), lowest, date(year, 11, 30)
                )
                days.add(plenary_day)
            slot = 364 // past_count
            for i in range(past_count - len(days)):
                day = window_start + timedelta(days=slot * i + rng.randint(0, slot - 1))
                days.add(_working_day(day, window_start, window_end, days))
            past_days = sorted(d for d in days if d < today)
            upcoming_days = []
            for _n in range(rng.randint(1, 2)):
                offset = rng.randint(3, 20) if not upcoming_days else rng.randint(24, 41)
                upcoming_days.append(
                    _working_day(
                        today + timedelta(days=offset), today + timedelta(days=1), today + timedelta(days=42)
                    )
                )
            morning = rng.random() < 0.6
            for day in past_days + sorted(set(upcoming_days)):
                plenary = day == plenary_day
                meeting = self._meeting(space, day, morning if rng.random() < 0.8 else not morning, plenary)
                meetings.append(meeting)
                meeting_plans.append((meeting, memberships.get(space.pk, []), meeting.starts_at < now))
        # Agenda, minutes and attendance are decided together, before the rows are written.
        attendances, decisions = [], []
        for meeting, members, is_past in meeting_plans:
            topics = self._pick_topics(meeting, members)
            meeting.title = self._title(meeting, topics)
            meeting.agenda = self._agenda(meeting, topics)
            if is_past:
                rows = self._attendance(meeting, members)
                attendances += rows
                meeting.minutes = self._minutes(meeting, topics, rows, members)
                decisions += self._decisions(meeting, topics, rows, members)
        Meeting.objects.bulk_create(meetings)
        for row in attendances:
            row.meeting_id = row.meeting.pk
        for row in decisions:
            row.meeting_id = row.meeting.pk
        Attendance.objects.bulk_create(attendances)
        Decision.objects.bulk_create(decisions)
        self.meeting_count = len(meetings)

    def _meeting(self, space, day, morning, plenary) -> Meeting:
        if plenary:
            start, end = _at(day, 9, 30), _at(day, 16, 0)
            place, link = self.content.meetings.plenary.place, ""
        else:
            start, end = (
                (_at(day, 9, 30), _at(day, 12, 0)) if morning else (_at(day, 13, 30), _at(day, 16, 0))
            )
            place, link = self._place(space, day)
        return Meeting(
            space=space,
            title="",
            kind=MeetingKind.PLENARY if plenary else MeetingKind.ORDINARY,
            starts_at=start,
            ends_at=end,
            place=place,
            video_link=link,
        )

    def _place(self, space: ConcertationSpace, day: date) -> tuple[str, str]:
        rng, places = self.rng, self.content.meetings.places
        centre_commune = self.content.centre.commune
        link = f"https://visio.example.org/{_slug(space.name)[:40].strip('-')}-{day:%Y%m%d}"
        draw = rng.random()
        if draw < 0.2:
            return places.online, link
        territory = space.territory
        if territory.level == Level.COMMUNE:
            commune = territory
        elif territory.level == Level.ARRONDISSEMENT:
            commune = rng.choice(
                [c for c in self.communes.values() if c.parent_id == territory.pk]
                or [space.carried_by.commune]
            )
        else:
            commune = rng.choice(
                [
                    space.carried_by.commune,
                    self.communes[centre_commune],
                    *rng.sample(list(self.communes.values()), 2),
                ]
            )
        building = places.town_hall if commune.name_fr in places.towns else places.commune_house
        carrier = self.content.centre.premises if space.carried_by == self.centre else space.carried_by.name
        choices = [
            places.council_room.format(building=building, of_commune=_de(commune.name_fr)),
            places.carrier_premises.format(carrier=carrier, address=space.carried_by.address),
            places.hall_in_centre_commune.format(commune=self.communes[centre_commune].name_fr)
            if commune.nis_code == centre_commune
            else places.hall.format(of_commune=_de(commune.name_fr)),
        ]
        place = rng.choice(choices)
        return place, link if draw > 0.9 else ""

    def _pick_topics(self, meeting: Meeting, members: list[Membership]) -> list[str]:
        rng, topics_spec = self.rng, self.content.topics
        if meeting.kind == MeetingKind.PLENARY:
            return list(self.content.meetings.plenary.topics)
        preferred = self.space_topics[meeting.space_id]
        count = rng.choice([1, 2, 2, 3])
        topics = rng.sample(preferred, min(count, len(preferred)))
        if rng.random() < 0.2:
            extras = {code for code, topic in topics_spec.items() if not topic.extra}
            extra = rng.choice(sorted(set(topics_spec) - set(topics) - extras))
            topics.append(extra)
        return topics[:3]

    def _title(self, meeting: Meeting, topics: list[str]) -> str:
        if meeting.kind == MeetingKind.PLENARY:
            year = timezone.localtime(meeting.starts_at).year
            return self.content.meetings.plenary.title.format(year=year)
        return self.content.topics[topics[0]].title

    def _agenda(self, meeting: Meeting, topics: list[str]) -> str:
        spec = self.content.meetings
        if meeting.kind == MeetingKind.PLENARY:
            points = [
                spec.plenary.opening,
                *(self.content.topics[t].agenda for t in topics),
                spec.plenary.workshops,
            ]
            return "\n".join(f"{i}. {p}" for i, p in enumerate(points, 1))
        points = [spec.approval]
        points += [self.content.topics[t].agenda for t in topics]
        if len(points) < 5 and self.rng.random() < 0.6:
            points.append(spec.misc)
        return "\n".join(f"{i}. {p}" for i, p in enumerate(points, 1))

    def _context(self, meeting: Meeting, members: list[Membership]) -> dict:
        rng = self.rng
        orgs = [m.person.organisation for m in members if m.person.organisation_id] or [
            meeting.space.carried_by
        ]
        org = rng.choice(orgs)
        return {"org": org.name, "commune": org.commune.name_fr, "n": rng.randint(3, 45)}

    def _minutes(self, meeting, topics, rows, members) -> str:
        rng, spec = self.rng, self.content.meetings
        counts = {status: sum(1 for r in rows if r.status == status) for status in AttendanceStatus.values}
        lines = [
            spec.attendance.format(
                present=counts["present"], excused=counts["excused"], absent=counts["absent"]
            )
        ]
        if meeting.kind == MeetingKind.PLENARY:
            lines.append(f"1. {spec.plenary.opening} — {spec.plenary.opening_minutes}")
        elif rng.random() < 0.8:
            lines.append(f"1. {spec.approval_minutes} — {spec.approved}")
        else:
            lines.append(f"1. {spec.approval_minutes} — {spec.approved_corrected}")
        for number, topic in enumerate(topics, 2):
            text = rng.choice(self.content.topics[topic].minutes).format(**self._context(meeting, members))
            lines.append(f"{number}. {self.content.topics[topic].agenda} — {text}")
        if meeting.kind == MeetingKind.PLENARY:
            lines.append(f"{len(topics) + 2}. {spec.plenary.workshops} — {spec.plenary.workshops_minutes}")
        elif spec.misc in meeting.agenda:
            lines.append(f"{len(topics) + 2}. {spec.misc} — {rng.choice(spec.misc_minutes)}")
        return "\n\n".join(lines)

    def _attendance(self, meeting: Meeting, members: list[Membership]) -> list[Attendance]:
        rng = self.rng
        day = timezone.localtime(meeting.starts_at).date()
        rows = []
        for membership in members:
            if membership.since > day:
                continue
            if membership.role == MemberRole.FACILITATOR:
                status = AttendanceStatus.PRESENT if rng.random() < 0.95 else AttendanceStatus.EXCUSED
            else:
                draw = rng.random()
                status = (
                    AttendanceStatus.PRESENT
                    if draw < 0.7
                    else AttendanceStatus.EXCUSED
                    if draw < 0.9
                    else AttendanceStatus.ABSENT
                )
            rows.append(Attendance(meeting=meeting, person=membership.person, status=status))
        member_ids = {m.person.pk for m in members}
        outsiders = [p for p in self.people if p.pk not in member_ids]
        guests = 0
        if meeting.kind == MeetingKind.PLENARY:
            guests = min(len(outsiders), 25)
        elif rng.random() < 0.2:
            guests = 1
        for person in rng.sample(outsiders, guests):
            rows.append(
                Attendance(meeting=meeting, person=person, status=AttendanceStatus.PRESENT, is_guest=True)
            )
        return rows

    def _decisions(self, meeting, topics, rows, members) -> list[Decision]:
        rng = self.rng
        candidates = [text for t in topics for text in self.content.topics[t].decisions]
        count = min(len(candidates), rng.choice([0, 1, 1, 2, 2, 3]))
        present = [r.person for r in rows if r.status == AttendanceStatus.PRESENT and not r.is_guest]
        facilitators = [m.person for m in members if m.role == MemberRole.FACILITATOR]
        day = timezone.localtime(meeting.starts_at).date()
        decisions = []
        for text in rng.sample(candidates, count):
            due = day + timedelta(days=rng.choice([14, 21, 30, 45, 60, 90]))
            decisions.append(
                Decision(
                    meeting=meeting,
                    text=text.format(**self._context(meeting, members)),
                    follow_up_by=rng.choice(present or facilitators) if (present or facilitators) else None,
                    due_on=due,
                    done=due < self.today and rng.random() < 0.7,
                )
            )
        return decisions


def _link_demo_accounts(content: Content, today: date) -> int:
    """Give the demo accounts of the content a person and roles in the demo spaces.

    Idempotent: creates only what is missing; does nothing for an account that does not exist.
    """
    spaces = {}
    for space in ConcertationSpace.objects.filter(is_demo=True):
        spaces[space.name.removesuffix(" (démo)")] = space
    centre = Organisation.objects.filter(is_demo=True, type__code=CENTRE_TYPE).order_by("pk").first()
    names = content.organisation_names()
    linked = 0
    for account in content.demo_accounts:
        organisation = centre
        if account.organisation is not None and account.organisation != content.centre.key:
            name = names[account.organisation]
            organisation = (
                Organisation.objects.filter(is_demo=True, name__in=[name, f"{name} (démo)"]).first() or centre
            )
        user = get_user_model().objects.filter(email=account.email).first()
        if user is None or organisation is None:
            continue
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = Person.objects.create(
                full_name=user.full_name or account.email.split("@")[0],
                organisation=organisation,
                function=account.function,
                email=user.email,
                language_codes=read_languages(account.languages)[0],
                consent_date=today - timedelta(days=400),
                consent_scope=ConsentScope.NETWORK,
                user=user,
            )
            linked += 1
        roles = [(name, MemberRole.FACILITATOR) for name in account.facilitator_of]
        roles += [(name, MemberRole.MEMBER) for name in account.member_of]
        for space_name, role in roles:
            space = spaces.get(space_name)
            if space is not None:
                Membership.objects.get_or_create(
                    space=space, person=person, defaults={"role": role, "since": today - timedelta(days=400)}
                )
    return linked
