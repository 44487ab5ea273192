"""Refreshing an agent's view counts after a change, at 10,000 and 1,000,000 tickets.

Two SQLite databases are filled with fast bulk inserts: tickets spread over three
departments, a quarter of them still open, assigned over twenty agents (a tenth
unassigned). After each change (one ticket's status moves), the counts of an agent's four
built-in views are refreshed as the `ticketViewCounts` subscription does, through the domain
(Tortoise), and with the same four counts as hand-written SQL on the same connection (the
baseline). Prints p50/p99 of each and how they grow from 10k to 1M.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from tortoise import Tortoise

from bench.ticket_fill import fill_tickets, percentiles_ms
from domain import db
from domain.clock import clock
from domain.config import get_settings
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import StaffRole
from domain.workspace.views import built_in_views, count_view

SIZES = (10_000, int(os.environ.get("MESA_BENCH_TICKETS", "1000000")))
CHANGES = 40
AGENTS = 20
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
# A quarter open, the rest ended: (status, weight).
STATUSES = (
    ("NEW", 5),
    ("OPEN", 8),
    ("WAITING_ON_AGENT", 6),
    ("WAITING_ON_CUSTOMER", 6),
    ("RESOLVED", 15),
    ("CLOSED", 60),
)
ACTIVE = "('NEW', 'OPEN', 'WAITING_ON_CUSTOMER', 'WAITING_ON_AGENT')"
AGENT = Viewer(
    kind=ViewerKind.STAFF,
    name="Bench agent",
    staff_id=1,
    role=StaffRole.AGENT,
    department_ids=frozenset({1}),
)
console = Console()

INSERT = (
    "INSERT INTO ticket (id, number, tracking_id, department_id, assignee_id, subject, priority,"
    " impact, status, channel, created_at, updated_at, sla_pauses, sla_due_at)"
    " VALUES (?, ?, ?, ?, ?, 'Bench', 'MEDIUM', 'MEDIUM', ?, 'WEB', ?, ?, '[]', ?)"
)


def _rows(start: int, stop: int, chooser: random.Random):
    names = [name for name, _ in STATUSES]
    weights = [weight for _, weight in STATUSES]
    for pk in range(start, stop):
        status = chooser.choices(names, weights)[0]
        created = NOW - timedelta(minutes=pk % 100_000)
        assignee = None if chooser.random() < 0.1 else chooser.randint(1, AGENTS)
        due = created + timedelta(hours=chooser.randint(1, 72))
        # As Tortoise stores them in SQLite, so comparisons in SQL agree.
        stamp = created.isoformat(" ")
        running = due.isoformat(" ") if status in ACTIVE else None
        yield (pk, pk, f"B{pk:011d}", pk % 3 + 1, assignee, status, stamp, stamp, running)


def _raw_counts() -> list[str]:
    """The four built-in views' counts for agent 1 of department 1, written by hand."""
    where = f"department_id IN (1) AND status IN {ACTIVE}"
    due = (NOW + timedelta(hours=24)).isoformat(" ")
    return [
        f"SELECT count(*) FROM ticket WHERE {where} AND assignee_id = 1",
        f"SELECT count(*) FROM ticket WHERE {where} AND assignee_id IS NULL",
        f"SELECT count(*) FROM ticket WHERE {where} AND sla_due_at <= '{due}'",
        "SELECT count(*) FROM ticket WHERE department_id IN (1) "
        "AND status IN ('WAITING_ON_CUSTOMER')",
    ]


async def measure(folder: Path, total: int, progress: Progress) -> dict[str, tuple[float, float]]:
    path = folder / f"views_{total}.sqlite3"
    url = f"sqlite://{path}"
    await db.migrate(url)
    chooser = random.Random(total)
    fill_tickets(path, total, progress, lambda start, stop: [(INSERT, _rows(start, stop, chooser))])
    await db.connect(url)
    connection = Tortoise.get_connection("default")
    views = built_in_views(AGENT)
    raw = _raw_counts()
    chooser = random.Random(7)
    ours: list[float] = []
    baseline: list[float] = []
    try:
        clock.set(NOW)
        for _ in range(CHANGES):
            # The change: one ticket of the agent's department moves on.
            pk = chooser.randrange(3, total, 3)  # department 1: pk % 3 == 0
            status = chooser.choice(["OPEN", "WAITING_ON_CUSTOMER", "RESOLVED"])
            await connection.execute_query(
                "UPDATE ticket SET status = ? WHERE id = ?", [status, pk]
            )
            began = time.perf_counter()
            counted = [await count_view(AGENT, view) for view in views]
            ours.append(time.perf_counter() - began)
            began = time.perf_counter()
            by_hand = [(await connection.execute_query(sql))[1][0][0] for sql in raw]
            baseline.append(time.perf_counter() - began)
            assert counted == by_hand, (counted, by_hand)
    finally:
        clock.reset()
        await db.close()
    return {"ours": percentiles_ms(ours), "raw": percentiles_ms(baseline)}


async def run() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["MESA_DATABASE_URL"] = f"sqlite://{folder / 'unused.sqlite3'}"
        get_settings.cache_clear()
        with Progress(console=console, transient=True) as progress:
            small = await measure(folder, SIZES[0], progress)
            large = await measure(folder, SIZES[1], progress)
    console.print(
        "View counts refreshed after a change (4 built-in views, an agent of 1 of 3 departments):"
    )
    for size, figures in ((SIZES[0], small), (SIZES[1], large)):
        (ours50, ours99), (raw50, raw99) = figures["ours"], figures["raw"]
        console.print(
            f"  {size:>9,} tickets: p50 {ours50:7.2f} ms  p99 {ours99:7.2f} ms"
            f"   vs raw SQL (baseline) p50 {raw50:7.2f} ms  p99 {raw99:7.2f} ms"
            f"   -> {ours50 / raw50:.2f}x"
        )
    console.print(
        f"  growth {SIZES[0]:,} -> {SIZES[1]:,}: ours x{large['ours'][0] / small['ours'][0]:.1f},"
        f" raw SQL x{large['raw'][0] / small['raw'][0]:.1f} (p50)"
    )
    return 0
