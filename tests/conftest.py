"""Shared fixtures: a migrated SQLite database with the demo data, and the real app served
by uvicorn on a loopback port inside the test event loop."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.graphql_client import GraphQLClient

LOGIN = """
mutation($n: String!, $p: String!) {
  login(clientNumber: $n, password: $p) {
    __typename
    ... on LoginSuccess { token }
    ... on UserError { code message }
  }
}"""
AGENT_LOGIN = """
mutation($e: String!, $p: String!) {
  agentLogin(email: $e, password: $p) {
    __typename
    ... on LoginSuccess { token }
    ... on UserError { code message }
  }
}"""
DEMO_PASSWORD = "demo-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder: Path = tmp_path_factory.mktemp("mesa")
    url = f"sqlite://{folder / 'mesa.sqlite3'}"
    os.environ["MESA_DATABASE_URL"] = url
    os.environ["MESA_DATA_DIR"] = str(folder)
    from domain.config import get_settings

    get_settings.cache_clear()
    return url


@pytest.fixture(scope="session")
async def server(database_url: str) -> AsyncIterator[str]:
    """The app with the demo data, served over real HTTP on a free loopback port."""
    from api.app import create_app
    from domain import db
    from domain.demo import seed_demo

    await db.migrate(database_url)
    await db.connect(database_url)
    await seed_demo()
    await db.close()
    port = free_port()
    config = uvicorn.Config(
        create_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    uvicorn_server = uvicorn.Server(config)
    task = asyncio.create_task(uvicorn_server.serve())
    while not uvicorn_server.started:
        assert not task.done(), "uvicorn stopped while starting"
        await asyncio.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    await task


@pytest.fixture(scope="session")
async def gql(server: str) -> AsyncIterator[GraphQLClient]:
    client = GraphQLClient(server)
    yield client
    await client.close()


async def _token(gql: GraphQLClient, query: str, variables: dict[str, str]) -> str:
    result = (await gql.execute(query, variables)).data
    payload = next(iter(result.values()))
    assert payload["__typename"] == "LoginSuccess", payload
    return str(payload["token"])


@pytest.fixture(scope="session")
async def customer_token(gql: GraphQLClient) -> str:
    """C-1001, Nivel 1."""
    return await _token(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})


@pytest.fixture(scope="session")
async def other_customer_token(gql: GraphQLClient) -> str:
    """C-1002, Nivel 2."""
    return await _token(gql, LOGIN, {"n": "C-1002", "p": DEMO_PASSWORD})


@pytest.fixture(scope="session")
async def agent_token(gql: GraphQLClient) -> str:
    """agent@mesa.example, Technical Support."""
    return await _token(gql, AGENT_LOGIN, {"e": "agent@mesa.example", "p": DEMO_PASSWORD})


@pytest.fixture(scope="session")
async def billing_agent_token(gql: GraphQLClient) -> str:
    """billing@mesa.example, Billing only."""
    return await _token(gql, AGENT_LOGIN, {"e": "billing@mesa.example", "p": DEMO_PASSWORD})


@pytest.fixture(scope="session")
async def supervisor_token(gql: GraphQLClient) -> str:
    return await _token(gql, AGENT_LOGIN, {"e": "supervisor@mesa.example", "p": DEMO_PASSWORD})


@pytest.fixture
async def mail_delivery(server: str) -> AsyncIterator[Path]:
    """The real outbox relay and embedded workers, delivering into the maildir it yields."""
    from domain.notifications import mail_folder
    from workers import actors, outbox
    from workers.broker import start_embedded_workers, stop_embedded_workers

    assert actors.deliver_notification.actor_name == "deliver_notification"
    outbox.install()
    workers = start_embedded_workers(asyncio.get_running_loop(), threads=2)
    yield mail_folder()
    await stop_embedded_workers(workers)
    outbox.uninstall()


@pytest.fixture
def fresh_rate_limits() -> Iterator[None]:
    """Attempt counters start empty and are emptied again, so one test's attempts never
    refuse another's (every test calls from the same loopback address)."""
    from domain.ratelimit import InProcessRateLimiter, set_rate_limiter

    set_rate_limiter(InProcessRateLimiter())
    yield
    set_rate_limiter(InProcessRateLimiter())


@pytest.fixture(scope="session")
async def admin_token(gql: GraphQLClient) -> str:
    return await _token(gql, AGENT_LOGIN, {"e": "admin@mesa.example", "p": DEMO_PASSWORD})
