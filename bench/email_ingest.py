"""Mail ingest does not slow down as tickets accumulate.

Two SQLite databases with the demo catalogue are filled with fast bulk inserts: 10,000
tickets and 1,000,000 tickets. On each, 1,000 inbound messages (nine in ten new requests,
one in ten replies threading onto an earlier one) go through the whole pipeline: stored
durably (raw bytes fsynced, row and job committed), parsed into a ticket or a reply, and
every acknowledgement rendered and delivered to the maildir outbox. Throughput on the
large database should be at least 0.9 of the small one's. The two are measured in
interleaved rounds, so other load on the machine weighs on both alike.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from domain import db
from domain.config import get_settings
from domain.demo import seed_demo
from domain.email.inbound import process_inbound, store_inbound
from domain.email.notifications import deliver
from domain.models import Notification

MESSAGES = 1_000
ROUNDS = 10
PER_ROUND = MESSAGES // ROUNDS
WARM_UP = 50
SIZES = (10_000, int(os.environ.get("MESA_BENCH_TICKETS", "1000000")))
BATCH = 50_000
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
TARGET = 0.9
console = Console()

INSERT = (
    "INSERT INTO ticket (id, number, tracking_id, department_id, subject, priority, impact,"
    " status, channel, guest_email, guest_name, created_at, updated_at, sla_pauses)"
    " VALUES (?, ?, ?, 1, 'Bench', 'MEDIUM', 'MEDIUM', 'OPEN', 'EMAIL', ?, 'Bench', ?, ?, '[]')"
)


def _rows(start: int, stop: int) -> Iterator[tuple[object, ...]]:
    for pk in range(start, stop):
        stamp = (NOW - timedelta(minutes=pk % 100_000)).isoformat(" ")
        # B + digits: never a tracking ID Mesa draws (its alphabet has no B, 0, 1, 2, 5, 8).
        yield (pk, pk, f"B{pk:011d}", f"old{pk}@bench.example", stamp, stamp)


def fill(path: Path, total: int, progress: Progress) -> None:
    task = progress.add_task(f"{total:,} tickets", total=total)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA synchronous=OFF")
        for start in range(1, total + 1, BATCH):
            stop = min(start + BATCH, total + 1)
            connection.executemany(INSERT, _rows(start, stop))
            progress.advance(task, stop - start)
        connection.execute(
            "INSERT INTO counter (name, value) VALUES ('ticket', ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (total,),
        )
        connection.execute("ANALYZE")


def _messages(label: str, count: int) -> Iterator[bytes]:
    """New requests from distinct senders; every tenth a reply to the one before it."""
    for n in range(count):
        message = EmailMessage()
        sender = f"{label}-{n - 1 if n % 10 == 9 else n}@customer.example"
        message["From"] = f"Cliente {n} <{sender}>"
        message["To"] = "soporte@mesa.example"
        message["Message-ID"] = f"<{label}-{n}@customer.example>"
        if n % 10 == 9:
            message["Subject"] = "Re: No carga el sitio"
            message["In-Reply-To"] = f"<{label}-{n - 1}@customer.example>"
        else:
            message["Subject"] = f"No carga el sitio {n}"
        message.set_content("Desde esta mañana el sitio responde con error 500.\n" * 5)
        message.add_alternative(
            "<p>Desde esta mañana el sitio responde con <b>error 500</b>.</p>", subtype="html"
        )
        yield b"Return-Path: <" + sender.encode() + b">\r\n" + message.as_bytes()


async def _ingest(messages: list[bytes]) -> float:
    """Seconds for the messages: stored, parsed, and their acknowledgements delivered."""
    began = time.perf_counter()
    for raw in messages:
        row = await store_inbound(raw, envelope_from="", envelope_to=["soporte@mesa.example"])
        await process_inbound(row.id)
        for notification_id in await Notification.filter(sent_at=None).values_list("id", flat=True):
            await deliver(int(str(notification_id)))
    return time.perf_counter() - began


def _use(folder: Path, total: int) -> str:
    url = f"sqlite://{folder / f'bench_{total}.sqlite3'}"
    os.environ["MESA_DATABASE_URL"] = url
    os.environ["MESA_DATA_DIR"] = str(folder / f"data_{total}")
    get_settings.cache_clear()
    return url


async def prepare(folder: Path, total: int, progress: Progress) -> None:
    """A database with the demo catalogue and `total` tickets, and a warmed-up pipeline."""
    url = _use(folder, total)
    await db.migrate(url)
    await db.connect(url)
    try:
        await seed_demo()
    finally:
        await db.close()
    fill(folder / f"bench_{total}.sqlite3", total, progress)
    # The bulk fill leaves its pages to the kernel's writeback: flush them now, so they do not
    # slow the measured fsyncs of one database more than the other's.
    os.sync()
    await db.connect(url)
    try:
        await _ingest(list(_messages("warm", WARM_UP)))
    finally:
        await db.close()


async def _round(folder: Path, total: int, messages: list[bytes]) -> float:
    await db.connect(_use(folder, total))
    try:
        return await _ingest(messages)
    finally:
        await db.close()


async def _acknowledged(folder: Path, total: int) -> int:
    await db.connect(_use(folder, total))
    try:
        return await Notification.filter(kind="TICKET_CREATED").count()
    finally:
        await db.close()


async def run() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Progress(console=console, transient=True) as progress:
            for total in SIZES:
                await prepare(folder, total, progress)
            # Interleaved rounds (ABBA), so load from elsewhere on the machine weighs on both
            # databases alike; each gets the same 1,000 messages in all.
            seconds = dict.fromkeys(SIZES, 0.0)
            messages = list(_messages("bench", MESSAGES))
            task = progress.add_task("ingesting", total=2 * MESSAGES)
            for n in range(ROUNDS):
                batch = messages[n * PER_ROUND : (n + 1) * PER_ROUND]
                for total in SIZES if n % 2 == 0 else reversed(SIZES):
                    seconds[total] += await _round(folder, total, batch)
                    progress.advance(task, len(batch))
            for total in SIZES:
                acknowledged = await _acknowledged(folder, total)
                assert acknowledged == (WARM_UP + MESSAGES) * 9 // 10, acknowledged
    baseline, large = (MESSAGES / seconds[total] for total in SIZES)
    ratio = large / baseline
    console.print(
        f"Email ingest, {MESSAGES:,} messages to tickets and acknowledgements:"
        f" {SIZES[1]:,} tickets {large:.0f} msg/s vs {SIZES[0]:,} tickets {baseline:.0f} msg/s"
        f" (baseline) -> ratio {ratio:.2f} (target >= {TARGET})"
    )
    return 0 if ratio >= TARGET else 1
