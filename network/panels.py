"""What the network adds to the territory pages: the offers present there, beside the population
figures, so that need and offer can be read together (see pli/app_hooks.py)."""

from django.db.models import Count, Q, Sum

from network.models import Offer, Organisation
from territory.choices import Level
from territory.models import Territory


def _offers_within(user, territory: Territory):
    offers = Offer.objects.filter(organisation__in=Organisation.objects.visible_to(user))
    if territory.level == Level.COMMUNE:
        return offers.filter(commune=territory)
    return offers.filter(commune__in=Territory.objects.within(territory).filter(level=Level.COMMUNE))


def territory_sections(request, territory: Territory) -> list[dict]:
    """The offers of the territory, by type, for users who may see the network."""
    if not request.user.is_authenticated or territory.level == Level.COUNTRY:
        return []
    offers = _offers_within(request.user, territory)
    by_type = (
        offers.values("type__label")
        .annotate(
            count=Count("id"),
            places=Sum("capacity", filter=Q(capacity_unit="places")),
            hours=Sum("capacity", filter=Q(capacity_unit="hours")),
            organisations=Count("organisation", distinct=True),
        )
        .order_by("type__order")
    )
    listed = offers.select_related("type", "organisation", "commune").order_by(
        "type__order", "commune__name_fr"
    )[:200]
    return [
        {
            "template": "network/_territory_offers.html",
            "context": {"by_type": list(by_type), "offers": listed, "territory": territory},
        }
    ]


def map_indicators(request) -> list[tuple[str, str]]:
    from django.utils.translation import gettext

    if not request.user.is_authenticated:
        return []
    return [
        ("offers", gettext("Offers (number)")),
        ("offers_per_1000_non_belgians", gettext("Offers per 1,000 non-Belgians")),
    ]


def map_properties(request, territory: Territory) -> list[dict[str, dict]]:
    """Per commune NIS code: the number of offers (visible to the user)."""
    if not request.user.is_authenticated:
        return []
    counts = _offers_within(request.user, territory).values("commune__nis_code").annotate(count=Count("id"))
    return [{row["commune__nis_code"]: {"offers": row["count"]} for row in counts}]
