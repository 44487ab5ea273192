"""Commit-ordered positions of ticket events: what a resume and the live feed can trust.

Ids are drawn when a row is inserted, so on PostgreSQL two concurrent transactions can commit
their events out of id order, and "everything after the highest id seen" may skip one. A
position is drawn from one counter row as the last statement before commit: the row lock
is held until commit, so a transaction holding position p commits before any transaction
can draw p + 1. Positions therefore follow commit order and have no gaps (a rolled-back
transaction gives its numbers back): once p is visible, every position below it is too.
On SQLite a transaction holds the database's write lock from its first statement
(domain.sqlite_engine), so the events' statement reads the counter itself and the counter's
advance goes with the commit: one statement fewer run while the lock is held.
"""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.counters import advance_statement, draw, draw_statement, value_expression
from domain.frozen_init import replaced
from domain.live.events import Live, LiveEvent
from domain.models import TicketEvent
from domain.rows import Later, insert_all, locked_first
from domain.sqlite_engine import holds_write_lock, send_unread

COUNTER = "event_position"


async def stamp_positions(connection: BaseDBAsyncClient, events: list[Live]) -> list[Live]:
    """Give the transaction's ticket events their positions (call it last before commit)."""
    ticket_events = sorted((e for e in events if isinstance(e, LiveEvent)), key=lambda e: e.id)
    if not ticket_events:
        return events
    count = len(ticket_events)
    # Each event's place among them, in one CASE (ids and places are our own integers).
    places = " ".join(
        f"WHEN {int(event.id)} THEN {place}" for place, event in enumerate(ticket_events, 1)
    )
    ids = ", ".join(str(int(event.id)) for event in ticket_events)
    if connection.capabilities.dialect == "postgres":
        # One round trip: the counter's upsert (its row locked until commit) feeds the update.
        rows = await connection.execute_query_dict(
            f"WITH drawn AS ({draw_statement(COUNTER, count)}) "
            f"UPDATE ticket_event SET position = drawn.value - {count} + CASE id {places} END "
            f"FROM drawn WHERE id IN ({ids}) RETURNING id, position"
        )
        positions = {int(row["id"]): int(row["position"]) for row in rows}
    elif holds_write_lock(connection):  # SQLite: the counter read, its advance sent later
        rows = await connection.execute_query_dict(
            f"UPDATE ticket_event SET position = {value_expression(COUNTER)} + CASE id {places} "
            f"END WHERE id IN ({ids}) RETURNING id, position"
        )
        await send_unread(connection, advance_statement(COUNTER, count), ())
        positions = {int(row["id"]): int(row["position"]) for row in rows}
    else:  # outside a transaction (none calls it so): the draw, then the update
        first = await draw(connection, COUNTER, count) - count
        await connection.execute_query(
            f"UPDATE ticket_event SET position = {first} + CASE id {places} END WHERE id IN ({ids})"
        )
        positions = {event.id: first + place for place, event in enumerate(ticket_events, 1)}
    return [
        replaced(event, position=positions[event.id]) if isinstance(event, LiveEvent) else event
        for event in events
    ]


async def insert_positioned(
    connection: BaseDBAsyncClient, events: list[TicketEvent], later: Sequence[Later] = ()
) -> None:
    """Insert a transaction's ticket events with their positions, in their order (call it last
    before commit, for events none of which is in the table yet): what `stamp_positions`
    gives events inserted earlier, without their update. `later`: rows the same statement
    writes (PostgreSQL: domain.rows.Later)."""
    count = len(events)
    if connection.capabilities.dialect == "postgres":
        # One round trip: the counter's upsert (its row locked until commit) feeds the insert.
        drawn = f"drawn AS ({draw_statement(COUNTER, count, after=locked_first(later))})"
        places = [f"(SELECT value FROM drawn) - {count} + {place}" for place in range(1, count + 1)]
        await insert_all(
            connection, events, clauses=[drawn], sql_values={"position": places}, later=later
        )
        return
    if later:
        raise ValueError("rows written later are PostgreSQL's")
    if holds_write_lock(connection):
        # SQLite has no writing CTE, but no other writer runs until this transaction ends:
        # the insert reads the counter, and its advance goes with the commit (send_unread).
        current = value_expression(COUNTER)
        places = [f"{current} + {place}" for place in range(1, count + 1)]
        await insert_all(connection, events, sql_values={"position": places})
        await send_unread(connection, advance_statement(COUNTER, count), ())
        return
    first = await draw(connection, COUNTER, count) - count  # outside a transaction
    for place, event in enumerate(events, 1):
        event.position = first + place
    await insert_all(connection, events)


async def newest_position() -> int:
    """Where a subscription that does not resume starts: after the newest committed event."""
    newest = await TicketEvent.filter(position__isnull=False).order_by("-position").first()
    return newest.position if newest is not None and newest.position is not None else 0


async def position_of(event_id: int) -> int | None:
    """The position of an event a client saw (None: no such event)."""
    row = await TicketEvent.get_or_none(id=event_id).only("id", "position")
    return row.position if row is not None else None
