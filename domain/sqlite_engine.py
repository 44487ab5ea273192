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
serves requests before background work (domain.db_priority).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiosqlite
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.exceptions import TransactionManagementError

from domain.db_priority import PriorityLock

ENGINE = __name__  # what tortoise_config names instead of "tortoise.backends.sqlite"


class _ImmediateTransaction(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            # As Tortoise's, end a transaction left open first; only then, as the connection
            # is in autocommit mode and a commit is a round trip to its thread.
            if self._connection.in_transaction:
                await self._connection.commit()
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc
        _before_next(self._connection, "BEGIN IMMEDIATE", ())


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
    inline: bool = False  # the transaction has begun: statements run on the loop's thread
    since_yield: float = 0.0


def _route(connection: aiosqlite.Connection) -> _Route:
    """The route of the unit of work on `connection`, installed on its first use.

    aiosqlite hands every call to a thread of its own and back to the event loop: two
    wake-ups of a thread, some 70 us, where the statements of a unit of work mostly take a
    few microseconds each; and a unit of work holds the process's one connection (its lock)
    through all of them, so under load those hand-offs were what every other request waited
    for. So:
    - statements queued with `_before_next` (BEGIN IMMEDIATE, `send_unread`) go with the next
      call, in the same hand-off;
    - the first hand-off, with BEGIN IMMEDIATE, goes to aiosqlite's thread (it may wait for
      another process's write, the busy timeout); once it has begun, the transaction's
      statements run right here, on the event loop's thread, with no hand-off: nothing else
      may use the connection meanwhile, and none of them waits on a lock, the transaction
      holding SQLite's write lock already;
    - its commit (which waits for the disk) and its rollback go to aiosqlite's thread again,
      and the connection's own `_execute` is back.
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
            try:
                for statement, parameters in pending:
                    connection._conn.execute(statement, parameters)
            except BaseException:
                # Never leave the transaction they began open behind an error (its
                # rollback, next, finds nothing to undo).
                if connection._conn.in_transaction:
                    connection._conn.rollback()
                raise
            return function(*args, **kwargs)

        if ending:
            del connection._execute  # the class's own again
            delattr(connection, _ROUTE)
            return await threaded(run)
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


def _ends_transaction(connection: aiosqlite.Connection, function: Callable[..., Any]) -> bool:
    return getattr(function, "__self__", None) is connection._conn and getattr(
        function, "__name__", ""
    ) in ("commit", "rollback", "close")


_ROUTE = "_mesa_route"
INLINE_SLICE = 0.02  # seconds of a unit of work's statements between turns of the event loop


class SqliteImmediateClient(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        super().__init__(file_path, **kwargs)
        self._lock = PriorityLock()  # type: ignore[assignment]  # asyncio.Lock's interface

    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(_ImmediateTransaction(self), self._lock)

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
        await self._post_connect()


client_class = SqliteImmediateClient


def get_client_class(db_info: dict[str, Any]) -> type[SqliteClient]:
    return SqliteImmediateClient
