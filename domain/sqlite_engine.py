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
from collections.abc import Callable
from typing import Any

import aiosqlite
from tortoise.backends.base.client import TransactionContext
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
        _begin_with_first_statement(self._connection)


def _begin_with_first_statement(connection: aiosqlite.Connection) -> None:
    """`BEGIN IMMEDIATE`, sent to aiosqlite's thread with the transaction's first statement
    (or its commit or rollback), in the same hand-off: each hand-off is a wake-up of that
    thread and then of the event loop, while the transaction holds the process's connection.
    No other task sends anything meanwhile (the transaction holds the connection's lock), and
    the connection's own `_execute` is back once the first statement is on its way."""
    send = connection._execute

    async def first(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        del connection._execute  # the class's own again

        def begun() -> Any:
            connection._conn.execute("BEGIN IMMEDIATE")
            return function(*args, **kwargs)

        return await send(begun)

    connection._execute = first  # type: ignore[method-assign,assignment]


class SqliteImmediateClient(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        super().__init__(file_path, **kwargs)
        self._lock = PriorityLock()  # type: ignore[assignment]  # asyncio.Lock's interface

    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(_ImmediateTransaction(self), self._lock)


client_class = SqliteImmediateClient


def get_client_class(db_info: dict[str, Any]) -> type[SqliteClient]:
    return SqliteImmediateClient
