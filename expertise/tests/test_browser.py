"""The six steps of issue 12 in headless Chromium, with a screenshot of each (var/screenshots/):
a partner submits a request; a coordinator qualifies it and sees the ranked experts with their reasons;
solicits two; one declines and one accepts, then answers; the requester closes it with feedback; the
reactivity report counts it. Every message of the journey is in the outbox; each one's "À faire" shows
the right lines at each step."""

import pytest
from django.core import mail

from conftest import assert_accessible, browser_login, submit
from expertise.choices import State
from expertise.models import Assignment, ExpertiseRequest
from notifications.models import Message

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, user):
    page.context.clear_cookies()
    browser_login(page, user)


def _todo(page) -> str:
    page.goto("/")
    return page.locator("main").inner_text()


def test_the_journey_of_a_request_in_six_steps(page, journey):
    # 1. A partner submits a request.
    _as(page, journey.partner)
    page.goto("/expertise/demandes/nouvelle/")
    page.fill("#id_title", "Regroupement familial d'un réfugié reconnu")
    page.fill("#id_question", "Quelles conditions de revenus pour faire venir son épouse ?")
    page.select_option("#id_areas", [str(journey.area.pk)])
    page.select_option("#id_languages", ["ar"])
    page.select_option("#id_urgency", str(journey.urgency.pk))
    assert_accessible(page, "expertise-1-request-form")
    submit(page, "request-form")
    request = ExpertiseRequest.objects.get()
    assert page.locator("#request-state").inner_text() == "reçue"
    assert_accessible(page, "expertise-1-request-received")

    # 2. A coordinator qualifies it and sees the ranked experts with their reasons.
    _as(page, journey.coordinator)
    assert "1 demande d’expertise à qualifier" in _todo(page)
    page.goto(request.get_absolute_url())
    page.get_by_role("link", name="Qualifier").click()
    submit(page, "action-form")
    rows = page.locator("#ranking tbody tr")
    assert rows.count() == 2
    assert "Amina Benali" in rows.first.inner_text() and "parle arabe" in rows.first.inner_text()
    assert "domaine exact" in rows.first.inner_text()
    assert_accessible(page, "expertise-2-ranking")

    # 3. The coordinator solicits two experts.
    page.check(f"#expert-{journey.expert_a.pk}")
    page.check(f"#expert-{journey.expert_b.pk}")
    submit(page, "solicit-form")
    assert page.locator("#request-state").inner_text() == "experts sollicités"
    assert Assignment.objects.filter(request=request).count() == 2
    second = Assignment.objects.get(expert=journey.expert_b)

    # 4. One declines, one accepts, then answers.
    _as(page, journey.expert_b.user)
    assert "1 sollicitation d’expertise attend ma réponse" in _todo(page)
    page.goto(f"/expertise/sollicitations/{second.pk}/decliner/")
    page.fill("#id_reason", "En congé ce mois-ci")
    submit(page, "action-form")
    assert "attend ma réponse" not in _todo(page)
    _as(page, journey.expert_a.user)
    page.goto(request.get_absolute_url())
    page.get_by_role("link", name="Accepter").click()
    submit(page, "action-form")
    assert page.locator("#request-state").inner_text() == "prise en charge"
    page.get_by_role("link", name="Écrire la réponse").click()
    page.fill("#id_text", "Dans l'année de la reconnaissance, les conditions de revenus ne s'appliquent pas.")
    assert_accessible(page, "expertise-4-answer-form")
    submit(page, "action-form")
    assert page.locator("#request-state").inner_text() == "réponse apportée"
    assert_accessible(page, "expertise-4-answered")

    # 5. The requester closes the request with feedback.
    _as(page, journey.partner)
    assert "1 demande d’expertise répondue attend mon avis" in _todo(page)
    page.goto(request.get_absolute_url())
    page.get_by_role("link", name="Clôturer avec un avis").click()
    page.check("#id_useful_0")
    page.check("#id_rating_3")
    page.fill("#id_comment", "Très clair, merci.")
    submit(page, "action-form")
    assert page.locator("#request-state").inner_text() == "clôturée"
    assert_accessible(page, "expertise-5-closed")
    assert "attend mon avis" not in _todo(page)

    # 6. The reactivity report counts it.
    _as(page, journey.coordinator)
    page.goto("/expertise/reactivite/")
    assert page.locator("#report-total").inner_text() == "1"
    assert "4,0/5" in page.locator("main").inner_text()
    assert_accessible(page, "expertise-6-report")

    request.refresh_from_db()
    assert request.state == State.CLOSED and request.feedback_rating == 4
    sent = Message.objects.filter(sent_at__isnull=False)
    kinds = {(m.recipient_id, m.kind) for m in sent}
    assert (journey.expert_a.user.pk, "expertise.solicited") in kinds
    assert (journey.coordinator.pk, "expertise.answered") in kinds
    assert (journey.partner.pk, "expertise.state_changed") in kinds
    assert len(mail.outbox) == sent.count(), "every message of the journey went out by e-mail"
