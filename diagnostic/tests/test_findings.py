from urllib.parse import urlencode

import pytest
from django.urls import reverse

from diagnostic import services
from diagnostic.models import Finding, FindingWording
from territory.imports.statbel import import_structure
from territory.tests.helpers import province_subset, raw_structure_totals

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings(make_finding, published):
    from diagnostic.models import Diagnostic

    draft_diag = Diagnostic.objects.create(
        title="Actualisation PPLI 2.0", territory=published.territory, period="2023-2025"
    )
    return {
        "school": make_finding(
            "Les écoles de Namur manquent de classes passerelles pour les primo-arrivants"
        ),
        "fle": make_finding(
            "Listes d'attente en cours de français à Sambreville",
            territories=("92137",),
            sources=(("ili", "ILI de Sambreville"),),
        ),
        "draft": make_finding("Constat brouillon", status="draft"),
        "unpublished": make_finding("Constat d'un diagnostic en préparation", diagnostic=draft_diag),
    }


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("coordinator", {"school", "fle", "draft", "unpublished"}),
        ("partner_member", {"school", "fle"}),
        ("reader", {"school", "fle"}),
    ],
)
def test_register_shows_each_role_what_it_may_see(client_as, personas, findings, persona, visible):
    page = client_as(personas[persona]).get(reverse("diagnostic:index")).context["page"]
    assert {key for key, f in findings.items() if f in page} == visible


def test_anonymous_is_sent_to_login(client, findings):
    assert client.get(reverse("diagnostic:index")).status_code == 302


@pytest.mark.parametrize(
    ("persona", "status"), [("coordinator", 200), ("reader", 404), ("partner_outsider", 404)]
)
def test_a_draft_finding_page_is_for_coordinators(client_as, personas, findings, persona, status):
    url = reverse("diagnostic:finding_detail", args=[findings["draft"].pk])
    assert client_as(personas[persona]).get(url).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"), [("coordinator", 200), ("partner_member", 403), ("reader", 403)]
)
def test_only_coordinators_edit(client_as, personas, findings, persona, status):
    url = reverse("diagnostic:finding_edit", args=[findings["school"].pk])
    assert client_as(personas[persona]).get(url).status_code == status


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ecoles", {"school"}),
        ("école", {"school"}),
        ("ÉCOLE NAMUR", {"school"}),
        ("francais attente", {"fle"}),
        ("passerelle", {"school"}),
        ("sambreville", {"fle"}),
        ("hôpital", set()),
    ],
)
def test_full_text_search_ignores_accents_and_plurals(client_as, personas, findings, query, expected):
    page = client_as(personas["reader"]).get(reverse("diagnostic:index"), {"q": query}).context["page"]
    assert {key for key, f in findings.items() if f in page} == expected


def test_filters_by_territory_within_axis_source_and_status(client_as, personas, findings):
    client = client_as(personas["coordinator"])
    by_arrondissement = client.get(reverse("diagnostic:index"), {"territoire": "92000"}).context["page"]
    assert findings["school"] in by_arrondissement and findings["fle"] in by_arrondissement
    by_source = client.get(reverse("diagnostic:index"), {"source": "ili"}).context["page"]
    assert list(by_source) == [findings["fle"]]
    assert list(client.get(reverse("diagnostic:index"), {"statut": "draft"}).context["page"]) == [
        findings["draft"]
    ]
    bad = client.get(reverse("diagnostic:index"), {"territoire": "99999"})
    assert bad.status_code == 200 and bad.context["form"].errors["territoire"]


def test_editing_the_statement_keeps_the_old_wording(client_as, personas, findings, housing, published):
    finding = findings["school"]
    url = reverse("diagnostic:finding_edit", args=[finding.pk])
    data = {
        "diagnostic": published.pk,
        "statement": "Les écoles de Namur et de Jambes manquent de classes passerelles",
        "description": "",
        "axis": housing.pk,
        "territories": [t.pk for t in finding.territories.all()],
        "status": "in_force",
        "source_kinds": ["diagnostic_2016"],
        "source_detail": "",
        "version": "1",
    }
    assert client_as(personas["coordinator"]).post(url, data).status_code == 302
    texts = list(FindingWording.objects.filter(finding=finding).values_list("text", flat=True))
    assert texts == [
        "Les écoles de Namur manquent de classes passerelles pour les primo-arrivants",
        data["statement"],
    ]
    history = client_as(personas["coordinator"]).get(reverse("diagnostic:finding_history", args=[finding.pk]))
    assert "<ins>et de Jambes</ins>" in history.content.decode()
    stale = client_as(personas["coordinator"]).post(url, {**data, "statement": "Autre"})
    assert stale.status_code == 409, "the form was loaded at version 1, the finding is at version 2"
    finding.refresh_from_db()
    assert finding.statement == data["statement"]


def test_evidence_flags_a_move_and_shows_both_values(client_as, personas, findings, statistics, tmp_path):
    """Namur's non-Belgians went from 6,841 (2009) to 8,220 (2015), +20 %: beyond the 10 % threshold.
    Sambreville's went from 2,451 to 2,380, −3 %: within it. (Summed from the raw Statbel files.)"""
    structure_2009 = statistics / "statbel_TF_SOC_POP_STRUCT_2009.txt.gz"
    raw_2009 = raw_structure_totals(structure_2009, ["92094", "92137"])
    raw_2015 = raw_structure_totals(statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz", ["92094", "92137"])
    assert [raw_2009[c]["non_belgian"] for c in ("92094", "92137")] == [6841, 2451]
    assert [raw_2015[c]["non_belgian"] for c in ("92094", "92137")] == [8220, 2380]
    import_structure(province_subset(structure_2009, tmp_path / "TF_SOC_POP_STRUCT_2009.txt.gz"))
    from territory.models import Territory

    finding = findings["fle"]
    checks = {}
    for nis in ("92094", "92137"):
        services.cite_statistic(
            finding=finding,
            territory=Territory.objects.get(nis_code=nis),
            indicator="non_belgian",
            year=2009,
            by=personas["coordinator"],
        )
        checks[nis] = services.check_evidence(finding.evidence.get(territory__nis_code=nis))
    for nis, check in checks.items():
        assert (check.evidence.value, check.latest_year, check.latest_value) == (
            raw_2009[nis]["non_belgian"],
            2015,
            raw_2015[nis]["non_belgian"],
        )
    assert checks["92094"].moved is True, "+20 %: beyond the threshold"
    assert checks["92137"].moved is False, "−3 %: within it"
    page = (
        client_as(personas["reader"])
        .get(reverse("diagnostic:finding_detail", args=[finding.pk]))
        .content.decode()
    )
    assert "6\u202f841" in page and "8\u202f220" in page and "(2009)" in page and "(2015)" in page
    assert page.count('<tr class="moved">') == 1 and page.count("à réexaminer") == 1


def test_evidence_on_a_year_without_data_is_refused(client_as, personas, findings):
    from territory.models import Territory

    response = client_as(personas["coordinator"]).post(
        reverse("diagnostic:evidence_add", args=[findings["fle"].pk]),
        {"territory": Territory.objects.get(nis_code="92137").pk, "indicator": "non_belgian", "year": 1990},
    )
    assert response.status_code == 400 and response.context["form"].errors["year"]
    assert not findings["fle"].evidence.exists()


def test_share_evidence_moves_by_points(findings, personas, statistics):
    from diagnostic.models import Evidence
    from territory.models import Territory

    namur = Territory.objects.get(nis_code="92094")
    evidence = Evidence.objects.create(
        finding=findings["school"],
        territory=namur,
        indicator="non_belgian_share",
        year=2009,
        value=0.060,
        source_label="x",
    )
    assert services.check_evidence(evidence).moved, "7.43 % in 2015 against 6.0 %: more than 1 point"
    evidence.value = 0.070
    assert not services.check_evidence(evidence).moved


def test_field_finding_from_a_meeting_is_linked_both_ways(client_as, personas, findings, statistics):
    from datetime import timedelta

    from django.utils import timezone

    from network.models import ConcertationSpace, Meeting, Membership, Organisation, Person
    from territory.models import Territory
    from vocabulary.models import OrganisationType

    namur = Territory.objects.get(nis_code="92094")
    org = Organisation.objects.create(
        name="CRI", sector="public", type=OrganisationType.objects.get(code="cri"), commune=namur
    )
    space = ConcertationSpace.objects.create(
        name="Plateforme FLE", kind="thematic", carried_by=org, territory=namur
    )
    facilitator = Person.objects.create(
        full_name="Animatrice", organisation=org, user=personas["partner_member"]
    )
    Membership.objects.create(space=space, person=facilitator, role="facilitator")
    start = timezone.now() - timedelta(days=3)
    meeting = Meeting.objects.create(
        space=space, title="Réunion", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    client = client_as(personas["partner_member"])
    page = client.get(reverse("network:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'id="field-finding-create"' in page
    response = client.post(
        reverse("diagnostic:field_finding_create", args=[meeting.pk]),
        {
            "statement": "Les horaires des cours ne conviennent pas aux travailleurs",
            "axis": findings["fle"].axis.pk,
            "diagnostic": findings["fle"].diagnostic.pk,
        },
    )
    assert response.url == reverse("network:meeting_detail", args=[meeting.pk])
    finding = Finding.objects.get(source_meeting=meeting)
    assert finding.status == "draft" and list(finding.sources.values_list("kind", flat=True)) == ["field"]
    assert (
        "Les horaires des cours"
        in client_as(personas["coordinator"])
        .get(reverse("network:meeting_detail", args=[meeting.pk]))
        .content.decode()
    )
    own = client.get(reverse("network:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Les horaires des cours" in own, "the partner who raised it sees their own finding"
    assert "en attente des coordinateurs" in own and "Aucun constat encore" not in own
    register = client_as(personas["coordinator"]).get(reverse("diagnostic:index")).context["field_counts"]
    assert register == [
        {"source_meeting__space__pk": space.pk, "source_meeting__space__name": "Plateforme FLE", "count": 1}
    ]
    assert (
        client_as(personas["partner_outsider"])
        .get(reverse("diagnostic:field_finding_create", args=[meeting.pk]))
        .status_code
        == 404
    )


def test_api_findings_follow_the_same_rule(client_as, personas, findings):
    data = client_as(personas["reader"]).get("/api/v1/diagnostic/findings/", {"q": "ecoles"}).json()["items"]
    assert [f["id"] for f in data] == [findings["school"].pk]
    from django.test import Client

    assert Client().get("/api/v1/diagnostic/findings/").status_code == 401
    paths = client_as(personas["reader"]).get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/diagnostic/findings/",
        "/api/v1/diagnostic/campaigns/",
        "/api/v1/diagnostic/reviews/",
    } <= set(paths)


@pytest.mark.parametrize("persona", ["reader", "coordinator"])
@pytest.mark.parametrize("query", [{}, {"q": "constat"}, {"territoire": "92000"}])
def test_register_query_count_does_not_grow(
    client_as, personas, make_finding, persona, query, query_baseline
):
    client = client_as(personas[persona])
    client.get(reverse("diagnostic:index"))
    name = f"diagnostic:index?{urlencode(query)} ({persona}), 2 then 30 findings"
    for size in (2, 30):
        for i in range(Finding.objects.count(), size):
            make_finding(f"Constat numéro {i}", territories=("92094", "92137")[: 1 + i % 2])
        with query_baseline(name):
            page = client.get(reverse("diagnostic:index"), query).context["page"]
        assert len(page) == min(size, 25)


def test_a_plan_may_cite_the_findings_of_any_diagnostic_of_its_territory(personas, statistics):
    """A commune's plan cites its own diagnostic's findings, its province's and a diagnostic of a commune
    within it for the province's plan; never another province's, nor a draft for a reader."""
    from diagnostic.queries import citable_findings
    from plan.tests import factories as f
    from territory.models import Territory

    province, namur = Territory.objects.get(nis_code="90000"), Territory.objects.get(nis_code="92094")
    luxembourg = Territory.objects.get(nis_code="80000")
    coordinator = personas["coordinator"]

    def finding_of(territory, status="published"):
        diagnostic = f.diagnostic(f"Diagnostic de {territory.name_fr}", status=status, territory=territory)
        return f.finding(f"Constat de {territory.name_fr}", in_diagnostic=diagnostic, by=coordinator)

    of_province, of_namur, elsewhere = finding_of(province), finding_of(namur), finding_of(luxembourg)
    draft = finding_of(namur, status="draft")
    for_commune = set(citable_findings(namur, coordinator))
    assert {of_province, of_namur, draft} <= for_commune and elsewhere not in for_commune
    assert {of_province, of_namur} <= set(citable_findings(province, coordinator))
    assert draft not in set(citable_findings(namur, personas["reader"]))


def test_the_evidence_table_names_the_indicator_in_french_not_by_its_code(
    findings, personas, statistics, client_as
):
    from diagnostic.models import Evidence
    from territory.models import Territory

    Evidence.objects.create(
        finding=findings["school"],
        territory=Territory.objects.get(nis_code="92094"),
        indicator="non_belgian_share",
        year=2009,
        value=0.060,
        source_label="x",
    )
    page = client_as(personas["coordinator"]).get(findings["school"].get_absolute_url()).content.decode()
    assert "part des non-Belges" in page
    assert ">non_belgian_share<" not in page


def test_a_statistic_cited_for_a_year_after_the_latest_import_is_not_compared_with_older_data(
    findings, personas, statistics, client_as
):
    from diagnostic.models import Evidence
    from territory.models import Territory

    evidence = Evidence.objects.create(
        finding=findings["school"],
        territory=Territory.objects.get(nis_code="92094"),
        indicator="non_belgian",
        year=2020,
        value=12000,
        source_label="x",
    )
    check = services.check_evidence(evidence)
    assert check.latest_value is None and not check.moved and not check.newer, "2015 is older than 2020"
    page = client_as(personas["coordinator"]).get(findings["school"].get_absolute_url()).content.decode()
    assert "pas encore de chiffres plus récents" in page
    assert ">stable<" not in page


def test_the_home_links_its_counts_to_the_register_filtered_the_same_way(
    findings, personas, statistics, client_as
):
    from diagnostic.models import Evidence
    from territory.models import Territory

    Evidence.objects.create(
        finding=findings["school"],
        territory=Territory.objects.get(nis_code="92094"),
        indicator="non_belgian_share",
        year=2009,
        value=0.060,
        source_label="x",
    )
    client = client_as(personas["coordinator"])
    home = client.get(reverse("home")).content.decode()
    assert 'href="/constats/?statut=en_vigueur"' in home
    assert 'href="/constats/?a_reexaminer=on"' in home
    in_force = Finding.objects.filter(status__in=["in_force", "confirmed", "nuanced"]).count()
    listed = client.get(reverse("diagnostic:index"), {"statut": "en_vigueur"}).context["page"].paginator.count
    assert listed == in_force
    assert in_force < Finding.objects.count() or Finding.objects.filter(status="draft").count() == 0
    moved = client.get(reverse("diagnostic:index"), {"a_reexaminer": "on"}).context["page"]
    assert [f.pk for f in moved] == [findings["school"].pk]
