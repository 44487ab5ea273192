"""Waiting, between the API bench's figures, for the jobs the last figure recorded.

In embedded mode (SQLite) the API's process also runs the workers: under wrk, createTicket
records notifications faster than two cores deliver them, and the backlog would still be
draining while the next figures run, the baseline's included, taking their CPU (the
baseline's create measured that way made our (c) look better, and (f) too). The bench waits
until at most a few jobs are waiting (the scheduler's periodic sweeps may keep recording a
few) before it measures the next figure. The distributed
bench starts no worker process (jobs wait in Redis, taking nobody's CPU): nothing to wait
for there.

On SQLite the baseline also gets a copy of the database of its own (`own_copy`), made once the
bench's token exists: the API process's periodic sweeps write to its file while the baseline's
figures run, and a baseline writing to that same file waited on those writes (SQLite has one
writer), which slowed its inserts and made our (c) look better than the work compared.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from contextlib import closing

WAITING = "SELECT count(*) FROM outbox_job WHERE status IN ('PENDING', 'ENQUEUED')"
SETTLED_AT = 50  # jobs still waiting: what the periodic sweeps keep in flight
MAX_WAIT_SECONDS = 120.0
POLL_SECONDS = 0.5


def settler(database_url: str) -> Callable[[], Awaitable[None]]:
    """An awaitable wait for the embedded workers' backlog on `database_url` (a no-op on a
    database whose jobs no process of the bench runs)."""
    if not database_url.startswith("sqlite://"):

        async def nothing() -> None:
            return None

        return nothing
    path = database_url.removeprefix("sqlite://")

    async def settled() -> None:
        started = time.monotonic()
        told = False
        while (waiting := await asyncio.to_thread(_waiting, path)) > SETTLED_AT:
            elapsed = time.monotonic() - started
            if elapsed > MAX_WAIT_SECONDS:
                print(f"  {waiting:,} jobs still waiting after {elapsed:.0f} s: measuring on")
                return
            if not told:
                print(f"  waiting for the workers' backlog ({waiting:,} jobs) before going on")
                told = True
            await asyncio.sleep(POLL_SECONDS)
        if told:
            print(f"  backlog delivered in {time.monotonic() - started:.1f} s")

    return settled


def own_copy(database_url: str, path: str) -> str:
    """A consistent copy of the SQLite database at `database_url` (SQLite's online backup,
    while the API runs), at `path`; its URL. Any other database is shared, as it is."""
    if not database_url.startswith("sqlite://"):
        return database_url
    source = database_url.removeprefix("sqlite://")
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)) as origin,
        closing(sqlite3.connect(path)) as copy,
    ):
        origin.backup(copy)
    return f"sqlite://{path}"


def _waiting(path: str) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as connection:
        (count,) = connection.execute(WAITING).fetchone()
    return int(count)
