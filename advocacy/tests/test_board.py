"""The watch board: open alerts by severity and age, the time to the first reaction (median and 90th
percentile by kind and by month), the alerts without reaction past the configured delay; and the
per-authority answer statistics. Expected figures are worked out by hand from the rows below."""

from datetime import date, timedelta

import pytest

from advocacy import queries
from advocacy.models import AlertAction
from advocacy.tests import factories as af

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 30)


def test_the_board_measures_the_time_to_first_reaction(personas, settings):
    settings.PLI_ALERT_REACTION_DAYS = 7
    delays = [1, 2, 3, 4, 10]  # first reactions after these days: median 3, 90th percentile 10
    for index, days in enumerate(delays):
        alert = af.alert(f"Alerte {index}", emerged_on=date(2026, 5, 1))
        AlertAction.objects.create(
            alert=alert, kind="position", acted_on=date(2026, 5, 1) + timedelta(days=days)
        )
        AlertAction.objects.create(alert=alert, kind="position", acted_on=date(2026, 5, 25))  # not the first
    af.alert("Sans réaction, ancienne", emerged_on=TODAY - timedelta(days=8), severity="critical")
    af.alert("Sans réaction, récente", emerged_on=TODAY - timedelta(days=2))
    board = queries.watch_board(personas["coordinator"], on=TODAY)
    assert (board["overall"].median, board["overall"].p90) == (3, 10)
    position = next(d for d in board["by_kind"] if d.label == "prise de position" or d.count == 5)
    assert (position.count, position.median) == (5, 3)
    assert [(m.label, m.count) for m in board["by_month"]] == [("2026-05", 5)]
    assert [r["title"] for r in board["without_reaction"]] == ["Sans réaction, ancienne"]
    critical = board["severities"][0]
    assert (critical["severity"], critical["count"], critical["bands"]) == ("critical", 1, [0, 1, 0, 0])
    assert board["open_count"] == 7


def test_a_partner_board_counts_only_their_alerts(personas):
    assert queries.watch_board(personas["partner_member"], on=TODAY)["open_count"] == 0


def test_authority_statistics_count_sent_answered_and_overdue(personas):
    minister = af.minister()  # régional: 45 days expected
    on_time = af.sent("À temps", days_ago=100)
    af.answer(on_time, on_time.sent_on + timedelta(days=20))
    late = af.sent("En retard", days_ago=100)
    af.answer(late, late.sent_on + timedelta(days=60))
    af.sent("Sans réponse", days_ago=50)  # 50 > 45: overdue
    [row] = queries.authority_statistics(personas["coordinator"])
    assert (row.addressee, row.sent, row.answered, row.median_days, row.overdue) == (
        str(minister),
        3,
        2,
        40,
        2,
    )
