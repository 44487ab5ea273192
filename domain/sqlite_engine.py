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

import sqlite3
from collections.abc import Callable, Sequence
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


def _before_next(connection: aiosqlite.Connection, sql: str, values: Sequence[Any]) -> None:
    """Run `sql` in aiosqlite's thread right before the next call sent there, in the same
    hand-off. Each hand-off is a wake-up of that thread, then of the event loop, while the
    transaction holds the process's connection; no other task sends anything meanwhile (the
    transaction holds the connection's lock). Once the next call is on its way the
    connection's own `_execute` is back."""
    pending: list[tuple[str, Sequence[Any]]] | None = connection.__dict__.get(_PENDING)
    if pending is None:
        pending = []
        setattr(connection, _PENDING, pending)
        send = connection._execute

        async def with_pending(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
            del connection._execute  # the class's own again
            delattr(connection, _PENDING)

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

            return await send(run)

        connection._execute = with_pending  # type: ignore[method-assign,assignment]
    pending.append((sql, values))


_PENDING = "_mesa_before_next"


class SqliteImmediateClient(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        super().__init__(file_path, **kwargs)
        self._lock = PriorityLock()  # type: ignore[assignment]  # asyncio.Lock's interface

    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(_ImmediateTransaction(self), self._lock)


client_class = SqliteImmediateClient


def get_client_class(db_info: dict[str, Any]) -> type[SqliteClient]:
    return SqliteImmediateClient
