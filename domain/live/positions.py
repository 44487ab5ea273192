"""Commit-ordered positions of ticket events: what a resume and the live feed can trust.

Ids are drawn when a row is inserted, so on PostgreSQL two concurrent transactions can commit
their events out of id order, and "everything after the highest id seen" may skip one. A
position is drawn from one counter row as the last statement before commit: the row lock
is held until commit, so a transaction holding position p commits before any transaction
can draw p + 1. Positions therefore follow commit order and have no gaps (a rolled-back
transaction gives its numbers back): once p is visible, every position below it is too.
"""

from __future__ import annotations

from dataclasses import replace

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.counters import draw
from domain.live.events import Live, LiveEvent
from domain.models import TicketEvent

COUNTER = "event_position"


async def stamp_positions(connection: BaseDBAsyncClient, events: list[Live]) -> list[Live]:
    """Give the transaction's ticket events their positions (call it last before commit)."""
    ticket_events = sorted((e for e in events if isinstance(e, LiveEvent)), key=lambda e: e.id)
    if not ticket_events:
        return events
    last = await draw(connection, COUNTER, len(ticket_events))
    first = last - len(ticket_events) + 1
    positions = {event.id: first + offset for offset, event in enumerate(ticket_events)}
    # One statement for all of them (ids and positions are our own integers).
    cases = " ".join(f"WHEN {int(pk)} THEN {int(at)}" for pk, at in positions.items())
    await connection.execute_query(
        f"UPDATE ticket_event SET position = CASE id {cases} END"
        f" WHERE id IN ({', '.join(str(int(pk)) for pk in positions)})"
    )
    return [
        replace(event, position=positions[event.id]) if isinstance(event, LiveEvent) else event
        for event in events
    ]


async def newest_position() -> int:
    """Where a subscription that does not resume starts: after the newest committed event."""
    newest = await TicketEvent.filter(position__isnull=False).order_by("-position").first()
    return newest.position if newest is not None and newest.position is not None else 0


async def position_of(event_id: int) -> int | None:
    """The position of an event a client saw (None: no such event)."""
    row = await TicketEvent.get_or_none(id=event_id).only("id", "position")
    return row.position if row is not None else None
