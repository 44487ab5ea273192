"""Live updates: 1,000 subscribers on one queue, from an event's commit to its delivery.

Measured in this run, on this machine, with the same 1,000 clients in this process:
- embedded: 1 API process, SQLite, in-process fan-out;
- distributed: 2 API processes on PostgreSQL with Redis pub/sub (500 subscribers on each);
- baseline: raw Redis pub/sub, 1,000 Redis subscribers of one channel, no Mesa at all.
Latency runs from the event's timestamp (written in its transaction, just before the commit:
an upper bound on commit-to-delivery) to the moment a subscriber's client has parsed it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import redis.asyncio as aioredis
import websockets
from rich.progress import Progress

from tests.cluster import cluster, distributed_env, seed_demo
from tests.conftest import AGENT_LOGIN, DEMO_PASSWORD, LOGIN, token_for
from tests.factories import create_ticket, department_id
from tests.graphql_client import GraphQLClient
from tests.live_client import TRANSPORT_WS, websocket_url
from tests.services import free_port, running_postgres, running_redis

NAME = "live"
SUBSCRIBERS = 1000
EVENTS = 30
SPACING = 0.25  # seconds between events: each is delivered before the next
TOKENS = 10  # the agent's sessions the subscribers share (tabs of a team's consoles)
QUERY = "subscription($d: ID) { queueEvents(departmentId: $d) { id createdAt } }"


def run() -> None:
    asyncio.run(_run())


async def _run() -> None:
    with tempfile.TemporaryDirectory(prefix="mesa-bench-live-") as folder:
        logs = Path(folder)
        with running_redis() as redis:
            raw = await _raw_redis(redis.url)
            embedded_env = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
            embedded_env["MESA_DATABASE_URL"] = f"sqlite://{logs / 'mesa.sqlite3'}"
            embedded = await _measure(embedded_env, logs, api_processes=1)
            with running_postgres() as postgres:
                url = await postgres.create_database("bench_live")
                distributed = await _measure(distributed_env(url, redis.url), logs, api_processes=2)
    _report("raw Redis pub/sub (baseline)", raw)
    _report("embedded, 1 process", embedded)
    _report("distributed, 2 processes", distributed)
    ratio = _p(distributed, 99) / _p(raw, 99)
    print(f"p99 across 2 processes / raw Redis p99: {ratio:.2f}x (goal: at most 5x)")


def _p(samples: list[float], percentile: int) -> float:
    return statistics.quantiles(samples, n=100)[percentile - 1]


def _report(label: str, samples: list[float]) -> None:
    print(
        f"{label:32} {len(samples):6d} deliveries  "
        f"p50 {_p(samples, 50) * 1000:7.2f} ms  p99 {_p(samples, 99) * 1000:7.2f} ms"
    )


async def _raw_redis(url: str) -> list[float]:
    """The baseline: the same number of subscribers straight on Redis pub/sub."""
    channel = "bench:raw"
    latencies: list[float] = []
    clients = [aioredis.from_url(url) for _ in range(SUBSCRIBERS)]
    pubsubs = [client.pubsub(ignore_subscribe_messages=True) for client in clients]
    for pubsub in pubsubs:
        await pubsub.subscribe(channel)

    async def listen(pubsub: aioredis.client.PubSub) -> None:
        async for message in pubsub.listen():
            sent = json.loads(message["data"])["t"]
            latencies.append(time.time() - sent)

    readers = [asyncio.create_task(listen(pubsub)) for pubsub in pubsubs]
    publisher = aioredis.from_url(url)
    with Progress(transient=True) as progress:
        task = progress.add_task("raw Redis pub/sub", total=EVENTS)
        for _ in range(EVENTS):
            await publisher.publish(channel, json.dumps({"t": time.time(), "pad": "x" * 120}))
            await asyncio.sleep(SPACING)
            progress.advance(task)
    await _settle(latencies, EVENTS * SUBSCRIBERS)
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    for pubsub, client in zip(pubsubs, clients, strict=True):
        await pubsub.aclose()
        await client.aclose()
    await publisher.aclose()
    return latencies


async def _measure(env: dict[str, str], logs: Path, *, api_processes: int) -> list[float]:
    await seed_demo(env)
    with cluster(env, logs) as processes:
        urls = [processes.api(free_port()) for _ in range(api_processes)]
        return await _deliveries(urls)


async def _deliveries(urls: list[str]) -> list[float]:
    apis = [GraphQLClient(url) for url in urls]
    latencies: list[float] = []
    try:
        customer = await token_for(apis[0], LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
        tokens = [
            await token_for(apis[0], AGENT_LOGIN, {"e": "agent@mesa.example", "p": DEMO_PASSWORD})
            for _ in range(TOKENS)
        ]
        queue = await department_id(apis[0], "TECH")
        ticket = await create_ticket(apis[0], customer)
        async with _subscribers(urls, tokens, queue, latencies) as ready:
            # Every subscriber has heard a first event before the measured ones start.
            warmups = 0
            while len(ready) < SUBSCRIBERS:
                await _note(apis[0], tokens[0], ticket["id"])
                warmups += 1
                await asyncio.sleep(0.5)
                assert warmups < 60, f"only {len(ready)} subscribers answered"
            await _settle(latencies, warmups * SUBSCRIBERS)
            latencies.clear()
            with Progress(transient=True) as progress:
                task = progress.add_task(f"{len(urls)} API process(es)", total=EVENTS)
                for n in range(EVENTS):
                    await _note(apis[n % len(apis)], tokens[0], ticket["id"])
                    await asyncio.sleep(SPACING)
                    progress.advance(task)
            await _settle(latencies, EVENTS * SUBSCRIBERS)
        return list(latencies)
    finally:
        for api in apis:
            await api.close()


NOTE = """mutation($id: ID!) { replyToTicket(input: {ticketId: $id, message: "Nota del banco",
  internal: true}) { __typename } }"""


async def _note(api: GraphQLClient, token: str, ticket_id: str) -> None:
    """One event in the queue: an agent's internal note (no status change comes with it)."""
    answer = await api.execute(NOTE, {"id": ticket_id}, token=token)
    assert answer.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess", answer.body


@contextlib.asynccontextmanager
async def _subscribers(
    urls: list[str], tokens: list[str], queue: str, latencies: list[float]
) -> AsyncIterator[set[int]]:
    ready: set[int] = set()

    async def subscriber(n: int) -> None:
        url = websocket_url(urls[n % len(urls)])
        async with websockets.connect(url, subprotocols=[TRANSPORT_WS], max_queue=None) as ws:  # type: ignore[list-item]
            init = {"authorization": f"Bearer {tokens[n % len(tokens)]}"}
            await ws.send(json.dumps({"type": "connection_init", "payload": init}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            payload = {"query": QUERY, "variables": {"d": queue}}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
            async for raw in ws:
                received = time.time()
                message = json.loads(raw)
                if message["type"] != "next":
                    continue
                created = message["payload"]["data"]["queueEvents"]["createdAt"]
                latencies.append(received - datetime.fromisoformat(created).timestamp())
                ready.add(n)

    tasks = []
    with Progress(transient=True) as progress:
        task = progress.add_task("connecting subscribers", total=SUBSCRIBERS)
        for n in range(SUBSCRIBERS):
            tasks.append(asyncio.create_task(subscriber(n)))
            if n % 50 == 49:
                await asyncio.sleep(0.05)
            progress.advance(task)
    try:
        yield ready
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _settle(latencies: list[float], expected: int) -> None:
    """Wait until every delivery arrived (or none did for a few seconds)."""
    seen, quiet = -1, 0
    while len(latencies) < expected and quiet < 30:
        await asyncio.sleep(0.1)
        quiet = quiet + 1 if len(latencies) == seen else 0
        seen = len(latencies)
