"""Ticket numbers on SQLite (domain.tickets.numbers.insert_numbered): the statement that
inserts a new ticket's row reads its number from the counter, and the counter's advance,
sent with the next statement, commits or rolls back with the row: numbers stay sequential
and without gaps."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator

import pytest
from tortoise import connections

from domain.clock import utcnow
from domain.models import Ticket
from domain.tickets.actions import create_ticket
from domain.tickets.numbers import TICKET_COUNTER, insert_numbered
from domain.uow import unit_of_work
from tests.own_database import demo_database
from tests.sla_support import new_ticket_of, open_ticket_at
from tests.sql_counter import count_queries

CATEGORY = "backup_restore"


@pytest.fixture(scope="module", params=["sqlite"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def _counter() -> int:
    rows = await connections.get("default").execute_query_dict(
        "SELECT value FROM counter WHERE name = ?", [TICKET_COUNTER]
    )
    return int(rows[0]["value"]) if rows else 0


async def test_a_new_tickets_number_is_read_by_the_statement_inserting_its_row(
    database: str,
) -> None:
    # Given the counter of ticket numbers
    last = await _counter()

    # When a customer opens a ticket
    viewer, data = await new_ticket_of("C-1001", CATEGORY)
    with count_queries() as statements:
        ticket = await create_ticket(viewer=viewer, data=data)

    # Then the statement inserting its row reads its number, no draw comes before it, and
    # the counter's advance comes after it
    [insert] = [s for s in statements if s.startswith('INSERT INTO "ticket"')]
    assert f"FROM counter WHERE name = '{TICKET_COUNTER}'" in insert, insert
    assert not [s for s in statements if "RETURNING value" in s], statements
    [advance] = [s for s in statements if f"VALUES ('{TICKET_COUNTER}', 1)" in s]
    assert statements.index(advance) > statements.index(insert), statements
    # and the ticket has the next number, which the counter now holds
    assert ticket.number == (await Ticket.get(id=ticket.id)).number == last + 1
    assert await _counter() == last + 1


async def test_concurrent_creates_take_consecutive_numbers(database: str) -> None:
    # Given ten creates of two customers at once
    last = await _counter()
    created = await asyncio.gather(
        *(open_ticket_at(utcnow(), CATEGORY, f"C-100{1 + n % 2}") for n in range(10))
    )

    # Then they took the ten numbers after the last one, each its own
    assert sorted(ticket.number for ticket in created) == list(range(last + 1, last + 11))
    assert await _counter() == last + 10


async def test_a_create_rolled_back_after_its_row_gives_its_number_back(database: str) -> None:
    # Given a ticket row of its own to copy (the module's other tests may run in another
    # worker, on another database), and the counter
    viewer, data = await new_ticket_of("C-1001", CATEGORY)
    template = await create_ticket(viewer=viewer, data=data)
    last = await _counter()
    kept = ("id", "number", "tracking_id", "last_message_id")
    values = {
        name: getattr(template, name)
        for name in Ticket._meta.fields_db_projection
        if name not in kept
    }

    # When a unit of work inserts a new ticket's row, then fails before it ends
    inserted = Ticket(**values, tracking_id=secrets.token_hex(6).upper())
    with pytest.raises(LookupError):
        async with unit_of_work() as uow:
            await insert_numbered(uow.connection, inserted)
            assert inserted.number == last + 1
            raise LookupError("after the row")

    # Then neither the row nor the counter's advance is left, and the next ticket takes the
    # number back
    assert not await Ticket.filter(tracking_id=inserted.tracking_id).exists()
    assert await _counter() == last
    viewer, data = await new_ticket_of("C-1001", CATEGORY)
    assert (await create_ticket(viewer=viewer, data=data)).number == last + 1
