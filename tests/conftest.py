"""Shared fixtures: the real app with the demo data, served over HTTP, in both modes.

`server` is parametrised, so every functional test runs twice:
- embedded: SQLite and the in-memory broker, uvicorn inside the test event loop;
- distributed: PostgreSQL and Redis (real servers on free loopback ports), the API as a
  uvicorn subprocess with a `mesa worker` and a `mesa scheduler` beside it.
Either way the test process's ORM is connected to the database the server writes to.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import uvicorn

from api.core import compiled, variables
from tests import rate_limits
from tests.cluster import cluster, distributed_env
from tests.graphql_client import GraphQLClient
from tests.services import (
    Postgres,
    Redis,
    free_port,
    missing_binaries,
    running_postgres,
    running_redis,
)

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


# The browser app's origin: the servers allow it cross-origin (MESA_ALLOWED_ORIGINS).
SPA_ORIGIN = "https://app.mesa.example"

# Automation's periodic reads and retries on a test's time scale (tests/test_webhooks.py).
FAST_AUTOMATION = {
    "automation_poll_seconds": "0.1",
    "webhook_retry_sweep_seconds": "0.1",
    "time_rule_sweep_seconds": "0.1",
    "webhook_retry_base_seconds": "0.5",
}


def pytest_configure(config: pytest.Config) -> None:
    """Every query the suite sends runs compiled and through graphql-core, compared byte for
    byte (api.core.compiled); the served processes inherit it. (Not on import: the benches
    import these helpers and measure one path.)"""
    os.environ.setdefault(compiled.DIFFERENTIAL_ENV, "1")


@pytest.fixture(autouse=True)
def compiled_matches_graphql_core() -> Iterator[None]:
    """A test fails if a query it sent answered differently compiled (in this process; in a
    served subprocess the query itself answers with an error)."""
    compiled.mismatches.clear()
    variables.mismatches.clear()
    yield
    assert not compiled.mismatches, compiled.mismatches
    assert not variables.mismatches, variables.mismatches


EMBEDDED = "embedded"
DISTRIBUTED = "distributed"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `pytest -n` (`make test`), each half of the suite stays on one worker.

    The embedded tests share one served app and the distributed ones one cluster, in
    collection order, so each half is an xdist group; the tests that use neither are
    spread over whichever worker is free.
    """
    for item in items:
        callspec = getattr(item, "callspec", None)
        mode = callspec.params.get("server") if callspec else None
        if mode in (EMBEDDED, DISTRIBUTED):
            item.add_marker(pytest.mark.xdist_group(mode))


def _use_database(url: str, folder: Path) -> None:
    """Point this process's settings at `url` (own_database restores it from here)."""
    os.environ["MESA_DATABASE_URL"] = url
    os.environ["MESA_DATA_DIR"] = str(folder)
    os.environ["MESA_ALLOWED_ORIGINS"] = SPA_ORIGIN
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    from domain.config import get_settings

    get_settings.cache_clear()
    # Tortoise caches SQL per connection name, not per dialect: SQLite's `?` would reach
    # PostgreSQL when the suite switches backends.
    EXECUTOR_CACHE.clear()


def _require_servers() -> None:
    missing = missing_binaries()
    if not missing:
        return
    message = f"distributed tests need {', '.join(missing)} on PATH"
    if os.environ.get("MESA_REQUIRE_DISTRIBUTED") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    _require_servers()
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def redis_server() -> Iterator[Redis]:
    _require_servers()
    with running_redis() as server:
        yield server


@pytest.fixture
def own_redis() -> Iterator[Redis]:
    """A Redis of the test's own, which it may stop and start: the session server's workers
    must not take its messages."""
    _require_servers()
    with running_redis() as server:
        yield server


async def _seeded(url: str) -> None:
    from domain import db
    from domain.demo import seed_demo

    await db.migrate(url)
    await db.connect(url)
    await seed_demo()


@pytest.fixture(scope="session", params=[EMBEDDED, DISTRIBUTED])
async def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    """The app with the demo data, served over real HTTP on a free loopback port."""
    folder: Path = tmp_path_factory.mktemp(request.param)
    if request.param == EMBEDDED:
        url = f"sqlite://{folder / 'mesa.sqlite3'}"
        _use_database(url, folder)
        await _seeded(url)
        from domain import db

        await db.close()  # the app connects in its lifespan
        async for base_url in _embedded_server():
            yield base_url
        return
    pg: Postgres = request.getfixturevalue("postgres")
    redis: Redis = request.getfixturevalue("redis_server")
    url = await pg.prepared_database("functional", "seed-demo")
    _use_database(url, folder)
    await _seeded(url)  # nothing left to do but connect
    rate_limits.redis_url = redis.url
    try:
        # The processes share the test's data dir: quarantine, stored files, mail.
        env = distributed_env(
            url, redis.url, data_dir=str(folder), allowed_origins=SPA_ORIGIN, **FAST_AUTOMATION
        )
        with cluster(env, folder) as processes:
            base_url = await asyncio.to_thread(processes.api, free_port())
            processes.worker("worker", processes=1, threads=2)
            processes.scheduler()
            yield base_url
    finally:
        rate_limits.redis_url = None
        from domain import db

        await db.close()


SHUTDOWN_SECONDS = 30


async def _embedded_server() -> AsyncIterator[str]:
    from api.http.app import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
        proxy_headers=False,  # as `mesa serve`: MESA_TRUSTED_PROXIES decides
        # A client a test left connected (a subscription) must not hold the teardown.
        timeout_graceful_shutdown=5,
    )
    uvicorn_server = uvicorn.Server(config)
    task = asyncio.create_task(uvicorn_server.serve())
    while not uvicorn_server.started:
        assert not task.done(), "uvicorn stopped while starting"
        await asyncio.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    try:
        await asyncio.wait_for(asyncio.shield(task), SHUTDOWN_SECONDS)
    except TimeoutError:
        task.cancel()  # the suite goes on to its distributed half either way
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest.fixture(scope="session")
async def gql(server: str) -> AsyncIterator[GraphQLClient]:
    client = GraphQLClient(server)
    yield client
    await client.close()


async def token_for(gql: GraphQLClient, query: str, variables: dict[str, str]) -> str:
    result = (await gql.execute(query, variables)).data
    payload = next(iter(result.values()))
    assert payload["__typename"] == "LoginSuccess", payload
    return str(payload["token"])


@pytest.fixture(scope="session")
async def customer_token(gql: GraphQLClient) -> str:
    """C-1001, Nivel 1."""
    return await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})


@pytest.fixture(scope="session")
async def other_customer_token(gql: GraphQLClient) -> str:
    """C-1002, Nivel 2."""
    return await token_for(gql, LOGIN, {"n": "C-1002", "p": DEMO_PASSWORD})


@pytest.fixture(scope="session")
async def agent_token(gql: GraphQLClient) -> str:
    """agent@mesa.example, Technical Support."""
    return await token_for(gql, AGENT_LOGIN, {"e": "agent@mesa.example", "p": DEMO_PASSWORD})


@pytest.fixture(scope="session")
async def billing_agent_token(gql: GraphQLClient) -> str:
    """billing@mesa.example, Billing only."""
    return await token_for(gql, AGENT_LOGIN, {"e": "billing@mesa.example", "p": DEMO_PASSWORD})


@pytest.fixture(scope="session")
async def supervisor_token(gql: GraphQLClient) -> str:
    return await token_for(gql, AGENT_LOGIN, {"e": "supervisor@mesa.example", "p": DEMO_PASSWORD})


@pytest.fixture
def in_process_server(request: pytest.FixtureRequest, server: str) -> str:
    """The server, for tests that observe its process from inside (SQL query log)."""
    if request.node.callspec.params["server"] == DISTRIBUTED:
        pytest.skip("observes the server's own process, which is a subprocess here")
    return server


@pytest.fixture
async def mail_delivery(in_process_server: str) -> AsyncIterator[Path]:
    """The real outbox relay and embedded workers, delivering into the maildir it yields."""
    from domain.email.notifications import mail_folder
    from workers import actors, outbox
    from workers.broker import start_embedded_workers, stop_embedded_workers

    assert actors.deliver_notification.actor_name == "deliver_notification"
    outbox.install()
    workers = start_embedded_workers(asyncio.get_running_loop(), threads=2)
    yield mail_folder()
    await stop_embedded_workers(workers)
    outbox.uninstall()


@pytest.fixture
async def attachment_workers(request: pytest.FixtureRequest, server: str) -> AsyncIterator[None]:
    """Workers that store attachments: embedded, the relay and worker threads in this
    process (as `mail_delivery`); distributed, the cluster's worker already runs."""
    if request.node.callspec.params["server"] == DISTRIBUTED:
        yield
        return
    from workers import actors, attachments, outbox
    from workers.broker import start_embedded_workers, stop_embedded_workers

    assert actors.deliver_notification and attachments.store_attachment
    outbox.install()
    workers = start_embedded_workers(asyncio.get_running_loop(), threads=2)
    yield
    await stop_embedded_workers(workers)
    outbox.uninstall()


@pytest.fixture
def fresh_rate_limits(in_process_server: str) -> Iterator[None]:
    """Attempt counters start empty and are emptied again, so one test's attempts never
    refuse another's (every test calls from the same loopback address)."""
    from domain.identity.ratelimit import InProcessRateLimiter, set_rate_limiter

    set_rate_limiter(InProcessRateLimiter())
    yield
    set_rate_limiter(InProcessRateLimiter())


@pytest.fixture(scope="session")
async def admin_token(gql: GraphQLClient) -> str:
    return await token_for(gql, AGENT_LOGIN, {"e": "admin@mesa.example", "p": DEMO_PASSWORD})


@pytest.fixture
async def reset_rate_limits(server: str) -> None:
    """Empty the attempt counters of whichever server runs, so earlier tests' logins from the
    same loopback address never refuse this test's."""
    await rate_limits.reset_rate_limits()
