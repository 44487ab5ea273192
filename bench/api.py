"""The API against baselines measured in the same run: on 100,000 tickets in embedded mode
(SQLite), then on 1,000,000 tickets in distributed mode (PostgreSQL + Redis).

Load comes from wrk against uvicorn processes: the Mesa API, and a hand-written Starlette
JSON app running the same SQL (bench.api_baseline). Scenarios:
(a) a page of 50 tickets with nested fields, GraphQL against the JSON endpoint (goal <= 1.5x);
(b) a ticket with 50 messages, likewise;
(c) createTicket throughput against a bare insert of the same rows, and replyToTicket (a
    customer's reply, spread over REPLY_TICKETS tickets) against a bare insert of its rows;
(d) SQL statements per operation once the process's caches are filled (the catalogue's,
    domain.catalog.cache), against the baseline's (the mutations' too, with their counts
    before the writes were trimmed);
(e) keyset pagination: the page after all but 10 tickets against the first page;
(f) the floor under every figure: an authenticated `mutation { __typename }` (HTTP, the
    bearer token, the limits, GraphQL; no resolver) against the bare insert of (c).
Then a cProfile of (a) in process, to show where the GraphQL layer's time goes. On PostgreSQL,
(a), (b), (c), (e) and (f) again, the API and the baseline on the same server and data.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from api.core.ids import encode_id
from bench import api_data_pg
from bench.api_data import (
    THREAD_MESSAGES,
    THREAD_TRACKING_ID,
    deep_cursor,
    fill,
    tracking_id,
)
from bench.api_load import Load, in_turn, wrk
from bench.api_report import Counts, report, report_counts, report_profile
from bench.api_settle import own_copy, settler
from tests.cluster import cluster, distributed_env, seed_demo, wait_until_ready
from tests.conftest import DEMO_PASSWORD, LOGIN, token_for
from tests.graphql_client import GraphQLClient
from tests.services import free_port, running_postgres, running_redis
from tests.sql_counter import count_queries

NAME = "api"
TICKETS = int(os.environ.get("MESA_BENCH_TICKETS", "100000"))
PG_TICKETS = int(os.environ.get("MESA_BENCH_PG_TICKETS", "1000000"))
# One viewer makes all the load here: its cost budget must not be what is measured.
UNLIMITED_BUDGET = str(10**12)
PROFILE_REQUESTS = 200
READ_ROUNDS = 2  # reads measured in turn, the best of each kept (bench.api_load.in_turn)

PAGE = """
query Page($after: String) {
  tickets(first: 50, after: $after) {
    edges { cursor node {
      trackingId subject status createdAt
      customer { name } department { name } category { name }
      lastMessage { body authorName }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""
THREAD = """
query Thread($t: String!) {
  ticket(trackingId: $t) { trackingId subject messages { body authorName createdAt } }
}"""
CREATE = """
mutation Create($input: CreateTicketInput!) {
  createTicket(input: $input) { __typename ... on CreateTicketSuccess { ticket { trackingId } } }
}"""
REPLY = """
mutation Reply($input: ReplyToTicketInput!) {
  replyToTicket(input: $input) { __typename }
}"""
REPLY_TICKETS = 1000  # the customer's replies go round this many bench tickets
FLOOR = "mutation Floor { __typename }"
KEYSET = """
query Keyset($after: String) { tickets(first: 10, after: $after) { edges { node { trackingId } } } }
"""


def run() -> None:
    if shutil.which("wrk") is None:
        print("api: wrk is missing (apt-get install wrk); skipped")
        return
    if TICKETS > 0:
        asyncio.run(_run())
    if PG_TICKETS > 0:
        # In a process of its own: the ORM keeps SQL it built for SQLite (a model's insert)
        # across a reconnection to another database.
        code = "import asyncio; from bench import api; asyncio.run(api._run_postgres())"
        subprocess.run([sys.executable, "-c", code], check=True)


async def _run() -> None:
    with tempfile.TemporaryDirectory(prefix="mesa-bench-api-") as name:
        folder = Path(name)
        path = folder / "bench.sqlite3"
        env = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
        env |= {
            "MESA_DATABASE_URL": f"sqlite://{path}",
            "MESA_DATA_DIR": str(folder),
            "MESA_QUERY_COST_BUDGET_PER_MINUTE": UNLIMITED_BUDGET,
        }
        await seed_demo(env)
        ids: dict[str, Any] = await asyncio.to_thread(fill, path, TICKETS)
        await _index_reply_tickets(env["MESA_DATABASE_URL"], ids)
        rows, token = await _measure(env, folder, ids, TICKETS)
        counts = await _sql_counts(f"sqlite://{path}", token, ids)
        profile = await _profile(f"sqlite://{path}", token)
    report(f"{TICKETS:,} tickets, embedded (SQLite)", rows)
    report_counts(counts, rounds=IN_PROCESS_ROUNDS)
    report_profile(profile)


async def _run_postgres() -> None:
    """(a), (b), (c), (e) in distributed mode: PostgreSQL + Redis, the baseline on the same data."""
    with (
        tempfile.TemporaryDirectory(prefix="mesa-bench-api-pg-") as name,
        running_postgres() as postgres,
        running_redis() as redis,
    ):
        folder = Path(name)
        url = await postgres.create_database("bench")
        env = distributed_env(
            url,
            redis.url,
            data_dir=str(folder),
            query_cost_budget_per_minute=UNLIMITED_BUDGET,
        )
        await seed_demo(env)
        ids = await api_data_pg.fill(url, PG_TICKETS)
        print(f"  {PG_TICKETS:,} tickets filled on PostgreSQL in {ids['seconds']:.1f} s (COPY)")
        await _index_reply_tickets(url, ids)
        rows, token = await _measure(env, folder, ids, PG_TICKETS)
        counts = await _sql_counts(url, token, ids)
    report(f"{PG_TICKETS:,} tickets, distributed (PostgreSQL + Redis)", rows)
    report_counts(counts, rounds=IN_PROCESS_ROUNDS)


async def _measure(
    env: dict[str, str], folder: Path, ids: dict[str, Any], tickets: int
) -> tuple[list[tuple[str, Load, Load]], str]:
    """The API and the baseline app, each one uvicorn process on `env`'s database (the
    baseline on a copy of its own on SQLite), under wrk."""
    ids["category_global_id"] = encode_id("Category", ids["category_id"])
    ids["service_global_id"] = encode_id("Service", ids["service_id"])
    with cluster(env, folder) as processes:
        api = processes.api(free_port())
        gql = GraphQLClient(api)
        try:
            token = await token_for(gql, LOGIN, {"n": "C-1001", "p": DEMO_PASSWORD})
            # On SQLite, the baseline's own copy, with the token (bench.api_settle).
            copy = str(folder / "baseline.sqlite3")
            copied = await asyncio.to_thread(own_copy, env["MESA_DATABASE_URL"], copy)
            port = free_port()
            argv = [sys.executable, "-m", "uvicorn", "bench.api_baseline:app", "--port", str(port)]
            with cluster(env | {"MESA_DATABASE_URL": copied}, folder) as baseline_processes:
                argv += ["--log-level", "warning"]
                baseline_process = baseline_processes._spawn("baseline", argv)
                baseline = f"http://127.0.0.1:{port}"
                wait_until_ready(baseline, baseline_process)
                settled = settler(env["MESA_DATABASE_URL"])
                figures = await _load(api, baseline, token, ids, tickets, settled)
            return figures, token
        finally:
            await gql.close()


async def _index_reply_tickets(url: str, ids: dict[str, Any]) -> None:
    """The search rows of the tickets the replies go to, written as the API writes one for
    every ticket it opens (domain.tickets.search): the fill writes none, and a reply to a
    ticket without its row rebuilds it whole (a read of the ticket and its messages), which
    no ticket opened through the API needs."""
    from tortoise.transactions import in_transaction

    from domain.tickets.search import index_ticket

    db = await _in_process(url)
    try:
        async with in_transaction() as connection:
            for ticket_id in _reply_tickets(ids):
                await index_ticket(connection, ticket_id)
    finally:
        await db.close()


def _graphql(api: str, token: str, query: str, variables: dict[str, Any]) -> Load:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    body = {"query": query, "variables": variables}
    return wrk(f"{api}/graphql", method="POST", body=body, headers=headers)


def _new_ticket(ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "subject": "Bench",
        "message": "Carga / Load",
        "categoryId": ids["category_global_id"],
        "serviceId": ids["service_global_id"],
    }


def _reply_tickets(ids: dict[str, Any]) -> list[int]:
    """Bench tickets of the customer, not the thread of (b) (offset 0)."""
    return [ids["first_ticket"] + offset for offset in range(1, REPLY_TICKETS + 1)]


def _replies(ids: dict[str, Any]) -> list[Any]:
    return [
        {
            "query": REPLY,
            "variables": {
                "input": {"ticketId": encode_id("Ticket", pk), "message": "Sigue igual / Same"}
            },
        }
        for pk in _reply_tickets(ids)
    ]


def _bare_replies(ids: dict[str, Any]) -> list[Any]:
    return [{"ticket": pk, "message": "Sigue igual / Same"} for pk in _reply_tickets(ids)]


def _bare_ticket(ids: dict[str, Any]) -> dict[str, Any]:
    """The baseline's body for the rows createTicket writes (the customer is the token's)."""
    return {
        "subject": "Bench",
        "message": "Carga / Load",
        "service": ids["service_id"],
        "category": ids["category_id"],
        "department": ids["department_id"],
    }


async def _load(
    api: str,
    baseline: str,
    token: str,
    ids: dict[str, Any],
    tickets: int,
    settled: Callable[[], Awaitable[None]],
) -> list[tuple[str, Load, Load]]:
    """Each figure, ours then the baseline's; reads READ_ROUNDS times in turn, the best of
    each side kept; after each of our writes, the jobs it recorded are delivered before
    anything else is measured (bench.api_settle)."""
    auth = {"Authorization": f"Bearer {token}"}
    new_ticket, bare = _new_ticket(ids), _bare_ticket(ids)
    await _check_answers(api, baseline, token, ids)
    thread_path = f"{baseline}/thread?tracking={THREAD_TRACKING_ID}"
    page_ours, page_base, thread_ours, thread_base = await in_turn(
        [
            partial(_graphql, api, token, PAGE, {}),
            partial(wrk, f"{baseline}/tickets", headers=auth),
            partial(_graphql, api, token, THREAD, {"t": THREAD_TRACKING_ID}),
            partial(wrk, thread_path, headers=auth),
        ],
        READ_ROUNDS,
    )
    create_ours = await asyncio.to_thread(_graphql, api, token, CREATE, {"input": new_ticket})
    await settled()
    create_base = await asyncio.to_thread(
        wrk,
        f"{baseline}/tickets",
        method="POST",
        body=bare,
        headers={"Content-Type": "application/json", **auth},
    )
    json_auth = {"Content-Type": "application/json", **auth}
    reply_ours = await asyncio.to_thread(
        wrk, f"{api}/graphql", method="POST", bodies=_replies(ids), headers=json_auth
    )
    await settled()
    reply_base = await asyncio.to_thread(
        wrk, f"{baseline}/replies", method="POST", bodies=_bare_replies(ids), headers=json_auth
    )
    floor = await asyncio.to_thread(_graphql, api, token, FLOOR, {})
    keyset = [partial(_graphql, api, token, KEYSET, v) for v in ({"after": deep_cursor(ids)}, {})]
    deep, first = await in_turn(keyset, READ_ROUNDS)
    return [
        ("(a) page of 50 tickets, nested", page_ours, page_base),
        ("(b) ticket with 50 messages", thread_ours, thread_base),
        ("(c) createTicket vs bare insert", create_ours, create_base),
        ("(c) replyToTicket vs bare insert", reply_ours, reply_base),
        (f"(e) page after {tickets - 10:,} vs first page", deep, first),
        ("(f) floor: authenticated mutation { __typename } vs bare insert", floor, create_base),
    ]


async def _check_answers(api: str, baseline: str, token: str, ids: dict[str, Any]) -> None:
    """Before any load: both sides answer the same data, and the deep page is the oldest 10."""
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(timeout=30) as client:

        async def ours(query: str, variables: dict[str, Any]) -> Any:
            body = {"query": query, "variables": variables}
            answer = (await client.post(f"{api}/graphql", json=body, headers=auth)).json()
            assert "errors" not in answer, answer
            return answer["data"]

        async def base(path: str) -> Any:
            return (await client.get(f"{baseline}{path}", headers=auth)).json()

        page = [e["node"] for e in (await ours(PAGE, {}))["tickets"]["edges"]]
        page_base = [e["node"] for e in (await base("/tickets"))["tickets"]["edges"]]
        assert len(page) == 50 and [n["trackingId"] for n in page] == [
            n["trackingId"] for n in page_base
        ], (page, page_base)
        thread = (await ours(THREAD, {"t": THREAD_TRACKING_ID}))["ticket"]["messages"]
        path = f"/thread?tracking={THREAD_TRACKING_ID}"
        thread_base = (await base(path))["ticket"]["messages"]
        assert len(thread) == len(thread_base) == THREAD_MESSAGES, (thread, thread_base)
        deep = (await ours(KEYSET, {"after": deep_cursor(ids)}))["tickets"]["edges"]
        oldest = [tracking_id(offset) for offset in range(9, -1, -1)]
        assert [e["node"]["trackingId"] for e in deep] == oldest, deep
        created = (await ours(CREATE, {"input": _new_ticket(ids)}))["createTicket"]
        assert created["__typename"] == "CreateTicketSuccess", created
        inserted = await client.post(f"{baseline}/tickets", json=_bare_ticket(ids), headers=auth)
        assert inserted.status_code == 200, inserted.text
        replied = await client.post(f"{api}/graphql", json=_replies(ids)[0], headers=auth)
        assert replied.json()["data"]["replyToTicket"]["__typename"] == "ReplyToTicketSuccess", (
            replied.text
        )
        for _ in range(10):
            # On SQLite the baseline's read-then-write transaction is refused ("database is
            # locked", a 500) while our worker still writes the reply's notifications.
            bare_reply = await client.post(
                f"{baseline}/replies", json=_bare_replies(ids)[0], headers=auth
            )
            if bare_reply.status_code == 200:
                break
            await asyncio.sleep(0.2)
        assert bare_reply.status_code == 200, bare_reply.text


async def _in_process(url: str) -> Any:
    os.environ["MESA_DATABASE_URL"] = url
    os.environ["MESA_QUERY_COST_BUDGET_PER_MINUTE"] = UNLIMITED_BUDGET
    from domain import db
    from domain.config import get_settings

    get_settings.cache_clear()
    await db.connect(url)
    return db


IN_PROCESS_REQUESTS = 200  # per side, in IN_PROCESS_ROUNDS turns
IN_PROCESS_ROUNDS = 5


async def _sql_counts(url: str, token: str, ids: dict[str, Any]) -> Counts:
    """(d): SQL statements of each operation, in process, against the baseline's, both with
    the bearer token's lookup; then in-process time per request of each side (no HTTP).

    Ours are counted from Tortoise's query log; the baseline's too on SQLite, and from
    asyncpg's query logger on PostgreSQL (where it runs on its own pool)."""
    from api.http.app import create_app
    from bench import api_baseline

    db = await _in_process(url)
    postgres = url.startswith(("postgres://", "postgresql://"))
    sent: list[str] = []
    if postgres:

        def log(record: Any) -> None:
            sent.append(record.query)  # the pool gives connections back without a statement

        async def log_queries(connection: Any) -> None:
            connection.add_query_logger(log)

        await api_baseline.open_postgres(url, init=log_queries)
    ours = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app()), base_url="http://t")
    base = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=api_baseline.app), base_url="http://b"
    )
    auth = {"Authorization": f"Bearer {token}"}
    try:
        results = []
        for label, query, variables, path in (
            ("page of 50", PAGE, {}, "/tickets"),
            (
                "ticket with 50 messages",
                THREAD,
                {"t": THREAD_TRACKING_ID},
                f"/thread?tracking={THREAD_TRACKING_ID}",
            ),
        ):
            body = {"query": query, "variables": variables}
            await ours.post("/graphql", json=body, headers=auth)  # caches filled, as in use
            with count_queries() as statements:
                response = await ours.post("/graphql", json=body, headers=auth)
                assert "errors" not in response.json(), response.text
            sent.clear()
            with count_queries() as baseline_statements:
                assert (await base.get(path, headers=auth)).status_code == 200
            baseline_count = len(sent) if postgres else len(baseline_statements)
            ours_ms, uncompiled_ms, base_ms = await _per_request_each(
                _sender(ours, "POST", "/graphql", body, auth),
                _uncompiled(_sender(ours, "POST", "/graphql", body, auth)),
                _sender(base, "GET", path, None, auth),
            )
            results.append(
                (label, len(statements), baseline_count, ours_ms, uncompiled_ms, base_ms)
            )
        for label, body, path, bare in (
            (
                "createTicket",
                {"query": CREATE, "variables": {"input": _new_ticket(ids)}},
                "/tickets",
                _bare_ticket(ids),
            ),
            ("replyToTicket", _replies(ids)[-1], "/replies", _bare_replies(ids)[-1]),
        ):
            await ours.post("/graphql", json=body, headers=auth)  # caches filled, as in use
            with count_queries() as statements:
                response = await ours.post("/graphql", json=body, headers=auth)
                assert "errors" not in response.json(), response.text
            sent.clear()
            with count_queries() as baseline_statements:
                answer = await base.post(path, json=bare, headers=auth)
                assert answer.status_code == 200, answer.text
            baseline_count = len(sent) if postgres else len(baseline_statements)
            ours_ms, uncompiled_ms, base_ms = await _per_request_each(
                _sender(ours, "POST", "/graphql", body, auth),
                _uncompiled(_sender(ours, "POST", "/graphql", body, auth)),
                _sender(base, "POST", path, bare, auth),
            )
            results.append(
                (label, len(statements), baseline_count, ours_ms, uncompiled_ms, base_ms)
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


async def _per_request_each(*sides: Send) -> list[float]:
    """Milliseconds per request of each side, in process, one request at a time, with the
    garbage collector tuned as in a served process (mesa.runtime.tuned_gc). The sides take
    turns, IN_PROCESS_ROUNDS rounds after a warm-up, and each side's figure is its median
    round: a burst of other load on the machine slows one round of every side, not one side."""
    from mesa.runtime import tuned_gc

    each = IN_PROCESS_REQUESTS // IN_PROCESS_ROUNDS
    rounds: list[list[float]] = [[] for _ in sides]
    async with tuned_gc():
        for send in sides:
            for _ in range(10):
                await send()
        for _ in range(IN_PROCESS_ROUNDS):
            for times, send in zip(rounds, sides, strict=True):
                started = time.perf_counter()
                for _ in range(each):
                    await send()
                times.append((time.perf_counter() - started) * 1000 / each)
    return [statistics.median(times) for times in rounds]


async def _profile(url: str, token: str) -> str:
    from api.http.app import create_app
    from mesa.runtime import tuned_gc

    db = await _in_process(url)
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
