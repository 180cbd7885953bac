"""The derived states, as Alaveteli's: computed from the step, the sending date, the level's delays and
the answers, for a given day (no database)."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from advocacy.choices import Phase, State
from advocacy.states import derive


@dataclass
class Level:
    answer_delay_days: int = 30
    very_late_after_days: int = 60


@dataclass
class A:
    received_on: date
    reading: str = "satisfactory"


SENT = date(2026, 1, 1)
COMMUNE = Level(30, 60)


@pytest.mark.parametrize(
    ("phase", "on", "answers", "state", "days"),
    [
        (Phase.PREPARATION, SENT, [], State.PREPARATION, None),
        (Phase.VALIDATION, SENT, [], State.VALIDATION, None),
        (Phase.SENT, SENT + timedelta(days=30), [], State.WAITING, 30),  # the last day of the delay
        (Phase.SENT, SENT + timedelta(days=31), [], State.LATE, 31),
        (Phase.SENT, SENT + timedelta(days=60), [], State.LATE, 60),
        (Phase.SENT, SENT + timedelta(days=61), [], State.VERY_LATE, 61),
        (Phase.SENT, SENT + timedelta(days=90), [A(SENT + timedelta(days=12))], State.ANSWERED, 12),
        (
            Phase.SENT,
            SENT + timedelta(days=90),
            [A(SENT + timedelta(days=70), "refusal")],
            State.ANSWERED,
            70,
        ),
        (
            Phase.SENT,
            SENT + timedelta(days=90),
            [A(SENT + timedelta(days=5), "partial")],
            State.PARTIALLY_ANSWERED,
            5,
        ),
        # a later full answer completes a partial one; the days waiting count to the first answer
        (
            Phase.SENT,
            SENT + timedelta(days=90),
            [A(SENT + timedelta(days=40)), A(SENT + timedelta(days=5), "partial")],
            State.ANSWERED,
            5,
        ),
        # an answer recorded ahead of the day asked about does not count yet
        (Phase.SENT, SENT + timedelta(days=3), [A(SENT + timedelta(days=5))], State.WAITING, 3),
        (Phase.NO_FOLLOW_UP, SENT + timedelta(days=200), [], State.NO_FOLLOW_UP, 200),
        (Phase.WITHDRAWN, SENT + timedelta(days=200), [], State.WITHDRAWN, None),
    ],
)
def test_the_state_is_derived_from_the_dates_and_answers(phase, on, answers, state, days):
    status = derive(
        phase, SENT if phase not in (Phase.PREPARATION, Phase.VALIDATION) else None, COMMUNE, answers, on=on
    )
    assert status.state == state
    assert status.days_waiting == days


def test_the_region_gets_its_own_delay():
    region = Level(45, 90)
    assert derive(Phase.SENT, SENT, region, [], on=SENT + timedelta(days=40)).state == State.WAITING
    assert derive(Phase.SENT, SENT, region, [], on=SENT + timedelta(days=46)).state == State.LATE
    assert derive(Phase.SENT, SENT, region, [], on=SENT + timedelta(days=91)).state == State.VERY_LATE
    assert derive(Phase.SENT, SENT, region, [], on=SENT).due_on == SENT + timedelta(days=45)
