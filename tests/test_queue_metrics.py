"""/metrics for operators, beside the backlog (tests/test_operations_metrics.py): the broker's
queue depth per queue and state, and the subscriptions open in each API process."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from dramatiq import Message
from dramatiq.brokers.redis import RedisBroker
from prometheus_client.parser import text_string_to_metric_families

from tests.cluster import cluster
from tests.conftest import DEMO_PASSWORD, LOGIN, token_for
from tests.distributed_support import seeded_database
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.live_client import live_client
from tests.services import Postgres, Redis, free_port
from tests.test_live_updates import QUEUE_EVENTS
from workers.broker import broker
from workers.queue_depth import QueueDepth, read_queue_depths

pytestmark = pytest.mark.slow


Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]
SUBSCRIPTIONS = ("mesa_live_subscriptions", ())


async def scrape(base_url: str) -> Samples:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        response = await http.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


async def scrape_until(
    base_url: str, done: Callable[[Samples], bool], within: float = 60.0
) -> Samples:
    deadline = time.monotonic() + within
    while True:
        found = await scrape(base_url)
        if done(found) or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.1)


async def test_the_live_subscriptions_gauge_follows_open_subscriptions(
    gql: GraphQLClient, agent_token: str
) -> None:
    # Given the API process's count of open subscriptions
    before = (await scrape(gql.base_url))[SUBSCRIPTIONS]

    async with live_client(gql.base_url, agent_token) as client:
        # When an agent subscribes to their queues
        await client.subscribe(QUEUE_EVENTS)

        # Then the gauge counts one more
        opened = await scrape_until(gql.base_url, lambda s: s[SUBSCRIPTIONS] == before + 1)
        assert opened[SUBSCRIPTIONS] == before + 1

    # and once the client is gone, one less again
    closed = await scrape_until(gql.base_url, lambda s: s[SUBSCRIPTIONS] == before)
    assert closed[SUBSCRIPTIONS] == before


def series(queue: str, state: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    return ("mesa_queue_messages", (("queue", queue), ("state", state)))


async def test_the_queue_depth_on_redis_moves_with_the_jobs_waiting_for_a_worker(
    postgres: Postgres, own_redis: Redis, tmp_path: Path
) -> None:
    # Given an API process on Redis and no worker yet
    env = await seeded_database(postgres, own_redis, data_dir=str(tmp_path / "data"))
    with cluster(env, tmp_path) as processes:
        api = processes.api(free_port())
        idle = await scrape(api)
        assert {state: idle[series("default", state)] for state in ("ready", "dead")} == {
            "ready": 0,
            "dead": 0,
        }

        # When a customer opens a ticket (its jobs go to the broker) and a retry waits an hour
        gql = GraphQLClient(api)
        try:
            customer = await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
            await create_ticket(gql, customer)
        finally:
            await gql.close()
        retry = RedisBroker(url=own_redis.url)
        retry.declare_queue("default")
        retry.enqueue(
            Message(
                queue_name="default",
                actor_name="auto_close_ticket",
                args=(),
                kwargs={"ticket_id": 0},
                options={},
            ),
            delay=3_600_000,
        )
        retry.close()

        # Then /metrics shows them waiting
        waiting = await scrape_until(api, lambda s: s[series("default", "ready")] > 0)
        assert waiting[series("default", "ready")] > 0
        assert waiting[series("default", "delayed")] == 1

        # When a worker starts, the ready queue drains (the delayed retry keeps its hour)
        processes.worker("worker", processes=1, threads=2)
        drained = await scrape_until(
            api,
            lambda s: (
                s[series("default", "ready")] == 0 and s[series("default", "in_progress")] == 0
            ),
        )
        assert drained[series("default", "ready")] == 0
        assert drained[series("default", "in_progress")] == 0
        assert drained[series("default", "delayed")] == 1


def test_the_in_process_broker_reports_its_queues_by_state() -> None:
    # Given the embedded broker with a queue of its own: two ready messages, one delayed
    probe = "metrics-probe"
    broker.declare_queue(probe)

    def message() -> Message[object]:
        return Message(queue_name=probe, actor_name="nothing", args=(), kwargs={}, options={})

    try:
        broker.enqueue(message())
        broker.enqueue(message())
        broker.enqueue(message(), delay=3_600_000)

        # When the depths are read
        depths = {depth.queue: depth for depth in read_queue_depths()}

        # Then each state is counted
        assert depths[probe] == QueueDepth(probe, ready=2, in_progress=0, delayed=1, dead=0)
    finally:
        broker.flush(probe)
        broker.flush(f"{probe}.DQ")
    assert {depth.queue: depth for depth in read_queue_depths()}[probe] == QueueDepth(
        probe, 0, 0, 0, 0
    )
