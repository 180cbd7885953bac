"""One small world with an object of every kind in every state that changes who may see it, for the
permission matrix (pli/tests/test_permission_matrix.py).

The personas (conftest.py) stand in it so: `partner_member` works for the organisation `member_org`,
facilitates the space `space` (unpublished), is invited to the campaign through the "field" lens, and
their organisation carries `carried` in the plan in preparation; `partner_outsider` works for
`other_org` and takes part in nothing; `reader` reads; `anonymous` is nobody.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import create_token
from diagnostic import services as diagnostic_services
from diagnostic.models import CampaignInvitation, ReviewCampaign
from network.models import ConcertationSpace, Decision, Meeting, MeetingDocument, Membership, Offer, Person
from notifications.models import Message
from notifications.notifications import TOKEN_EXPIRING
from notifications.services import notify
from plan.choices import PlanStatus, ResourceRole
from plan.tests import factories as f
from vocabulary.models import OfferType


@dataclass
class World:
    personas: dict
    namur: object
    member_org: object
    other_org: object
    member: Person
    outsider: Person
    listed: Person
    internal: Person
    offer: Offer
    space: ConcertationSpace
    published_space: ConcertationSpace
    membership: Membership
    meeting: Meeting
    decision: Decision
    document: MeetingDocument
    diagnostic: object
    draft_diagnostic: object
    finding: object
    draft_finding: object
    campaign: ReviewCampaign
    published_plan: object
    public_priority: object
    public_recommendation: object
    draft_plan: object
    draft_priority: object
    carried: object
    other: object
    means: object
    resource: object
    token: object
    secrets: dict
    message: object  # an API-token warning sent to partner_member
    failed_message: object  # the same, after the e-mail server refused it
    # watch and advocacy (advocacy/tests/factories.py): a partner's alert to qualify and the centre's own;
    # an interpellation the partner's organisation co-signs (in validation), one only the centre carries
    # (in preparation), one sent and published, with an answer and a follow-up action, one sent and
    # co-signed whose publication is proposed to its carriers
    partner_alert: object = None
    centre_alert: object = None
    carried_interpellation: object = None
    private_interpellation: object = None
    published_interpellation: object = None
    sent_interpellation: object = None
    chain_link: object = None
    follow_up: object = None
    expertise_request: object = None
    answered_request: object = None
    assignment: object = None
    attachment: object = None


def build(personas) -> World:
    coordinator = personas["coordinator"]
    namur = f.get_territory(f.COMMUNE)
    member_org = f.organisation("ILI Les Passerelles", is_partner=True)
    other_org = f.organisation("Maison médicale du Nord", type_code="health")
    member = f.works_for(personas["partner_member"], member_org)
    outsider = f.works_for(personas["partner_outsider"], other_org)
    listed = Person.objects.create(
        full_name="Nadia Verhoeven",
        organisation=member_org,
        consent_scope="network",
        consent_date="2024-01-15",
    )
    internal = Person.objects.create(
        full_name="Marc Dujardin", organisation=other_org, consent_scope="internal"
    )
    offer = Offer.objects.create(
        organisation=member_org, type=OfferType.objects.get(code="fle"), commune=namur, capacity=12
    )
    space = ConcertationSpace.objects.create(
        name="Plateforme FLE", kind="thematic", carried_by=member_org, territory=namur
    )
    published_space = ConcertationSpace.objects.create(
        name="Plateforme provinciale",
        kind="statutory",
        carried_by=other_org,
        territory=namur,
        is_published=True,
    )
    membership = Membership.objects.create(space=space, person=member, role="facilitator")
    Membership.objects.create(space=space, person=listed, role="member")
    start = timezone.now() - timedelta(days=7)
    meeting = Meeting.objects.create(
        space=space, title="Réunion de rentrée", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    decision = Decision.objects.create(meeting=meeting, text="Inviter le CPAS", follow_up_by=member)
    document = MeetingDocument(meeting=meeting, title="Compte rendu", uploaded_by=coordinator)
    document.file.save("compte-rendu.txt", ContentFile(b"Compte rendu de la reunion."), save=True)

    diagnostic = f.published_diagnostic()
    draft_diagnostic = f.diagnostic("Actualisation PPLI 2.0", status="draft")
    finding = f.finding("Les primo-arrivants peinent à trouver un logement", by=coordinator)
    draft_finding = f.finding("Un constat encore en projet", in_diagnostic=draft_diagnostic, by=coordinator)
    campaign = ReviewCampaign.objects.create(
        title="Actualisation 2025", diagnostic=diagnostic, lenses=["pcs_pst", "field"], opened_by=coordinator
    )
    campaign.findings.set([finding])
    CampaignInvitation.objects.create(campaign=campaign, user=personas["partner_member"], lens="field")
    diagnostic_services.record_review(
        campaign=campaign,
        finding=finding,
        lens="pcs_pst",
        reviewer=coordinator,
        verdict="confirmed",
        rationale="Vu.",
    )

    published_plan = f.plan(
        "PPLI 2016-2019", status=PlanStatus.CLOSED, published=True, start_year=2016, end_year=2019
    )
    public_priority = f.priority(published_plan, "Accès au logement (2016)", findings=[finding])
    public_recommendation = f.recommendation(public_priority, "Recenser les logements")
    draft_plan = f.plan("PPLI 2.0", diagnostic=draft_diagnostic)
    draft_priority = f.priority(draft_plan, "Accès au logement", findings=[finding])
    carried = f.recommendation(draft_priority, "Ouvrir une permanence logement", territories=[namur])
    other = f.recommendation(draft_priority, "Former les agences immobilières")
    means = f.financial(carried, "1500")
    resource = f.resource(carried, member_org, ResourceRole.CARRIER)
    secrets = {}  # one personal API token per signed-in persona, to run the API rows through tokens
    for name, user in personas.items():
        if user is not None:
            token, secrets[name] = create_token(user, f"Script de {name}", days=30)
    token = ApiToken.objects.get(user=personas["partner_member"])
    expertise = _expertise(personas, listed)
    message, failed_message = (
        notify(personas["partner_member"], TOKEN_EXPIRING, token, context={"token": token}, key=key)[0]
        for key in ("sent", "failed")
    )
    Message.objects.filter(pk=message.pk).update(sent_at=timezone.now(), attempts=1)
    Message.objects.filter(pk=failed_message.pk).update(
        sent_at=None, attempts=1, last_error="SMTPServerDisconnected"
    )
    world = World(
        **expertise,
        personas=personas,
        namur=namur,
        member_org=member_org,
        other_org=other_org,
        member=member,
        outsider=outsider,
        listed=listed,
        internal=internal,
        offer=offer,
        space=space,
        published_space=published_space,
        membership=membership,
        meeting=meeting,
        decision=decision,
        document=document,
        diagnostic=diagnostic,
        draft_diagnostic=draft_diagnostic,
        finding=finding,
        draft_finding=draft_finding,
        campaign=campaign,
        published_plan=published_plan,
        public_priority=public_priority,
        public_recommendation=public_recommendation,
        draft_plan=draft_plan,
        draft_priority=draft_priority,
        carried=carried,
        other=other,
        means=means,
        resource=resource,
        token=token,
        secrets=secrets,
        message=message,
        failed_message=failed_message,
    )
    _advocacy(world, personas)
    return world


def _advocacy(world: World, personas) -> None:
    from advocacy.choices import AlertStatus, Phase
    from advocacy.models import ChainLink, FollowUp
    from advocacy.tests import factories as af

    world.partner_alert = af.alert(
        "Refus de domiciliation",
        organisation=world.member_org,
        raised_by=personas["partner_member"],
        status=AlertStatus.TO_QUALIFY,
    )
    world.centre_alert = af.alert("Discours de haine dans une école", raised_by=personas["coordinator"])
    world.carried_interpellation = af.interpellation(
        "Logement des primo-arrivants", co_signer=world.member_org
    )
    world.carried_interpellation.phase = Phase.VALIDATION
    world.carried_interpellation.save(update_fields=["phase"])
    world.private_interpellation = af.interpellation("Note interne")
    world.published_interpellation = af.sent("Accueil des MENA", days_ago=40, published=True)
    af.answer(world.published_interpellation, world.published_interpellation.sent_on + timedelta(days=20))
    world.sent_interpellation = af.sent("Interprétariat à l'hôpital", days_ago=30, co_signer=world.member_org)
    world.sent_interpellation.carriers.update(publication_asked_at=timezone.now())
    world.chain_link = ChainLink.objects.create(
        interpellation=world.carried_interpellation, kind="finding", finding=world.finding
    )
    world.follow_up = FollowUp.objects.create(
        interpellation=world.published_interpellation, text="Relancer le cabinet", due_on=timezone.localdate()
    )


def _expertise(personas, expert) -> dict:
    """A request of `member_org` just received (with an attachment), and one answered by `expert`
    (a person without an account) with a second expert solicited and not yet answering."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from expertise import services as expertise_services
    from vocabulary.models import ExpertiseArea

    coordinator, partner = personas["coordinator"], personas["partner_member"]
    area = ExpertiseArea.objects.get(code="regroupement-familial")
    expert.expertise.add(area)
    other_expert = Person.objects.create(full_name="Samir Haddad", consent_scope="internal")
    fields = {"title": "Regroupement familial", "question": "Quelles conditions ?", "areas": [area]}
    received = expertise_services.open_request(
        by=partner, files=[SimpleUploadedFile("situation.txt", b"Situation.")], **fields
    )
    answered = expertise_services.open_request(by=partner, **fields)
    expertise_services.qualify(answered, by=coordinator)
    done, waiting = expertise_services.solicit(answered, [expert, other_expert], by=coordinator)
    expertise_services.answer(done, by=None, text="Voici la réponse.")
    return {
        "expertise_request": received,
        "answered_request": answered,
        "assignment": waiting,
        "attachment": received.attachments.get(),
    }
