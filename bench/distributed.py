"""createTicket throughput: 2 API processes on PostgreSQL + Redis next to 1 on SQLite.

Both are measured in this run, on this machine, with the same load: CLIENTS concurrent
customers creating tickets for SECONDS, spread round-robin over the API processes.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from itertools import cycle
from pathlib import Path

from tests.cluster import cluster, distributed_env, seed_demo
from tests.conftest import DEMO_PASSWORD, LOGIN, token_for
from tests.factories import CREATE_TICKET, category_id, own_service_id
from tests.graphql_client import GraphQLClient
from tests.services import free_port, running_postgres, running_redis

NAME = "distributed"
CLIENTS = 32
SECONDS = 8.0


def run() -> None:
    asyncio.run(_run())


async def _run() -> None:
    with tempfile.TemporaryDirectory(prefix="mesa-bench-") as folder:
        logs = Path(folder)
        embedded = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
        embedded["MESA_DATABASE_URL"] = f"sqlite://{logs / 'mesa.sqlite3'}"
        baseline = await _measure(embedded, logs, api_processes=1)
        print(f"createTicket, 1 process, SQLite + embedded:    {baseline:7.1f} tickets/s")
        with running_postgres() as postgres, running_redis() as redis:
            url = await postgres.create_database("bench")
            distributed = await _measure(distributed_env(url, redis.url), logs, api_processes=2)
        print(
            f"createTicket, 2 processes, PostgreSQL + Redis: {distributed:7.1f} tickets/s "
            f"({distributed / baseline:.2f}x the SQLite baseline)"
        )


async def _measure(env: dict[str, str], logs: Path, *, api_processes: int) -> float:
    await seed_demo(env)
    with cluster(env, logs) as processes:
        urls = [processes.api(free_port()) for _ in range(api_processes)]
        return await _load(urls)


async def _load(urls: list[str]) -> float:
    clients = [GraphQLClient(url) for url in urls]
    try:
        token = await token_for(clients[0], LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
        payload = {
            "subject": "Bench: el correo no llega",
            "message": "Desde esta mañana no recibo correo en mi dominio.",
            "categoryId": await category_id(clients[0], "dns_configuration"),
            "serviceId": await own_service_id(clients[0], token),
        }
        targets = cycle(clients)
        deadline = time.monotonic() + SECONDS
        created = 0

        async def customer(gql: GraphQLClient) -> None:
            nonlocal created
            while time.monotonic() < deadline:
                answer = await gql.execute(CREATE_TICKET, {"input": payload}, token=token)
                assert answer.data["createTicket"]["__typename"] == "CreateTicketSuccess"
                created += 1

        started = time.monotonic()
        await asyncio.gather(*(customer(next(targets)) for _ in range(CLIENTS)))
        return created / (time.monotonic() - started)
    finally:
        for gql in clients:
            await gql.close()
