"""How each deadline of a ticket ended, as it stood at the time: pure, no I/O.

A deadline is met when it was answered (or the ticket ended) by its due moment, breached when
its due moment passed first, running otherwise. Stored deadlines are frozen once met or
breached (domain.sla.policy.keep_settled), so the verdict never changes afterwards.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Outcome(StrEnum):
    MET = "MET"
    BREACHED = "BREACHED"
    RUNNING = "RUNNING"


@dataclass(frozen=True)
class Measured:
    """One ticket's verdict on one kind of deadline, and the business time each answer took."""

    outcome: Outcome | None  # None: the ticket owes no such deadline
    durations: tuple[timedelta, ...] = ()


@dataclass(frozen=True)
class DeadlineStats:
    tickets: int  # tickets that owe this deadline: met + breached + running
    met: int
    breached: int
    running: int
    median_business_seconds: int | None
    p90_business_seconds: int | None


def verdict(due: datetime | None, done_at: datetime | None, now: datetime) -> Outcome | None:
    """One deadline: met if done by `due`, breached once `due` passed first, else running."""
    if due is None:
        return None
    if done_at is not None and done_at <= due:
        return Outcome.MET
    if (done_at or now) > due:
        return Outcome.BREACHED
    return Outcome.RUNNING


def worst(outcomes: Iterable[Outcome | None]) -> Outcome | None:
    """Several deadlines of one kind (next responses): breached if any was, else running if
    one is, else met; None when there were none."""
    seen = {outcome for outcome in outcomes if outcome is not None}
    for outcome in (Outcome.BREACHED, Outcome.RUNNING, Outcome.MET):
        if outcome in seen:
            return outcome
    return None


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def summarize(measures: Iterable[Measured]) -> DeadlineStats:
    """Counts per verdict (each ticket once), median and p90 of the answers' business time."""
    counts = dict.fromkeys(Outcome, 0)
    seconds: list[float] = []
    for measured in measures:
        if measured.outcome is not None:
            counts[measured.outcome] += 1
            seconds += [duration.total_seconds() for duration in measured.durations]
    return DeadlineStats(
        tickets=sum(counts.values()),
        met=counts[Outcome.MET],
        breached=counts[Outcome.BREACHED],
        running=counts[Outcome.RUNNING],
        median_business_seconds=int(statistics.median(seconds)) if seconds else None,
        p90_business_seconds=int(percentile(seconds, 0.9)) if seconds else None,
    )
