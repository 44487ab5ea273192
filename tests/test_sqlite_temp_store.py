"""SQLite's temporary storage is kept in memory on every connection Mesa opens: an insert
with RETURNING (domain.rows) keeps a statement journal of the pages it changes, and past
64 KiB SQLite wrote it to a temporary file, which a new ticket's row did on every create."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from tortoise import connections

from domain.clock import utcnow
from domain.db import tortoise_config
from domain.models import Department, Ticket, TicketStatus
from domain.rows import insert_all
from domain.uow import unit_of_work
from tests.own_database import guest_ticket, make_ticket, own_database
from tests.test_rows import _temporary_files

MEMORY = 2  # PRAGMA temp_store: 0 default, 1 file, 2 memory


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[str]:
    async with own_database(tmp_path) as url:
        yield url


async def test_the_connection_keeps_temporary_storage_in_memory(database: str) -> None:
    # Given Mesa's connection to its SQLite database
    connection = connections.get("default")
    # When it is asked where temporary storage goes
    _, rows = await connection.execute_query("PRAGMA temp_store")
    # Then it is memory, not a temporary file
    assert rows[0][0] == MEMORY


def test_every_sqlite_configuration_asks_for_it() -> None:
    # Given the configuration a CLI command or a served process connects with
    credentials = tortoise_config("sqlite:///tmp/mesa-temp-store.sqlite3")["connections"]
    # Then it asks for temporary storage in memory, beside Tortoise's own pragmas
    assert credentials["default"]["credentials"]["temp_store"] == "MEMORY"
    assert credentials["default"]["credentials"]["journal_mode"] == "WAL"


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs Linux's /proc")
async def test_a_new_tickets_row_writes_no_temporary_file(database: str) -> None:
    # Given a ticket already stored, and a new one to insert as Mesa inserts rows (RETURNING)
    stored = await make_ticket(TicketStatus.NEW)
    department = await Department.get(id=stored.department_id)
    ticket = guest_ticket(department, stored.number + 1, TicketStatus.NEW, utcnow())

    # When its row is inserted in a unit of work
    async with unit_of_work() as uow:
        await insert_all(uow.connection, [ticket])
        # Then, with the transaction still open, SQLite holds no temporary file: the
        # statement's journal (the table's page and its 18 indexes') stays in memory
        held = _temporary_files()
    assert held == []
    assert await Ticket.filter(id=ticket.pk).exists()
