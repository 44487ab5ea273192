"""Faults in the distributed topology: Redis restarted mid-run, database connections dropped."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.cluster import cluster
from tests.conftest import AGENT_LOGIN, DEMO_PASSWORD, LOGIN, token_for
from tests.distributed_support import FAST, RESOLVE, eventually, seeded_database, sql, status_of
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.live_client import Closed, live_client
from tests.services import Postgres, Redis, free_port

pytestmark = pytest.mark.slow


SERVICES = "query { services { id name } }"
CATEGORIES = "query { categories { id } }"
QUEUE_EVENTS = "subscription { queueEvents { kind ticketId after } }"


async def test_dropped_database_connections_give_a_clear_error_then_recover(
    postgres: Postgres, own_redis: Redis, tmp_path: Path
) -> None:
    # Given an API process that has served requests (its pool holds open connections)
    # (in production, where unexpected errors are masked: this one must stay clear)
    env = await seeded_database(postgres, own_redis)
    with cluster({**env, "MESA_ENV": "production"}, tmp_path) as processes:
        gql = GraphQLClient(processes.api(free_port()))
        try:
            token = await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
            assert len((await gql.execute(SERVICES, token=token)).data["services"]) >= 1

            # When the database refuses new connections and drops every open one
            database = env["MESA_DATABASE_URL"].rsplit("/", 1)[1]
            await _set_connections(env, database, allowed=False)
            try:
                answers = [await gql.execute(SERVICES, token=token) for _ in range(3)]
                anonymous = await gql.execute(CATEGORIES)
                # (a live console connecting now: its token cannot be checked)
                async with live_client(gql.base_url, token, acknowledged=False) as console:
                    with pytest.raises(Closed) as refused:
                        await console.receive()
            finally:
                await _set_connections(env, database, allowed=True)

            # Then each request gets a clear, retryable UNAVAILABLE error, never a bare 500
            for answer in answers:
                assert (answer.status, answer.error_codes) == (503, ["UNAVAILABLE"]), answer.body
                assert "Service temporarily unavailable" in answer.errors[0]["message"]
            assert anonymous.status == 200
            assert anonymous.error_codes == ["UNAVAILABLE"], anonymous.body
            # And the WebSocket is closed with "try again later", not dropped on an exception
            assert refused.value.code == 1013, refused.value
            # And once the database is back the same process answers again, without a restart
            recovered = await eventually(
                lambda: gql.execute(SERVICES, token=token), lambda answer: not answer.errors
            )
            assert len(recovered.data["services"]) >= 1
        finally:
            await gql.close()


async def _set_connections(env: dict[str, str], database: str, *, allowed: bool) -> None:
    """Allow or refuse connections to `database`; refusing also terminates the open ones."""
    admin = {**env, "MESA_DATABASE_URL": env["MESA_DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"}
    await sql(admin, f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allowed).lower()}')
    if not allowed:
        await sql(
            admin,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
            database,
        )


async def _auto_close_jobs(env: dict[str, str], ticket_id: str) -> list[str]:
    rows = await sql(
        env,
        "SELECT o.status FROM outbox_job o JOIN ticket t ON t.id = (o.kwargs->>'ticket_id')::int "
        "WHERE o.actor_name = 'auto_close_ticket' AND t.tracking_id = $1",
        ticket_id,
    )
    return [str(row["status"]) for row in rows]


async def test_a_redis_restart_keeps_queries_answered_and_enqueues_the_jobs_written_meanwhile(
    postgres: Postgres, own_redis: Redis, tmp_path: Path
) -> None:
    # Given an API, a worker and the scheduler on a Redis that is about to go away
    env = await seeded_database(postgres, own_redis, **FAST)
    with cluster(env, tmp_path) as processes:
        stack = AsyncExitStack()
        gql = GraphQLClient(processes.api(free_port()))
        processes.worker("worker", threads=2)
        processes.scheduler()
        try:
            customer = await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
            agent = await token_for(
                gql, AGENT_LOGIN, {"e": "agent@mesa.example", "p": DEMO_PASSWORD}
            )

            # And an agent's console watching their queues live
            watcher = await stack.enter_async_context(live_client(gql.base_url, agent))
            await watcher.subscribe(QUEUE_EVENTS)
            await asyncio.sleep(0.5)  # (it listens before Redis goes)

            # When Redis stops
            own_redis.stop()
            # Then the API keeps answering queries and mutations, and stays ready: degraded,
            # with the broker named (in /readyz and in /metrics), since every write succeeds
            ticket = await create_ticket(gql, customer)
            resolved = await gql.execute(RESOLVE, {"id": ticket["id"]}, token=agent)
            assert resolved.data["resolveTicket"]["ticket"] == {"status": "RESOLVED"}
            ready = await gql.http.get("/readyz")
            assert ready.status_code == 200
            assert (ready.json()["status"], ready.json()["degraded"]) == ("degraded", ["broker"])
            assert ready.json()["checks"]["database"] == "ok"
            assert ready.json()["checks"]["broker"].startswith("unreachable")
            metrics = (await gql.http.get("/metrics")).text
            assert 'mesa_dependency_up{dependency="broker"} 0.0' in metrics
            assert 'mesa_dependency_up{dependency="database"} 1.0' in metrics
            # And the auto-close job the scheduler writes meanwhile waits in the outbox
            waiting = await eventually(
                lambda: _auto_close_jobs(env, ticket["trackingId"]), lambda jobs: len(jobs) > 0
            )
            assert "DONE" not in waiting and len(waiting) >= 1

            # When Redis is back (empty: it kept nothing)
            own_redis.start()

            # Then the job is enqueued and run: the ticket closes
            closed = await eventually(
                lambda: status_of(gql, ticket["trackingId"], customer), lambda s: s == "CLOSED"
            )
            assert closed == "CLOSED"
            back = (await gql.http.get("/readyz")).json()
            assert (back["status"], back["degraded"]) == ("ready", [])
            # And the console, still connected, heard everything: what happened while Redis
            # was away (read back from the event table) and the close after
            heard: list[tuple[str, Any]] = []
            while ("STATUS_CHANGED", {"status": "CLOSED"}) not in heard:
                event = (await watcher.next_data(within=60))["queueEvents"]
                if event["ticketId"] == ticket["id"]:
                    heard.append((event["kind"], event["after"]))
            kinds = [kind for kind, _ in heard]
            assert kinds[0] == "CREATED" and ("STATUS_CHANGED", {"status": "RESOLVED"}) in heard
            assert len(heard) == len(set(map(str, heard)))  # each once
        finally:
            await stack.aclose()
            await gql.close()
