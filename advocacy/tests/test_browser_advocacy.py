"""The seven steps of issue 13 in headless Chromium: a partner raises an alert; a coordinator qualifies it
and opens an expertise request from it; writes an interpellation to the Walloon minister citing two
findings, a recommendation and a quotation from minutes; the co-signing partner validates it and the
coordinator sends it; time passes (the test clock, advocacy.states.today) and it shows late, then very
late; an answer is recorded and, once its carriers agreed, it is published; an anonymous visitor reads it with its public chain.

Steps are found by element ids and values, not by wording; screenshots in var/screenshots/advocacy-*.png.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Alert, Interpellation
from advocacy.tests import factories as af
from conftest import assert_accessible, browser_login, submit
from expertise.models import ExpertiseRequest
from network.models import ConcertationSpace, Meeting
from plan.tests import factories as f
from vocabulary.models import ExpertiseArea, Urgency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUOTE = "Trois familles reconnues réfugiées dorment encore à l'hôtel faute de revenu."


def _world(personas):
    coordinator = personas["coordinator"]
    centre = af.centre()
    partner = f.organisation("ILI Les Passerelles", is_partner=True)
    f.works_for(personas["partner_member"], partner)
    f.works_for(coordinator, centre)
    first = f.finding("Les réfugiés reconnus sortent des centres sans revenu", by=coordinator)
    second = f.finding("Les CPAS demandent une adresse avant d'ouvrir le droit", by=coordinator)
    plan = f.plan("PPLI 2016-2019", status="closed", published=True, start_year=2016, end_year=2019)
    recommendation = f.recommendation(
        f.priority(plan, findings=[first]), "Conclure un protocole CPAS-centres"
    )
    space = ConcertationSpace.objects.create(
        name="Plateforme accueil", kind="statutory", territory=f.get_territory(f.COMMUNE), carried_by=centre
    )
    start = timezone.now() - timedelta(days=20)
    meeting = Meeting.objects.create(
        space=space,
        title="Réunion de mars",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        minutes=QUOTE,
    )
    return partner, first, second, recommendation, meeting


def _as(page, user):
    page.context.clear_cookies()
    if user is not None:
        browser_login(page, user)


def test_the_seven_steps_of_an_interpellation(page, personas, statistics):
    coordinator, partner_user = personas["coordinator"], personas["partner_member"]
    partner, first, second, recommendation, meeting = _world(personas)

    # 1. A partner raises an alert
    _as(page, partner_user)
    page.goto(reverse("advocacy:alert_list"))
    page.locator("#alert-create").click()
    page.wait_for_load_state()
    page.fill("#id_title", "Refus d'ouvrir le revenu d'intégration avant la sortie")
    page.fill("#id_description", "Des réfugiés reconnus restent sans ressources à la sortie du centre.")
    page.select_option("#id_axis", str(f.get_axis().pk))
    page.select_option("#id_territories", [str(f.get_territory(f.COMMUNE).pk)])
    page.select_option("#id_severity", "high")
    page.fill("#id_emerged_on", (timezone.localdate() - timedelta(days=3)).isoformat())
    assert_accessible(page, "advocacy-1-alert-form")
    submit(page, "alert-form")
    alert = Alert.objects.get()
    assert (alert.status, alert.organisation) == ("to_qualify", partner)
    assert_accessible(page, "advocacy-1-alert-raised")

    # 2. A coordinator qualifies it and opens an expertise request from it
    _as(page, coordinator)
    page.goto(alert.get_absolute_url())
    page.select_option("#qualify-form select", "critical")
    submit(page, "qualify-form")
    page.locator("#expertise-open summary").click()
    page.fill("#id_expertise-question", "Quelles voies de recours contre un refus d'ouverture du droit ?")
    page.select_option("#id_expertise-areas", [str(ExpertiseArea.objects.filter(is_active=True).first().pk)])
    page.select_option("#id_expertise-urgency", str(Urgency.objects.order_by("order").first().pk))
    submit(page, "expertise-form")
    alert.refresh_from_db()
    assert alert.status == "open" and alert.severity == "critical"
    assert ExpertiseRequest.objects.filter(alert_actions__alert=alert).exists()
    assert page.locator("#actions li").count() == 1
    assert_accessible(page, "advocacy-2-alert-qualified-expertise")

    # 3. The coordinator writes an interpellation to the Walloon minister, citing two findings, a
    # recommendation and a quotation from minutes
    page.goto(reverse("advocacy:index"))
    page.locator("#interpellation-create").click()
    page.wait_for_load_state()
    page.fill("#id_subject", "Ouvrir le droit au revenu d'intégration avant la sortie des centres")
    page.fill("#id_text", "Madame la Ministre, les réfugiés reconnus sortent des centres sans ressources…")
    page.select_option("#id_authority", str(af.minister().pk))
    page.select_option("#id_co_signers", [str(partner.pk)])
    assert_accessible(page, "advocacy-3-interpellation-form")
    submit(page, "interpellation-form")
    interpellation = Interpellation.objects.get()
    for kind, field, value in (
        ("finding", "#id_finding", first.pk),
        ("finding", "#id_finding", second.pk),
        ("recommendation", "#id_recommendation", recommendation.pk),
        ("quotation", "#id_meeting", meeting.pk),
    ):
        page.locator("#link-add summary").click()
        page.select_option("#id_kind", kind)
        page.select_option(field, str(value))
        if kind == "quotation":
            page.fill("#id_quotation", f"« {QUOTE} »")
        submit(page, "link-form")
    assert page.locator("#chain-title + * li.chain-link, .chain-tree > li").count() == 4
    assert_accessible(page, "advocacy-3-interpellation-chain")
    page.locator("#ask-validation").click()
    page.wait_for_load_state()

    # 4. The co-signing partner validates it, and the coordinator sends it
    _as(page, partner_user)
    page.goto(interpellation.get_absolute_url())
    page.locator("#validate").click()
    page.wait_for_load_state()
    assert_accessible(page, "advocacy-4-partner-validated")
    _as(page, coordinator)
    page.goto(interpellation.get_absolute_url())
    page.locator("#validate").click()  # on behalf of the centre
    page.wait_for_load_state()
    page.locator("#send").click()
    page.wait_for_load_state()
    page.select_option("#id_channel", "post")
    submit(page, "send-form")
    interpellation.refresh_from_db()
    assert interpellation.phase == "sent" and interpellation.sent_on == timezone.localdate()
    assert page.locator("#interpellation-state .status--waiting").count() == 1

    # 5. Time passes: late after the Region's 45 days, very late after 90
    sent = interpellation.sent_on
    with mock.patch("advocacy.states.today", return_value=sent + timedelta(days=46)):
        page.reload()
        assert page.locator("#interpellation-state .status--late").count() == 1
        assert_accessible(page, "advocacy-5-late")
    with mock.patch("advocacy.states.today", return_value=sent + timedelta(days=95)):
        page.reload()
        assert page.locator("#interpellation-state .status--very_late").count() == 1
        assert "95" in page.locator("#interpellation-state .days-waiting").inner_text()
        assert_accessible(page, "advocacy-5-very-late")
        page.goto(reverse("advocacy:index"))
        assert page.locator(f"tr[data-interpellation='{interpellation.pk}'] .status--very_late").count() == 1

        # 6. An answer is recorded, and the interpellation is published
        page.goto(interpellation.get_absolute_url())
        page.locator("#answer-add").click()
        page.wait_for_load_state()
        page.fill("#id_received_on", (sent - timedelta(days=1)).isoformat())  # before the sending: refused
        page.select_option("#id_reading", "partial")
        page.fill("#id_text", "La Ministre charge son administration d'examiner un protocole.")
        submit(page, "answer-form")
        assert page.locator("#id_received_on_error").is_visible()
        page.fill("#id_received_on", (sent + timedelta(days=93)).isoformat())
        submit(page, "answer-form")
        assert page.locator("#interpellation-state .status--partially_answered").count() == 1
        # its carriers publish it: the coordinator proposes it, the centre and the co-signer agree
        page.locator("#publication-ask").click()
        page.wait_for_load_state()
        page.locator("#consent-agree").click()  # on behalf of the centre
        page.wait_for_load_state()
        page.locator("#publish").click()
        page.wait_for_load_state()
        assert partner.name in page.locator("#consent-problems").inner_text()  # not agreed yet: named
        _as(page, partner_user)
        page.goto(interpellation.get_absolute_url())
        assert_accessible(page, "advocacy-6-partner-consent")
        page.locator("#consent-agree").click()
        page.wait_for_load_state()
        _as(page, coordinator)
        page.goto(interpellation.get_absolute_url())
        page.locator("#publish").click()
        page.wait_for_load_state()
        assert page.locator("#consent-problems").count() == 0
        assert page.locator("#left-out li").count() == 1  # the quotation from minutes stays private
        assert_accessible(page, "advocacy-6-publish-confirm")
        submit(page, "publish-form")
        assert Interpellation.objects.published().filter(pk=interpellation.pk).exists()

        # 7. An anonymous visitor reads it with its public chain
        _as(page, None)
        page.goto(interpellation.get_absolute_url())
        chain = page.locator(".chain-tree").inner_text()
        assert first.statement in chain and second.statement in chain and recommendation.title in chain
        assert QUOTE not in page.content() and "Réunion de mars" not in page.content()
        assert page.locator("#chain-left-out").is_visible()
        assert "93" in page.locator("#interpellation-state .days-waiting").inner_text()
        assert_accessible(page, "advocacy-7-public")
        page.set_viewport_size({"width": 390, "height": 844})
        assert_accessible(page, "advocacy-7-public-phone")
