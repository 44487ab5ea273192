"""Tortoise's SQLite backend, with transactions that take the write lock when they begin.

Several processes share an embedded install's database file: `mesa serve` and CLI commands
such as `mesa import-mail` or `mesa backup`. SQLite's default transaction (`BEGIN`, deferred)
reads from a snapshot and asks for the write lock only at its first write; if another process
committed since its first read, that write fails at once with "database is locked" (the busy
timeout cannot help: the snapshot is stale). `BEGIN IMMEDIATE` takes the write lock up front,
so a second writer waits for the first (the connection's busy timeout) instead of either
failing; WAL readers outside transactions are not blocked. The SQLite docs recommend it for
transactions that will write; Django's SQLite backend offers the same ("transaction_mode").

The connection's lock, which every statement and transaction of the process takes in turn,
serves requests before background work (domain.db_priority). Under load it is what requests
wait for, so it is not held while a task waits for the event loop to resume it, which under
load waited behind the other requests' work (about 3 ms a new ticket, with the lock held):
aiosqlite's thread runs the calls queued to it in order, so a single statement, a commit or
a rollback lets the lock go as soon as it is queued (what is queued after it runs after it),
and a transaction begins on the event loop's thread once aiosqlite's has run what was
queued before it (`_route`).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
    translate_exceptions,
)
from tortoise.connection import get_connections
from tortoise.exceptions import TransactionManagementError

from domain.db_priority import PriorityLock

ENGINE = __name__  # what tortoise_config names instead of "tortoise.backends.sqlite"


class _ImmediateTransaction(SqliteTransactionWrapper):
    def __init__(self, client: SqliteImmediateClient) -> None:
        super().__init__(client)
        self._client_lock = client._lock
        self._released = False

    async def begin(self) -> None:
        # BEGIN IMMEDIATE goes with the first statement (`_route`), which ends a transaction
        # left open first, as Tortoise's begin does.
        _before_next(self._connection, BEGIN, ())
        _route(self._connection).ended = self.release_lock

    @translate_exceptions
    async def execute_query(
        self, query: str, values: list[Any] | None = None
    ) -> tuple[int, Sequence[dict[str, Any]]]:
        """Tortoise's, with the changes counted by the call that runs the statement: once
        this transaction's BEGIN is handed to aiosqlite's thread, the last one's commit may
        still be running there (its lock let go when it was queued), changing the count
        read before."""
        query = query.replace("\x00", "'||CHAR(0)||'")
        async with self.acquire_connection() as connection:
            self.log.debug("%s: %s", query, values)
            result: tuple[int, Sequence[dict[str, Any]]] = await connection._execute(
                lambda: _changes_and_rows(connection._conn, query, values)
            )
            return result

    def release_lock(self) -> None:
        """Let the connection's lock go, once: when the transaction's commit or rollback is
        queued to aiosqlite's thread, or when it ends without one."""
        if not self._released:
            self._released = True
            self._client_lock.release()


class _ImmediateContext(SqliteTransactionContext):
    """Tortoise's, but the lock goes as soon as the commit (or rollback) is queued."""

    async def __aexit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        transaction: _ImmediateTransaction = self.connection
        try:
            if not transaction._finalized:
                if exc_type:
                    # As Tortoise's: a transaction that failed to begin has nothing to undo.
                    if exc_type is not TransactionManagementError:
                        await transaction.rollback()
                else:
                    await transaction.commit()
        finally:
            get_connections().reset(self.token)
            transaction.release_lock()


async def send_unread(connection: BaseDBAsyncClient, sql: str, values: Sequence[Any]) -> None:
    """Send a statement whose outcome nobody reads (neither rows nor a count). In a unit of
    work on SQLite it goes with the transaction's next statement (or its commit), in the
    same hand-off to aiosqlite's thread; anywhere else, now. Its failure fails that next
    statement, in the same transaction, which is then rolled back."""
    if isinstance(connection, _ImmediateTransaction):
        connection.log.debug("%s: %s", sql, values)  # as Tortoise logs what it sends
        _before_next(connection._connection, sql, values)
        return
    await connection.execute_query(sql, list(values))


def holds_write_lock(connection: BaseDBAsyncClient) -> bool:
    """Whether `connection` is a transaction on SQLite, which took the write lock when it
    began: no other writer, in this process or another, runs until it ends."""
    return isinstance(connection, _ImmediateTransaction)


def _before_next(connection: aiosqlite.Connection, sql: str, values: Sequence[Any]) -> None:
    """Run `sql` right before the next call sent to the connection, with it."""
    _route(connection).pending.append((sql, values))


@dataclass
class _Route:
    """How a unit of work's calls reach its sqlite3 connection (see `_route`)."""

    pending: list[tuple[str, Sequence[Any]]] = field(default_factory=list)
    ended: Callable[[], None] | None = None  # called once its commit or rollback is queued
    inline: bool = False  # the transaction has begun: statements run on the loop's thread
    since_yield: float = 0.0


def _route(connection: aiosqlite.Connection) -> _Route:
    """The route of the unit of work on `connection`, installed on its first use.

    aiosqlite hands every call to a thread of its own and back to the event loop: two
    wake-ups of a thread, some 70 us, where the statements of a unit of work mostly take a
    few microseconds each; and under load the event loop resumes the task only once the
    other requests' work before it has run, while the unit of work holds the process's one
    connection (its lock). So:
    - statements queued with `_before_next` (BEGIN IMMEDIATE, `send_unread`) go with the next
      call;
    - BEGIN IMMEDIATE runs right here, on the event loop's thread, once aiosqlite's thread has
      run what was queued before (the last commit, mostly: it waits `IDLE_WAIT` at most),
      without waiting for another process's write (busy timeout 0). Otherwise it goes to
      aiosqlite's thread with the first statement, where it may wait for that process (the
      busy timeout);
    - once begun, the transaction's statements run here too, with no hand-off: nothing else
      may use the connection meanwhile, and none of them waits on a lock, the transaction
      holding SQLite's write lock already;
    - its commit (which waits for the disk) and its rollback go to aiosqlite's thread, the
      lock is released as soon as they are queued (`_Route.ended`), and the connection's own
      `_execute` is back. A commit that fails is rolled back there, so no transaction is
      left open for the next one.
    A long unit of work lets the event loop run every `INLINE_SLICE` seconds.
    """
    route: _Route | None = connection.__dict__.get(_ROUTE)
    if route is not None:
        return route
    route = _Route()
    setattr(connection, _ROUTE, route)
    threaded = connection._execute
    loop_time = asyncio.get_running_loop().time

    async def execute(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        pending, route.pending = route.pending, []
        ending = _ends_transaction(connection, function)

        def run() -> Any:
            conn = connection._conn
            try:
                for statement, parameters in pending:
                    if statement is BEGIN and conn.in_transaction:
                        conn.commit()  # a transaction left open: ended first, as Tortoise does
                    conn.execute(statement, parameters)
                if ending:
                    return function(*args, **kwargs)
            except BaseException:
                # Never leave a transaction open behind an error (its rollback, next, finds
                # nothing to undo; a failed commit is not committed by the next BEGIN).
                if conn.in_transaction:
                    conn.rollback()
                raise
            return function(*args, **kwargs)

        if ending:
            del connection._execute  # the class's own again
            delattr(connection, _ROUTE)
            done = _queue(connection, run)
            if route.ended is not None:
                route.ended()
            return await done
        if not route.inline and pending and pending[0][0] is BEGIN and _begin_here(connection):
            del pending[0]
            route.inline = True
            route.since_yield = loop_time()
            return run()
        if not route.inline:
            result = await threaded(run)
            route.inline = connection._conn.in_transaction
            route.since_yield = loop_time()
            return result
        if loop_time() - route.since_yield > INLINE_SLICE:
            await asyncio.sleep(0)
            route.since_yield = loop_time()
        return run()

    connection._execute = execute  # type: ignore[method-assign,assignment]
    return route


def _begin_here(connection: aiosqlite.Connection) -> bool:
    """BEGIN IMMEDIATE on the event loop's thread, if aiosqlite's thread is done with what was
    queued before within `IDLE_WAIT` and no other process holds SQLite's write lock."""
    calls: _Calls = connection._tx  # type: ignore[assignment]
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


def _queue(connection: aiosqlite.Connection, function: Callable[[], Any]) -> asyncio.Future[Any]:
    """Queue `function` to aiosqlite's thread now (aiosqlite.Connection._execute's coroutine
    queues it only once awaited), for its result."""
    if not connection._running or not connection._connection:
        raise ValueError("Connection closed")
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    connection._tx.put_nowait((future, function))
    return future


class _Calls:
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


def _changes_and_rows(
    conn: sqlite3.Connection, query: str, values: Sequence[Any] | None
) -> tuple[int, list[Any]]:
    """Tortoise's result of a statement, its rows and the rows it changed (or their count),
    counted where it runs."""
    start = conn.total_changes
    rows = conn.execute(query, values or []).fetchall()
    return (conn.total_changes - start) or len(rows), rows


def _ends_transaction(connection: aiosqlite.Connection, function: Callable[..., Any]) -> bool:
    return getattr(function, "__self__", None) is connection._conn and getattr(
        function, "__name__", ""
    ) in ("commit", "rollback", "close")


_ROUTE = "_mesa_route"
BEGIN = "BEGIN IMMEDIATE"
INLINE_SLICE = 0.02  # seconds of a unit of work's statements between turns of the event loop
# Seconds the event loop's thread waits for aiosqlite's to finish what it runs (a commit's
# write to the disk, mostly) before a transaction begins, at most; beyond, the transaction
# begins in aiosqlite's thread.
IDLE_WAIT = 0.002


# Parameters sqlite3 binds without an adapter are exact ints, floats, strs and bytearrays;
# for any other (None, a bool) it looks one up, and on Python 3.11 a value with none costs a
# failed attribute lookup on a type, whose AttributeError message is formatted and dropped:
# some 50 of them for a new ticket's rows, 1.5 % of its instructions (measured with
# callgrind). Adapters for them bind the same values (NULL; a bool as the int sqlite3 makes
# of it), found at once. `_NOTHING.get` gives None for any value, without a Python call.
_NOTHING: dict[None, None] = {}
sqlite3.register_adapter(type(None), _NOTHING.get)
sqlite3.register_adapter(bool, int)


class SqliteImmediateClient(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        super().__init__(file_path, **kwargs)
        self._lock = PriorityLock()  # type: ignore[assignment]  # asyncio.Lock's interface

    def _in_transaction(self) -> TransactionContext:
        return _ImmediateContext(_ImmediateTransaction(self), self._lock)

    async def _queued(self, function: Callable[[sqlite3.Connection], Any]) -> Any:
        """`function` of the sqlite3 connection, run in aiosqlite's thread, with the lock
        held only until it is queued: what is queued after it runs after it."""
        async with self._lock:
            if not self._connection:
                await self.create_connection(with_db=True)
            connection = self._connection
            assert connection is not None
            done = _queue(connection, lambda: function(connection._conn))
        return await done

    # Tortoise's single statements, through `_queued`.

    @translate_exceptions
    async def execute_insert(self, query: str, values: list[Any]) -> int:
        self.log.debug("%s: %s", query, values)
        return int(await self._queued(lambda conn: conn.execute(query, values).lastrowid))

    @translate_exceptions
    async def execute_query(
        self, query: str, values: list[Any] | None = None
    ) -> tuple[int, Sequence[dict[str, Any]]]:
        query = query.replace("\x00", "'||CHAR(0)||'")
        self.log.debug("%s: %s", query, values)

        result: tuple[int, Sequence[dict[str, Any]]] = await self._queued(
            lambda conn: _changes_and_rows(conn, query, values)
        )
        return result

    @translate_exceptions
    async def execute_query_dict(
        self, query: str, values: list[Any] | None = None
    ) -> list[dict[str, Any]]:
        query = query.replace("\x00", "'||CHAR(0)||'")
        self.log.debug("%s: %s", query, values)
        rows = await self._queued(lambda conn: conn.execute(query, values or []).fetchall())
        return list(map(dict, rows))

    async def create_connection(self, with_db: bool) -> None:
        """Tortoise's, with a sqlite3 connection any thread may use, one at a time (the
        connection's lock): a unit of work's statements run on the event loop's (`_route`)."""
        if self._connection:
            return
        self._connection = await aiosqlite.connect(
            self.filename, isolation_level=None, check_same_thread=False
        )
        self._connection._conn.row_factory = sqlite3.Row
        for pragma, value in self.pragmas.items():
            cursor = await self._connection.execute(f"PRAGMA {pragma}={value}")
            await cursor.close()
        async with self._connection.execute("PRAGMA busy_timeout") as cursor:
            busy_timeout = await cursor.fetchone()
        assert busy_timeout is not None
        self._connection._tx = _Calls(self._connection._tx, int(busy_timeout[0]))  # type: ignore[assignment]
        await self._post_connect()


client_class = SqliteImmediateClient


def get_client_class(db_info: dict[str, Any]) -> type[SqliteClient]:
    return SqliteImmediateClient
