"""A review campaign end to end in headless Chromium: a coordinator opens it, reviews a finding, is told
what is missing, settles it as nuanced, and the finding page shows the new wording.

Steps are found by element ids and values, not by wording, so that the test holds whatever the translation.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import SCREENSHOTS, assert_accessible, browser_login, submit
from diagnostic.models import FindingReview, ReviewCampaign, Settlement
from diagnostic.tests.test_campaigns import build_campaign_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_runs_a_campaign_and_settles_a_finding_as_nuanced(page, personas, statistics):
    world = build_campaign_world(personas)
    finding = world.school
    browser_login(page, personas["coordinator"])

    page.goto(reverse("diagnostic:campaign_list"))
    assert page.locator("#campaign-table tr[data-campaign]").count() == 2
    page.locator("#campaign-create").click()
    page.wait_for_load_state()
    page.fill("#id_title", "Relecture PPLI 2.0")
    page.fill("#id_description", "Les constats de 2016-2017 au regard des PCS et du terrain.")
    page.select_option("#id_diagnostic", str(world.published.pk))
    page.check("#campaign-form input[name=lenses][value=diagnostic_2016]")
    page.check("#campaign-form input[name=lenses][value=pcs_pst]")
    page.select_option("#id_invitations-0-user", str(personas["partner_member"].pk))
    page.select_option("#id_invitations-0-lens", "pcs_pst")
    assert_accessible(page, "campaign-form")
    submit(page, "campaign-form")

    campaign = ReviewCampaign.objects.get(title="Relecture PPLI 2.0")
    assert page.locator("h1").inner_text() == campaign.title
    assert page.locator("#pending-table tr[data-finding]").count() == 4
    assert page.locator("#campaign-totals").get_attribute("data-total") == "4"
    page.select_option("#id_axis", str(world.training.pk))  # htmx replaces the list as a filter changes
    expect(page.locator("#pending-table tr[data-finding]")).to_have_count(2)
    assert_accessible(page, "campaign-dashboard")

    page.locator(f'#pending-table tr[data-finding="{finding.pk}"] a.review-link').click()
    page.wait_for_load_state()
    page.select_option("#id_review-lens", "diagnostic_2016")
    page.check("#review-form input[name=review-verdict][value=confirmed]")
    page.fill("#id_review-rationale", "Les DASPA manquent toujours à Namur.")
    submit(page, "review-form")
    assert page.locator("#reviews-table tr[data-review]").count() == 1
    assert FindingReview.objects.get(campaign=campaign).lens == "diagnostic_2016"

    page.check("#settle-form input[name=settle-verdict][value=nuanced]")
    page.fill("#id_settle-rationale", "Jambes est aussi concernée.")
    submit(page, "settle-form")
    assert page.locator("#id_settle-new_wording_error").is_visible(), "a nuanced verdict needs its wording"
    assert page.input_value("#id_settle-rationale") == "Jambes est aussi concernée."
    assert not Settlement.objects.exists()

    new_wording = "Les écoles de Namur et de Jambes manquent de classes passerelles (DASPA)"
    page.fill("#id_settle-new_wording", new_wording)
    submit(page, "settle-form")
    assert page.locator("#settlement").get_attribute("data-verdict") == "nuanced"
    assert page.locator("#settlement-wording").inner_text() == new_wording
    assert page.locator("#finding-statement").inner_text() == new_wording
    assert page.locator("#settle-form").count() == 0
    assert_accessible(page, "campaign-review")

    page.goto(reverse("diagnostic:finding_detail", args=[finding.pk]))
    assert page.locator("h1").inner_text() == new_wording
    page.screenshot(path=SCREENSHOTS / "campaign-finding.png", full_page=True)
    finding.refresh_from_db()
    assert list(finding.wordings.values_list("text", flat=True)) == [
        "Les écoles de Namur manquent de classes passerelles",
        new_wording,
    ]

    page.goto(reverse("diagnostic:campaign_detail", args=[campaign.pk]))
    assert page.locator("#campaign-totals").get_attribute("data-settled") == "1"
    assert page.locator(f'#pending-table tr[data-finding="{finding.pk}"]').count() == 0
