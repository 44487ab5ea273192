"""The automation stream: ticket events read once each, in commit order, after they commit.

Events carry gap-free commit-ordered positions (domain.live.positions), so one counter row
(`automation_position`) says how far automation has read: the scheduler reads the events
after it, records what they cause (webhook deliveries, trigger runs, assignments: jobs; time
rule plans) and moves
the counter in the same transaction. A crash before the commit reads the same events again; a second
reader (two schedulers briefly) loses the conditional update and rolls back. So each event
is handed to each subscriber exactly once, whatever the processes do.
"""

from __future__ import annotations

import logging

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.automation import assignment, deliveries, runs, time_plans
from domain.models import Counter, TicketEvent
from domain.uow import unit_of_work

logger = logging.getLogger(__name__)

CURSOR = "automation_position"
BATCH = 200


class _Overtaken(Exception):
    """Another reader moved the cursor first: this batch is rolled back."""


async def start_cursor(connection: BaseDBAsyncClient) -> None:
    """Create the cursor at the newest event, so history from before is never replayed."""
    await connection.execute_query(
        "INSERT INTO counter (name, value) "
        f"SELECT '{CURSOR}', COALESCE(MAX(position), 0) FROM ticket_event WHERE true "
        "ON CONFLICT (name) DO NOTHING"
    )


async def process_new_events(batch: int = BATCH) -> int:
    """Hand every event committed since the last run to automation; returns how many."""
    total = 0
    while True:
        try:
            handled = await _process_batch(batch)
        except _Overtaken:
            logger.info("another process read the automation stream first")
            return total
        total += handled
        if handled < batch:
            return total


async def _process_batch(batch: int) -> int:
    async with unit_of_work() as uow:
        connection = uow.connection
        await start_cursor(connection)
        counter = await Counter.filter(name=CURSOR).using_db(connection).get()
        cursor = int(counter.value)
        # The next events in commit order. Positions are drawn without gaps (domain.live.
        # positions), so a missing one below a visible one is an event deleted with its
        # ticket, never one still to commit: read on past it.
        events = await (
            TicketEvent.filter(position__gt=cursor)
            .using_db(connection)
            .order_by("position")
            .limit(batch)
        )
        if not events:
            return 0
        newest = int(events[-1].position or cursor)
        await deliveries.record_deliveries(uow, events)
        await runs.record_runs(uow, events)
        await assignment.record_assignments(uow, events)
        await time_plans.plan_from_events(uow, events)
        moved = await (
            Counter.filter(name=CURSOR, value=cursor).using_db(connection).update(value=newest)
        )
        if moved != 1:
            raise _Overtaken
    return len(events)
