"""A ticket's SLA as people read it: policy, deadlines, state and business time left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.clock import utcnow
from domain.models import SlaClock, Ticket
from domain.sla.deadlines import PAUSED, STOPPED, deadlines_of
from domain.sla.policy import Policy, SlaState, state_at


@dataclass(frozen=True)
class TicketSla:
    level_id: int
    level_code: str
    clock: SlaClock
    expected: timedelta
    due: timedelta
    resolution: timedelta | None
    first_response_expected_at: datetime | None
    first_response_due_at: datetime | None
    first_responded_at: datetime | None
    next_response_expected_at: datetime | None
    next_response_due_at: datetime | None
    resolution_due_at: datetime | None
    state: SlaState
    business_seconds_remaining: int | None


def ticket_sla(ticket: Ticket, policy: Policy, *, now: datetime | None = None) -> TicketSla:
    """The SLA view of a ticket under its policy (no I/O: the caller loads the policy)."""
    now = now or utcnow()
    state, due = state_at(
        deadlines_of(ticket),
        now=now,
        responded=ticket.first_responded_at is not None,
        paused=ticket.status in PAUSED,
        ended=ticket.status in STOPPED,
        ever_breached=ticket.sla_breached_for is not None,
    )
    remaining = None
    if due is not None:
        # While paused the clock stands still: what was left when the pause began.
        counted_until = _pause_start(ticket) if state is SlaState.PAUSED else None
        since = min(counted_until, now) if counted_until is not None else now
        remaining = int(policy.calendar.business_time_between(since, due).total_seconds())
    return TicketSla(
        level_id=policy.level_id,
        level_code=policy.level_code,
        clock=policy.clock,
        expected=policy.expected,
        due=policy.due,
        resolution=policy.resolution,
        first_response_expected_at=ticket.first_response_expected_at,
        first_response_due_at=ticket.first_response_due_at,
        first_responded_at=ticket.first_responded_at,
        next_response_expected_at=ticket.next_response_expected_at,
        next_response_due_at=ticket.next_response_due_at,
        resolution_due_at=ticket.resolution_due_at,
        state=state,
        business_seconds_remaining=remaining,
    )


def _pause_start(ticket: Ticket) -> datetime | None:
    """When the open pause (waiting on the customer) began, if one is open."""
    if ticket.sla_pauses and ticket.sla_pauses[-1][1] is None:
        start = ticket.sla_pauses[-1][0]
        return datetime.fromisoformat(start) if start else None
    return None
