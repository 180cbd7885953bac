"""The derived state of an interpellation, as Alaveteli derives overdue and very overdue from the
date a request was sent and the authority's legal delay: computed from the stored step, the sending
date, the level's expected delays and the answers, for a given day (`today`, the test clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from django.utils import timezone

from advocacy.choices import Phase, Reading, State

DEFAULT_DELAY_DAYS = 30  # when no level is named (the level is required to send; see services.send)
DEFAULT_VERY_LATE_DAYS = 60


def today() -> date:
    """The day states are computed for; tests move it (mock.patch("advocacy.states.today"))."""
    return timezone.localdate()


@dataclass(frozen=True)
class Status:
    state: str
    label: str
    days_waiting: int | None  # from sending to the first answer, or to today
    due_on: date | None
    very_late_on: date | None

    @property
    def is_late(self) -> bool:
        return self.state in (State.LATE, State.VERY_LATE)


def delays(level) -> tuple[int, int]:
    if level is None:
        return DEFAULT_DELAY_DAYS, DEFAULT_VERY_LATE_DAYS
    return level.answer_delay_days, max(level.very_late_after_days, level.answer_delay_days)


def derive(phase: str, sent_on: date | None, level, answers: list, *, on: date | None = None) -> Status:
    """The state of an interpellation on the day `on` (today by default). `answers` are its Answer rows
    (or anything with `received_on` and `reading`), in any order."""
    on = on or today()
    due_on = very_late_on = None
    if sent_on:
        delay, very_late = delays(level)
        due_on, very_late_on = sent_on + timedelta(days=delay), sent_on + timedelta(days=very_late)
    answered = sorted((a for a in answers if a.received_on <= on), key=lambda a: a.received_on)
    days = None
    if sent_on and phase in (Phase.SENT, Phase.NO_FOLLOW_UP):
        end = answered[0].received_on if answered else on
        days = max((end - sent_on).days, 0)
    state = _state(phase, answered, on, due_on, very_late_on)
    return Status(state, str(State(state).label), days, due_on, very_late_on)


def _state(phase, answered, on, due_on, very_late_on) -> str:
    if phase == Phase.WITHDRAWN:
        return State.WITHDRAWN
    if phase == Phase.PREPARATION:
        return State.PREPARATION
    if phase == Phase.VALIDATION:
        return State.VALIDATION
    if answered:
        return State.PARTIALLY_ANSWERED if answered[-1].reading == Reading.PARTIAL else State.ANSWERED
    if phase == Phase.NO_FOLLOW_UP:
        return State.NO_FOLLOW_UP
    if very_late_on and on > very_late_on:
        return State.VERY_LATE
    if due_on and on > due_on:
        return State.LATE
    return State.WAITING


def status_of(interpellation, *, on: date | None = None) -> Status:
    """The state of a stored interpellation (its level and answers read, or prefetched)."""
    return derive(
        interpellation.phase,
        interpellation.sent_on,
        interpellation.level,
        list(interpellation.answers.all()),
        on=on,
    )


@dataclass
class AuthorityStatistics:
    addressee: str
    level: str
    sent: int
    answered: int
    answered_share: float | None
    median_days: float | None
    overdue: int
    overdue_share: float | None


def authority_statistics(interpellations, *, on: date | None = None) -> list[AuthorityStatistics]:
    """Per addressee: number sent, share answered, median answer time (days), share overdue (answered
    after the expected delay, or still unanswered past it). `interpellations` have their level and
    answers prefetched, and their authority or organisation selected."""
    on = on or today()
    groups: dict[tuple, list] = {}
    for interpellation in interpellations:
        if not interpellation.sent_on or interpellation.phase == Phase.WITHDRAWN:
            continue
        key = (interpellation.addressee, str(interpellation.level or ""))
        groups.setdefault(key, []).append(interpellation)
    rows = []
    for (addressee, level), group in sorted(groups.items()):
        answered_days, overdue = [], 0
        for interpellation in group:
            status = status_of(interpellation, on=on)
            answers = sorted(interpellation.answers.all(), key=lambda a: a.received_on)
            if answers:
                answered_days.append((answers[0].received_on - interpellation.sent_on).days)
                overdue += bool(status.due_on and answers[0].received_on > status.due_on)
            else:
                overdue += status.is_late
        sent = len(group)
        rows.append(
            AuthorityStatistics(
                addressee=addressee,
                level=level,
                sent=sent,
                answered=len(answered_days),
                answered_share=len(answered_days) / sent,
                median_days=median(answered_days) if answered_days else None,
                overdue=overdue,
                overdue_share=overdue / sent,
            )
        )
    return rows
