"""The API bench's in-process part: (d), the SQL statements of each operation and the time
per request of each side without HTTP, and the profile of (a); and the search rows of the
tickets the replies go to, written before the servers start."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import orjson

from bench.api_data import THREAD_TRACKING_ID
from bench.api_report import Counts
from bench.api_requests import (
    CREATE,
    PAGE,
    THREAD,
    bare_replies,
    bare_ticket,
    new_ticket,
    replies,
    reply_tickets,
)
from tests.sql_counter import count_queries

# One viewer makes all the load here: its cost budget must not be what is measured.
UNLIMITED_BUDGET = str(10**12)
PROFILE_REQUESTS = 200


async def index_reply_tickets(url: str, ids: dict[str, Any]) -> None:
    """The search rows of the tickets the replies go to, written as the API writes one for
    every ticket it opens (domain.tickets.search): the fill writes none, and a reply to a
    ticket without its row rebuilds it whole (a read of the ticket and its messages), which
    no ticket opened through the API needs."""
    from tortoise.transactions import in_transaction

    from domain.tickets.search import index_ticket

    db = await in_process(url)
    try:
        async with in_transaction() as connection:
            for ticket_id in reply_tickets(ids):
                await index_ticket(connection, ticket_id)
    finally:
        await db.close()


async def in_process(url: str) -> Any:
    os.environ["MESA_DATABASE_URL"] = url
    os.environ["MESA_QUERY_COST_BUDGET_PER_MINUTE"] = UNLIMITED_BUDGET
    from domain import db
    from domain.config import get_settings

    get_settings.cache_clear()
    await db.connect(url)
    return db


IN_PROCESS_REQUESTS = 200  # per side, in IN_PROCESS_ROUNDS turns
IN_PROCESS_ROUNDS = 5


async def sql_counts(url: str, token: str, ids: dict[str, Any]) -> Counts:
    """(d): SQL statements of each operation, in process, against the baseline's, both with
    the bearer token's lookup; then in-process time per request of each side (no HTTP).

    Ours are counted from Tortoise's query log; the baseline's too on SQLite, and from
    asyncpg's query logger on PostgreSQL (where it runs on its own pool)."""
    from api.http.app import create_app
    from bench import api_baseline

    db = await in_process(url)
    our_app = create_app()
    postgres = url.startswith(("postgres://", "postgresql://"))
    sent: list[str] = []
    if postgres:

        def log(record: Any) -> None:
            sent.append(record.query)  # the pool gives connections back without a statement

        async def log_queries(connection: Any) -> None:
            connection.add_query_logger(log)

        await api_baseline.open_postgres(url, init=log_queries)
    ours = httpx.AsyncClient(transport=httpx.ASGITransport(app=our_app), base_url="http://t")
    base = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=api_baseline.app), base_url="http://b"
    )
    auth = {"Authorization": f"Bearer {token}"}
    try:
        operations: list[tuple[str, dict[str, Any], str, str, Any]] = [
            ("page of 50", {"query": PAGE, "variables": {}}, "GET", "/tickets", None),
            (
                "ticket with 50 messages",
                {"query": THREAD, "variables": {"t": THREAD_TRACKING_ID}},
                "GET",
                f"/thread?tracking={THREAD_TRACKING_ID}",
                None,
            ),
            (
                "createTicket",
                {"query": CREATE, "variables": {"input": new_ticket(ids)}},
                "POST",
                "/tickets",
                bare_ticket(ids),
            ),
            ("replyToTicket", replies(ids)[-1], "POST", "/replies", bare_replies(ids)[-1]),
        ]
        results = []
        for label, body, method, path, bare in operations:
            await ours.post("/graphql", json=body, headers=auth)  # caches filled, as in use
            with count_queries() as statements:
                response = await ours.post("/graphql", json=body, headers=auth)
                assert "errors" not in response.json(), response.text
            sent.clear()
            with count_queries() as baseline_statements:
                answer = await base.request(method, path, json=bare, headers=auth)
                assert answer.status_code == 200, answer.text
            baseline_count = len(sent) if postgres else len(baseline_statements)
            ours_ms, uncompiled_ms, base_ms = await _per_request_each(
                _sender(ours, "POST", "/graphql", body, auth),
                _uncompiled(_sender(ours, "POST", "/graphql", body, auth)),
                _sender(base, method, path, bare, auth),
            )
            ours_cpu, base_cpu = await _cpu_per_request_each(
                _direct(our_app, "POST", "/graphql", body, auth),
                _direct(api_baseline.app, method, path, bare, auth),
            )
            results.append(
                (
                    label,
                    len(statements),
                    baseline_count,
                    ours_ms,
                    uncompiled_ms,
                    base_ms,
                    ours_cpu,
                    base_cpu,
                )
            )
        return results
    finally:
        await ours.aclose()
        await base.aclose()
        await api_baseline.close_postgres()
        await db.close()


Send = Callable[[], Awaitable[object]]


def _sender(
    client: httpx.AsyncClient, method: str, path: str, body: Any, headers: dict[str, str]
) -> Send:
    async def send() -> object:
        return await client.request(method, path, json=body, headers=headers)

    return send


def _direct(app: Any, method: str, target: str, body: Any, headers: dict[str, str]) -> Send:
    """The request handed to the ASGI app itself, as a server hands it over, without an HTTP
    client: what the process spends on it is the app's alone."""
    path, _, query = target.partition("?")
    raw = orjson.dumps(body) if body is not None else b""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"accept", b"application/json"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(raw)).encode()),
            *((name.lower().encode(), value.encode()) for name, value in headers.items()),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send() -> object:
        started: list[int] = []

        async def sent(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                started.append(message["status"])

        await app(dict(scope), receive, sent)
        if started != [200]:
            raise RuntimeError(f"{method} {target} answered {started}")
        return None

    return send


async def _cpu_per_request_each(*sides: Send) -> list[float]:
    """Microseconds of this process's CPU per request of each side (`time.process_time`, its
    threads' too: aiosqlite's), taken as `_per_request_each` takes times: what a request
    costs the process, without the wait on the database that the times include, nor an HTTP
    client's own CPU. It is not wrk's ratio: one request at a time, the process sleeps
    through each round trip to the database and wakes to cold caches, which costs both sides
    alike (about 130 us a round trip on PostgreSQL here) where under wrk the loop rarely
    sleeps; and on SQLite wrk's ratio is also bound by the one connection's hand-offs."""
    return await _per_request_each(*sides, clock=time.process_time, unit=1e6)


def _uncompiled(send: Send) -> Send:
    """The same request with queries run by graphql-core (no compiled plan)."""
    from api.core import compiled

    async def send_uncompiled() -> object:
        compiled.enabled = False
        try:
            return await send()
        finally:
            compiled.enabled = True

    return send_uncompiled


async def _per_request_each(
    *sides: Send, clock: Callable[[], float] = time.perf_counter, unit: float = 1000
) -> list[float]:
    """Milliseconds (`unit` per second) per request of each side, in process, one request at
    a time, with the garbage collector tuned as in a served process (mesa.runtime.tuned_gc).
    The sides take turns, IN_PROCESS_ROUNDS rounds after a warm-up, and each side's figure is
    its median round: a burst of other load on the machine slows one round of every side,
    not one side."""
    from mesa.runtime import tuned_gc

    each = IN_PROCESS_REQUESTS // IN_PROCESS_ROUNDS
    rounds: list[list[float]] = [[] for _ in sides]
    async with tuned_gc():
        for send in sides:
            for _ in range(10):
                await send()
        for _ in range(IN_PROCESS_ROUNDS):
            for times, send in zip(rounds, sides, strict=True):
                started = clock()
                for _ in range(each):
                    await send()
                times.append((clock() - started) * unit / each)
    return [statistics.median(times) for times in rounds]


async def profile(url: str, token: str) -> str:
    from api.http.app import create_app
    from mesa.runtime import tuned_gc

    db = await in_process(url)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app()), base_url="http://t")
    auth = {"Authorization": f"Bearer {token}"}
    try:
        async with tuned_gc():  # as in a served process
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(PROFILE_REQUESTS):
                await client.post("/graphql", json={"query": PAGE}, headers=auth)
            profiler.disable()
    finally:
        await client.aclose()
        await db.close()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()
