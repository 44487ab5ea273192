"""The SLA sweep's cost follows the tickets due, not the tickets open.

Two SQLite databases are filled with fast bulk inserts: 10,000 open tickets and 1,000,000
open tickets, 1,000 of them past their deadline in each. The same sweep (every due ticket
marked: event, outbox job, conditional update) runs on both; the ratio should stay <= 2.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from domain import db
from domain.clock import clock
from domain.config import get_settings
from domain.sla.marking import sweep_sla

DUE = 1_000
SIZES = (10_000, int(os.environ.get("MESA_BENCH_OPEN", "1000000")))
BATCH = 50_000
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
console = Console()

INSERT = (
    "INSERT INTO ticket (id, number, tracking_id, department_id, subject, priority, impact,"
    " status, channel, created_at, updated_at, sla_pauses, first_response_expected_at,"
    " first_response_due_at, sla_due_at, sla_check_at)"
    " VALUES (?, ?, ?, 1, 'Bench', 'MEDIUM', 'MEDIUM', 'NEW', 'WEB', ?, ?, '[]', ?, ?, ?, ?)"
)


def _rows(start: int, stop: int, total: int):
    """Tickets start..stop-1; the last DUE of the database are past their deadline."""
    for pk in range(start, stop):
        due = pk > total - DUE
        created = NOW - timedelta(hours=6) if due else NOW - timedelta(minutes=pk % 50)
        deadline = created + timedelta(hours=3)
        # As Tortoise stores them in SQLite, so comparisons in SQL agree.
        stamp, line = created.isoformat(" "), deadline.isoformat(" ")
        yield (pk, pk, f"B{pk:011d}", stamp, stamp, line, line, line, line)


def fill(path: Path, total: int, progress: Progress) -> None:
    task = progress.add_task(f"{total:,} open tickets", total=total)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(
            "INSERT INTO department (id, code, name, name_es) VALUES (1, 'TECH', 'Tech', '')"
        )
        for start in range(1, total + 1, BATCH):
            stop = min(start + BATCH, total + 1)
            connection.executemany(INSERT, _rows(start, stop, total))
            progress.advance(task, stop - start)
        connection.execute("ANALYZE")


async def measure(folder: Path, total: int, progress: Progress) -> float:
    """Seconds for the sweeps that mark every due ticket of a fresh database."""
    path = folder / f"bench_{total}.sqlite3"
    url = f"sqlite://{path}"
    await db.migrate(url)
    fill(path, total, progress)
    await db.connect(url)
    try:
        clock.set(NOW)
        began = time.perf_counter()
        recorded = 0
        while marked := await sweep_sla():
            recorded += marked
        elapsed = time.perf_counter() - began
    finally:
        clock.reset()
        await db.close()
    # Each due ticket is past both its expected and its due time: a warning and a breach.
    assert recorded == 2 * DUE, recorded
    return elapsed


async def run() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["MESA_DATABASE_URL"] = f"sqlite://{folder / 'unused.sqlite3'}"
        get_settings.cache_clear()
        with Progress(console=console, transient=True) as progress:
            baseline = await measure(folder, SIZES[0], progress)
            large = await measure(folder, SIZES[1], progress)
    ratio = large / baseline
    console.print(
        f"SLA sweep, {DUE:,} due: {SIZES[1]:,} open {large:.2f} s"
        f" vs {SIZES[0]:,} open {baseline:.2f} s (baseline) -> ratio {ratio:.2f} (target <= 2)"
    )
    return 0 if ratio <= 2 else 1
