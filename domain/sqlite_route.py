"""How a unit of work's calls reach the process's one SQLite connection (domain.sqlite_engine).

aiosqlite hands every call to a thread of its own and back to the event loop: two wake-ups of
a thread, some 70 us, where the statements of a unit of work mostly take a few microseconds
each; and under load the event loop resumes the task only once the other requests' work
before it has run, while the unit of work holds the process's one connection (its lock). So:
- statements queued with `before_next` (BEGIN IMMEDIATE, `send_unread`) go with the next
  call;
- BEGIN IMMEDIATE runs right here, on the event loop's thread, once aiosqlite's thread has run
  what was queued before (the last commit, mostly: it waits `IDLE_WAIT` at most), without
  waiting for another process's write (busy timeout 0). Otherwise it goes to aiosqlite's
  thread with the first statement, where it may wait for that process (the busy timeout);
- once begun, the transaction's statements run here too, with no hand-off: nothing else may
  use the connection meanwhile, and none of them waits on a lock, the transaction holding
  SQLite's write lock already;
- its commit (which waits for the disk) and its rollback go to aiosqlite's thread
  (`hand_off`), the lock is released as soon as they are queued (`Route.ended`), and the
  connection's own `_execute` is back. A commit that fails is rolled back there, so no
  transaction is left open for the next one.
A long unit of work lets the event loop run every `INLINE_SLICE` seconds.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

BEGIN = "BEGIN IMMEDIATE"
INLINE_SLICE = 0.02  # seconds of a unit of work's statements between turns of the event loop
# Seconds the event loop's thread waits for aiosqlite's to finish what it runs (a commit's
# write to the disk, mostly) before a transaction begins, at most; beyond, the transaction
# begins in aiosqlite's thread.
IDLE_WAIT = 0.002
_ROUTE = "_mesa_route"


def before_next(connection: aiosqlite.Connection, sql: str, values: Sequence[Any]) -> None:
    """Run `sql` right before the next call sent to the connection, with it."""
    route(connection).pending.append((sql, values))


@dataclass
class Route:
    """How a unit of work's calls reach its sqlite3 connection (see the module)."""

    pending: list[tuple[str, Sequence[Any]]] = field(default_factory=list)
    ended: Callable[[], None] | None = None  # called once its commit or rollback is queued
    inline: bool = False  # the transaction has begun: statements run on the loop's thread
    since_yield: float = 0.0


def route(connection: aiosqlite.Connection) -> Route:
    """The route of the unit of work on `connection`, installed on its first use."""
    found: Route | None = connection.__dict__.get(_ROUTE)
    if found is not None:
        return found
    new = Route()
    setattr(connection, _ROUTE, new)
    threaded = connection._execute
    loop_time = asyncio.get_running_loop().time

    async def execute(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        if _ends_transaction(connection, function):
            done = hand_off(connection, lambda: function(*args, **kwargs))
            if new.ended is not None:
                new.ended()
            return await done
        pending, new.pending = new.pending, []
        if not new.inline and pending and pending[0][0] is BEGIN and _begin_here(connection):
            del pending[0]
            new.inline = True
            new.since_yield = loop_time()
            return _run(connection, pending, lambda: function(*args, **kwargs))
        if not new.inline:
            result = await threaded(_run, connection, pending, lambda: function(*args, **kwargs))
            new.inline = connection._conn.in_transaction
            new.since_yield = loop_time()
            return result
        if loop_time() - new.since_yield > INLINE_SLICE:
            await asyncio.sleep(0)
            new.since_yield = loop_time()
        return _run(connection, pending, lambda: function(*args, **kwargs))

    connection._execute = execute  # type: ignore[method-assign,assignment]
    return new


def hand_off(connection: aiosqlite.Connection, ending: Callable[[], Any]) -> asyncio.Future[Any]:
    """Queue the statements still pending on `connection`'s route, then `ending` (its commit
    or rollback), to aiosqlite's thread now, and take the route down (the connection's own
    `_execute` is back): the future of `ending`'s result."""
    pending = take_down(connection)
    return queue(connection, lambda: _run(connection, pending, ending, ends=True))


def take_down(connection: aiosqlite.Connection) -> list[tuple[str, Sequence[Any]]]:
    """Take `connection`'s route down, its transaction over: what it left pending."""
    found: Route | None = connection.__dict__.pop(_ROUTE, None)
    if "_execute" in connection.__dict__:
        del connection._execute  # the class's own again
    return found.pending if found is not None else []


def run_pending(connection: aiosqlite.Connection) -> None:
    """Send what the route holds for the next call now, on the event loop's thread (its
    transaction has begun there)."""
    found = route(connection)
    pending, found.pending = found.pending, []
    _run(connection, pending, lambda: None)


def _run(
    connection: aiosqlite.Connection,
    pending: Sequence[tuple[str, Sequence[Any]]],
    call: Callable[[], Any],
    *,
    ends: bool = False,
) -> Any:
    """The statements left pending, then `call`, on the sqlite3 connection; `ends`: `call`
    ends the transaction (a commit or a rollback).

    A statement that fails in a transaction begun before this call leaves it to its unit of
    work to undo (all of it, or its savepoint, domain.sqlite_groups). Where the transaction
    begins or ends in this call, an error rolls it back here: no transaction is left open
    behind it (a rollback, next, finds nothing to undo; a failed commit is not committed by
    the next BEGIN)."""
    conn = connection._conn
    begun_before = conn.in_transaction
    try:
        for statement, parameters in pending:
            if statement is BEGIN and conn.in_transaction:
                conn.commit()  # a transaction left open: ended first, as Tortoise does
            conn.execute(statement, parameters)
        if ends:
            return call()
    except BaseException:
        if conn.in_transaction and (ends or not begun_before):
            conn.rollback()
        raise
    return call()


def _begin_here(connection: aiosqlite.Connection) -> bool:
    """BEGIN IMMEDIATE on the event loop's thread, if aiosqlite's thread is done with what was
    queued before within `IDLE_WAIT` and no other process holds SQLite's write lock."""
    calls: Calls = connection._tx  # type: ignore[assignment]
    if not calls.wait_done(IDLE_WAIT):
        return False
    conn = connection._conn
    if conn.in_transaction:
        return False  # a transaction left open: ended there first
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute(BEGIN)
    except sqlite3.OperationalError:
        return False  # locked by another process: wait for it in aiosqlite's thread
    finally:
        conn.execute(f"PRAGMA busy_timeout = {calls.busy_timeout_ms}")
    return True


def queue(connection: aiosqlite.Connection, function: Callable[[], Any]) -> asyncio.Future[Any]:
    """Queue `function` to aiosqlite's thread now (aiosqlite.Connection._execute's coroutine
    queues it only once awaited), for its result."""
    if not connection._running or not connection._connection:
        raise ValueError("Connection closed")
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    connection._tx.put_nowait((future, function))
    return future


class Calls:
    """aiosqlite's queue of calls to its thread (which runs them in order), knowing when the
    thread has run every call queued."""

    def __init__(self, queue: Any, busy_timeout_ms: int) -> None:
        self._queue = queue
        self._waiting = 0
        self._done = threading.Condition()
        self.busy_timeout_ms = busy_timeout_ms

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        with self._done:
            self._waiting += 1

        def counted() -> Any:
            try:
                return function()
            finally:
                with self._done:
                    self._waiting -= 1
                    self._done.notify_all()

        self._queue.put_nowait((future, counted))

    def wait_done(self, timeout: float) -> bool:
        """Whether the thread has run every call queued, waiting `timeout` at most."""
        with self._done:
            return self._done.wait_for(lambda: not self._waiting, timeout)


def _ends_transaction(connection: aiosqlite.Connection, function: Callable[..., Any]) -> bool:
    return getattr(function, "__self__", None) is connection._conn and getattr(
        function, "__name__", ""
    ) in ("commit", "rollback", "close")
