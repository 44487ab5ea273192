"""SQLite's temporary storage is kept in memory on every connection Mesa opens: an insert
with RETURNING (domain.rows) keeps a statement journal of the pages it changes, and past
64 KiB SQLite wrote it to a temporary file, which a new ticket's row did on every create."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from tortoise import connections

from domain.db import tortoise_config
from tests.own_database import own_database

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
