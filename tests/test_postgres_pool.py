"""Mesa's PostgreSQL pool gives a connection back without a second statement (asyncpg's
default reset query), and still ends a transaction left open on it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from tortoise import Tortoise

from domain.models import Ticket
from tests.own_database import demo_database


@pytest.fixture(params=["postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def _pool() -> asyncpg.Pool:
    client = Tortoise.get_connection("default")
    await client.execute_query("SELECT 1")  # the pool is made on first use
    pool = client._pool
    assert isinstance(pool, asyncpg.Pool)
    return pool


async def _every_connection(pool: asyncpg.Pool) -> list[Any]:
    """Every connection the pool may hand out, acquired at once (then given back)."""
    held = [await pool.acquire() for _ in range(pool.get_max_size())]
    connections = [proxy._con for proxy in held]
    for proxy in held:
        await pool.release(proxy)
    return connections


async def test_a_query_outside_a_transaction_sends_one_statement(database: str) -> None:
    # Given every connection of the pool logging what it is sent
    sent: list[str] = []
    for connection in await _every_connection(await _pool()):
        connection.add_query_logger(lambda record: sent.append(record.query))
    # When a query runs outside a transaction (as every request's first reads do)
    found = await Ticket.filter(tracking_id="nonexistent").first()
    # Then the connection was sent that query only: no reset statement on its way back
    assert found is None
    assert len(sent) == 1, sent
    assert sent[0].lstrip().upper().startswith("SELECT"), sent


async def test_a_transaction_left_open_is_ended_when_its_connection_comes_back(
    database: str,
) -> None:
    pool = await _pool()
    # Given a connection given back to the pool inside a transaction it did not end
    leaked = await pool.acquire()
    await leaked.execute("BEGIN")
    await leaked.execute("CREATE TEMPORARY TABLE scratch (n int) ON COMMIT DROP")
    connection = leaked._con
    await pool.release(leaked)
    # Then the transaction was rolled back: the connection is out of it, its table gone
    assert not connection.is_in_transaction()
    assert await connection.fetchval("SELECT to_regclass('pg_temp.scratch')") is None
