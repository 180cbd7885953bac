"""Read functions of the network that other apps use: the offers present in territories, as a user may
see them (the territory pages and map, the plan's recommendations and its coverage map)."""

from django.db.models import Count, Q, Sum

from network.models import Offer
from territory.choices import Level
from territory.models import Territory


def offers_within(user, territories):
    """The offers of organisations the user may see, in the communes of the territories (or in them)."""
    communes = Q(pk__in=[t.pk for t in territories if t.level == Level.COMMUNE])
    for territory in territories:
        if territory.level != Level.COMMUNE:
            communes |= Q(pk__in=Territory.objects.within(territory).filter(level=Level.COMMUNE).values("pk"))
    return Offer.objects.visible_to(user).filter(commune__in=Territory.objects.filter(communes))


def offers_by_type(offers) -> list[dict]:
    """Per type of offer: how many, by how many organisations, places and hours per year."""
    return list(
        offers.values("type__label")
        .annotate(
            count=Count("id"),
            places=Sum("capacity", filter=Q(capacity_unit="places")),
            hours=Sum("capacity", filter=Q(capacity_unit="hours")),
            organisations=Count("organisation", distinct=True),
        )
        .order_by("type__order")
    )


def offers_per_commune(offers) -> dict[str, int]:
    """Per commune NIS code, the number of offers."""
    return dict(offers.values_list("commune__nis_code").annotate(n=Count("id")))
