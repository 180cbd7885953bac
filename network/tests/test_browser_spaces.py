"""A concertation space end to end in headless Chromium: a coordinator builds it, the facilitator reads it.

Steps are found by element ids, not by wording, so that the test holds whatever the translation.
"""

import pytest
from playwright.sync_api import expect

from conftest import assert_accessible, browser_login, submit
from network.models import Attendance, ConcertationSpace, Decision, Meeting
from network.tests.test_spaces import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_runs_a_meeting_that_the_facilitator_then_reads(page, personas):
    world = build_world(personas)
    browser_login(page, personas["coordinator"])

    page.goto("/reseau/espaces/")
    assert page.locator("#space-table tr[data-space]").count() == 3
    page.fill("#id_q", "logement")  # htmx replaces the table as one types
    expect(page.locator("#space-table tr[data-space]")).to_have_count(1)
    assert_accessible(page, "network-space-list")
    page.locator("#space-create").click()
    page.fill("#id_name", "Plateforme santé mentale")
    page.select_option("#id_kind", "thematic")
    page.fill("#id_theme", "santé mentale et exil")
    page.select_option("#id_carried_by", str(world.cri.pk))
    page.select_option("#id_territory", str(world.namur.pk))
    submit(page, "space-form")
    space = ConcertationSpace.objects.get(name="Plateforme santé mentale")
    assert page.locator("h1").inner_text() == space.name

    page.select_option("#membership-form #id_person", str(world.member.pk))
    page.select_option("#membership-form #id_role", "facilitator")
    submit(page, "membership-form")
    assert page.locator(f'#members-table tr[data-person="{world.member.pk}"]').count() == 1
    assert_accessible(page, "network-space")

    page.locator("#meeting-create").click()
    page.fill("#id_title", "Première rencontre")
    page.fill("#id_starts_at", "2030-03-05T14:00")
    page.fill("#id_ends_at", "2030-03-05T13:00")
    page.fill("#id_agenda", "1. Tour de table\n2. Calendrier")
    submit(page, "meeting-form")
    assert page.locator("#id_ends_at_error").is_visible(), "an end before the start is refused"
    assert page.input_value("#id_title") == "Première rencontre"
    page.fill("#id_ends_at", "2030-03-05T16:00")
    submit(page, "meeting-form")
    meeting = Meeting.objects.get(title="Première rencontre")

    page.locator("#attendance-edit").click()
    page.select_option(f"#id_person_{world.member.pk}", "present")
    page.select_option("#id_guest", str(world.visitor.pk))
    assert_accessible(page, "network-attendance-form")
    submit(page, "attendance-form")
    assert page.locator('#attendance-table tr[data-guest="true"]').count() == 1

    page.locator("#meeting-edit").click()
    page.fill("#id_minutes", "Douze présents. Le calendrier est adopté.")
    submit(page, "meeting-form")

    page.locator("#decision-create").click()
    page.fill("#id_text", "Écrire au CPAS de Namur")
    page.select_option("#id_follow_up_by", str(world.member.pk))
    page.fill("#id_due_on", "2030-04-01")
    submit(page, "decision-form")
    assert page.locator("#decision-table tbody tr").count() == 1
    assert_accessible(page, "network-meeting")

    assert Attendance.objects.get(meeting=meeting, person=world.visitor).is_guest
    assert Decision.objects.get(meeting=meeting).follow_up_by == world.member

    page.context.clear_cookies()
    browser_login(page, personas["partner_member"])
    page.goto(f"/reseau/espaces/{space.pk}/")
    assert page.locator(f'#upcoming-meetings li[data-meeting="{meeting.pk}"]').count() == 1
    assert page.locator("#space-feed").count() == 1
    page.locator(f'#upcoming-meetings li[data-meeting="{meeting.pk}"] a').click()
    page.wait_for_load_state()
    assert "Douze présents" in page.locator("#meeting-minutes").inner_text()
    assert page.locator("#meeting-actions").count() == 1, "the facilitator manages the meeting"
    assert_accessible(page, "network-meeting-facilitator")
