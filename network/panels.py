"""What the network adds to the territory pages: the offers present there, beside the population
figures, so that need and offer can be read together (see pli/app_hooks.py)."""

from network.queries import offers_by_type, offers_per_commune, offers_within
from territory.choices import Level
from territory.models import Territory


def territory_sections(request, territory: Territory) -> list[dict]:
    """The offers of the territory, by type, for users who may see the network."""
    if not request.user.is_authenticated or territory.level == Level.COUNTRY:
        return []
    offers = offers_within(request.user, [territory])
    listed = offers.select_related("type", "organisation", "commune").order_by(
        "type__order", "commune__name_fr"
    )[:200]
    return [
        {
            "template": "network/_territory_offers.html",
            "context": {"by_type": offers_by_type(offers), "offers": listed, "territory": territory},
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
    return [
        {
            code: {"offers": count}
            for code, count in offers_per_commune(offers_within(request.user, [territory])).items()
        }
    ]
