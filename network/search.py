"""What the platform search finds in the network: organisations, people, offers, concertation spaces
and meetings (their agenda and minutes too), each through its own `visible_to`."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pli.search import SearchHit, SearchKind, match_rows


def _organisations(user, query, limit):
    from network.models import Organisation

    rows = Organisation.objects.visible_to(user).select_related("commune", "type").order_by("name")
    found = match_rows(
        rows, query, lambda o: f"{o.name} {o.type} {o.commune.name_fr if o.commune else ''}", limit
    )
    return [
        SearchHit(o.name, o.get_absolute_url(), f"{o.type} · {o.commune.name_fr if o.commune else ''}")
        for o in found
    ]


def _people(user, query, limit):
    from network.models import Person

    rows = Person.objects.visible_to(user).filter(erased_at__isnull=True).select_related("organisation")
    found = match_rows(rows.order_by("full_name"), query, lambda p: f"{p.full_name} {p.function}", limit)
    return [
        SearchHit(
            p.display_name,
            p.get_absolute_url(),
            " · ".join(x for x in (p.function, str(p.organisation or "")) if x),
        )
        for p in found
    ]


def _offers(user, query, limit):
    from network.models import Offer

    rows = Offer.objects.visible_to(user).select_related("type", "organisation", "commune").order_by("pk")
    found = match_rows(
        rows, query, lambda o: f"{o.type} {o.organisation.name} {o.commune.name_fr} {o.description}", limit
    )
    return [
        SearchHit(str(o.type), o.get_absolute_url(), f"{o.organisation.name} · {o.commune.name_fr}")
        for o in found
    ]


def _spaces(user, query, limit):
    from network.models import ConcertationSpace

    rows = ConcertationSpace.objects.visible_to(user).order_by("name")
    found = match_rows(rows, query, lambda s: f"{s.name} {s.theme} {s.description}", limit)
    return [SearchHit(s.name, s.get_absolute_url(), s.get_kind_display()) for s in found]


def _meetings(user, query, limit):
    from network.models import Meeting

    rows = Meeting.objects.visible_to(user).select_related("space").order_by("-starts_at")
    found = match_rows(rows, query, lambda m: f"{m.title} {m.place} {m.agenda} {m.minutes}", limit)
    return [SearchHit(str(m), m.get_absolute_url(), m.space.name) for m in found]


def kinds() -> list[SearchKind]:
    return [
        SearchKind(
            "organisations",
            _("Organisations"),
            40,
            _organisations,
            more_url=lambda q: reverse("network:organisation_list") + "?" + urlencode({"q": q}),
        ),
        SearchKind("people", _("People"), 45, _people),
        SearchKind("offers", _("Offers"), 50, _offers),
        SearchKind("spaces", _("Concertation spaces"), 55, _spaces),
        SearchKind("meetings", _("Meetings and their minutes"), 60, _meetings),
    ]
