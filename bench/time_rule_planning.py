"""Time rules cost what is due, not what is open.

Two SQLite databases are filled with fast bulk inserts: 10,000 and 1,000,000 tickets waiting
on an agent, each with the status change that put it there and its planned row for one
active time rule (4 business hours), 1,000 of them due. On both, the same work is timed:
one scheduler pass (every due row becomes a run with its job), the runs applied by a worker
(ticket still waiting, conditions, the action, the history entry), and the stream planning
1,000 fresh status changes. The 10,000 figures are the baseline; the ratios should stay <= 2.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from domain import db
from domain.automation import time_plans, time_runs
from domain.clock import clock
from domain.config import get_settings
from domain.models import TicketEvent, TimeRuleRun, TriggerRunStatus
from domain.uow import unit_of_work

DUE = 1_000
SIZES = (10_000, int(os.environ.get("MESA_BENCH_OPEN", "1000000")))
BATCH = 50_000
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
console = Console()

TICKET = (
    "INSERT INTO ticket (id, number, tracking_id, department_id, subject, priority, impact,"
    " status, channel, created_at, updated_at, sla_pauses)"
    " VALUES (?, ?, ?, 1, 'Bench', 'MEDIUM', 'MEDIUM', 'WAITING_ON_AGENT', 'WEB', ?, ?, '[]')"
)
EVENT = (
    "INSERT INTO ticket_event (id, ticket_id, kind, actor_kind, before, after, internal,"
    " created_at, position) VALUES (?, ?, 'STATUS_CHANGED', 'CUSTOMER',"
    ' \'{"status":"WAITING_ON_CUSTOMER"}\', \'{"status":"WAITING_ON_AGENT"}\', 0, ?, ?)'
)
PLAN = (
    "INSERT INTO time_rule_plan (id, rule_id, ticket_id, entered_event_id, entered_at, due_at)"
    " VALUES (?, 1, ?, ?, ?, ?)"
)
RULE = (
    "INSERT INTO time_rule (id, name, is_active, status, after_minutes, clock, conditions,"
    " actions, created_at, updated_at) VALUES (1, 'Escalar', 1, 'WAITING_ON_AGENT', 240,"
    " 'CALENDAR', '{}', ?, ?, ?)"
)
ACTIONS = [{"type": "ADD_NOTE", "text": "Cuatro horas esperando."}]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(" ")  # as Tortoise stores it in SQLite


def _rows(start: int, stop: int, total: int) -> Iterator[tuple[tuple[object, ...], ...]]:
    """Ticket, event and plan of tickets start..stop-1; the last DUE are due."""
    for pk in range(start, stop):
        due = pk > total - DUE
        entered = NOW - timedelta(hours=5) if due else NOW - timedelta(minutes=pk % 200)
        stamp = _stamp(entered)
        yield (
            (pk, pk, f"B{pk:011d}", stamp, stamp),
            (pk, pk, stamp, pk),
            (pk, pk, pk, stamp, _stamp(entered + timedelta(hours=4))),
        )


def fill(path: Path, total: int, progress: Progress) -> None:
    task = progress.add_task(f"{total:,} waiting tickets", total=total)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(
            "INSERT INTO department (id, code, name, name_es) VALUES (1, 'TECH', 'Tech', '')"
        )
        connection.execute(RULE, (json.dumps(ACTIONS), _stamp(NOW), _stamp(NOW)))
        for start in range(1, total + 1, BATCH):
            stop = min(start + BATCH, total + 1)
            rows = list(_rows(start, stop, total))
            connection.executemany(TICKET, [r[0] for r in rows])
            connection.executemany(EVENT, [r[1] for r in rows])
            connection.executemany(PLAN, [r[2] for r in rows])
            progress.advance(task, stop - start)
        # Positions go on after the filled events (domain.live.positions).
        connection.execute(
            "INSERT INTO counter (name, value) VALUES ('event_position', ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (total,),
        )
        connection.execute("ANALYZE")


@dataclass(frozen=True)
class Figures:
    sweep: float  # one scheduler pass over the due rows
    runs: float  # the runs applied, as a worker does
    planning: float  # the stream planning DUE fresh status changes


async def measure(folder: Path, total: int, progress: Progress) -> Figures:
    path = folder / f"bench_{total}.sqlite3"
    url = f"sqlite://{path}"
    await db.migrate(url)
    fill(path, total, progress)
    await db.connect(url)
    try:
        clock.set(NOW)
        await TimeRuleRun.all().count()  # the connection warmed up outside the timing
        began = time.perf_counter()
        recorded = await time_plans.fire_due()
        sweep = time.perf_counter() - began
        assert recorded == DUE, recorded
        run_ids = await TimeRuleRun.all().values_list("id", flat=True)
        began = time.perf_counter()
        for run_id in run_ids:
            await time_runs.run_time_rule(int(run_id))  # type: ignore[call-overload]
        runs = time.perf_counter() - began
        applied = await TimeRuleRun.filter(status=TriggerRunStatus.APPLIED).count()
        assert applied == DUE, applied
        # The stream re-planning DUE tickets that just changed status.
        # Best of three: the same tickets re-planned each time.
        events = await TicketEvent.filter(ticket_id__lte=DUE, kind="STATUS_CHANGED")
        timings = []
        for _ in range(3):
            began = time.perf_counter()
            async with unit_of_work() as uow:
                planned = await time_plans.plan_from_events(uow, events)
            timings.append(time.perf_counter() - began)
            assert planned == DUE, planned
        planning = min(timings)
    finally:
        clock.reset()
        await db.close()
    return Figures(sweep, runs, planning)


async def run() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["MESA_DATABASE_URL"] = f"sqlite://{folder / 'unused.sqlite3'}"
        get_settings.cache_clear()
        with Progress(console=console, transient=True) as progress:
            baseline = await measure(folder, SIZES[0], progress)
            large = await measure(folder, SIZES[1], progress)
    worst = 0.0
    for label, small, big in (
        ("scheduler pass", baseline.sweep, large.sweep),
        ("runs applied", baseline.runs, large.runs),
        ("stream planning", baseline.planning, large.planning),
    ):
        ratio = big / small
        worst = max(worst, ratio)
        console.print(
            f"time rules, {label}, {DUE:,} due: {SIZES[1]:,} open {big:.2f} s"
            f" vs {SIZES[0]:,} open {small:.2f} s (baseline) -> ratio {ratio:.2f} (target <= 2)"
        )
    return 0 if worst <= 2 else 1
