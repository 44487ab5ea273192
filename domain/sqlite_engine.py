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
queued before it (domain.sqlite_route).

Reads outside a transaction go to a second connection (`SqliteImmediateClient._reader`,
a file's only): WAL lets it read what is committed while the first one writes, so a read
never waits for the write lock, nor for a commit queued before it, and never sees what a
transaction has not committed. That is what lets units of work that end together commit
together (domain.sqlite_groups).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import aiosqlite
from tortoise.backends.base.client import (
    BaseDBAsyncClient,
    ConnectionWrapper,
    TransactionContext,
)
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
    translate_exceptions,
)
from tortoise.connection import get_connections
from tortoise.exceptions import TransactionManagementError

from domain.db_priority import PriorityLock, is_background
from domain.sqlite_groups import (
    RELEASE,
    ROLLBACK_TO,
    SAVEPOINT,
    close_group,
    fail,
    flush,
    may_share,
    open_group,
    stays_open,
    wait_in_group,
)
from domain.sqlite_route import BEGIN, Calls, before_next, queue, route, run_pending, take_down

ENGINE = __name__  # what tortoise_config names instead of "tortoise.backends.sqlite"


class _ImmediateTransaction(SqliteTransactionWrapper):
    def __init__(self, client: SqliteImmediateClient) -> None:
        super().__init__(client)
        self._client_lock: PriorityLock = client._lock  # type: ignore[assignment]
        self._released = False
        # It may commit with other units of work (domain.sqlite_groups): it was made inside
        # `shared_commit()` and the reads outside transactions have a connection of their own.
        self._shares = may_share() and client._reader is not None
        self._joined = False  # runs in a savepoint of a group's open transaction

    async def begin(self) -> None:
        # BEGIN IMMEDIATE goes with the first statement (domain.sqlite_route), which ends a
        # transaction left open first, as Tortoise's begin does; in a group's transaction, a
        # savepoint of its own.
        connection = self._connection
        if open_group(connection) is not None:
            if self._shares:
                self._joined = True
                before_next(connection, SAVEPOINT, ())
                route(connection).ended = self.release_lock
                return
            flush(connection)  # it cannot join: the group commits first
        before_next(connection, BEGIN, ())
        route(connection).ended = self.release_lock

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
    """Tortoise's, but the lock goes as soon as the commit (or rollback) is queued; a unit of
    work that may share its commit (domain.sqlite_groups) ends in `_end_shared`."""

    async def __aexit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        transaction: _ImmediateTransaction = self.connection
        committed: Any = None  # the group's commit, which a unit of work left in it waits for
        try:
            if not transaction._finalized:
                if transaction._shares:
                    committed = await self._end_shared(exc_val)
                elif exc_type:
                    # As Tortoise's: a transaction that failed to begin has nothing to undo.
                    if exc_type is not TransactionManagementError:
                        await transaction.rollback()
                else:
                    await transaction.commit()
        finally:
            get_connections().reset(self.token)
            transaction.release_lock()
        if committed is not None:
            await committed

    async def _end_shared(self, error: BaseException | None) -> Any:
        """End a unit of work that may share its commit: leave it in the group, open or
        joined (the future of the group's commit), or commit it (with the group it ends), or
        undo it."""
        transaction: _ImmediateTransaction = self.connection
        connection = transaction._connection
        lock = transaction._client_lock
        joined = transaction._joined
        if error is None:
            began = connection._conn.in_transaction and route(connection).inline
            leaves_open = (joined or began) and stays_open(connection, lock)
            if not (joined or leaves_open):
                await self._commit_group()  # alone: what it left goes with the commit
                return None
            if joined:
                before_next(connection, RELEASE, ())
            try:
                run_pending(connection)  # what it left for the next call goes now: its own
            except Exception as failed:
                self._undo(failed)
                await self._rolled_back(failed)
                raise
            if not leaves_open:
                await self._commit_group()
                return None
            transaction._finalized = True
            return wait_in_group(connection, lock)
        self._undo(error)
        await self._rolled_back(error)
        return None

    async def _commit_group(self) -> None:
        """Commit the transaction, and with it the units of work of the group it ends."""
        members = close_group(self.connection._connection)
        try:
            await self.connection.commit()
        except BaseException as failed:
            fail(members, failed)
            raise
        for member in members:
            if not member.done():
                member.set_result(None)
        if members:
            # They go on first: what each publishes after its commit comes before this one's
            # (positions follow the order they ran in, domain.live.feed hands them over so).
            await asyncio.sleep(0)

    async def _rolled_back(self, error: BaseException) -> None:
        """A unit of work that opened its transaction rolls it all back (none joined it yet)."""
        transaction: _ImmediateTransaction = self.connection
        if not transaction._joined and not isinstance(error, TransactionManagementError):
            await transaction.rollback()

    def _undo(self, error: BaseException) -> None:
        """Undo a unit of work that joined a group (its savepoint), and commit the group's
        others if no more may come; if the group's transaction itself is gone, each of them
        fails too. (One that opened its transaction is rolled back, `_rolled_back`.)"""
        transaction: _ImmediateTransaction = self.connection
        if not transaction._joined:
            return
        transaction._finalized = True
        connection = transaction._connection
        found = route(connection)
        sent = not any(statement is SAVEPOINT for statement, _ in found.pending)
        found.pending = []  # nothing it left unsent goes
        conn = connection._conn
        try:
            if sent and conn.in_transaction:
                conn.execute(ROLLBACK_TO)
                conn.execute(RELEASE)
        except sqlite3.Error:
            if conn.in_transaction:
                conn.rollback()
        if not conn.in_transaction:
            take_down(connection)
            fail(close_group(connection), error)
            return
        if open_group(connection) is not None and not stays_open(
            connection, transaction._client_lock
        ):
            flush(connection)


async def send_unread(connection: BaseDBAsyncClient, sql: str, values: Sequence[Any]) -> None:
    """Send a statement whose outcome nobody reads (neither rows nor a count). In a unit of
    work on SQLite it goes with the transaction's next statement (or its commit), in the
    same hand-off to aiosqlite's thread; anywhere else, now. Its failure fails that next
    statement, in the same transaction, which is then rolled back."""
    if isinstance(connection, _ImmediateTransaction):
        connection.log.debug("%s: %s", sql, values)  # as Tortoise logs what it sends
        before_next(connection._connection, sql, values)
        return
    await connection.execute_query(sql, list(values))


def holds_write_lock(connection: BaseDBAsyncClient) -> bool:
    """Whether `connection` is a transaction on SQLite, which took the write lock when it
    began: no other writer, in this process or another, runs until it ends."""
    return isinstance(connection, _ImmediateTransaction)


def _changes_and_rows(
    conn: sqlite3.Connection, query: str, values: Sequence[Any] | None
) -> tuple[int, list[Any]]:
    """Tortoise's result of a statement, its rows and the rows it changed (or their count),
    counted where it runs."""
    start = conn.total_changes
    rows = conn.execute(query, values or []).fetchall()
    return (conn.total_changes - start) or len(rows), rows


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
        # Reads outside a transaction, on a file (an in-memory database has one connection).
        self._reader: aiosqlite.Connection | None = None

    def _in_transaction(self) -> TransactionContext:
        return _ImmediateContext(_ImmediateTransaction(self), self._lock)

    def acquire_connection(self) -> ConnectionWrapper:
        """Tortoise's, once the open group, if any, is committed (domain.sqlite_groups)."""
        return _Flushed(self._lock, self)

    async def _queued(self, function: Callable[[sqlite3.Connection], Any]) -> Any:
        """`function` of the sqlite3 connection, run in aiosqlite's thread, with the lock
        held only until it is queued: what is queued after it runs after it. It runs after
        the open group's commit, if any (it cannot join it)."""
        async with self._lock:
            if not self._connection:
                await self.create_connection(with_db=True)
            connection = self._connection
            assert connection is not None
            flush(connection)
            done = queue(connection, lambda: function(connection._conn))
        return await done

    async def _read(self, query: str, values: list[Any] | None) -> list[Any] | None:
        """The rows of a statement that only reads, from the reader's connection; None where
        there is none (in memory)."""
        if not _reads_only(query):
            return None
        if not self._connection:
            async with self._lock:
                await self.create_connection(with_db=True)
        reader = self._reader
        if reader is None:
            return None
        if is_background():
            # Background work reads after the requests waiting for the connection, as it
            # writes after them (domain.db_priority): its reads are its jobs' first steps.
            async with self._lock:
                pass
        rows: list[Any] = await reader._execute(
            lambda: reader._conn.execute(query, values or []).fetchall()
        )
        return rows

    # Tortoise's single statements, through `_queued` (or `_read`).

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
        rows = await self._read(query, values)
        if rows is not None:
            return len(rows), rows
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
        rows = await self._read(query, values)
        if rows is None:
            rows = await self._queued(lambda conn: conn.execute(query, values or []).fetchall())
        return list(map(dict, rows))

    async def create_connection(self, with_db: bool) -> None:
        """Tortoise's, with a sqlite3 connection any thread may use, one at a time (the
        connection's lock): a unit of work's statements run on the event loop's
        (domain.sqlite_route). A database in a file gets its reader too."""
        if self._connection:
            return
        self._connection = await self._connect()
        async with self._connection.execute("PRAGMA busy_timeout") as cursor:
            busy_timeout = await cursor.fetchone()
        assert busy_timeout is not None
        self._connection._tx = Calls(self._connection._tx, int(busy_timeout[0]))  # type: ignore[assignment]
        if not _in_memory(self.filename):
            self._reader = await self._connect(query_only="ON")
        await self._post_connect()

    async def _connect(self, **pragmas: str) -> aiosqlite.Connection:
        connection = await aiosqlite.connect(
            self.filename, isolation_level=None, check_same_thread=False
        )
        connection._conn.row_factory = sqlite3.Row
        for pragma, value in {**self.pragmas, **pragmas}.items():
            cursor = await connection.execute(f"PRAGMA {pragma}={value}")
            await cursor.close()
        return connection

    async def close(self) -> None:
        """Tortoise's, the open group committed first, and the reader closed too."""
        connection = self._connection
        if connection is not None and open_group(connection) is not None:
            async with self._lock:
                committed = flush(connection)
            if committed is not None:
                await asyncio.wait([committed])
        if self._reader is not None:
            await self._reader.close()
            self._reader = None
        await super().close()


class _Flushed(ConnectionWrapper[aiosqlite.Connection]):
    """Tortoise's connection wrapper (its lock taken), the open group committed first."""

    async def __aenter__(self) -> aiosqlite.Connection:
        connection = await super().__aenter__()
        flush(connection)
        return connection


def _reads_only(query: str) -> bool:
    """Whether a statement only reads (a SELECT, which cannot write on SQLite)."""
    return query.lstrip()[:6].upper() == "SELECT"


def _in_memory(filename: str) -> bool:
    return filename == ":memory:" or "mode=memory" in filename


client_class = SqliteImmediateClient


def get_client_class(db_info: dict[str, Any]) -> type[SqliteClient]:
    return SqliteImmediateClient
