"""The API bench's dataset: the demo data plus many tickets of one customer, bulk-inserted
with a progress bar (one message each, set as the ticket's last message), and one ticket
with 50 messages."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from rich.progress import Progress

from domain.tickets.tracking import ALPHABET

BATCH = 20_000
START = datetime(2026, 1, 1, tzinfo=UTC)
THREAD_MESSAGES = 50

TICKET = (
    "INSERT INTO ticket (id, number, tracking_id, subject, priority, impact, status, channel,"
    " created_at, updated_at, last_message_id, category_id, customer_id, department_id,"
    " service_id, sla_pauses) VALUES (?, ?, ?, ?, 'MEDIUM', 'MEDIUM', 'OPEN', 'WEB', ?, ?, ?,"
    " ?, ?, ?, ?, '[]')"
)
MESSAGE = (
    "INSERT INTO message (id, author_kind, author_name, visibility, channel, body, created_at,"
    " author_customer_id, ticket_id) VALUES (?, 'CUSTOMER', ?, 'PUBLIC', 'WEB', ?, ?, ?, ?)"
)


def tracking_id(offset: int) -> str:
    """A distinct valid tracking id per bench ticket."""
    chars = ""
    for _ in range(10):
        offset, digit = divmod(offset, len(ALPHABET))
        chars = ALPHABET[digit] + chars
    return f"{chars[:3]}-{chars[3:6]}-{chars[6:]}"


THREAD_TRACKING_ID = tracking_id(0)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(" ")  # as Tortoise stores datetimes in SQLite


def fill(path: Path, tickets: int, client_number: str = "C-1001") -> dict[str, int]:
    """Adds `tickets` tickets of `client_number`; returns the ids it used."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        customer_id, name = connection.execute(
            "SELECT id, name FROM customer WHERE client_number = ?", (client_number,)
        ).fetchone()
        (service_id,) = connection.execute(
            "SELECT id FROM service WHERE customer_id = ? ORDER BY id", (customer_id,)
        ).fetchone()
        category_id, department_id = connection.execute(
            "SELECT id, department_id FROM category ORDER BY id"
        ).fetchone()
        first_ticket = (connection.execute("SELECT max(id) FROM ticket").fetchone()[0] or 0) + 1
        first_message = (connection.execute("SELECT max(id) FROM message").fetchone()[0] or 0) + 1
        first_number = (connection.execute("SELECT max(number) FROM ticket").fetchone()[0] or 0) + 1
        ids = (category_id, customer_id, department_id, service_id)
        with Progress() as progress:
            task = progress.add_task(f"{tickets:,} tickets", total=tickets)
            for start in range(0, tickets, BATCH):
                stop = min(start + BATCH, tickets)
                ticket_rows, message_rows = [], []
                for offset in range(start, stop):
                    pk, message_pk = first_ticket + offset, first_message + offset
                    created = _stamp(START + timedelta(seconds=offset))
                    tracking = tracking_id(offset)
                    subject = f"Bench ticket {offset}"
                    ticket_rows.append(
                        (
                            pk,
                            first_number + offset,
                            tracking,
                            subject,
                            created,
                            created,
                            message_pk,
                            *ids,
                        )
                    )
                    body = f"Mensaje {offset}: el servicio no responde."
                    message_rows.append((message_pk, name, body, created, customer_id, pk))
                connection.executemany(TICKET, ticket_rows)
                connection.executemany(MESSAGE, message_rows)
                progress.advance(task, stop - start)
            thread_rows = [
                (
                    first_message + tickets + n,
                    name,
                    f"Respuesta {n} en el hilo.",
                    _stamp(START + timedelta(seconds=n)),
                    customer_id,
                    first_ticket,
                )
                for n in range(THREAD_MESSAGES - 1)
            ]
            connection.executemany(MESSAGE, thread_rows)
        # createTicket draws numbers from this counter (domain.tickets.actions).
        connection.execute(
            "INSERT INTO counter (name, value) SELECT 'ticket', max(number) FROM ticket"
            " WHERE true ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)"
        )
        connection.execute("ANALYZE")
    return {
        "customer_id": customer_id,
        "service_id": service_id,
        "category_id": category_id,
        "department_id": department_id,
        "first_ticket": first_ticket,
    }


def deep_cursor(ids: dict[str, Any]) -> str:
    """The cursor of the page after all but 10 bench tickets (newest first: the 10 oldest)."""
    from api.core.cursors import encode_cursor

    offset = 10
    item = SimpleNamespace(
        created_at=START + timedelta(seconds=offset), id=ids["first_ticket"] + offset
    )
    return encode_cursor("created_at", item)
