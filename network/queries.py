"""Read functions of the network that other apps use: the offers present in territories, as a user may
see them (the territory pages and map, the plan's recommendations and its coverage map)."""

from django.db.models import Count, Prefetch, Q, Sum

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


def spaces_with_organisations(user):
    """The concertation spaces the user may see, with their members' organisations (for the plan's
    governance chapter)."""
    from network.models import ConcertationSpace, Membership

    members = Membership.objects.select_related("person__organisation").order_by("person__organisation__name")
    return (
        ConcertationSpace.objects.visible_to(user)
        .filter(is_active=True)
        .select_related("carried_by", "territory")
        .prefetch_related(Prefetch("memberships", members, to_attr="listed_memberships"))
        .order_by("kind", "name")
    )


def member_organisations(space) -> list:
    """The distinct organisations of a space's members (from `spaces_with_organisations`)."""
    seen: dict = {}
    for membership in getattr(space, "listed_memberships", []):
        organisation = membership.person.organisation if membership.person_id else None
        if organisation is not None:
            seen.setdefault(organisation.pk, organisation)
    return list(seen.values())


def partners(user):
    """The partner organisations of the plan the user may see, by name."""
    from network.models import Organisation

    return (
        Organisation.objects.visible_to(user)
        .filter(is_partner=True)
        .select_related("type", "commune")
        .order_by("name")
    )


def plenaries(user, dates, linked_id: int | None = None):
    """The plenary assemblies that adopted or closed a plan version: the one linked to it
    (`Plan.plenary`, as its page shows) and those held on its dates, that the user may see."""
    from django.db.models import Q

    from network.choices import MeetingKind
    from network.models import Meeting

    days = [d for d in dates if d]
    held = Q(kind=MeetingKind.PLENARY, starts_at__date__in=days) if days else Q(pk__in=[])
    if linked_id:
        held |= Q(pk=linked_id)
    return Meeting.objects.visible_to(user).filter(held).select_related("space").order_by("starts_at")
