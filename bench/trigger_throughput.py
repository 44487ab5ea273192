"""Trigger evaluation throughput: ticket events per second through the triggers.

A SQLite database is filled with fast bulk inserts: 500 new tickets and their CREATED
events, not read by automation yet. The baseline is the automation stream reading those
events with no trigger (and no webhook or assignment: nothing to record). Then, from the
same cursor, N active triggers fire on every event: the stream records N runs and one job
per event, and a worker evaluates each run (claim, ticket, conditions: one of them unmet,
so the run is skipped and nothing else is timed). Figures: events/s for each, and the cost
per event and trigger.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console

from domain import db
from domain.automation import runs
from domain.automation.stream import CURSOR, process_new_events
from domain.clock import clock
from domain.config import get_settings
from domain.models import Counter, Trigger, TriggerRun, TriggerRunStatus

EVENTS = int(os.environ.get("MESA_BENCH_EVENTS", "500"))
TRIGGERS = int(os.environ.get("MESA_BENCH_TRIGGERS", "10"))
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
console = Console()

TICKET = (
    "INSERT INTO ticket (id, number, tracking_id, department_id, subject, priority, impact,"
    " status, channel, created_at, updated_at, sla_pauses)"
    " VALUES (?, ?, ?, 1, 'Bench', 'MEDIUM', 'MEDIUM', 'NEW', 'WEB', ?, ?, '[]')"
)
EVENT = (
    "INSERT INTO ticket_event (id, ticket_id, kind, actor_kind, after, internal, created_at,"
    " position) VALUES (?, ?, 'CREATED', 'CUSTOMER', '{\"status\":\"NEW\"}', 0, ?, ?)"
)


def fill(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(
            "INSERT INTO department (id, code, name, name_es) VALUES (1, 'TECH', 'Tech', '')"
        )
        stamp = (NOW - timedelta(minutes=5)).isoformat(" ")
        connection.executemany(
            TICKET, [(pk, pk, f"B{pk:011d}", stamp, stamp) for pk in range(1, EVENTS + 1)]
        )
        connection.executemany(EVENT, [(pk, pk, stamp, pk) for pk in range(1, EVENTS + 1)])
        # The stream starts before these events (a fresh cursor would skip them as history).
        connection.execute(
            "INSERT INTO counter (name, value) VALUES (?, 0)"
            " ON CONFLICT (name) DO UPDATE SET value = 0",
            (CURSOR,),
        )
        connection.execute("ANALYZE")


async def add_triggers() -> None:
    for number in range(TRIGGERS):
        await Trigger.create(
            name=f"Bench {number}",
            events=["TICKET_CREATED"],
            # The department holds, the impact does not: every condition is read.
            conditions={"department_ids": [1], "impacts": ["HIGH"]},
            actions=[{"type": "ADD_TAGS", "tags": ["bench"]}],
            created_at=NOW,
            updated_at=NOW,
        )


async def evaluate_runs() -> int:
    """As the worker does: each event's runs in order (one job per event)."""
    by_event: dict[int, list[int]] = defaultdict(list)
    for run_id, event_id in await TriggerRun.all().order_by("id").values_list("id", "event_id"):
        by_event[int(event_id)].append(int(run_id))  # type: ignore[call-overload]
    for run_ids in by_event.values():
        await runs.run_triggers(run_ids)
    return sum(len(ids) for ids in by_event.values())


async def run() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "bench.sqlite3"
        url = f"sqlite://{path}"
        os.environ["MESA_DATABASE_URL"] = url
        get_settings.cache_clear()
        await db.migrate(url)
        fill(path)
        await db.connect(url)
        try:
            clock.set(NOW)
            await Counter.all().count()  # the connection warmed up outside the timing
            began = time.perf_counter()
            read = await process_new_events()
            baseline = time.perf_counter() - began
            assert read == EVENTS, read

            await Counter.filter(name=CURSOR).update(value=0)
            await add_triggers()
            began = time.perf_counter()
            read = await process_new_events()
            recording = time.perf_counter() - began
            assert read == EVENTS, read
            began = time.perf_counter()
            evaluated = await evaluate_runs()
            evaluation = time.perf_counter() - began
            assert evaluated == EVENTS * TRIGGERS, evaluated
            skipped = await TriggerRun.filter(status=TriggerRunStatus.SKIPPED).count()
            assert skipped == evaluated, skipped
        finally:
            clock.reset()
            await db.close()
    total = recording + evaluation
    console.print(
        f"triggers, {EVENTS:,} events: stream alone (baseline) {EVENTS / baseline:,.0f} events/s;"
        f" with {TRIGGERS} active triggers, runs recorded {EVENTS / recording:,.0f} events/s,"
        f" recorded and evaluated {EVENTS / total:,.0f} events/s"
        f" ({total / (EVENTS * TRIGGERS) * 1000:.2f} ms per event and trigger)"
    )
    return 0
