"""Ticket numbers: sequential, without gaps, following commit order.

A number is drawn from the `ticket` counter row (domain.counters), which stays locked from the
draw to the commit: a transaction that rolls back gives its number back, and the next
transaction waits for the one holding the row. On SQLite a write holds the whole database for
its transaction anyway, so the statement inserting a new ticket's row reads the counter for
its number, and the counter's advance goes with the transaction's next statement
(`insert_numbered`, as event positions: domain.live.positions). On PostgreSQL creates run side
by side, and a number drawn first makes each create wait for the whole transaction of the
one before it (under wrk the API used 82-90% of a core): there the row is inserted with a
stand-in number, and the number is drawn as late as the transaction allows, by the one
statement that also writes it (`settle_number`), before anything that quotes it (the search
row, the mails) is written. A new ticket's number is drawn by the one statement that inserts
its row, its first message and its search row (`drawing`, domain.tickets.drafts):
nothing the transaction writes before quotes it, so the row is held as briefly as it was when
the number was drawn after the insert, and the row is written once, with its number (an update
of a new ticket's number rewrote every one of its indexes).
"""

from __future__ import annotations

import secrets

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.counters import advance_statement, draw, draw_statement, value_expression
from domain.models import Ticket
from domain.rows import SHARED, insert_all
from domain.sqlite_engine import holds_write_lock, send_unread

TICKET_COUNTER = "ticket"


def drawn_late(connection: BaseDBAsyncClient) -> bool:
    """Whether a new ticket's number is drawn as late as its transaction allows (PostgreSQL),
    rather than first (SQLite): see the module's note."""
    return connection.capabilities.dialect == "postgres"


async def first_number(connection: BaseDBAsyncClient) -> int:
    """The number a new ticket's row is inserted with: its own, drawn now (SQLite), or a
    stand-in for `settle_number` to replace (PostgreSQL), negative and unique among the rows
    not yet committed."""
    if drawn_late(connection):
        return -1 - secrets.randbits(62)
    return await draw(connection, TICKET_COUNTER)


async def insert_numbered(connection: BaseDBAsyncClient, ticket: Ticket) -> None:
    """Insert a new ticket's row with its number (its own, or a stand-in on PostgreSQL:
    `first_number`). In a transaction on SQLite, which holds the write lock, one statement
    without a draw before it: the insert reads the counter, and the counter's advance is sent
    with the next statement (domain.sqlite_engine.send_unread), so it commits or rolls back
    with the row."""
    if not holds_write_lock(connection):
        ticket.number = await first_number(connection)
        await insert_all(connection, [ticket])
        return
    await insert_all(connection, [ticket], sql_values={"number": [_NEXT_NUMBER]})
    await send_unread(connection, _ADVANCE, ())


_NEXT_NUMBER = f"{value_expression(TICKET_COUNTER)} + 1"
_ADVANCE = advance_statement(TICKET_COUNTER, 1)


def has_stand_in(ticket: Ticket) -> bool:
    """Whether the ticket's row still has a stand-in for its number (`first_number`)."""
    return ticket.number <= 0


# What a statement that opens with `drawing()` gives a new row as its number.
DRAWN_NUMBER = "(SELECT value FROM ticket_drawn)"


def drawing() -> str:
    """The WITH clause that draws a ticket number, read as `DRAWN_NUMBER` by the statement it
    opens (PostgreSQL: domain.rows.insert_with_parent's `first`), once the rows the new
    ticket's foreign keys name are shared (`SHARED`): a create that waits for one of them,
    held by another transaction, waits before it holds the number's row."""
    return f"ticket_drawn AS ({draw_statement(TICKET_COUNTER, 1, after=SHARED)})"


def numbering(ticket_id: str) -> str:
    """The WITH clause that draws a number and writes it on the row of the ticket whose id is
    the SQL `ticket_id` (a parameter): its statement reads it as `numbered.number`."""
    return (
        f"WITH drawn AS ({draw_statement(TICKET_COUNTER, 1)}), "
        f"numbered AS (UPDATE ticket SET number = drawn.value FROM drawn "
        f"WHERE ticket.id = {ticket_id} RETURNING ticket.number) "
    )


async def settle_number(connection: BaseDBAsyncClient, ticket: Ticket) -> None:
    """Give a ticket inserted in this transaction with a stand-in its number, drawn now."""
    if not has_stand_in(ticket):
        return
    rows = await connection.execute_query_dict(
        f"{numbering('$1')}SELECT number FROM numbered", [ticket.id]
    )
    ticket.number = int(rows[0]["number"])
