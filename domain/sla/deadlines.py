"""Per-ticket SLA deadlines: load the policy, store the deadlines in the ticket's indexed
columns, and the next warning or breach moment in `sla_check_at` for the sweep."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.clock import utcnow
from domain.frozen_init import fast_init
from domain.models import SupportLevel, Ticket, TicketStatus
from domain.sla.policy import (
    Alert,
    Deadlines,
    Pause,
    compute_deadlines,
    keep_settled,
    pending_alerts,
)
from domain.sla.terms import hold_to_terms, policy_of
from domain.uow import UnitOfWork

logger = logging.getLogger(__name__)

DEADLINE_COLUMNS = (
    "first_response_expected_at",
    "first_response_due_at",
    "next_response_expected_at",
    "next_response_due_at",
    "resolution_due_at",
)
STOPPED = (TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.MERGED)
# The clock pauses while waiting on the customer and while a ticket is marked spam: the time
# spent in either is not working time, and no deadline falls due meanwhile.
PAUSED = (TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.SPAM)


def pauses_of(ticket: Ticket) -> list[Pause]:
    return [
        (datetime.fromisoformat(start or ""), datetime.fromisoformat(end) if end else None)
        for start, end in ticket.sla_pauses
    ]


def deadlines_of(ticket: Ticket) -> Deadlines:
    return Deadlines(**{column: getattr(ticket, column) for column in DEADLINE_COLUMNS})


def alerts_to_mark(ticket: Ticket) -> list[Alert]:
    """Warnings and breaches still ahead (or overdue) for a running clock, earliest first."""
    if ticket.status in STOPPED or ticket.status in PAUSED:
        return []
    return pending_alerts(
        deadlines_of(ticket),
        responded=ticket.first_responded_at is not None,
        warned_for=ticket.sla_warned_for,
        breached_for=ticket.sla_breached_for,
    )


def running_due(ticket: Ticket) -> datetime | None:
    """The due moment of the running clock: first response, next response, or resolution."""
    if ticket.status in STOPPED or ticket.status in PAUSED:
        return None
    if ticket.first_responded_at is None:
        return ticket.first_response_due_at
    return ticket.next_response_due_at or ticket.resolution_due_at


def _track_status(ticket: Ticket, before: TicketStatus | None, now: datetime) -> None:
    """Open or close a pause, and start or stop the next-response clock. Without `before`
    the status did not change (a re-triage): an open pause stays the one open pause."""
    if before is None:
        before = ticket.status
    if ticket.status in PAUSED and before not in PAUSED:
        ticket.sla_pauses = [*ticket.sla_pauses, [now.isoformat(), None]]
    elif before in PAUSED and ticket.status not in PAUSED and ticket.sla_pauses:
        *closed, (start, _) = ticket.sla_pauses
        ticket.sla_pauses = [*closed, [start, now.isoformat()]]
    if ticket.status is TicketStatus.WAITING_ON_AGENT and ticket.first_responded_at is not None:
        if ticket.next_response_started_at is None:
            ticket.next_response_started_at = now
    elif ticket.status is not TicketStatus.WAITING_ON_AGENT:
        if ticket.next_response_started_at is not None:  # answered, or no longer owed
            due = ticket.next_response_due_at
            ticket.sla_next_responses = [
                *(ticket.sla_next_responses or []),
                [
                    ticket.next_response_started_at.isoformat(),
                    due.isoformat() if due else None,
                    now.isoformat(),
                ],
            ]
        ticket.next_response_started_at = None


@fast_init
@dataclass(frozen=True)
class Refreshed:
    deadlines: Deadlines
    moved: bool


async def refresh_deadlines(
    uow: UnitOfWork, ticket: Ticket, *, before: TicketStatus | None = None
) -> Refreshed:
    """Recompute the ticket's running deadlines from its original start after a change (met
    and breached ones stay as they were) and store them; `sla_check_at` holds the next
    warning or breach moment, which the scheduler's sweep marks (domain.sla.marking)."""
    refreshed = await _recompute(ticket, before)
    await Ticket.filter(id=ticket.id).using_db(uow.connection).update(**sla_columns(ticket))
    return refreshed


async def deadlines_after(ticket: Ticket, before: TicketStatus) -> dict[str, Any]:
    """`refresh_deadlines` in memory, for a change that writes the ticket anyway: the SLA
    columns to add to that change's own update (one statement, not two)."""
    await _recompute(ticket, before)
    return sla_columns(ticket)


def sla_columns(ticket: Ticket) -> dict[str, Any]:
    """The ticket's SLA state as columns to store."""
    return {
        "sla_level_id": ticket.sla_level_id,
        "sla_terms": ticket.sla_terms,
        "sla_clock": ticket.sla_clock,
        "sla_pauses": ticket.sla_pauses,
        "sla_next_responses": ticket.sla_next_responses,
        "next_response_started_at": ticket.next_response_started_at,
        "sla_check_at": ticket.sla_check_at,
        "sla_due_at": ticket.sla_due_at,
        **{column: getattr(ticket, column) for column in DEADLINE_COLUMNS},
    }


async def first_deadlines(ticket: Ticket, level: SupportLevel | None = None) -> None:
    """The terms and deadlines of a ticket not yet saved, on its row before it is inserted
    (so its insert carries them). `level`: its level, when the caller has read it already."""
    await _recompute(ticket, None, level=level)


async def _recompute(
    ticket: Ticket, before: TicketStatus | None, *, level: SupportLevel | None = None
) -> Refreshed:
    """The deadlines, terms, clock and next check on `ticket`, in memory."""
    now = utcnow()
    cycle = ticket.next_response_started_at
    _track_status(ticket, before, now)
    await hold_to_terms(ticket, level)
    policy = await policy_of(ticket)
    old = deadlines_of(ticket)
    deadlines = Deadlines()
    if policy is not None:
        computed = compute_deadlines(
            policy,
            started_at=ticket.created_at,
            pauses=pauses_of(ticket),
            next_response_started_at=ticket.next_response_started_at,
        )
        deadlines = keep_settled(
            old,
            computed,
            now=now,
            responded=ticket.first_responded_at is not None,
            same_next_response=cycle is not None and cycle == ticket.next_response_started_at,
        )
    for column in DEADLINE_COLUMNS:
        setattr(ticket, column, getattr(deadlines, column))
    ticket.sla_clock = policy.clock if policy else None  # type: ignore[assignment]
    alerts = alerts_to_mark(ticket)
    ticket.sla_check_at = alerts[0].at if alerts else None
    ticket.sla_due_at = running_due(ticket)
    return Refreshed(deadlines, moved=old != deadlines)
