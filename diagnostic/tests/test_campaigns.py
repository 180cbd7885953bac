"""Review campaigns: who sees and does what (the matrix over every URL of diagnostic/urls_campaigns.py),
opening a campaign over a scope, reviewing through a lens, settling the final verdict, closing, and the
dashboard's counts and query count.

`build_campaign_world` is shared with test_browser_campaigns: partner_member is invited to `campaign`
for the PCS/PST lens only and to no other campaign; partner_outsider and reader are invited nowhere.
Assertions are on data, statuses and element ids, never on wording (the French comes from the .po).
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from diagnostic import campaigns, services
from diagnostic.models import (
    CampaignInvitation,
    Diagnostic,
    Evidence,
    Finding,
    FindingReview,
    ReviewCampaign,
    Settlement,
)
from territory.models import Territory
from vocabulary.models import Axis, Public

pytestmark = pytest.mark.django_db

LENSES = ["diagnostic_2016", "pcs_pst", "field"]


def build_campaign_world(personas) -> SimpleNamespace:
    """Real territories (the `statistics` fixture must have run), the PCS 2014 axes, a published
    diagnostic with findings in force, a draft, an obsolete one, and a diagnostic in preparation."""
    coordinator = personas["coordinator"]
    province = Territory.objects.get(nis_code="90000")
    namur = Territory.objects.get(nis_code="92094")
    sambreville = Territory.objects.get(nis_code="92137")
    dinant = Territory.objects.get(nis_code="91034")
    housing = Axis.objects.get(framework="pcs-2014", code="pcs-2014-logement-environnement")
    training = Axis.objects.get(framework="pcs-2014", code="pcs-2014-formation")
    work = Axis.objects.get(framework="pcs-2014", code="pcs-2014-travail")
    published = Diagnostic.objects.create(
        title="Méta-diagnostic provincial 2016-2017",
        territory=province,
        period="2016-2017",
        status="published",
    )
    preparing = Diagnostic.objects.create(
        title="Actualisation PPLI 2.0", territory=province, period="2023-2025", status="draft"
    )
    newcomers = list(Public.objects.filter(code="newcomer"))

    def finding(statement, axis, territories, diagnostic=published, status="in_force"):
        return services.create_finding(
            diagnostic=diagnostic,
            statement=statement,
            axis=axis,
            territories=territories,
            publics=newcomers,
            sources=[("diagnostic_2016", "")],
            status=status,
            by=coordinator,
        )

    world = SimpleNamespace(
        province=province,
        namur=namur,
        sambreville=sambreville,
        dinant=dinant,
        housing=housing,
        training=training,
        work=work,
        published=published,
        preparing=preparing,
        school=finding("Les écoles de Namur manquent de classes passerelles", training, [namur]),
        fle=finding("Listes d'attente en cours de français à Sambreville", training, [sambreville]),
        lodging=finding("Logements trop chers pour les primo-arrivants à Dinant", housing, [dinant]),
        jobs=finding("Peu d'offres d'emploi accessibles sans diplôme reconnu", work, [namur, sambreville]),
        draft=finding("Constat brouillon", housing, [namur], status="draft"),
        obsolete=finding("Constat dépassé", housing, [namur], status="obsolete"),
        elsewhere=finding("Constat d'un diagnostic en préparation", housing, [namur], diagnostic=preparing),
    )
    world.in_scope = [world.school, world.fle, world.lodging, world.jobs]
    world.campaign = open_campaign("Actualisation 2024", published, world.in_scope, coordinator)
    CampaignInvitation.objects.create(
        campaign=world.campaign, user=personas["partner_member"], lens="pcs_pst"
    )
    world.other = open_campaign("Campagne logement", published, [world.lodging], coordinator)
    return world


def open_campaign(title, diagnostic, findings, by, lenses=LENSES):
    campaign = ReviewCampaign.objects.create(title=title, diagnostic=diagnostic, lenses=lenses, opened_by=by)
    campaign.findings.set(findings)
    return campaign


@pytest.fixture
def world(statistics, personas):
    return build_campaign_world(personas)


def review_url(campaign, finding):
    return reverse("diagnostic:review_finding", args=[campaign.pk, finding.pk])


def review_data(**fields):
    data = {"action": "review", "review-verdict": "confirmed", "review-rationale": "Toujours vrai en 2024."}
    return {**data, **{f"review-{key}": value for key, value in fields.items()}}


def settle_data(**fields):
    data = {
        "action": "settle",
        "settle-verdict": "confirmed",
        "settle-rationale": "Les trois regards concordent.",
    }
    return {**data, **{f"settle-{key}": value for key, value in fields.items()}}


# --- The permission matrix ---------------------------------------------------------------------------

EVERYONE = ["admin", "coordinator", "partner_member", "partner_outsider", "reader", "anonymous"]
SEES_CAMPAIGN = {
    "admin": 200,
    "coordinator": 200,
    "partner_member": 200,
    "partner_outsider": 404,
    "reader": 404,
    "anonymous": 302,
}

MATRIX = [
    # (url name, target in the world, method, data, {persona: status})
    ("campaign_list", None, "get", None, {p: 302 if p == "anonymous" else 200 for p in EVERYONE}),
    ("campaign_list", None, "post", None, {"coordinator": 405, "anonymous": 302}),
    (
        "campaign_create",
        None,
        "get",
        None,
        {
            "admin": 200,
            "coordinator": 200,
            "partner_member": 403,
            "partner_outsider": 403,
            "reader": 403,
            "anonymous": 302,
        },
    ),
    (
        "campaign_create",
        None,
        "post",
        None,
        {
            "admin": 400,
            "coordinator": 400,
            "partner_member": 403,
            "partner_outsider": 403,
            "reader": 403,
            "anonymous": 302,
        },
    ),
    ("campaign_detail", "campaign", "get", None, SEES_CAMPAIGN),
    ("campaign_detail", "other", "get", None, {"coordinator": 200, "partner_member": 404}),
    ("campaign_detail", "campaign", "post", None, {"coordinator": 405, "partner_member": 405}),
    ("review_finding", ("campaign", "school"), "get", None, SEES_CAMPAIGN),
    ("review_finding", ("other", "lodging"), "get", None, {"coordinator": 200, "partner_member": 404}),
    ("review_finding", ("campaign", "draft"), "get", None, {"coordinator": 404, "partner_member": 404}),
    (
        "review_finding",
        ("campaign", "school"),
        "post",
        {"action": "review"},
        {
            "admin": 400,
            "coordinator": 400,
            "partner_member": 400,
            "partner_outsider": 404,
            "reader": 404,
            "anonymous": 302,
        },
    ),
    (
        "review_finding",
        ("campaign", "school"),
        "post",
        {"action": "settle"},
        {
            "admin": 400,
            "coordinator": 400,
            "partner_member": 403,
            "partner_outsider": 404,
            "reader": 404,
            "anonymous": 302,
        },
    ),
    ("review_finding", ("campaign", "school"), "post", {"action": "other"}, {"coordinator": 400}),
    ("review_finding", ("other", "lodging"), "post", {"action": "settle"}, {"partner_member": 404}),
    (
        "campaign_close",
        "campaign",
        "post",
        None,
        {
            "admin": 302,
            "coordinator": 302,
            "partner_member": 403,
            "partner_outsider": 404,
            "reader": 404,
            "anonymous": 302,
        },
    ),
    ("campaign_close", "other", "post", None, {"partner_member": 404}),
    ("campaign_close", "campaign", "get", None, {"coordinator": 405, "partner_member": 405}),
]

CASES = [
    pytest.param(name, target, method, data, persona, status, id=f"{persona}-{method}-{name}-{target}-{data}")
    for name, target, method, data, statuses in MATRIX
    for persona, status in statuses.items()
]


def url_for(world, name, target) -> str:
    if target is None:
        return reverse(f"diagnostic:{name}")
    if isinstance(target, tuple):
        campaign, finding = (getattr(world, key) for key in target)
        return reverse(f"diagnostic:{name}", args=[campaign.pk, finding.pk])
    return reverse(f"diagnostic:{name}", args=[getattr(world, target).pk])


@pytest.mark.parametrize(("name", "target", "method", "data", "persona", "status"), CASES)
def test_permission_matrix(client_as, personas, world, name, target, method, data, persona, status):
    response = getattr(client_as(personas[persona]), method)(url_for(world, name, target), data or {})
    assert response.status_code == status
    assert not FindingReview.objects.exists() and not Settlement.objects.exists()


def test_every_url_of_the_campaigns_is_in_the_matrix():
    from diagnostic.urls_campaigns import urlpatterns

    assert {p.name for p in urlpatterns} == {row[0] for row in MATRIX}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("coordinator", {"campaign", "other"}),
        ("partner_member", {"campaign"}),
        ("partner_outsider", set()),
        ("reader", set()),
    ],
)
def test_list_shows_the_campaigns_each_persona_may_see(client_as, personas, world, persona, expected):
    response = client_as(personas[persona]).get(reverse("diagnostic:campaign_list"))
    listed = {c.pk for c in response.context["campaigns"]}
    assert listed == {getattr(world, key).pk for key in expected}
    assert ('id="campaign-create"' in response.content.decode()) is (persona == "coordinator")


def test_list_shows_the_progress_of_each_campaign(client_as, personas, world):
    services.settle(
        campaign=world.campaign,
        finding=world.school,
        verdict="confirmed",
        rationale="Vérifié.",
        by=personas["coordinator"],
    )
    rows = {
        c.pk: c
        for c in client_as(personas["coordinator"])
        .get(reverse("diagnostic:campaign_list"))
        .context["campaigns"]
    }
    assert (rows[world.campaign.pk].settled, rows[world.campaign.pk].total) == (1, 4)
    assert (rows[world.other.pk].settled, rows[world.other.pk].total) == (0, 1)


# --- Opening a campaign -----------------------------------------------------------------------------


def campaign_data(world, personas, **overrides):
    data = {
        "title": "Relecture PPLI 2.0",
        "description": "Les constats de 2016-2017 au regard des PCS.",
        "diagnostic": world.published.pk,
        "axis": "",
        "territory": "",
        "lenses": ["diagnostic_2016", "pcs_pst"],
        "invitations-TOTAL_FORMS": "3",
        "invitations-INITIAL_FORMS": "0",
        "invitations-MIN_NUM_FORMS": "0",
        "invitations-MAX_NUM_FORMS": "30",
        "invitations-0-user": personas["partner_member"].pk,
        "invitations-0-lens": "pcs_pst",
        "invitations-1-user": personas["partner_outsider"].pk,
        "invitations-1-lens": "diagnostic_2016",
        "invitations-2-user": "",
        "invitations-2-lens": "",
    }
    return {**data, **overrides}


def test_coordinator_opens_a_campaign_over_a_diagnostic_with_invitations(client_as, personas, world):
    response = client_as(personas["coordinator"]).post(
        reverse("diagnostic:campaign_create"), campaign_data(world, personas)
    )
    campaign = ReviewCampaign.objects.get(title="Relecture PPLI 2.0")
    assert response.url == reverse("diagnostic:campaign_detail", args=[campaign.pk])
    assert set(campaign.findings.all()) == set(world.in_scope), "no draft, obsolete or other diagnostic"
    assert campaign.lenses == ["diagnostic_2016", "pcs_pst"]
    assert (campaign.status, campaign.opened_by) == ("open", personas["coordinator"])
    assert set(campaign.invitations.values_list("user__email", "lens")) == {
        ("partner_member@example.org", "pcs_pst"),
        ("partner_outsider@example.org", "diagnostic_2016"),
    }
    assert client_as(personas["partner_outsider"]).get(response.url).status_code == 200


def test_scope_by_axis_and_territory_includes_the_communes_within(client_as, personas, world):
    arrondissement = Territory.objects.get(nis_code="92000")  # Namur: Namur and Sambreville, not Dinant
    data = campaign_data(world, personas, diagnostic="", axis=world.training.pk, territory=arrondissement.pk)
    assert (
        client_as(personas["coordinator"]).post(reverse("diagnostic:campaign_create"), data).status_code
        == 302
    )
    campaign = ReviewCampaign.objects.get(title="Relecture PPLI 2.0")
    assert set(campaign.findings.all()) == {world.school, world.fle}
    by_territory = campaigns.scope_findings(territory=arrondissement)
    assert set(by_territory) == {world.school, world.fle, world.jobs, world.elsewhere}, "any diagnostic"
    assert by_territory.count() == 4, "a finding naming two communes counts once"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"diagnostic": "", "axis": "", "territory": ""}, "__all__"),
        ({"diagnostic": "", "axis": "pcs-2014-revenu-digne"}, "__all__"),  # no finding on that axis
        ({"lenses": []}, "lenses"),
        ({"title": "Actualisation 2024"}, "title"),  # already taken
    ],
)
def test_a_bad_campaign_is_refused_and_the_form_keeps_what_was_typed(
    client_as, personas, world, overrides, field
):
    if overrides.get("axis"):
        overrides["axis"] = Axis.objects.get(code=overrides["axis"]).pk
    before = ReviewCampaign.objects.count()
    response = client_as(personas["coordinator"]).post(
        reverse("diagnostic:campaign_create"), campaign_data(world, personas, **overrides)
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert form["description"].value() == "Les constats de 2016-2017 au regard des PCS."
    assert ReviewCampaign.objects.count() == before
    assert not CampaignInvitation.objects.exclude(campaign__in=[world.campaign]).exists()


def test_an_invitation_needs_a_lens_of_the_campaign_and_both_columns(client_as, personas, world):
    client = client_as(personas["coordinator"])
    response = client.post(
        reverse("diagnostic:campaign_create"),
        campaign_data(world, personas, **{"invitations-1-lens": "field"}),
    )
    assert response.status_code == 400
    assert "lens" in response.context["invitations"][1].errors
    response = client.post(
        reverse("diagnostic:campaign_create"),
        campaign_data(world, personas, **{"invitations-2-lens": "pcs_pst"}),
    )
    assert response.status_code == 400
    assert "user" in response.context["invitations"][2].errors
    assert not ReviewCampaign.objects.filter(title="Relecture PPLI 2.0").exists()


# --- Reviewing and settling, end to end --------------------------------------------------------------


def test_a_campaign_end_to_end(client_as, personas, world):
    finding = world.school
    url = review_url(world.campaign, finding)
    old = finding.statement

    partner = client_as(personas["partner_member"])
    page = partner.get(url)
    assert [lens for lens, _ in page.context["review_form"].fields["lens"].choices] == ["pcs_pst"]
    assert page.context["settle_form"] is None, "a partner does not settle"
    assert partner.post(url, review_data(lens="pcs_pst")).status_code == 302
    refused = partner.post(url, review_data(lens="diagnostic_2016", rationale="Hors de mon regard"))
    assert refused.status_code == 400 and "lens" in refused.context["review_form"].errors
    assert partner.post(url, settle_data()).status_code == 403

    coordinator = client_as(personas["coordinator"])
    assert (
        coordinator.post(
            url,
            review_data(
                lens="diagnostic_2016",
                verdict="nuanced",
                new_wording="Les écoles de Namur et de Jambes manquent de classes passerelles",
                rationale="Jambes aussi.",
            ),
        ).status_code
        == 302
    )
    new = "Les écoles de Namur et de Jambes manquent encore de classes passerelles (DASPA)"
    response = coordinator.post(url, settle_data(verdict="nuanced", new_wording=new))
    assert response.status_code == 302

    finding.refresh_from_db()
    assert (finding.statement, finding.status, finding.version) == (new, "nuanced", 2)
    assert list(finding.wordings.values_list("text", flat=True)) == [old, new]
    settlement = Settlement.objects.get(campaign=world.campaign, finding=finding)
    assert (settlement.verdict, settlement.settled_by) == ("nuanced", personas["coordinator"])
    assert finding.wordings.last().settlement == settlement
    assert list(FindingReview.objects.filter(finding=finding).values_list("lens", "verdict")) == [
        ("pcs_pst", "confirmed"),
        ("diagnostic_2016", "nuanced"),
    ]

    page = coordinator.get(url)
    assert page.context["settlement"] == settlement and page.context["settle_form"] is None
    content = page.content.decode()
    assert 'id="settlement"' in content and new in content
    assert [r.lens for r in page.context["reviews"]] == ["pcs_pst", "diagnostic_2016"]

    dashboard = coordinator.get(reverse("diagnostic:campaign_detail", args=[world.campaign.pk])).context
    assert (dashboard["totals"]["settled"], dashboard["totals"]["reviewed"]) == (1, 1)
    assert finding not in dashboard["page"]


@pytest.mark.parametrize("action", ["review", "settle"])
@pytest.mark.parametrize(
    ("verdict", "field"),
    [("nuanced", "new_wording"), ("replaced", "replacement")],
)
def test_a_verdict_missing_its_wording_or_replacement_is_refused(
    client_as, personas, world, action, verdict, field
):
    fields = {
        "verdict": verdict,
        "rationale": "Raison détaillée",
        **({"lens": "field"} if action == "review" else {}),
    }
    data = (review_data if action == "review" else settle_data)(**fields)
    response = client_as(personas["coordinator"]).post(review_url(world.campaign, world.school), data)
    assert response.status_code == 400
    form = response.context[f"{action}_form"]
    assert field in form.errors
    assert form["rationale"].value() == "Raison détaillée", "what was typed is kept"
    assert not FindingReview.objects.exists() and not Settlement.objects.exists()
    world.school.refresh_from_db()
    assert (world.school.status, world.school.version) == ("in_force", 1)


def test_a_verdict_without_rationale_is_refused_and_its_new_replacement_is_not_kept(
    client_as, personas, world
):
    before = Finding.objects.count()
    response = client_as(personas["coordinator"]).post(
        review_url(world.campaign, world.school),
        settle_data(verdict="replaced", replacement_statement="Un nouveau constat", rationale=" "),
    )
    assert response.status_code == 400 and "rationale" in response.context["settle_form"].errors
    assert Finding.objects.count() == before and not Settlement.objects.exists()


def test_replaced_by_an_existing_or_a_new_finding(client_as, personas, world):
    client = client_as(personas["coordinator"])
    both = settle_data(verdict="replaced", replacement=world.fle.pk, replacement_statement="Un autre")
    response = client.post(review_url(world.campaign, world.school), both)
    assert response.status_code == 400 and "replacement_statement" in response.context["settle_form"].errors

    assert (
        client.post(
            review_url(world.campaign, world.school),
            settle_data(verdict="replaced", replacement=world.fle.pk),
        ).status_code
        == 302
    )
    world.school.refresh_from_db()
    assert (world.school.status, world.school.replaced_by) == ("replaced", world.fle)

    partner = client_as(personas["partner_member"])
    proposal = "Les primo-arrivants peinent à se loger dans l'arrondissement de Dinant"
    data = review_data(lens="pcs_pst", verdict="replaced", replacement_statement=proposal)
    assert partner.post(review_url(world.campaign, world.lodging), data).status_code == 302
    proposed = FindingReview.objects.get(finding=world.lodging).replacement
    assert (proposed.statement, proposed.status, proposed.diagnostic) == (proposal, "draft", world.published)
    assert (proposed.axis, list(proposed.territories.all())) == (world.housing, [world.dinant])

    client_as(personas["coordinator"])
    statement = "Logement : loyers hors de portée à Dinant et Ciney"
    data = settle_data(verdict="replaced", replacement_statement=statement)
    assert client.post(review_url(world.campaign, world.lodging), data).status_code == 302
    world.lodging.refresh_from_db()
    assert (world.lodging.replaced_by.statement, world.lodging.replaced_by.status) == (statement, "in_force")


def test_the_second_of_two_settlements_gets_409_and_the_first_stays(client_as, personas, world):
    url = review_url(world.campaign, world.school)
    first = client_as(personas["coordinator"]).get(url)
    assert first.context["settle_form"] is not None
    first_wording = "Les écoles de Namur manquent encore de classes passerelles"
    assert (
        client_as(personas["coordinator"])
        .post(url, settle_data(verdict="nuanced", new_wording=first_wording))
        .status_code
        == 302
    )
    second = client_as(personas["admin"]).post(
        url, settle_data(verdict="obsolete", rationale="Les DASPA ont ouvert.")
    )
    assert second.status_code == 409
    form = second.context["settle_form"]
    assert form.non_field_errors() and form["rationale"].value() == "Les DASPA ont ouvert."
    assert second.context["settlement"].settled_by == personas["coordinator"]
    assert personas["coordinator"].full_name in form.non_field_errors()[0]
    settlement = Settlement.objects.get()
    assert (settlement.verdict, settlement.settled_by) == ("nuanced", personas["coordinator"])
    world.school.refresh_from_db()
    assert (world.school.statement, world.school.status) == (first_wording, "nuanced")


def test_two_coordinators_settling_at_the_same_moment(client_as, personas, world, monkeypatch):
    """Both pages saw no final verdict: the service's unique constraint refuses the second (409)."""
    services.settle(
        campaign=world.campaign,
        finding=world.school,
        verdict="confirmed",
        rationale="Vu.",
        by=personas["admin"],
    )
    monkeypatch.setattr(campaigns, "settlement_of", lambda campaign, finding: None)
    before = Finding.objects.count()
    response = client_as(personas["coordinator"]).post(
        review_url(world.campaign, world.school),
        settle_data(verdict="replaced", replacement_statement="Constat de remplacement"),
    )
    assert response.status_code == 409
    assert response.context["settle_form"]["replacement_statement"].value() == "Constat de remplacement"
    assert Finding.objects.count() == before, "the new replacement finding is rolled back"
    assert Settlement.objects.get().verdict == "confirmed"


def test_closing_stops_reviews_and_final_verdicts(client_as, personas, world):
    coordinator = client_as(personas["coordinator"])
    response = coordinator.post(reverse("diagnostic:campaign_close", args=[world.campaign.pk]))
    assert response.url == reverse("diagnostic:campaign_detail", args=[world.campaign.pk])
    world.campaign.refresh_from_db()
    assert world.campaign.status == "closed" and world.campaign.closed_at is not None
    closed_at = world.campaign.closed_at
    coordinator.post(reverse("diagnostic:campaign_close", args=[world.campaign.pk]))
    world.campaign.refresh_from_db()
    assert world.campaign.closed_at == closed_at, "closing twice changes nothing"

    url = review_url(world.campaign, world.school)
    page = coordinator.get(url)
    assert page.context["review_form"] is None and page.context["settle_form"] is None
    assert 'id="campaign-closed"' in page.content.decode()
    refused = client_as(personas["partner_member"]).post(url, review_data(lens="pcs_pst"))
    assert refused.status_code == 400 and refused.context["review_form"].non_field_errors()
    coordinator = client_as(personas["coordinator"])
    assert coordinator.post(url, settle_data()).status_code == 400
    assert not FindingReview.objects.exists() and not Settlement.objects.exists()
    assert 'id="campaign-close-form"' not in coordinator.get(response.url).content.decode()


def test_the_review_page_shows_evidence_then_and_now(client_as, personas, world):
    Evidence.objects.create(
        finding=world.school,
        territory=world.namur,
        indicator="non_belgian_share",
        year=2009,
        value=0.060,
        source_label="Statbel 2009",
    )
    response = client_as(personas["partner_member"]).get(review_url(world.campaign, world.school))
    [check] = response.context["evidence"]
    assert check.moved and (check.evidence.year, check.latest_year) == (2009, 2015)
    assert check.evidence.value == 0.060 and check.latest_value is not None


# --- The dashboard ------------------------------------------------------------------------------------


def test_dashboard_counts_by_lens_axis_and_territory(client_as, personas, world):
    coordinator, partner = personas["coordinator"], personas["partner_member"]
    for finding in (world.school, world.fle):
        services.record_review(
            campaign=world.campaign,
            finding=finding,
            lens="pcs_pst",
            reviewer=partner,
            verdict="confirmed",
            rationale="Vu dans le PCS.",
        )
    services.record_review(
        campaign=world.campaign,
        finding=world.school,
        lens="diagnostic_2016",
        reviewer=coordinator,
        verdict="confirmed",
        rationale="Toujours vrai.",
    )
    services.settle(
        campaign=world.campaign, finding=world.school, verdict="confirmed", rationale="Ok", by=coordinator
    )
    services.settle(
        campaign=world.other, finding=world.lodging, verdict="obsolete", rationale="Ok", by=coordinator
    )

    client = client_as(partner)
    url = reverse("diagnostic:campaign_detail", args=[world.campaign.pk])
    context = client.get(url).context
    assert context["totals"] == {"total": 4, "settled": 1, "reviewed": 2}
    assert [(r["lens"], r["reviews"], r["reviewed"], r["total"]) for r in context["lenses"]] == [
        ("diagnostic_2016", 1, 1, 4),
        ("pcs_pst", 2, 2, 4),
        ("field", 0, 0, 4),
    ]
    axes = {r["pk_"]: (r["settled"], r["total"]) for r in context["axes"]}
    assert axes == {world.training.pk: (1, 2), world.housing.pk: (0, 1), world.work.pk: (0, 1)}
    territories = {r["pk_"]: (r["settled"], r["total"]) for r in context["territories"]}
    assert territories == {world.namur.pk: (1, 2), world.sambreville.pk: (0, 2), world.dinant.pk: (0, 1)}
    assert context["invitations"] is None, "partners do not see who else is invited"
    assert set(context["page"]) == {world.fle, world.lodging, world.jobs}
    assert {f.pk: f.review_count for f in context["page"]} == {
        world.fle.pk: 1,
        world.lodging.pk: 0,
        world.jobs.pk: 0,
    }

    def pending(**params):
        return set(client.get(url, params).context["page"])

    assert pending(unreviewed="on") == {world.lodging, world.jobs}
    assert pending(lens="pcs_pst") == {world.lodging, world.jobs}
    assert pending(lens="diagnostic_2016") == {world.fle, world.lodging, world.jobs}
    assert pending(axis=world.training.pk) == {world.fle}
    assert pending(axis=world.work.pk, unreviewed="on") == {world.jobs}


def test_dashboard_answers_htmx_with_the_pending_fragment_only(client_as, personas, world):
    response = client_as(personas["coordinator"]).get(
        reverse("diagnostic:campaign_detail", args=[world.campaign.pk]),
        {"unreviewed": "on"},
        headers={"HX-Request": "true"},
    )
    assert [t.name for t in response.templates][0] == "diagnostic/_campaign_pending.html"
    assert b"<html" not in response.content and b'id="pending-table"' in response.content


def test_next_pending_finding_link(client_as, personas, world):
    services.settle(
        campaign=world.campaign,
        finding=world.fle,
        verdict="confirmed",
        rationale="Ok",
        by=personas["coordinator"],
    )
    context = client_as(personas["coordinator"]).get(review_url(world.campaign, world.school)).context
    order = [f.pk for f in campaigns.pending(world.campaign)]
    assert world.fle.pk not in order
    assert context["next_pk"] == order[(order.index(world.school.pk) + 1) % len(order)]


def test_dashboard_query_count_does_not_grow_with_the_findings(client_as, personas, world, query_baseline):
    campaign = open_campaign(
        "Campagne de mesure", world.published, world.in_scope[:1], personas["coordinator"]
    )
    CampaignInvitation.objects.create(campaign=campaign, user=personas["partner_member"], lens="field")

    def grow_to(count):
        axes = [world.housing, world.training, world.work]
        territories = [world.namur, world.sambreville, world.dinant]
        while campaign.findings.count() < count:
            n = campaign.findings.count()
            finding = services.create_finding(
                diagnostic=world.published,
                statement=f"Constat de mesure {n}",
                axis=axes[n % 3],
                territories=territories[: 1 + n % 3],
                by=personas["coordinator"],
            )
            campaign.findings.add(finding)
            services.record_review(
                campaign=campaign,
                finding=finding,
                lens="field",
                reviewer=personas["partner_member"],
                verdict="confirmed",
                rationale="Vu.",
            )
            if n % 2:
                services.settle(
                    campaign=campaign,
                    finding=finding,
                    verdict="confirmed",
                    rationale="Ok",
                    by=personas["coordinator"],
                )

    url = reverse("diagnostic:campaign_detail", args=[campaign.pk])
    # session, user, 2 × second-factor devices, campaign, pending count, summary, by lens, by axis, by
    # territory, axes of the filter, pending page, its territories, and either the invitations list
    # (coordinator) or the partner's own lenses
    for count in (5, 20):
        grow_to(count)
        for persona in ("coordinator", "partner_member"):
            client = client_as(personas[persona])
            with query_baseline(f"diagnostic:campaign_detail ({persona}), 5 then 20 findings"):
                response = client.get(url)
            assert response.context["totals"] == {
                "total": count,
                "settled": count // 2,
                "reviewed": count - 1,
            }
            assert len(response.context["page"]) == count - count // 2
