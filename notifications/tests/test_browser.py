"""In the browser: a partner's À faire on the home, their messages and preferences (saved, on a phone
too); a coordinator's outbox and a failed message sent again."""

import pytest

from conftest import assert_accessible, browser_login, submit
from notifications.models import Message, Preference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(personas, statistics):
    from pli.tests.world import build

    return build(personas)


def test_a_partner_sees_what_waits_and_chooses_a_digest(page, personas, world):
    browser_login(page, personas["partner_member"])
    todo = page.locator("#todo-title")
    assert "À faire" in todo.inner_text()
    assert page.get_by_role("link", name="constats à examiner").count() == 1
    assert_accessible(page, "notifications-home-todo")
    page.get_by_role("link", name="Mes messages").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Mes messages"
    page.locator("fieldset", has_text="Procès-verbal d’une réunion").get_by_label(
        "dans le résumé quotidien"
    ).check()
    submit(page, "preferences-form")
    assert "Vos préférences sont enregistrées." in page.content()
    assert Preference.objects.get(user=personas["partner_member"]).choice == "digest"
    assert_accessible(page, "notifications-my-messages")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="var/screenshots/notifications-my-messages-phone.png", full_page=True)


def test_a_coordinator_reads_the_outbox_and_sends_a_failed_message_again(page, personas, world):
    browser_login(page, personas["coordinator"])
    page.goto("/notifications/envoyes/?state=failed")
    assert page.locator("h1").inner_text() == "Messages envoyés par la plateforme"
    assert_accessible(page, "notifications-outbox")
    page.get_by_role("link", name=world.failed_message.subject).click()
    page.wait_for_load_state()
    assert "SMTPServerDisconnected" in page.content()
    assert_accessible(page, "notifications-message")
    page.get_by_role("button", name="Renvoyer").click()
    page.wait_for_load_state()
    assert "Le message a été envoyé." in page.content()
    assert Message.objects.get(pk=world.failed_message.pk).sent_at is not None
