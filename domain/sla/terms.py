"""Which support level a ticket is held to, and the targets it started with.

A ticket records its level and that level's targets (every impact, so a re-triage stays
within the promise it started with) when it opens. A later change of the service's level or
of the level's targets does not rewrite an open ticket's promise, nor the report's history.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

from domain.catalog.cache import cached
from domain.catalog.calendars import StoredCalendar, level_calendar
from domain.catalog.entitlements import level_for
from domain.json_text import dumps_with
from domain.models import Impact, SlaClock, SlaTarget, SupportLevel, Ticket
from domain.sla.calendar import BusinessCalendar
from domain.sla.policy import Policy

logger = logging.getLogger(__name__)

Terms = dict[str, dict[str, Any]]


def calendar_under(stored: StoredCalendar | None, clock: SlaClock) -> BusinessCalendar:
    """The calendar a clock counts on: the level's for business hours, 24/7 otherwise."""
    if clock is SlaClock.BUSINESS_HOURS and stored is None:
        # Refused when targets are set (domain.sla.admin); only data written around the
        # actions gets here, and counting 24/7 is then the safer error for the customer.
        logger.error("business-hours SLA target without a calendar: counting around the clock")
    if stored is None or clock is SlaClock.ALWAYS:
        return BusinessCalendar.around_the_clock(stored.timezone if stored else "UTC")
    return stored.built()


async def current_terms(level_id: int) -> Terms:
    """The level's targets now, per impact, as a ticket records them (its own copy)."""
    terms = await cached("terms", level_id, lambda: _current_terms(level_id))
    return {impact: dict(term) for impact, term in terms.items()}


async def _current_terms(level_id: int) -> Terms:
    return {
        target.impact.value: {
            "clock": target.clock.value,
            "expected": target.first_response_expected_minutes,
            "due": target.first_response_due_minutes,
            "resolution": target.resolution_due_minutes,
        }
        for target in await SlaTarget.filter(support_level_id=level_id).order_by("id")
    }


async def hold_to_terms(ticket: Ticket, level: SupportLevel | None = None) -> None:
    """Record the level and targets a ticket is held to, once (in memory: the caller saves).
    `level`: the ticket's level (`level_for` its customer and service) when already read."""
    if ticket.sla_level_id is not None:
        return
    if level is None:
        level = await level_for(customer_id=ticket.customer_id, service_id=ticket.service_id)
    if level is not None:
        ticket.sla_level_id = level.id
        ticket.sla_terms = await current_terms(level.id)


PolicyKey = tuple[int | None, int | None, int | None, Impact, str]
_key_text = dumps_with(sort_keys=True)  # json.dumps(term, sort_keys=True), for every ticket read


def policy_key(ticket: Ticket) -> PolicyKey:
    """What decides a ticket's policy, hashable: a page loads each distinct key once."""
    term = (ticket.sla_terms or {}).get(ticket.impact.value)
    return (
        ticket.sla_level_id,
        ticket.customer_id,
        ticket.service_id,
        ticket.impact,
        _key_text(term),
    )


async def policy_of(ticket: Ticket) -> Policy | None:
    """The promise a ticket is held to for its current impact (None without a target)."""
    return await policy_for_key(policy_key(ticket))


async def policy_for_key(key: PolicyKey) -> Policy | None:
    """The policy of a key: made of the key's own terms and of the catalogue (the level and
    its calendar, or today's rule for a ticket without a level), so kept with the
    catalogue's cache (domain.catalog.cache) while the catalogue is unchanged. Every reply
    and change recomputes its ticket's deadlines under it."""
    return await cached("policy", key, lambda: _policy_for_key(key))


async def _policy_for_key(key: PolicyKey) -> Policy | None:
    level_id, customer_id, service_id, impact, term = key
    if level_id is None:  # a ticket from before levels were recorded: the rule, today
        level = await level_for(customer_id=customer_id, service_id=service_id)
        if level is None:
            return None
        return await policy_under(level.id, impact, await current_terms(level.id))
    recorded = json.loads(term)
    return await policy_under(level_id, impact, {impact.value: recorded} if recorded else {})


async def policy_under(level_id: int, impact: Impact, terms: Terms) -> Policy | None:
    """A level's promise for one impact under recorded terms, on the level's calendar."""
    term = terms.get(impact.value)
    if term is None:
        return None
    level = await level_calendar(level_id)  # one statement: the level with its calendar
    if level is None:
        return None
    clock = SlaClock(term["clock"])
    return Policy(
        level_id=level.level_id,
        level_code=level.level_code,
        impact=impact,
        clock=clock,
        calendar=calendar_under(level.calendar, clock),
        expected=timedelta(minutes=term["expected"]),
        due=timedelta(minutes=term["due"]),
        resolution=(
            timedelta(minutes=term["resolution"]) if term["resolution"] is not None else None
        ),
    )
