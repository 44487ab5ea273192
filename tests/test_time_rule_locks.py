"""Every writer of time-rule plans holds the rules it plans for, so a pause committed while
the automation stream is planning a ticket leaves no plan behind (PostgreSQL, where the two
transactions really overlap)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from domain.automation.time_plans import plan_from_events
from domain.automation.time_rules import set_time_rule_active
from domain.clock import utcnow
from domain.identity.auth import viewer_for_staff
from domain.models import Staff, TicketEvent, TicketStatus, TimeRule, TimeRuleClock, TimeRulePlan
from domain.uow import unit_of_work
from tests.own_database import own_database_at
from tests.sla_support import open_ticket_at

# Long enough for an unhindered pause to commit; the fixed order never depends on it.
PAUSE_WINDOW = 0.5


@pytest.fixture
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    postgres = request.getfixturevalue("postgres")
    seeded = await postgres.prepared_database("time_rule_locks", "seed-demo")
    async with own_database_at(seeded) as url:
        yield url


async def test_a_pause_during_the_streams_planning_leaves_no_plan(database: str) -> None:
    # Given an active rule for new tickets and a ticket the stream has yet to plan
    now = utcnow()
    rule = await TimeRule.create(
        name="Nuevos sin respuesta",
        status=TicketStatus.NEW,
        after_minutes=60,
        clock=TimeRuleClock.CALENDAR,
        created_at=now,
        updated_at=now,
    )
    ticket = await open_ticket_at(now, "backup_restore")
    created = await TicketEvent.get(ticket_id=ticket.id, kind="CREATED")
    admin = await viewer_for_staff(await Staff.get(email="admin@mesa.example"))

    # When the stream has planned it but not committed, and an admin pauses the rule
    planned, release = asyncio.Event(), asyncio.Event()

    async def stream() -> int:
        async with unit_of_work() as uow:
            count = await plan_from_events(uow, [created])
            planned.set()
            await release.wait()
        return count

    streaming = asyncio.create_task(stream())
    await planned.wait()
    pausing = asyncio.create_task(
        set_time_rule_active(viewer=admin, time_rule_id=rule.id, is_active=False)
    )
    await asyncio.wait({pausing}, timeout=PAUSE_WINDOW)
    release.set()
    assert await streaming == 1
    paused = await pausing

    # Then the pause came after the stream's plan and dropped it
    assert not paused.is_active
    assert not await TimeRulePlan.filter(rule_id=rule.id).exists()
