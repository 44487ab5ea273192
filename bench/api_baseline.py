"""The baseline of the API bench: hand-written Starlette JSON endpoints running the same SQL
as the GraphQL operations they stand beside (run with `uvicorn bench.api_baseline:app`).
On SQLite it goes through Tortoise's connection (`?` placeholders); when MESA_DATABASE_URL is a
PostgreSQL URL, through a plain asyncpg pool of the ORM's default size, the same SQL with
`$1` placeholders.

- GET /tickets?after=CREATED,ID: a page of 50 with the same nested fields;
- GET /thread?tracking=T: a ticket and its messages;
- POST /tickets (JSON {"service", "category", "department"}): a bare insert of the rows
  createTicket writes (ticket, message, event, the acknowledgement's outbox row), in one
  transaction; POST /tickets/grouped, the same committed with the others in flight, as
  Mesa's units of work commit on SQLite (domain.sqlite_groups);
- POST /replies (JSON {"ticket", "message"}): a bare insert of the rows a customer's
  replyToTicket writes (message, event, the ticket's status and last message), in one
  transaction, the ticket looked up (and locked on PostgreSQL) as the customer's.

Each request carries the customer's bearer token, looked up as the API does it (one
statement: the token by its SHA-256, its customer joined), so both sides do the same work.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from tortoise import connections
from tortoise.transactions import in_transaction

from domain import db
from domain.config import get_settings
from domain.db_priority import serving_write
from domain.sqlite_groups import shared_commit

PAGE_SIZE = 50
POOL_SIZE = 5  # Tortoise's default maxsize for asyncpg
# Numbers far above the API's, apart per process (the bench starts this app more than once
# on one database: under wrk, then in process for the statement counts).
_numbers = itertools.count(10_000_000 + os.getpid() * 100_000)
_pool: asyncpg.Pool | None = None  # set when the database is PostgreSQL


def _dollars(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$1, $2, ...`."""
    numbers = itertools.count(1)
    return re.sub(r"\?", lambda _: f"${next(numbers)}", sql)


async def _rows(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    if _pool is not None:
        return [dict(row) for row in await _pool.fetch(_dollars(sql), *params)]
    rows: list[dict[str, Any]] = await connections.get("default").execute_query_dict(sql, params)
    return rows


def _stamp(value: str) -> Any:
    """A timestamp parameter: text on SQLite (as Tortoise stores it), a datetime on PostgreSQL."""
    return datetime.fromisoformat(value) if _pool is not None else value


def _by_id(rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def _marks(count: int) -> str:
    return ",".join("?" * count)


TOKEN = (
    "SELECT t.customer_id FROM auth_token t JOIN customer c ON c.id = t.customer_id"
    " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND c.is_active"
)
UNAUTHENTICATED = JSONResponse({"error": "unauthenticated"}, status_code=401)


async def _customer(request: Request) -> int | None:
    """The customer behind `Authorization: Bearer …`, or None."""
    token = request.headers.get("authorization", "").partition(" ")[2].strip()
    now = datetime.now(UTC)
    digest = hashlib.sha256(token.encode()).hexdigest()
    found = await _rows(TOKEN, [digest, now if _pool is not None else now.isoformat(" ")])
    return int(found[0]["customer_id"]) if found else None


async def tickets(request: Request) -> Response:
    customer = await _customer(request)
    if customer is None:
        return UNAUTHENTICATED
    after = request.query_params.get("after")
    where, params = "customer_id = ?", [customer]
    if after:
        created, pk = after.rsplit(",", 1)
        where += " AND (created_at < ? OR (created_at = ? AND id < ?))"
        params += [_stamp(created), _stamp(created), int(pk)]
    page = await _rows(
        "SELECT id, tracking_id, subject, status, created_at, customer_id, department_id,"
        " category_id, last_message_id FROM ticket WHERE "
        + where
        + " ORDER BY created_at DESC, id DESC LIMIT ?",
        [*params, PAGE_SIZE + 1],
    )
    items = page[:PAGE_SIZE]

    async def related(table: str, columns: str, key: str) -> dict[int, dict[str, Any]]:
        ids = sorted({row[key] for row in items if row[key] is not None})
        if not ids:
            return {}
        sql = f"SELECT {columns} FROM {table} WHERE id IN ({_marks(len(ids))})"
        return _by_id(await _rows(sql, ids))

    customers = await related("customer", "id, name", "customer_id")
    departments = await related("department", "id, name", "department_id")
    categories = await related("category", "id, name", "category_id")
    messages = await related("message", "id, body, author_name", "last_message_id")
    edges = [
        {
            "cursor": f"{row['created_at']},{row['id']}",
            "node": {
                "trackingId": row["tracking_id"],
                "subject": row["subject"],
                "status": row["status"],
                "createdAt": str(row["created_at"]),
                "customer": {"name": customers[row["customer_id"]]["name"]},
                "department": {"name": departments[row["department_id"]]["name"]},
                "category": {"name": categories[row["category_id"]]["name"]},
                "lastMessage": {
                    "body": messages[row["last_message_id"]]["body"],
                    "authorName": messages[row["last_message_id"]]["author_name"],
                },
            },
        }
        for row in items
    ]
    return JSONResponse(
        {"tickets": {"edges": edges, "pageInfo": {"hasNextPage": len(page) > PAGE_SIZE}}}
    )


async def thread(request: Request) -> Response:
    customer = await _customer(request)
    if customer is None:
        return UNAUTHENTICATED
    found = await _rows(
        "SELECT id, tracking_id, subject FROM ticket WHERE tracking_id = ? AND customer_id = ?",
        [request.query_params["tracking"], customer],
    )
    if not found:
        return JSONResponse({"ticket": None})
    messages = await _rows(
        "SELECT id, body, author_name, created_at FROM message WHERE ticket_id = ?"
        " AND visibility = 'PUBLIC' ORDER BY id",
        [found[0]["id"]],
    )
    return JSONResponse(
        {
            "ticket": {
                "trackingId": found[0]["tracking_id"],
                "subject": found[0]["subject"],
                "messages": [
                    {
                        "body": m["body"],
                        "authorName": m["author_name"],
                        "createdAt": str(m["created_at"]),
                    }
                    for m in messages
                ],
            }
        }
    )


INSERT_TICKET = (
    "INSERT INTO ticket (number, tracking_id, subject, priority, impact, status,"
    " channel, created_at, updated_at, category_id, customer_id, department_id,"
    " service_id, sla_pauses) VALUES (?, ?, ?, 'MEDIUM', 'MEDIUM', 'NEW', 'WEB',"
    " ?, ?, ?, ?, ?, ?, '[]')"
)
INSERT_MESSAGE = (
    "INSERT INTO message (author_kind, author_name, visibility, channel, body,"
    " created_at, author_customer_id, ticket_id) VALUES ('CUSTOMER', 'Bench',"
    " 'PUBLIC', 'WEB', ?, ?, ?, ?)"
)
SET_LAST_MESSAGE = "UPDATE ticket SET last_message_id = ? WHERE id = ?"
INSERT_EVENT = (
    "INSERT INTO ticket_event (ticket_id, kind, actor_kind, actor_customer_id, internal,"
    " created_at) VALUES (?, 'CREATED', 'CUSTOMER', ?, FALSE, ?)"
)

INSERT_OUTBOX = (
    "INSERT INTO outbox_job (actor_name, queue_name, kwargs, status, created_at,"
    " enqueue_count) VALUES ('deliver_notification', 'default', '{}', 'DONE', ?, 0)"
)
LOCK_TICKET = "SELECT id FROM ticket WHERE id = ? AND customer_id = ?"
INSERT_REPLY = (
    "INSERT INTO message (author_kind, author_name, visibility, channel, body,"
    " created_at, author_customer_id, ticket_id) VALUES ('CUSTOMER', 'Bench',"
    " 'PUBLIC', 'WEB', ?, ?, ?, ?)"
)
INSERT_REPLY_EVENT = (
    "INSERT INTO ticket_event (ticket_id, kind, actor_kind, actor_customer_id, internal,"
    " created_at, message_id) VALUES (?, 'MESSAGE_ADDED', 'CUSTOMER', ?, FALSE, ?, ?)"
)
SET_REPLIED = (
    "UPDATE ticket SET last_message_id = ?, updated_at = ?, status = 'WAITING_ON_AGENT'"
    " WHERE id = ?"
)


async def create(request: Request) -> Response:
    customer = await _customer(request)
    if customer is None:
        return UNAUTHENTICATED
    data = {**json.loads(await request.body()), "customer": customer}
    moment = datetime.now(UTC)
    now: Any = moment if _pool is not None else moment.isoformat(" ")
    tracking = secrets.token_hex(6)[:12].upper()
    ticket_row = [next(_numbers), tracking, data["subject"], now, now]
    ticket_row += [data["category"], data["customer"], data["department"], data["service"]]
    if _pool is not None:
        async with _pool.acquire() as connection, connection.transaction():
            ticket_id = await connection.fetchval(
                _dollars(INSERT_TICKET + " RETURNING id"), *ticket_row
            )
            message_id = await connection.fetchval(
                _dollars(INSERT_MESSAGE + " RETURNING id"),
                data["message"],
                now,
                data["customer"],
                ticket_id,
            )
            await connection.execute(_dollars(SET_LAST_MESSAGE), message_id, ticket_id)
            await connection.execute(_dollars(INSERT_EVENT), ticket_id, data["customer"], now)
            await connection.execute(_dollars(INSERT_OUTBOX), now)
        return JSONResponse({"trackingId": tracking})
    async with in_transaction() as connection:
        ticket_id = await connection.execute_insert(INSERT_TICKET, ticket_row)
        message_id = await connection.execute_insert(
            INSERT_MESSAGE, [data["message"], now, data["customer"], ticket_id]
        )
        await connection.execute_query(SET_LAST_MESSAGE, [message_id, ticket_id])
        await connection.execute_insert(INSERT_EVENT, [ticket_id, data["customer"], now])
        await connection.execute_insert(INSERT_OUTBOX, [now])
    return JSONResponse({"trackingId": tracking})


async def create_grouped(request: Request) -> Response:
    """`create`, its transaction committed together with the others in flight, as Mesa's
    units of work are on SQLite (domain.sqlite_groups): the figure beside (c)'s, for
    comparing like with like (on PostgreSQL the same as `create`)."""
    with serving_write(), shared_commit():
        return await create(request)


async def reply(request: Request) -> Response:
    customer = await _customer(request)
    if customer is None:
        return UNAUTHENTICATED
    data = json.loads(await request.body())
    moment = datetime.now(UTC)
    now: Any = moment if _pool is not None else moment.isoformat(" ")
    ticket = int(data["ticket"])
    if _pool is not None:
        async with _pool.acquire() as connection, connection.transaction():
            found = await connection.fetchval(
                _dollars(LOCK_TICKET + " FOR UPDATE"), ticket, customer
            )
            if found is None:
                return JSONResponse({"ticket": None}, status_code=404)
            message_id = await connection.fetchval(
                _dollars(INSERT_REPLY + " RETURNING id"), data["message"], now, customer, ticket
            )
            await connection.execute(
                _dollars(INSERT_REPLY_EVENT), ticket, customer, now, message_id
            )
            await connection.execute(_dollars(SET_REPLIED), message_id, now, ticket)
        return JSONResponse({"messageId": message_id})
    async with in_transaction() as connection:
        if not await connection.execute_query_dict(LOCK_TICKET, [ticket, customer]):
            return JSONResponse({"ticket": None}, status_code=404)
        message_id = await connection.execute_insert(
            INSERT_REPLY, [data["message"], now, customer, ticket]
        )
        await connection.execute_insert(INSERT_REPLY_EVENT, [ticket, customer, now, message_id])
        await connection.execute_query(SET_REPLIED, [message_id, now, ticket])
    return JSONResponse({"messageId": message_id})


async def readyz(_: Request) -> Response:
    return JSONResponse({"status": "ready"})


async def open_postgres(url: str, **options: Any) -> asyncpg.Pool:
    """Serve from a PostgreSQL pool set up as Mesa's (`options` go to asyncpg.create_pool)."""
    global _pool
    _pool = await asyncpg.create_pool(
        url, min_size=1, max_size=POOL_SIZE, **{**db.POOL_OPTIONS, **options}
    )
    return _pool


async def close_postgres() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None


@asynccontextmanager
async def lifespan(_: Starlette) -> AsyncIterator[None]:
    url = get_settings().database_url
    if url.startswith(("postgres://", "postgresql://")):
        await open_postgres(url)
        try:
            yield
        finally:
            await close_postgres()
        return
    await db.connect()
    try:
        yield
    finally:
        await db.close()


app = Starlette(
    routes=[
        Route("/tickets", tickets),
        Route("/tickets", create, methods=["POST"]),
        Route("/tickets/grouped", create_grouped, methods=["POST"]),
        Route("/replies", reply, methods=["POST"]),
        Route("/thread", thread),
        Route("/readyz", readyz),
    ],
    lifespan=lifespan,
)
