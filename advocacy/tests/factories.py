"""Objects of watch and advocacy for the tests, built through the services where it matters."""

from datetime import date, timedelta

from django.utils import timezone

from advocacy.choices import LinkKind, Phase
from advocacy.models import Alert, Answer, Carrier, ChainLink, Interpellation
from plan.tests import factories as f
from vocabulary.models import Authority


def centre():
    from network.models import Organisation

    return Organisation.objects.filter(type__code="cri").first() or f.organisation(
        "CAI Namur", type_code="cri"
    )


def minister() -> Authority:
    return Authority.objects.get(code="ministre-wallon-integration")


def alert(title="Refus d'inscription de primo-arrivants au CPAS", *, emerged_on=None, **extra) -> Alert:
    created = Alert.objects.create(
        title=title,
        description="Plusieurs CPAS refusent l'inscription.",
        axis=f.get_axis(),
        emerged_on=emerged_on or timezone.localdate() - timedelta(days=10),
        **extra,
    )
    created.territories.set([f.get_territory(f.COMMUNE)])
    return created


def interpellation(
    subject="Accès au logement des primo-arrivants",
    *,
    co_signer=None,
    phase=Phase.PREPARATION,
    sent_on=None,
    **extra,
) -> Interpellation:
    authority = extra.pop("authority", minister())
    created = Interpellation.objects.create(
        subject=subject,
        text=extra.pop("text", "Madame la Ministre, …"),
        authority=authority,
        level=authority.level if authority else None,
        phase=phase,
        sent_on=sent_on,
        **extra,
    )
    Carrier.objects.create(interpellation=created, organisation=centre(), is_lead=True)
    if co_signer is not None:
        Carrier.objects.create(interpellation=created, organisation=co_signer)
    return created


def sent(subject="Accès au logement", *, days_ago=10, published=False, co_signer=None) -> Interpellation:
    now = timezone.now()
    created = interpellation(
        subject,
        phase=Phase.SENT,
        sent_on=timezone.localdate() - timedelta(days=days_ago),
        co_signer=co_signer,
    )
    created.carriers.update(validated_at=now, requested_at=now)
    if published:
        agreed(created)
        Interpellation.objects.filter(pk=created.pk).update(is_published=True, published_at=now)
        created.refresh_from_db()
    return created


def cite(interpellation, **target) -> ChainLink:
    kind = {
        "finding": LinkKind.FINDING,
        "recommendation": LinkKind.RECOMMENDATION,
        "meeting": LinkKind.QUOTATION,
        "alert": LinkKind.ALERT,
    }[next(iter(target))]
    return ChainLink.objects.create(
        interpellation=interpellation,
        kind=kind,
        quotation=target.pop("quotation", "« Les files s'allongent. »"),
        **target,
    )


def answer(interpellation, received_on: date, reading="satisfactory") -> Answer:
    return Answer.objects.create(
        interpellation=interpellation, received_on=received_on, reading=reading, text="Réponse."
    )


def agreed(interpellation, carriers=None) -> None:
    """The carriers (all by default) were asked and agreed to publish it."""
    from advocacy.choices import Consent

    now = timezone.now()
    (carriers or interpellation.carriers.all()).update(
        publication_asked_at=now, publication_consent=Consent.AGREED, publication_answered_at=now
    )
