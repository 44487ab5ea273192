"""SLA policy and deadline arithmetic for one ticket: pure, no I/O.

A target is a range: the first response is expected (warning) after `expected` and due
(breach) after `due`, in business time of the policy's calendar. The next response after a
customer message while waiting on an agent has the same range, counted from that message.
Periods spent waiting on the customer do not count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.frozen_init import fast_init
from domain.models.enums import Impact, SlaClock
from domain.sla.calendar import BusinessCalendar

Pause = tuple[datetime, datetime | None]


class SlaState(StrEnum):
    ON_TRACK = "ON_TRACK"
    WARNING = "WARNING"
    BREACHED = "BREACHED"
    MET = "MET"
    PAUSED = "PAUSED"


class AlertKind(StrEnum):
    WARNING = "WARNING"
    BREACH = "BREACH"


@dataclass(frozen=True)
class Policy:
    """What a support level promises for one impact, and the clock it counts on."""

    level_id: int
    level_code: str
    impact: Impact
    clock: SlaClock
    calendar: BusinessCalendar
    expected: timedelta
    due: timedelta
    resolution: timedelta | None = None


@fast_init
@dataclass(frozen=True)
class Deadlines:
    first_response_expected_at: datetime | None = None
    first_response_due_at: datetime | None = None
    next_response_expected_at: datetime | None = None
    next_response_due_at: datetime | None = None
    resolution_due_at: datetime | None = None


@fast_init
@dataclass(frozen=True)
class Alert:
    """A warning or breach moment, and the ticket column that holds it."""

    kind: AlertKind
    at: datetime
    column: str


def paused_time(calendar: BusinessCalendar, pauses: Sequence[Pause], since: datetime) -> timedelta:
    """Business time spent in closed pauses after `since`."""
    total = timedelta(0)
    for start, end in pauses:
        if end is not None and end > since:
            total += calendar.business_time_between(max(start, since), end)
    return total


def deadline(
    calendar: BusinessCalendar, start: datetime, duration: timedelta, pauses: Sequence[Pause]
) -> datetime:
    """`duration` of business time after `start`, not counting the pauses."""
    return calendar.add_business_time(start, duration + paused_time(calendar, pauses, start))


def compute_deadlines(
    policy: Policy,
    *,
    started_at: datetime,
    pauses: Sequence[Pause],
    next_response_started_at: datetime | None,
) -> Deadlines:
    """Every deadline of a ticket, always from its original start (re-triage included)."""
    calendar = policy.calendar
    next_expected = next_due = None
    if next_response_started_at is not None:
        next_expected = deadline(calendar, next_response_started_at, policy.expected, pauses)
        next_due = deadline(calendar, next_response_started_at, policy.due, pauses)
    return Deadlines(
        first_response_expected_at=deadline(calendar, started_at, policy.expected, pauses),
        first_response_due_at=deadline(calendar, started_at, policy.due, pauses),
        next_response_expected_at=next_expected,
        next_response_due_at=next_due,
        resolution_due_at=(
            deadline(calendar, started_at, policy.resolution, pauses)
            if policy.resolution is not None
            else None
        ),
    )


def keep_settled(
    stored: Deadlines,
    computed: Deadlines,
    *,
    now: datetime,
    responded: bool,
    same_next_response: bool,
) -> Deadlines:
    """Only running deadlines move: one already met or breached keeps its stored moment, so a
    later pause (or re-triage) never turns a breach into a met promise, nor the reverse."""

    def settled(column: str, *, ended: bool = False) -> bool:
        moment = getattr(stored, column)
        return moment is not None and (ended or moment <= now)

    def pick(column: str, *, ended: bool = False, same_clock: bool = True) -> datetime | None:
        if same_clock and settled(column, ended=ended):
            return getattr(stored, column)
        return getattr(computed, column)

    keep_next = same_next_response and computed.next_response_due_at is not None
    return Deadlines(
        first_response_expected_at=pick("first_response_expected_at", ended=responded),
        first_response_due_at=pick("first_response_due_at", ended=responded),
        next_response_expected_at=pick("next_response_expected_at", same_clock=keep_next),
        next_response_due_at=pick("next_response_due_at", same_clock=keep_next),
        resolution_due_at=(
            pick("resolution_due_at") if computed.resolution_due_at is not None else None
        ),
    )


def pending_alerts(
    deadlines: Deadlines,
    *,
    responded: bool,
    warned_for: datetime | None,
    breached_for: datetime | None,
) -> list[Alert]:
    """The warning and breach moments still to mark, earliest first (the caller drops them
    while the ticket is paused or ended)."""
    candidates: list[Alert] = []
    if not responded:
        candidates += [
            Alert(AlertKind.WARNING, *_at(deadlines, "first_response_expected_at")),
            Alert(AlertKind.BREACH, *_at(deadlines, "first_response_due_at")),
        ]
    elif deadlines.next_response_due_at is not None:
        candidates += [
            Alert(AlertKind.WARNING, *_at(deadlines, "next_response_expected_at")),
            Alert(AlertKind.BREACH, *_at(deadlines, "next_response_due_at")),
        ]
    if deadlines.resolution_due_at is not None:
        candidates.append(Alert(AlertKind.BREACH, *_at(deadlines, "resolution_due_at")))
    marked = {AlertKind.WARNING: warned_for, AlertKind.BREACH: breached_for}
    return sorted(
        (alert for alert in candidates if (last := marked[alert.kind]) is None or alert.at > last),
        key=lambda alert: alert.at,
    )


def _at(deadlines: Deadlines, column: str) -> tuple[datetime, str]:
    moment = getattr(deadlines, column)
    assert moment is not None
    return moment, column


def state_at(
    deadlines: Deadlines,
    *,
    now: datetime,
    responded: bool,
    paused: bool,
    ended: bool,
    ever_breached: bool,
) -> tuple[SlaState, datetime | None]:
    """The ticket's SLA state now, and the due moment it is heading for (if any)."""
    if ended:
        return (SlaState.BREACHED if ever_breached else SlaState.MET), None
    if not responded:
        expected, due = deadlines.first_response_expected_at, deadlines.first_response_due_at
    elif deadlines.next_response_due_at is not None:
        expected, due = deadlines.next_response_expected_at, deadlines.next_response_due_at
    else:
        expected, due = None, deadlines.resolution_due_at
    if paused:
        return SlaState.PAUSED, due
    if due is None:
        return (SlaState.BREACHED if ever_breached else SlaState.MET), None
    if now >= due:
        return SlaState.BREACHED, due
    if expected is not None and now >= expected:
        return SlaState.WARNING, due
    return SlaState.ON_TRACK, due
