"""Graceful shutdown: SIGTERM lets an API process finish the requests it is serving."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import httpx
import pytest

from tests.cluster import cluster
from tests.conftest import DEMO_PASSWORD, LOGIN, token_for
from tests.distributed_support import eventually, seeded_database, sql
from tests.factories import CREATE_TICKET, category_id, own_service_id
from tests.graphql_client import GraphQLClient
from tests.services import Postgres, Redis, free_port

pytestmark = pytest.mark.slow


SUBJECT = "Apagado ordenado"
CLIENTS = 16


async def _created(env: dict[str, str]) -> int:
    rows = await sql(env, "SELECT count(*) AS n FROM ticket WHERE subject = $1", SUBJECT)
    return int(rows[0]["n"])


async def test_sigterm_finishes_in_flight_requests_before_the_api_exits(
    postgres: Postgres, own_redis: Redis, tmp_path: Path
) -> None:
    # Given an API process under a steady stream of createTicket requests
    env = await seeded_database(postgres, own_redis)
    with cluster(env, tmp_path) as processes:
        base_url = processes.api(free_port())
        api = processes.processes[-1]
        gql = GraphQLClient(base_url)
        token = await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
        payload = {
            "subject": SUBJECT,
            "message": "Reinicio del servidor durante la carga.",
            "categoryId": await category_id(gql, "dns_configuration"),
            "serviceId": await own_service_id(gql, token),
        }
        answered = 0

        async def customer() -> None:
            nonlocal answered
            while True:
                try:
                    answer = await gql.execute(CREATE_TICKET, {"input": payload}, token=token)
                except httpx.TransportError:
                    return  # the process no longer takes new requests
                assert answer.data["createTicket"]["__typename"] == "CreateTicketSuccess"
                answered += 1

        load = [asyncio.create_task(customer()) for _ in range(CLIENTS)]
        try:
            await eventually(lambda: _created(env), lambda created: created >= 20)

            # When it gets SIGTERM mid-stream
            await asyncio.to_thread(processes.stop, api)
            await asyncio.gather(*load)
        finally:
            await gql.close()

        # Then it exited on the signal (uvicorn re-raises SIGTERM once its graceful shutdown is
        # done), and every ticket it created was answered: no request was cut off between its
        # commit and its response
        assert api.returncode == -signal.SIGTERM
        assert answered >= 20
        assert await _created(env) == answered
