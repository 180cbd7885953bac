"""The plan's read functions: population in proportion, dashboard, coverage, comparison, findings."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from diagnostic.choices import DiagnosticStatus, FindingStatus
from network.models import Offer
from plan import queries, services
from plan.choices import MeansKind, PlanStatus, RecommendationStatus, ResourceRole
from plan.models import Means, Recommendation
from plan.tests import factories as f
from territory import queries as territory_queries
from territory.choices import Level
from territory.models import Territory
from territory.tests.helpers import raw_structure_totals
from vocabulary.models import Axis, OfferType

pytestmark = pytest.mark.django_db


# --- population in proportion ----------------------------------------------------------------------


# Expected figures are summed from the raw Statbel file of the session (2015), never read back from the
# platform's own queries.
RAW_CODES = [f.PROVINCE, f.COMMUNE, f.OTHER_COMMUNE, "93000", "93010", "93014", "93018", "93022", "93056"]
RAW_CODES += ["93088", "93090"]


@pytest.fixture
def year(statistics):
    return territory_queries.latest_structure_year()


@pytest.fixture(scope="module")
def raw():
    from conftest import shared_data_dir

    if shared_data_dir() is None:
        pytest.skip("the real Statbel files (../shared/data or PLI_DATA_DIR) are not available")
    return raw_structure_totals(shared_data_dir() / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz", RAW_CODES)


@pytest.fixture
def province(statistics):
    return Territory.objects.get(nis_code=f.PROVINCE)


@pytest.fixture
def namur(statistics):
    return Territory.objects.get(nis_code=f.COMMUNE)


@pytest.fixture
def gembloux(statistics):
    return Territory.objects.get(nis_code=f.OTHER_COMMUNE)


@pytest.mark.parametrize("nis", [f.PROVINCE, f.COMMUNE])
def test_population_of_one_territory_is_its_portrait(year, raw, nis):
    territory = Territory.objects.get(nis_code=nis)

    result = queries.population_in_proportion([territory])

    assert result.year == year == 2015
    assert result.missing == []
    assert [row.territory for row in result.rows] == [territory]
    assert result.rows[0].portrait == territory_queries.portrait(territory, year)  # one computation
    assert (result.population, result.non_belgian) == (raw[nis]["population"], raw[nis]["non_belgian"])
    assert result.share == pytest.approx(raw[nis]["non_belgian"] / raw[nis]["population"])
    assert [source.file_name for source in result.sources] == ["statbel_TF_SOC_POP_STRUCT_2015.txt.gz"]
    assert result.counts_youth is False and result.rows[0].young_non_belgians is None


@pytest.mark.parametrize("order", ["province first", "commune first"])
def test_a_province_and_one_of_its_communes_count_nobody_twice(year, raw, province, namur, order):
    territories = [province, namur] if order == "province first" else [namur, province]
    whole = raw[f.PROVINCE]

    result = queries.population_in_proportion(territories)

    assert [row.territory for row in result.rows] == [province]
    assert (result.population, result.non_belgian) == (whole["population"], whole["non_belgian"])
    assert (result.population, result.non_belgian) == (487_145, 23_071)  # Statbel's published figures
    assert result.share == pytest.approx(whole["non_belgian"] / whole["population"])


def test_the_same_territory_twice_is_counted_once(year, raw, namur):
    result = queries.population_in_proportion([namur, namur])
    assert result.non_belgian == raw[f.COMMUNE]["non_belgian"] == 8_220


def test_two_communes_add_up(year, raw, namur, gembloux):
    first, second = raw[f.COMMUNE], raw[f.OTHER_COMMUNE]
    result = queries.population_in_proportion([namur, gembloux])
    assert result.population == first["population"] + second["population"]
    assert result.non_belgian == first["non_belgian"] + second["non_belgian"]
    assert result.share == pytest.approx(result.non_belgian / result.population)


@pytest.mark.parametrize("code", ["youth", "mena"])
def test_a_youth_public_gives_the_young_non_belgians(year, raw, province, namur, code):
    result = queries.population_in_proportion(
        [province, namur], publics=[f.get_public(code), f.get_public("women")]
    )

    assert result.counts_youth is True
    young = raw[f.PROVINCE]["non_belgian_under_18"]
    assert result.rows[0].young_non_belgians == young
    assert 0 < young < raw[f.PROVINCE]["non_belgian"]


def test_a_territory_without_figures_is_missing(year, raw, namur):
    nowhere = Territory.objects.create(nis_code="99999", level=Level.COMMUNE, name_fr="Nulle part")

    result = queries.population_in_proportion([namur, nowhere])

    assert result.missing == [nowhere]
    assert [row.territory for row in result.rows] == [namur]
    assert result.non_belgian == raw[f.COMMUNE]["non_belgian"]

    alone = queries.population_in_proportion([nowhere])
    assert alone.missing == [nowhere] and alone.rows == []
    assert alone.population is None and alone.share is None


# --- dashboard -------------------------------------------------------------------------------------


def test_dashboard_by_axis(coordinator):
    world = f.world(by=coordinator)
    # means of the wrong kind never count: euros of a human line, FTE of a financial line
    Means.objects.create(
        recommendation=world.other, kind=MeansKind.HUMAN, fte=Decimal("1.25"), amount=Decimal("9999")
    )
    Means.objects.create(
        recommendation=world.job, kind=MeansKind.FINANCIAL, amount=Decimal("1000"), fte=Decimal("7")
    )
    f.financial(world.other, "250.25")
    f.resource(world.other, world.carrier, ResourceRole.FUNDER)  # the same partner again on the axis
    f.resource(world.job, world.carrier)
    Recommendation.objects.filter(pk=world.carried.pk).update(
        progress=50, status=RecommendationStatus.IN_PROGRESS
    )
    Recommendation.objects.filter(pk=world.job.pk).update(progress=100, status=RecommendationStatus.DONE)
    other_plan = f.plan("Autre plan")  # figures of another plan stay out
    f.financial(f.recommendation(f.priority(other_plan)), "77")

    figures = queries.dashboard(world.plan)

    by_axis = {row.axis.code: row for row in figures["axes"]}
    assert set(by_axis) == set(
        Axis.objects.filter(framework=world.plan.framework).values_list("code", flat=True)
    )
    housing, work = by_axis[f.HOUSING], by_axis[f.WORK]
    assert (housing.priorities, housing.recommendations) == (1, 2)
    assert (work.priorities, work.recommendations) == (1, 1)
    assert housing.euros == Decimal("1750.75")  # 1500.50 + 250.25
    assert housing.fte == Decimal("1.75")  # 0.5 + 1.25
    assert work.euros == Decimal("1000") and work.fte == Decimal("0")
    assert housing.partners == 2 and work.partners == 1
    assert housing.progress == pytest.approx(25) and housing.done == 0
    assert work.progress == pytest.approx(100) and work.done == 1
    for code, row in by_axis.items():
        if code not in (f.HOUSING, f.WORK):
            assert (row.priorities, row.recommendations, row.euros, row.fte, row.partners, row.progress) == (
                0,
                0,
                0,
                0,
                0,
                None,
            )

    totals = figures["totals"]
    assert (totals["priorities"], totals["recommendations"]) == (2, 3)
    assert totals["euros"] == Decimal("2750.75")
    assert totals["fte"] == Decimal("1.75")
    assert totals["partners"] == 2
    assert totals["progress"] == pytest.approx(50)
    assert totals["done"] == 1


def test_dashboard_of_an_empty_plan():
    figures = queries.dashboard(f.plan())
    assert figures["totals"]["recommendations"] == 0 and figures["totals"]["progress"] is None
    assert figures["totals"]["euros"] == 0 and figures["totals"]["partners"] == 0


# --- coverage --------------------------------------------------------------------------------------


def active_communes(territory):
    return Territory.objects.within(territory).filter(level=Level.COMMUNE, valid_to__isnull=True)


def test_coverage_lists_every_commune_and_counts_recommendations(year, raw, province, namur, coordinator):
    plan = f.plan(territory=province)
    priority = f.priority(plan)
    dinant = Territory.objects.get(nis_code="91000")
    f.recommendation(priority, "Pour Namur", territories=[namur])
    f.recommendation(priority, "Pour l'arrondissement de Dinant", territories=[dinant])
    f.recommendation(priority, "Pour Namur et Dinant", territories=[namur, dinant])
    f.recommendation(priority, "Pour toute la province", territories=[province])
    organisation = f.organisation()
    for code in ("fle", "citizenship"):
        Offer.objects.create(organisation=organisation, type=OfferType.objects.get(code=code), commune=namur)

    result = queries.coverage(plan, coordinator)

    assert result["year"] == year
    rows = {c.nis: c for c in result["communes"]}
    assert set(rows) == set(active_communes(province).values_list("nis_code", flat=True))
    assert rows[namur.nis_code].recommendations == 2
    assert rows[namur.nis_code].offers == 2
    assert rows[namur.nis_code].non_belgian == raw[f.COMMUNE]["non_belgian"] == 8_220
    assert rows[namur.nis_code].coverage_per_1000 == 0.49  # 2 recommendations + 2 offers for 8,220
    in_dinant = set(active_communes(dinant).values_list("nis_code", flat=True))
    assert in_dinant
    for nis in in_dinant:
        assert rows[nis].recommendations == 2
    for nis, row in rows.items():
        if nis not in in_dinant and nis != namur.nis_code:
            assert row.recommendations == 0 and row.offers == 0
    assert result["whole_territory"] == 1
    whole = raw[f.PROVINCE]
    assert result["territory_share"] == pytest.approx(whole["non_belgian"] / whole["population"], abs=1e-6)


# The arrondissement of Philippeville on 1 January 2015, summed from the raw Statbel file: non-Belgians,
# residents, share. The arrondissement: 2,323 of 66,520, 3.49 %.
PHILIPPEVILLE = {
    "93010": ("Cerfontaine", 130, 4_889),  # 2.66 %
    "93014": ("Couvin", 518, 13_939),  # 3.72 %, above the arrondissement
    "93018": ("Doische", 84, 2_921),  # 2.88 %
    "93022": ("Florennes", 308, 11_267),  # 2.73 %
    "93056": ("Philippeville", 297, 9_216),  # 3.22 %
    "93088": ("Walcourt", 760, 18_477),  # 4.11 %, above
    "93090": ("Viroinval", 226, 5_811),  # 3.89 %, above
}


def test_coverage_flags_high_need_and_low_coverage(year, raw):
    """One recommendation for each of four communes: per 1,000 non-Belgians that is 7.69 (Cerfontaine),
    3.25 (Florennes), 3.37 (Philippeville), 1.93 (Couvin); 0 for Doische, Walcourt and Viroinval. The
    median of the seven is Couvin's 1.93. Pointed out: above 3.49 % and under 1.93, that is Walcourt and
    Viroinval, the most non-Belgians first; not Couvin (at the median, not under), not Doische (no
    coverage, but a share under the arrondissement's)."""
    assert {nis: (raw[nis]["non_belgian"], raw[nis]["population"]) for nis in PHILIPPEVILLE} == {
        nis: (non_belgian, population) for nis, (_name, non_belgian, population) in PHILIPPEVILLE.items()
    }
    arrondissement = Territory.objects.get(nis_code="93000")
    plan = f.plan(territory=arrondissement)
    priority = f.priority(plan)
    for nis in ("93010", "93022", "93056", "93014"):
        f.recommendation(priority, f"Pour {PHILIPPEVILLE[nis][0]}", territories=[f.get_territory(nis)])

    result = queries.coverage(plan, None)

    assert result["territory_share"] == pytest.approx(2_323 / 66_520, abs=1e-6)
    assert result["median_coverage"] == 1.93
    assert {c.nis: c.coverage_per_1000 for c in result["communes"]} == {
        "93010": 7.69,
        "93014": 1.93,
        "93018": 0.0,
        "93022": 3.25,
        "93056": 3.37,
        "93088": 0.0,
        "93090": 0.0,
    }
    assert [c.name for c in result["flagged"]] == ["Walcourt", "Viroinval"]
    assert {c.nis for c in result["communes"] if c.high_need_low_coverage} == {"93088", "93090"}


def test_coverage_of_a_commune_plan(year, namur):
    plan = f.plan(territory=namur, kind="pli")
    f.recommendation(f.priority(plan), territories=[namur])
    result = queries.coverage(plan, None)
    assert [c.nis for c in result["communes"]] == [namur.nis_code]
    assert result["whole_territory"] == 1


# --- comparing two versions ------------------------------------------------------------------------


@pytest.fixture
def versions(coordinator):
    world = f.world(status=PlanStatus.CLOSED, published=True, by=coordinator)
    new = services.new_version(
        world.plan, title="PPLI 3.0", version_label="", start_year=2026, end_year=2030, by=coordinator
    )
    return world, new


def summary(**counts):
    return {"added": 0, "removed": 0, "reworded": 0, "unchanged": 0, **counts}


def test_compare_an_untouched_copy(versions):
    world, new = versions
    result = queries.compare(world.plan, new)
    assert result["priority_summary"] == summary(unchanged=2)
    assert result["recommendation_summary"] == summary(unchanged=3)
    assert result["recommendations"] == []


def test_compare_through_lineage(versions):
    world, new = versions
    housing = new.priorities.get(copied_from=world.housing)
    housing.title = "Un logement digne pour chacun"
    housing.save()
    work = new.priorities.get(copied_from=world.work)
    work.axis = f.get_axis("formation")  # moved to another axis: reworded, though its title is kept
    work.save()
    added_priority = f.priority(new, "Accès à la santé", axis="sante-aide-sociale")
    carried = Recommendation.objects.get(copied_from=world.carried)
    carried.title = "Ouvrir deux permanences logement"
    carried.save()
    Recommendation.objects.get(copied_from=world.other).delete()
    added = f.recommendation(added_priority, "Traduire les documents médicaux")

    result = queries.compare(world.plan, new)

    assert result["priority_summary"] == summary(added=1, reworded=2)
    kinds = {(c.kind, c.old.pk if c.old else None, c.new.pk if c.new else None) for c in result["priorities"]}
    assert kinds == {
        ("reworded", world.housing.pk, housing.pk),
        ("reworded", world.work.pk, work.pk),
        ("added", None, added_priority.pk),
    }
    assert result["recommendation_summary"] == summary(added=1, removed=1, reworded=1, unchanged=1)
    changes = {
        (c.kind, c.old.pk if c.old else None, c.new.pk if c.new else None) for c in result["recommendations"]
    }
    assert changes == {
        ("reworded", world.carried.pk, carried.pk),
        ("removed", world.other.pk, None),
        ("added", None, added.pk),
    }


def test_compare_without_lineage_matches_the_same_text(coordinator):
    old = f.plan("PPLI 2016-2019", start_year=2016, end_year=2019)
    new = f.plan("PPLI 2.0")
    f.recommendation(f.priority(old, "Accès au logement"), "Créer un guichet unique")
    f.recommendation(f.priority(old, "Santé mentale", axis="sante-aide-sociale"), "Former des interprètes")
    kept = f.priority(new, "ACCES AU LOGEMENT ")  # case, accents and spaces aside, the same text
    f.recommendation(kept, "Créer un guichet unique")
    f.recommendation(kept, "Ouvrir une permanence")
    f.priority(new, "Mobilité", axis="travail")

    result = queries.compare(old, new)

    assert result["priority_summary"] == summary(unchanged=1, added=1, removed=1)
    assert result["recommendation_summary"] == summary(unchanged=1, added=1, removed=1)


def test_lineage_wins_over_a_new_item_with_the_old_text(versions):
    """A new priority that takes the old title of a reworded copy is an addition, not the continuation."""
    world, new = versions
    housing = new.priorities.get(copied_from=world.housing)
    housing.number, housing.title = 9, "Un logement digne pour chacun"
    housing.save()
    newcomer = f.priority(new, world.housing.title, number=1)  # comes first in the new plan's order

    result = queries.compare(world.plan, new)

    kinds = {(c.kind, c.old.pk if c.old else None, c.new.pk) for c in result["priorities"]}
    assert ("reworded", world.housing.pk, housing.pk) in kinds
    assert ("added", None, newcomer.pk) in kinds
    assert result["priority_summary"] == summary(added=1, reworded=1, unchanged=1)


def test_compare_across_several_versions_follows_the_copies(versions, coordinator):
    world, second = versions
    third = services.new_version(
        second, title="PPLI 4.0", version_label="", start_year=2031, end_year=2035, by=coordinator
    )
    housing = third.priorities.get(copied_from__copied_from=world.housing)
    housing.title = "Un logement digne pour chacun"
    housing.save()

    result = queries.compare(world.plan, third)

    assert result["priority_summary"] == summary(reworded=1, unchanged=1)
    assert result["recommendation_summary"] == summary(unchanged=3)


def test_compare_given_the_later_plan_first_still_follows_the_copies(versions):
    world, new = versions
    carried = Recommendation.objects.get(copied_from=world.carried)
    carried.title = "Ouvrir deux permanences logement"
    carried.save()

    result = queries.compare(new, world.plan)

    assert result["priority_summary"] == summary(unchanged=2)
    assert result["recommendation_summary"] == summary(reworded=1, unchanged=2)
    [change] = result["recommendations"]
    assert (change.old, change.new) == (carried, world.carried)


def test_plans_of_different_territories_are_not_compared(statistics, coordinator):
    old = f.plan(territory=f.get_territory(f.PROVINCE))
    other = f.plan(territory=f.get_territory(f.COMMUNE), kind="pli")
    with pytest.raises(ValidationError):
        queries.compare(old, other)


# --- findings a visitor may read -------------------------------------------------------------------


def test_findings_visible(personas):
    coordinator = personas["coordinator"]
    published = f.diagnostic()
    draft = f.diagnostic("Diagnostic 2025 en cours", status=DiagnosticStatus.DRAFT)
    in_force = f.finding("Constat publié", in_diagnostic=published, by=coordinator)
    draft_finding = f.finding(
        "Constat en brouillon", in_diagnostic=published, status=FindingStatus.DRAFT, by=coordinator
    )
    of_draft = f.finding("Constat d'un diagnostic en cours", in_diagnostic=draft, by=coordinator)
    unrelated = f.finding("Constat non cité", in_diagnostic=published, by=coordinator)
    recommendation = f.recommendation(f.priority(f.plan()), findings=[in_force, draft_finding, of_draft])

    def visible(user):
        return set(queries.findings_visible(user, recommendation.findings.all()))

    assert visible(None) == {in_force}
    assert visible(AnonymousUser()) == {in_force}
    assert visible(personas["reader"]) == {in_force}
    assert visible(personas["partner_outsider"]) == {in_force}
    assert visible(coordinator) == {in_force, draft_finding, of_draft}
    assert unrelated not in visible(coordinator)
