"""The distributed topology with real processes: 2 API processes, 2 dramatiq workers and the
scheduler on PostgreSQL and Redis, and what happens when a worker is killed with -9."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from api.core.ids import encode_id
from tests.cluster import cluster
from tests.conftest import AGENT_LOGIN, DEMO_PASSWORD, LOGIN, token_for
from tests.distributed_support import (
    FAST,
    RESOLVE,
    close_events_per_ticket,
    eventually,
    insert_resolved_tickets,
    outbox_statuses,
    seeded_database,
    sql,
    status_of,
)
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.live_client import LiveClient, live_client
from tests.services import Postgres, Redis, free_port

pytestmark = pytest.mark.slow


async def test_two_apis_two_workers_and_the_scheduler_share_tickets_and_jobs(
    postgres: Postgres, own_redis: Redis, tmp_path: Path
) -> None:
    # Given the full topology on one database and one Redis
    env = await seeded_database(postgres, own_redis, **FAST)
    with cluster(env, tmp_path) as processes:
        stack = AsyncExitStack()
        first = GraphQLClient(processes.api(free_port()))
        second = GraphQLClient(processes.api(free_port()))
        processes.worker("worker-1", threads=2)
        processes.worker("worker-2", threads=2)
        processes.scheduler()
        try:
            customer = await token_for(first, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
            agent = await token_for(
                second, AGENT_LOGIN, {"e": "agent@mesa.example", "p": DEMO_PASSWORD}
            )
            # And the agent's console on the first API, watching their queues live
            watcher = await stack.enter_async_context(live_client(first.base_url, agent))
            await watcher.subscribe(QUEUE_EVENTS, {"after": await _newest_event(env)})

            # When a customer opens tickets through each API
            through_first = await create_ticket(first, customer)
            through_second = await create_ticket(second, customer)

            # Then each API serves the ticket the other one created
            assert await status_of(second, through_first["trackingId"], agent) == "NEW"
            assert await status_of(first, through_second["trackingId"], customer) == "NEW"
            # And the console on the first API heard of both, over Redis for the second's
            ids = {through_first["id"], through_second["id"]}
            await _heard(watcher, lambda e: e["kind"] == "CREATED", ids)

            # When the agent resolves both through the second API
            for ticket in (through_first, through_second):
                resolved = await second.execute(RESOLVE, {"id": ticket["id"]}, token=agent)
                assert resolved.data["resolveTicket"]["ticket"] == {"status": "RESOLVED"}

            # Then the scheduler's scan, the outbox and a worker close them, seen by both APIs
            for gql, ticket in ((first, through_first), (first, through_second)):
                status = await eventually(
                    lambda gql=gql, ticket=ticket: status_of(gql, ticket["trackingId"], customer),
                    lambda status: status == "CLOSED",
                )
                assert status == "CLOSED"
            assert await status_of(second, through_first["trackingId"], agent) == "CLOSED"
            # And each was closed once, whichever worker took which job
            closes = await sql(
                env,
                "SELECT t.tracking_id, count(*) AS n FROM ticket_event e "
                "JOIN ticket t ON t.id = e.ticket_id WHERE e.after::text LIKE '%CLOSED%' "
                "GROUP BY t.tracking_id",
            )
            counted = {row["tracking_id"]: row["n"] for row in closes}
            assert counted[through_first["trackingId"]] == 1
            assert counted[through_second["trackingId"]] == 1
            # And the closes the worker processes committed reached the console live
            await _heard(watcher, lambda e: e["after"] == {"status": "CLOSED"}, ids)
        finally:
            await stack.aclose()
            await first.close()
            await second.close()


async def test_a_worker_killed_with_minus_9_loses_no_job_and_repeats_no_effect(
    postgres: Postgres, own_redis: Redis, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given 500 resolved tickets, each with a PENDING auto-close job in the outbox
    env = await seeded_database(
        postgres,
        own_redis,
        outbox_sweep_seconds="0.5",
        outbox_grace_seconds="0",
        outbox_stale_seconds="5",
        auto_close_interval_seconds="3600",
    )
    # (the scheduler's first auto-close scan may add jobs of its own: only these are counted)
    ticket_ids, job_ids = await insert_resolved_tickets(env, 500, "kill -9")
    with cluster(env, tmp_path) as processes:
        # When two workers take them and one is killed with -9 while jobs are in flight
        victim = processes.worker("worker-1", threads=4)
        processes.worker("worker-2", threads=4)
        processes.scheduler()
        closed_at_kill = await eventually(
            lambda: _closed(env, ticket_ids), lambda closed: closed >= 20, within=60
        )
        processes.stop(victim, kill=True)
        # And a replacement worker starts
        processes.worker("worker-3", threads=4)

        # Then every job ran, each ticket closed exactly once
        await eventually(lambda: _closed(env, ticket_ids), lambda closed: closed == 500)
        statuses = await eventually(
            lambda: _job_statuses(env, job_ids), lambda s: s == {"DONE": 500}, within=30
        )
    events = await close_events_per_ticket(env, ticket_ids)
    duplicates = sum(n - 1 for n in events.values() if n > 1)
    lost = 500 - len(events)
    with capsys.disabled():
        print(
            f"\nkill -9 a worker: jobs sent 500, completed {statuses.get('DONE', 0)}, "
            f"duplicates {duplicates}, lost {lost} (killed after {closed_at_kill} closes)"
        )
    assert statuses == {"DONE": 500}
    assert (duplicates, lost) == (0, 0)
    assert set(events.values()) == {1}
    assert "FAILED" not in await outbox_statuses(env, "auto_close_ticket")


QUEUE_EVENTS = """
subscription($after: ID) { queueEvents(after: $after) { kind ticketId after } }"""


async def _newest_event(env: dict[str, str]) -> str | None:
    rows = await sql(env, "SELECT max(id) AS id FROM ticket_event")
    newest = rows[0]["id"]
    return None if newest is None else encode_id("TicketEvent", newest)


async def _heard(
    watcher: LiveClient, matches: Callable[[dict[str, Any]], bool], ticket_ids: set[str]
) -> None:
    """Read the console's events until one matching event arrived for each ticket."""
    waiting = set(ticket_ids)
    while waiting:
        event = (await watcher.next_data(within=60))["queueEvents"]
        if matches(event):
            waiting.discard(event["ticketId"])


async def _closed(env: dict[str, str], ticket_ids: list[int]) -> int:
    rows = await sql(
        env,
        "SELECT count(*) AS n FROM ticket WHERE id = ANY($1::int[]) AND status = 'CLOSED'",
        ticket_ids,
    )
    return int(rows[0]["n"])


async def _job_statuses(env: dict[str, str], job_ids: list[int]) -> dict[str, int]:
    rows = await sql(
        env,
        "SELECT status, count(*) AS n FROM outbox_job WHERE id = ANY($1::bigint[]) GROUP BY status",
        job_ids,
    )
    return {str(row["status"]): int(row["n"]) for row in rows}
