"""The demonstration findings: a credible 2016-2017 diagnostic, real evidence, a campaign half done."""

from collections import Counter
from io import StringIO

import pytest
from django.test import override_settings

from accounts import demo as accounts_demo
from diagnostic import demo, queries, services
from diagnostic.choices import DiagnosticStatus, FindingStatus, Lens, SourceKind, Verdict
from diagnostic.models import (
    CampaignInvitation,
    Diagnostic,
    Evidence,
    Finding,
    FindingReview,
    FindingWording,
    ReviewCampaign,
    Settlement,
)
from network import demo as network_demo
from territory.imports.statbel import import_structure
from territory.queries import latest_structure_year
from territory.tests.helpers import province_subset

EVIDENCE_YEAR = 2009  # the year imported here; the 2012 evidence then has no figure and is skipped
MODELS = [Diagnostic, Finding, FindingWording, Evidence, ReviewCampaign, FindingReview, Settlement]


@pytest.fixture(scope="module")
def structure_2009(tmp_path_factory):
    """The Province de Namur's rows of the real 2009 structure file (the session loads only 2015)."""
    from conftest import shared_data_dir

    folder = shared_data_dir()
    if folder is None:
        pytest.skip("the real Statbel files (../shared/data or PLI_DATA_DIR) are not available")
    target = tmp_path_factory.mktemp("structure") / f"statbel_TF_SOC_POP_STRUCT_{EVIDENCE_YEAR}.txt.gz"
    return province_subset(folder / f"statbel_TF_SOC_POP_STRUCT_{EVIDENCE_YEAR}.txt.gz", target)


@pytest.fixture
def demo_accounts(statistics, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the demo password file goes to a temporary folder
    accounts_demo.load(StringIO())


@pytest.fixture
def demo_network(demo_accounts):
    network_demo.load(StringIO())


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker, tmp_path_factory, structure_2009):
    """The accounts, network and findings of the demo, loaded once for the module's tests."""
    from conftest import rows_for_the_module

    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(VAR_DIR=tmp_path_factory.mktemp("var")):
            accounts_demo.load(StringIO())
            network_demo.load(StringIO())
            import_structure(structure_2009)
            out = StringIO()
            demo.load(out)
        yield out.getvalue()


@pytest.fixture
def loaded(statistics, loaded_once):
    return loaded_once


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def old_diagnostic():
    return Diagnostic.objects.get(title="Méta-diagnostic provincial 2016-2017")


def new_diagnostic():
    return Diagnostic.objects.get(title="Actualisation PPLI 2.0")


def expected_evidence():
    """(cited, skipped) with the 2009 structure and the workbook loaded, 2012 structure not."""
    specs = [e for spec in demo.FINDINGS for e in spec.evidence]
    cited = [e for e in specs if e[2] == EVIDENCE_YEAR or e[1] == "population"]
    return len(cited), len(specs) - len(cited)


def test_two_diagnostics_and_sixty_findings_across_the_six_axes(loaded):
    assert loaded.startswith("Demo findings: 2 diagnostics, ")
    old, new = old_diagnostic(), new_diagnostic()
    assert (old.status, old.period, old.territory.nis_code, old.is_demo) == (
        DiagnosticStatus.PUBLISHED,
        "2016-2017",
        "90000",
        True,
    )
    assert all(word in old.method.lower() for word in ("grilles de synthèse", "entretiens", "focus groups"))
    assert "Statbel" in old.method
    assert (new.status, new.period, new.is_demo) == (DiagnosticStatus.DRAFT, "2023-2025", True)

    findings = Finding.objects.filter(diagnostic=old).prefetch_related("territories", "publics", "sources")
    assert 55 <= findings.count() <= 65
    axes = Counter(f.axis.code for f in findings.select_related("axis"))
    assert len(axes) == 6 and all(code.startswith("pcs-2014-") for code in axes)
    assert min(axes.values()) >= 8
    assert len({f.statement for f in findings}) == findings.count()
    for finding in findings:
        territories = list(finding.territories.all())
        assert territories and finding.publics.exists() and finding.search_text.strip()
        for territory in territories:
            assert territory.valid_to is None
            assert territory.nis_code == "90000" or territory.province_code == "90000"
            assert territory.level in ("province", "arrondissement", "commune")
    communes = {t.nis_code for f in findings for t in f.territories.all() if t.level == "commune"}
    assert len(communes) >= 15
    kinds = Counter(s.kind for f in findings for s in f.sources.all())
    assert kinds.most_common(1)[0][0] == SourceKind.DIAGNOSTIC_2016
    assert {SourceKind.PCS_PST, SourceKind.STRUCTURES, SourceKind.ILI, SourceKind.FIELD} <= set(kinds)
    details = {s.detail for f in findings for s in f.sources.all()}
    assert "CADA de Florennes" in details and "PCS de Sambreville" in details
    # Every finding starts with its first wording, dated from the 2016-2017 report.
    first = FindingWording.objects.filter(finding__diagnostic=old, settlement=None)
    assert first.count() == findings.count()
    assert {w.since.year for w in first} == {2017}


def test_real_statistics_are_cited_and_some_moved_beyond_the_threshold(loaded):
    cited, skipped = expected_evidence()
    assert 10 <= cited + skipped <= 15
    evidence = Evidence.objects.select_related("territory")
    assert evidence.count() == cited
    assert f"{cited} statistics cited" in loaded and f"{skipped} skipped: year not loaded" in loaded
    assert {e.year for e in evidence} <= {2009, 2012}
    assert latest_structure_year() == 2015
    checks = [services.check_evidence(e) for e in evidence]
    moved = [c for c in checks if c.moved]
    assert len(moved) >= 2
    assert f"({len(moved)} to re-examine" in loaded
    for check in moved:
        # A population is compared with the workbook's last year (1992–2024), the rest with the last
        # nationality split (2015): only ever with newer figures.
        expected_year = 2024 if check.evidence.indicator == "population" else 2015
        assert check.latest_year == expected_year and check.latest_value != check.evidence.value
    namur = next(c for c in checks if c.evidence.territory.nis_code == "92094" and c.evidence.year == 2009)
    assert namur.evidence.indicator == "non_belgian_share"
    assert round(namur.evidence.value * 100, 1) == 6.3  # Statbel, 1 January 2009
    assert round(namur.latest_value * 100, 1) == 7.4 and namur.moved
    assert Finding.objects.filter(evidence__isnull=False, sources__kind=SourceKind.STATISTIC).exists()


def test_evidence_of_years_not_loaded_is_skipped_quietly(demo_network):
    out = StringIO()
    demo.load(out)  # no 2009 or 2012 structure file: only the workbook's populations can be cited
    populations = sum(1 for spec in demo.FINDINGS for e in spec.evidence if e[1] == "population")
    total = sum(len(spec.evidence) for spec in demo.FINDINGS)
    assert Evidence.objects.count() == populations
    assert set(Evidence.objects.values_list("indicator", flat=True)) == {"population"}
    assert f"{total - populations} skipped: year not loaded" in out.getvalue()


def test_the_campaign_is_half_done(loaded):
    old, new = old_diagnostic(), new_diagnostic()
    campaign = ReviewCampaign.objects.get(title="Actualisation PPLI 2.0 — questionnement des constats")
    assert campaign.is_demo and campaign.status == "open" and campaign.diagnostic == old
    assert sorted(campaign.lenses) == sorted(Lens.values)
    total = campaign.findings.count()
    assert total == Finding.objects.filter(diagnostic=old).count()

    reviews = FindingReview.objects.filter(campaign=campaign)
    per_finding = Counter(reviews.values_list("finding", flat=True))
    assert 0.4 <= len(per_finding) / total <= 0.6
    assert set(per_finding.values()) <= {1, 2, 3} and max(per_finding.values()) == 3
    assert all(r.rationale.strip() for r in reviews)
    assert reviews.filter(verdict=Verdict.NUANCED).exclude(new_wording="").exists()

    settlements = Settlement.objects.filter(campaign=campaign).select_related("finding", "replacement")
    assert 0.28 <= settlements.count() / total <= 0.4
    assert {s.finding_id for s in settlements} <= set(per_finding)  # settled after being reviewed
    verdicts = Counter(s.verdict for s in settlements)
    assert verdicts[Verdict.CONFIRMED] > settlements.count() / 2
    assert verdicts[Verdict.NUANCED] >= 3 and verdicts[Verdict.OBSOLETE] == 2
    assert verdicts[Verdict.REPLACED] == 1
    replaced = settlements.get(verdict=Verdict.REPLACED)
    assert replaced.replacement.diagnostic == new
    assert replaced.finding.status == FindingStatus.REPLACED
    assert replaced.finding.replaced_by == replaced.replacement
    for settlement in settlements:
        assert settlement.finding.status == settlement.verdict  # FindingStatus values match verdicts
        reviewed_last = reviews.filter(finding=settlement.finding).latest("created_at").created_at
        assert campaign.opened_at < reviewed_last < settlement.settled_at
    untouched = campaign.findings.exclude(pk__in=list(per_finding)).count()
    assert untouched == total - len(per_finding) and untouched >= 0.4 * total

    coordinator = campaign.opened_by
    assert coordinator.email == "coordination@demo.pli.local"
    partner_lenses = set(
        CampaignInvitation.objects.filter(campaign=campaign).values_list("user__email", "lens")
    )
    assert partner_lenses == {("partenaire@demo.pli.local", "field"), ("partenaire@demo.pli.local", "ili")}
    by_partner = reviews.filter(reviewer__email="partenaire@demo.pli.local")
    assert by_partner.exists()
    assert set(by_partner.values_list("lens", flat=True)) <= {"field", "ili"}
    assert {r.reviewer.email for r in reviews.select_related("reviewer")} == {
        "coordination@demo.pli.local",
        "partenaire@demo.pli.local",
    }
    assert all(s.settled_by == coordinator for s in settlements)


def test_a_nuanced_finding_keeps_both_wordings(loaded):
    settlement = Settlement.objects.select_related("finding").get(
        verdict=Verdict.NUANCED, finding__statement__startswith="Les listes d'attente en FLE"
    )
    finding = settlement.finding
    assert finding.status == FindingStatus.NUANCED and finding.version == 2
    wordings = list(finding.wordings.all())
    assert [w.text for w in wordings] == [
        "Les listes d'attente en cours de français (FLE) dépassent six mois à Namur et Sambreville",
        settlement.new_wording,
    ]
    assert wordings[1].settlement == settlement and wordings[0].since < wordings[1].since
    changes = queries.wording_changes(queries.finding_for_page(Finding.objects, finding.pk))
    kinds = {kind for kind, _text in changes[1]["parts"]}
    assert {"same", "added", "removed"} <= kinds
    assert "sambreville" in finding.search_text and " soir " in finding.search_text
    nuanced = Finding.objects.filter(status=FindingStatus.NUANCED)
    assert all(f.wordings.count() == 2 for f in nuanced)


def test_field_findings_come_from_demo_meetings(loaded):
    field = Finding.objects.filter(source_meeting__isnull=False).select_related(
        "diagnostic", "source_meeting__space"
    )
    assert 3 <= field.count() <= 5
    for finding in field:
        space = finding.source_meeting.space
        assert space.is_demo and finding.diagnostic == new_diagnostic()
        assert finding.status == FindingStatus.DRAFT
        assert finding.sources.filter(kind=SourceKind.FIELD, detail=space.name).exists()
        assert list(finding.territories.all()) == [space.territory]
        assert finding.statement in finding.source_meeting.minutes
    assert len({f.source_meeting.space_id for f in field}) >= 3
    assert len({f.axis_id for f in field}) >= 2


def test_loading_twice_creates_nothing_more(loaded):
    before = counts()
    out = StringIO()
    demo.load(out)
    assert out.getvalue() == "Demo findings already loaded."
    assert counts() == before


def test_loading_keeps_its_query_count_and_is_one_transaction(
    demo_network, structure_2009, monkeypatch, query_baseline
):
    import_structure(structure_2009)
    with query_baseline("diagnostic demo: loading the findings and the campaign"):  # a tight baseline
        demo.load(StringIO())

    # A failure half-way leaves nothing behind.
    def broken(**kwargs):
        raise RuntimeError("boom")

    before = counts()
    monkeypatch.setattr(demo, "is_loaded", lambda: False)
    monkeypatch.setattr(demo.services, "settle", broken)
    with pytest.raises(RuntimeError):
        demo.load(StringIO())
    assert counts() == before


def test_without_demo_accounts_or_network_the_findings_still_load(statistics):
    out = StringIO()
    demo.load(out)
    text = out.getvalue()
    assert "reviews skipped" in text and "no field findings" in text
    assert Finding.objects.filter(diagnostic=old_diagnostic()).count() >= 55
    assert ReviewCampaign.objects.filter(is_demo=True).count() == 1
    assert not FindingReview.objects.exists() and not Settlement.objects.exists()


def test_without_the_province_nothing_is_loaded(statistics, monkeypatch):
    content = demo.read_content().model_copy(update={"territory": "99999"})  # a province not loaded
    monkeypatch.setattr(demo, "read_content", lambda *args, **kwargs: content)
    out = StringIO()
    demo.load(out)
    assert out.getvalue().startswith("Demo findings skipped: the Province de Namur")
    assert not Diagnostic.objects.exists()
