"""A small plan built in headless Chromium: a coordinator creates it, adds a priority justified by a
finding and a recommendation with its means and resources, sees the population in proportion computed
from the real statistics, is told what is wrong with bad input, adopts and publishes the plan; an
anonymous visitor then reads it, without its internal data; a partner posts progress.

Steps are found by element ids and values, not by wording, so that the test holds whatever the translation.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import assert_accessible, browser_login, submit
from diagnostic.choices import FindingStatus
from plan.models import Plan, ProgressUpdate, Recommendation
from plan.tests import factories as f
from territory.tests.helpers import raw_structure_totals

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_builds_and_publishes_a_plan_that_an_anonymous_visitor_reads(page, personas, statistics):
    coordinator = personas["coordinator"]
    diagnostic = f.diagnostic("Diagnostic de test")
    finding = f.finding(
        "Les primo-arrivants de Namur peinent à se loger", in_diagnostic=diagnostic, by=coordinator
    )
    draft = f.finding("Constat interne en brouillon", in_diagnostic=diagnostic, status=FindingStatus.DRAFT)
    carrier = f.organisation("ILI Les Passerelles")
    f.works_for(personas["partner_member"], carrier)
    namur = f.get_territory(f.COMMUNE)
    browser_login(page, coordinator)

    page.goto(reverse("plan:index"))
    page.locator("#plan-create").click()
    page.wait_for_load_state()
    page.fill("#id_title", "PLI de Namur")
    page.select_option("#id_kind", "pli")
    page.select_option("#id_territory", str(namur.pk))
    page.fill("#id_start_year", "2026")
    page.fill("#id_end_year", "2031")
    page.select_option("#id_diagnostic", str(diagnostic.pk))
    assert_accessible(page, "plan-form")
    submit(page, "plan-form")
    plan = Plan.objects.get(title="PLI de Namur")
    assert plan.framework == "pcs-2014"

    page.locator("#priority-create").click()
    page.wait_for_load_state()
    page.select_option("#id_axis", str(f.get_axis(f.HOUSING).pk))
    page.fill("#id_title", "Accès au logement des primo-arrivants")
    page.select_option("#id_findings", [str(finding.pk)])
    submit(page, "priority-form")

    page.locator("#recommendation-create").click()
    page.wait_for_load_state()
    assert page.input_value("#id_number") == "1"  # the next number of the priority, proposed
    page.fill("#id_text", "Une permanence hebdomadaire.")
    submit(page, "recommendation-form")  # no title: the page says what is missing, keeps the text
    assert page.locator("#id_title_error").is_visible()
    assert page.input_value("#id_text") == "Une permanence hebdomadaire."
    page.fill("#id_title", "Ouvrir une permanence logement à Namur")
    page.select_option("#id_territories", [str(namur.pk)])
    page.check(f"#recommendation-form input[name=publics][value='{f.get_public('newcomer').pk}']")
    page.select_option("#id_findings", [str(finding.pk), str(draft.pk)])
    assert_accessible(page, "recommendation-form")
    submit(page, "recommendation-form")
    recommendation = Recommendation.objects.get(priority__plan=plan)

    # population in proportion, from the real statistics: Namur's non-Belgians summed from the Statbel file
    raw = raw_structure_totals(statistics / "statbel_TF_SOC_POP_STRUCT_2015.txt.gz", [namur.nis_code])
    assert page.locator("#population-table tr[data-nis]").count() == 1
    assert page.locator("#population .kpi__value").nth(1).get_attribute("data-value") == "8220"
    assert raw[namur.nis_code]["non_belgian"] == 8220

    # a negative amount is refused with a message, then the right one is added
    page.locator("#means summary").click()
    page.select_option("#id_means-kind", "financial")
    page.fill("#id_means-amount", "-5000")
    page.fill("#id_means-funder", "SPW Intérieur et Action sociale")
    page.fill("#id_means-year", "2026")
    submit(page, "means-form")
    assert page.locator("#id_means-amount_error").is_visible()
    assert recommendation.means.count() == 0
    page.fill("#id_means-amount", "12000")
    submit(page, "means-form")
    assert page.locator("#means-table tr[data-means]").count() == 1
    page.locator("#resources summary").click()
    page.select_option("#id_resource-organisation", str(carrier.pk))
    page.select_option("#id_resource-role", "carrier")
    submit(page, "resource-form")
    assert page.locator("#resources li[data-resource]").count() == 1
    assert_accessible(page, "recommendation-detail")

    # publishing needs an adopted plan: until then the button is disabled and says why
    page.goto(reverse("plan:plan_detail", args=[plan.pk]))
    button = page.locator("#publish-form button[type=submit]").last
    assert button.is_disabled() and button.get_attribute("aria-describedby") == "publish-help"
    assert page.locator("#publish-help").is_visible()
    page.goto(reverse("plan:plan_edit", args=[plan.pk]))
    page.select_option("#id_status", "adopted")
    page.fill("#id_adopted_on", "2026-11-20")
    page.fill("#id_adopted_by", "Conseil communal de Namur")
    submit(page, "plan-form")
    submit(page, "publish-form")
    plan.refresh_from_db()
    assert plan.is_published
    assert_accessible(page, "plan-detail")

    # the dashboard sets need against coverage; a new version compares with this one
    page.goto(reverse("plan:plan_dashboard", args=[plan.pk]))
    expect(page.locator("#map path.leaflet-interactive").first).to_be_attached()
    assert page.locator(f'#coverage tr[data-nis="{namur.nis_code}"]').count() == 1
    assert (
        page.locator('#by-axis tr[data-axis="pcs-2014-logement-environnement"]').get_attribute(
            "data-recommendations"
        )
        == "1"
    )
    assert_accessible(page, "plan-dashboard")
    page.goto(reverse("plan:plan_new_version", args=[plan.pk]))
    page.fill("#id_title", "PLI de Namur 2032-2037")
    page.fill("#id_version_label", "PLI 2")
    submit(page, "version-form")
    new_version = Plan.objects.get(title="PLI de Namur 2032-2037")
    assert new_version.previous == plan and new_version.priorities.count() == 1
    page.goto(reverse("plan:plan_compare", args=[new_version.pk]) + f"?avec={plan.pk}")
    assert page.locator('#compare-priorities tr[data-change="unchanged"]').count() == 1
    assert_accessible(page, "plan-compare")

    # an anonymous visitor reads it, without internal data
    context = page.context.browser.new_context(locale="fr-BE", base_url=page.url.split("/plan/")[0])
    visitor = context.new_page()
    visitor.goto(reverse("plan:index"))
    visitor.locator(f'#plans tr[data-plan="{plan.pk}"] a').click()
    visitor.wait_for_load_state()
    assert visitor.locator(f'li[data-recommendation="{recommendation.pk}"]').count() == 1
    visitor.locator(f'li[data-recommendation="{recommendation.pk}"] a').click()
    visitor.wait_for_load_state()
    assert visitor.locator(f'#findings li[data-finding="{finding.pk}"]').count() == 1
    assert visitor.locator(f'#findings li[data-finding="{draft.pk}"]').count() == 0
    assert visitor.locator("#means-table tr[data-means]").count() == 1
    assert visitor.locator("#progress-form").count() == 0
    assert_accessible(visitor, "public-recommendation")
    context.close()

    # the partner whose organisation carries it posts progress
    page.context.clear_cookies()
    browser_login(page, personas["partner_member"])
    page.goto(reverse("plan:recommendation_detail", args=[recommendation.pk]))
    page.locator("#progress summary").click()
    page.select_option("#id_progress-status", "in_progress")
    page.fill("#id_progress-progress", "130")
    page.fill("#id_progress-text", "Permanence ouverte le mardi.")
    submit(page, "progress-form")
    assert page.locator("#id_progress-progress_error").is_visible()
    page.fill("#id_progress-progress", "30")
    submit(page, "progress-form")
    assert page.locator("#progress li[data-update]").count() == 1
    assert ProgressUpdate.objects.get().progress == 30
    recommendation.refresh_from_db()
    assert recommendation.progress == 30
