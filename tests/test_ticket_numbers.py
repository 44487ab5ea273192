"""Ticket numbers on PostgreSQL (domain.tickets.numbers): sequential and without gaps, in
commit order, and drawn late, so that a create whose transaction is slow keeps no other
create waiting until it draws its number."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest

from domain.clock import utcnow
from domain.models import Customer, Message, Ticket
from domain.tickets.actions import create_ticket
from domain.tickets.search import search_ticket_ids
from tests.own_database import demo_database
from tests.sla_support import new_ticket_of, open_ticket_at
from tests.sql_counter import count_queries

CATEGORY = "backup_restore"


@pytest.fixture(scope="module", params=["postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def test_a_create_held_before_its_number_keeps_no_other_create_waiting(
    database: str,
) -> None:
    # Given C-1001's create stopped inside its transaction, at its ticket's insert (another
    # session holds C-1001's row, which the ticket's foreign key must share)
    customer = await Customer.get(client_number="C-1001")
    blocker = await asyncpg.connect(database)
    try:
        hold = blocker.transaction()
        await hold.start()
        await blocker.execute("SELECT 1 FROM customer WHERE id = $1 FOR UPDATE", customer.id)
        held = asyncio.create_task(open_ticket_at(utcnow(), CATEGORY, "C-1001"))
        await _waiting_on_a_lock(blocker)

        # When C-1002 opens a ticket meanwhile
        other = await asyncio.wait_for(open_ticket_at(utcnow(), CATEGORY, "C-1002"), 15)

        # Then it did not wait for the held create, which, let go, takes the next number
        await hold.rollback()
        first = await asyncio.wait_for(held, 15)
    finally:
        await blocker.close()
    assert first.number == other.number + 1
    assert await Ticket.filter(number__lt=1).count() == 0


async def test_concurrent_creates_take_consecutive_numbers_in_commit_order(
    database: str,
) -> None:
    # Given ten creates of two customers at once
    newest = await Ticket.all().order_by("-number").first()
    last = newest.number if newest is not None else 0
    created = await asyncio.gather(
        *(open_ticket_at(utcnow(), CATEGORY, f"C-100{1 + n % 2}") for n in range(10))
    )

    # Then they took the ten numbers after the last one, each its own, none a stand-in
    numbers = sorted(ticket.number for ticket in created)
    assert numbers == list(range(last + 1, last + 11))
    assert await Ticket.filter(number__lt=1).count() == 0


async def test_a_new_tickets_number_is_drawn_by_the_statement_writing_its_row(
    database: str,
) -> None:
    # When a customer opens a ticket
    viewer, data = await new_ticket_of("C-1001", CATEGORY)
    with count_queries() as statements:
        ticket = await create_ticket(viewer=viewer, data=data)

    # Then one statement draws its number, and it is the one that writes the ticket's row, its
    # first message and its search row, which quotes the number, its mails with their job, and
    # its events (no round trip while the counter's row is locked: whom the alerts go to was
    # read before)
    draws = [s for s in statements if "SELECT 'ticket', 1 FROM shared" in s]
    assert len(draws) == 1, statements
    written = (
        'INSERT INTO "ticket"',
        'INSERT INTO "message"',
        "INSERT INTO ticket_search",
        'INSERT INTO "notification"',
        'INSERT INTO "outbox_job"',
        'INSERT INTO "ticket_event"',
    )
    for writes in written:
        assert writes in draws[0], draws
    # and nothing follows it (tests/test_postgres_engine.py: nor BEGIN, nor COMMIT)
    assert statements[-1] == draws[0], statements
    # and that statement names the ticket's last message too: no update of the ticket's row
    # of its own
    assert not [s for s in statements if s.startswith('UPDATE "ticket"')], statements
    row = await Ticket.get(id=ticket.id)
    [message] = await Message.filter(ticket_id=ticket.id)
    assert (row.last_message_id, row.updated_at) == (message.id, message.created_at)
    found = await Ticket.filter(number=ticket.number).values_list("id", flat=True)
    assert found == [ticket.id]
    assert await search_ticket_ids(Ticket.all(), str(ticket.number), internal=False) == [ticket.id]


async def _waiting_on_a_lock(connection: asyncpg.Connection) -> None:
    for _ in range(300):
        waiting = await connection.fetchval(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        if waiting:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the create never waited on the customer's row")
