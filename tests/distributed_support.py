"""What the distributed tests share: a fresh seeded PostgreSQL database, SQL checks, waiting.

The tests read the cluster's database with asyncpg directly, never through the ORM, which in
the test process belongs to the session server.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from itertools import count
from typing import Any, TypeVar

import asyncpg

from tests.cluster import distributed_env
from tests.graphql_client import GraphQLClient
from tests.services import Postgres, Redis

T = TypeVar("T")

STATUS = "query($t: String!) { ticket(trackingId: $t) { id status } }"
RESOLVE = """mutation($id: ID!) { resolveTicket(ticketId: $id) {
  __typename ... on ResolveTicketSuccess { ticket { status } } } }"""

# Fast periodic jobs, and a resolved ticket closes as soon as the scan sees it.
FAST = {
    "outbox_sweep_seconds": "0.5",
    "outbox_grace_seconds": "0",
    "auto_close_interval_seconds": "0.5",
    "auto_close_after_days": "0",
}

_databases = count(1)


async def seeded_database(postgres: Postgres, redis: Redis, **settings: str) -> dict[str, str]:
    """A new database with the demo data (`mesa seed-demo`); returns the cluster environment."""
    url = await postgres.prepared_database(f"cluster_{next(_databases)}", "seed-demo")
    return distributed_env(url, redis.url, **settings)


async def sql(env: dict[str, str], query: str, *args: Any) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(env["MESA_DATABASE_URL"])
    try:
        return list(await connection.fetch(query, *args))
    finally:
        await connection.close()


async def eventually(
    probe: Callable[[], Awaitable[T]], done: Callable[[T], bool], *, within: float = 60.0
) -> T:
    """Poll `probe` until `done(value)`; returns the last value (the caller asserts on it)."""
    deadline = time.monotonic() + within
    while True:
        value = await probe()
        if done(value) or time.monotonic() > deadline:
            return value
        await asyncio.sleep(0.2)


async def insert_resolved_tickets(
    env: dict[str, str], how_many: int, subject: str
) -> tuple[list[int], list[int]]:
    """`how_many` guest tickets resolved 30 days ago, each with a PENDING auto-close job;
    returns the ticket ids and the job ids."""
    ids = await sql(
        env,
        """
        INSERT INTO ticket (number, tracking_id, department_id, guest_name, guest_email,
            subject, priority, impact, status, channel, created_at, updated_at, resolved_at,
            sla_pauses)
        SELECT 1000000 + n, 'T' || lpad(n::text, 11, '0'),
            (SELECT id FROM department ORDER BY id LIMIT 1), 'Guest', 'guest@example.com',
            $1, 'MEDIUM', 'MEDIUM', 'RESOLVED', 'WEB',
            now() - interval '31 days', now() - interval '30 days', now() - interval '30 days',
            '[]'
        FROM generate_series(1, $2) AS n
        RETURNING id
        """,
        subject,
        how_many,
    )
    ticket_ids = sorted(int(row["id"]) for row in ids)
    jobs = await sql(
        env,
        """
        INSERT INTO outbox_job (actor_name, queue_name, kwargs, status, created_at,
            enqueue_count)
        SELECT 'auto_close_ticket', 'default', jsonb_build_object('ticket_id', id), 'PENDING',
            now() - interval '1 hour', 0
        FROM unnest($1::int[]) AS id
        RETURNING id
        """,
        ticket_ids,
    )
    return ticket_ids, sorted(int(row["id"]) for row in jobs)


async def close_events_per_ticket(env: dict[str, str], ticket_ids: list[int]) -> dict[int, int]:
    """How many events each ticket got (they start with none: the only one is its close)."""
    rows = await sql(
        env,
        "SELECT ticket_id, count(*) AS n FROM ticket_event WHERE ticket_id = ANY($1::int[]) "
        "GROUP BY ticket_id",
        ticket_ids,
    )
    return {int(row["ticket_id"]): int(row["n"]) for row in rows}


async def outbox_statuses(env: dict[str, str], actor_name: str) -> dict[str, int]:
    rows = await sql(
        env,
        "SELECT status, count(*) AS n FROM outbox_job WHERE actor_name = $1 GROUP BY status",
        actor_name,
    )
    return {str(row["status"]): int(row["n"]) for row in rows}


async def status_of(gql: GraphQLClient, tracking_id: str, token: str) -> str:
    ticket: dict[str, Any] = (await gql.execute(STATUS, {"t": tracking_id}, token=token)).data
    return str(ticket["ticket"]["status"])
