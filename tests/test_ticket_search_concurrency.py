"""Two messages written to one ticket at once are both found by search: each adds its words to
the ticket's index row in one statement the database applies to the row as it stands, so the
second never writes back a row read before the first committed (PostgreSQL, where the two
transactions really overlap; internal notes, which take no lock on the ticket row)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from domain.identity.auth import viewer_for_staff
from domain.models import Staff, Ticket, TicketStatus
from domain.tickets.changes import add_message
from domain.tickets.search import search_ticket_ids
from domain.uow import unit_of_work
from tests.own_database import demo_database, make_ticket

# Long enough for the second note to reach its index write while the first is open.
OVERLAP = 0.5


@pytest.fixture(params=["postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def test_two_notes_written_at_once_are_both_found(database: str) -> None:
    # Given a ticket with its first message indexed
    agent = await viewer_for_staff(await Staff.get(email="agent@mesa.example"))
    ticket = await make_ticket(TicketStatus.OPEN)
    async with unit_of_work() as uow:
        await add_message(uow, ticket, agent, "Primer mensaje del caso.")

    # When two agents add a note each, the second while the first is still uncommitted
    written, release = asyncio.Event(), asyncio.Event()

    async def first_note() -> None:
        async with unit_of_work() as uow:
            await add_message(uow, ticket, agent, "Revisar el servidor alfaomega.", internal=True)
            written.set()
            await release.wait()

    async def second_note() -> None:
        async with unit_of_work() as uow:
            await add_message(uow, ticket, agent, "Cliente llamó por betagamma.", internal=True)

    first = asyncio.create_task(first_note())
    await written.wait()
    second = asyncio.create_task(second_note())
    await asyncio.wait({second}, timeout=OVERLAP)
    release.set()
    await asyncio.gather(first, second)

    # Then staff search finds the ticket by the words of each note
    for word in ("alfaomega", "betagamma", "servidor", "mensaje"):
        found = await search_ticket_ids(Ticket.filter(id=ticket.id), word, internal=True)
        assert found == [ticket.id], word
