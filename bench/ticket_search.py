"""Ticket search at 10,000 and 1,000,000 tickets, next to the bare SQL it runs.

Two SQLite databases are filled with fast bulk inserts: tickets over three departments with
subjects and messages drawn from a 5,000-word Spanish and English vocabulary (a few common
words, many rare ones), each indexed as `domain.tickets.search` indexes a ticket. An agent of
one department runs two-word searches of words of every frequency through the domain
(`search_tickets`: visibility, filters, ranking, rows) and the same ranked FTS5 statement
written by hand on the same connection. Prints p50/p99 of each and the growth.
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
from domain.config import get_settings
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import StaffRole
from domain.tickets.queries import TicketFilter, search_tickets
from domain.tickets.search import references, stems

SIZES = (10_000, int(os.environ.get("MESA_BENCH_TICKETS", "1000000")))
BATCH = 20_000
SEARCHES = 200
WORDS_PER_TICKET = 40
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
AGENT = Viewer(
    kind=ViewerKind.STAFF,
    name="Bench agent",
    staff_id=1,
    role=StaffRole.AGENT,
    department_ids=frozenset({1}),
)
SYLLABLES = ("ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo")
console = Console()

TICKET = (
    "INSERT INTO ticket (id, number, tracking_id, department_id, subject, priority, impact,"
    " status, channel, created_at, updated_at, sla_pauses)"
    " VALUES (?, ?, ?, ?, ?, 'MEDIUM', 'MEDIUM', 'OPEN', 'WEB', ?, ?, '[]')"
)
INDEX = "INSERT INTO ticket_fts (rowid, public_text, internal_text) VALUES (?, ?, '')"


def vocabulary() -> list[str]:
    chooser = random.Random(5)
    found: dict[str, None] = {}
    while len(found) < 5_000:
        found["".join(chooser.choices(SYLLABLES, k=chooser.randint(3, 5)))] = None
    return list(found)


def _rows(start: int, stop: int, words: list[str], chooser: random.Random):
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf: few common, many rare
    # What stems() makes of a text, built from each word's stems made once.
    stemmed = {word: stems(word).split() for word in words}
    for pk in range(start, stop):
        chosen = chooser.choices(words, weights, k=WORDS_PER_TICKET)
        document = " ".join(dict.fromkeys(s for word in chosen for s in stemmed[word]))
        tracking = f"B{pk % 1000:03d}-{pk % 997:03d}-{pk % 9973:04d}"
        stamp = (NOW - timedelta(minutes=pk)).isoformat(" ")
        yield (
            (pk, pk, f"T{pk:011d}", pk % 3 + 1, " ".join(chosen[:8]), stamp, stamp),
            (pk, f"{document} {references(pk, tracking)}"),
        )


def _batch(words: list[str], chooser: random.Random, start: int, stop: int):
    rows = list(_rows(start, stop, words, chooser))
    return [(TICKET, [ticket for ticket, _ in rows]), (INDEX, [index for _, index in rows])]


RAW = (
    "SELECT ticket.id FROM ticket_fts JOIN ticket ON ticket.id = ticket_fts.rowid "
    "WHERE ticket_fts MATCH ? AND ticket.department_id IN (1) "
    "ORDER BY bm25(ticket_fts), ticket.id DESC LIMIT 1000"
)


async def measure(
    folder: Path, total: int, words: list[str], progress: Progress
) -> dict[str, tuple[float, float]]:
    path = folder / f"search_{total}.sqlite3"
    url = f"sqlite://{path}"
    await db.migrate(url)
    chooser = random.Random(total)
    fill_tickets(
        path, total, progress, lambda start, stop: _batch(words, chooser, start, stop), size=BATCH
    )
    await db.connect(url)
    connection = Tortoise.get_connection("default")
    chooser = random.Random(11)
    ours: list[float] = []
    baseline: list[float] = []
    try:
        for _ in range(SEARCHES):
            # Words of every frequency: a common one with a rarer one, as people type.
            pair = [words[int(chooser.paretovariate(1.0)) % 200], chooser.choice(words)]
            began = time.perf_counter()
            page = await search_tickets(
                viewer=AGENT, filters=TicketFilter(), search=" ".join(pair), first=20
            )
            ours.append(time.perf_counter() - began)
            match = " AND ".join(
                "public_text : (" + " OR ".join(f'"{s}"' for s in stems(w).split()) + ")"
                for w in pair
            )
            began = time.perf_counter()
            rows = await connection.execute_query_dict(RAW, [match])
            ids = [row["id"] for row in rows[:20]]
            baseline.append(time.perf_counter() - began)
            assert [ticket.id for ticket in page.items] == ids, (pair, page.items, ids)
    finally:
        await db.close()
    return {"ours": percentiles_ms(ours), "raw": percentiles_ms(baseline)}


async def run() -> int:
    words = vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["MESA_DATABASE_URL"] = f"sqlite://{folder / 'unused.sqlite3'}"
        get_settings.cache_clear()
        with Progress(console=console, transient=True) as progress:
            small = await measure(folder, SIZES[0], words, progress)
            large = await measure(folder, SIZES[1], words, progress)
    console.print(f"Ticket search, {SEARCHES} two-word searches by an agent of 1 of 3 departments:")
    for size, figures in ((SIZES[0], small), (SIZES[1], large)):
        (ours50, ours99), (raw50, raw99) = figures["ours"], figures["raw"]
        console.print(
            f"  {size:>9,} tickets: p50 {ours50:7.2f} ms  p99 {ours99:7.2f} ms"
            f"   vs raw SQL (baseline) p50 {raw50:7.2f} ms  p99 {raw99:7.2f} ms"
            f"   -> p99 {ours99 / raw99:.2f}x"
        )
    console.print(
        f"  growth {SIZES[0]:,} -> {SIZES[1]:,}: ours x{large['ours'][1] / small['ours'][1]:.1f},"
        f" raw SQL x{large['raw'][1] / small['raw'][1]:.1f} (p99)"
    )
    return 0
