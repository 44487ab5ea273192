"""The API bench's dataset on PostgreSQL: the same layout as bench.api_data (ids, numbers,
tracking ids and dates), written with COPY through asyncpg, with a progress bar.

Tickets and messages point at each other (ticket.last_message_id, message.ticket_id), so the
load runs with `session_replication_role = replica` (the foreign key triggers off, as
pg_restore does) and the rows are consistent by construction. Then ANALYZE, and the id
sequences and the ticket number counter are moved past the rows, so createTicket works.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

import asyncpg
from rich.progress import Progress

from bench.api_data import START, THREAD_MESSAGES, tracking_id

BATCH = 50_000
TICKET_COLUMNS = (
    "id",
    "number",
    "tracking_id",
    "subject",
    "priority",
    "impact",
    "status",
    "channel",
    "created_at",
    "updated_at",
    "last_message_id",
    "category_id",
    "customer_id",
    "department_id",
    "service_id",
    "sla_pauses",
)
MESSAGE_COLUMNS = (
    "id",
    "author_kind",
    "author_name",
    "visibility",
    "channel",
    "body",
    "created_at",
    "author_customer_id",
    "ticket_id",
)


def _message(
    pk: int, author: str, body: str, created: datetime, customer_id: int, ticket_id: int
) -> tuple[Any, ...]:
    """A public web message of the customer, in MESSAGE_COLUMNS order."""
    return (pk, "CUSTOMER", author, "PUBLIC", "WEB", body, created, customer_id, ticket_id)


async def _scalar(connection: asyncpg.Connection, sql: str, *args: Any) -> Any:
    return await connection.fetchval(sql, *args)


async def fill(url: str, tickets: int, client_number: str = "C-1001") -> dict[str, Any]:
    """Adds `tickets` tickets of `client_number`; returns the ids it used and the seconds."""
    began = time.perf_counter()
    connection = await asyncpg.connect(url)
    try:
        customer = await connection.fetchrow(
            "SELECT id, name FROM customer WHERE client_number = $1", client_number
        )
        customer_id, name = customer["id"], customer["name"]
        service_id = await _scalar(
            connection, "SELECT id FROM service WHERE customer_id = $1 ORDER BY id", customer_id
        )
        category = await connection.fetchrow("SELECT id, department_id FROM category ORDER BY id")
        category_id, department_id = category["id"], category["department_id"]
        first_ticket = await _scalar(connection, "SELECT coalesce(max(id), 0) + 1 FROM ticket")
        first_message = await _scalar(connection, "SELECT coalesce(max(id), 0) + 1 FROM message")
        first_number = await _scalar(connection, "SELECT coalesce(max(number), 0) + 1 FROM ticket")
        ids = (category_id, customer_id, department_id, service_id)
        await connection.execute("SET session_replication_role = replica")
        await connection.execute("SET synchronous_commit = off")
        with Progress() as progress:
            task = progress.add_task(f"{tickets:,} tickets (PostgreSQL)", total=tickets)
            for start in range(0, tickets, BATCH):
                stop = min(start + BATCH, tickets)
                ticket_rows, message_rows = [], []
                for offset in range(start, stop):
                    pk, message_pk = first_ticket + offset, first_message + offset
                    created = START + timedelta(seconds=offset)
                    ticket_rows.append(
                        (
                            pk,
                            first_number + offset,
                            tracking_id(offset),
                            f"Bench ticket {offset}",
                            "MEDIUM",
                            "MEDIUM",
                            "OPEN",
                            "WEB",
                            created,
                            created,
                            message_pk,
                            *ids,
                            "[]",
                        )
                    )
                    body = f"Mensaje {offset}: el servicio no responde."
                    message_rows.append(_message(message_pk, name, body, created, customer_id, pk))
                async with connection.transaction():
                    await connection.copy_records_to_table(
                        "ticket", records=ticket_rows, columns=TICKET_COLUMNS
                    )
                    await connection.copy_records_to_table(
                        "message", records=message_rows, columns=MESSAGE_COLUMNS
                    )
                progress.advance(task, stop - start)
            thread_rows = [
                _message(
                    first_message + tickets + n,
                    name,
                    f"Respuesta {n} en el hilo.",
                    START + timedelta(seconds=n),
                    customer_id,
                    first_ticket,
                )
                for n in range(THREAD_MESSAGES - 1)
            ]
            await connection.copy_records_to_table(
                "message", records=thread_rows, columns=MESSAGE_COLUMNS
            )
        await connection.execute("SET session_replication_role = DEFAULT")
        await connection.execute("ANALYZE")
        for table in ("ticket", "message"):
            await connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
        # createTicket draws numbers from this counter (domain.tickets.actions).
        await connection.execute(
            "INSERT INTO counter (name, value) SELECT 'ticket', max(number) FROM ticket"
            " ON CONFLICT (name) DO UPDATE SET value = greatest(counter.value, excluded.value)"
        )
    finally:
        await connection.close()
    return {
        "customer_id": customer_id,
        "service_id": service_id,
        "category_id": category_id,
        "department_id": department_id,
        "first_ticket": first_ticket,
        "seconds": time.perf_counter() - began,
    }
