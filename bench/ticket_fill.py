"""What the ticket benches share: a SQLite database of N tickets over three departments,
filled with bulk inserts, and the percentiles they print."""

from __future__ import annotations

import sqlite3
import statistics
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rich.progress import Progress

DEPARTMENTS = (1, 2, 3)
# (statement, rows) pairs a batch writes; each row a tuple of the statement's parameters.
Batch = Sequence[tuple[str, Iterable[Sequence[Any]]]]


def fill_tickets(
    path: Path,
    total: int,
    progress: Progress,
    batch: Callable[[int, int], Batch],
    *,
    size: int = 50_000,
) -> None:
    """Tickets 1..total, written `size` at a time by `batch(start, stop)`, after the three
    departments; then ANALYZE, so the planner knows the indexes as a live database would."""
    task = progress.add_task(f"{total:,} tickets", total=total)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        for department in DEPARTMENTS:
            connection.execute(
                "INSERT INTO department (id, code, name, name_es) VALUES (?, ?, 'D', 'D')",
                (department, f"D{department}"),
            )
        for start in range(1, total + 1, size):
            stop = min(start + size, total + 1)
            for statement, rows in batch(start, stop):
                connection.executemany(statement, rows)
            progress.advance(task, stop - start)
        connection.execute("ANALYZE")


def percentiles_ms(samples: list[float]) -> tuple[float, float]:
    """p50 and p99 of timings in seconds, in milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000
