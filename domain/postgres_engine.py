"""PostgreSQL through Tortoise's asyncpg client, with transactions that begin with their first
statement, and a last statement that may be a transaction's whole (`send_alone`).

Tortoise's transaction sends BEGIN as it is entered and COMMIT as it is left: two round trips,
and the client's CPU for each, around statements that, for a new ticket, are one. Here a
transaction (`in_transaction()`, a unit of work) takes its connection from the pool as it is
entered, and sends BEGIN just before its first statement, on the same connection: nothing
else is sent on it between the two, so every statement runs in the transaction exactly as
before. A transaction whose one statement is marked to be sent alone (a unit of work whose
writes all went into its last statement, domain.uow) sends no BEGIN at all: PostgreSQL runs a
statement outside a transaction block as a transaction of its own, all of it or none of it,
so that statement commits with itself and the COMMIT is left out too.

A hook (`before_statement`) runs before the transaction's next statement, whatever sends it:
a unit of work whose rows wait for its last statement, which a statement in between must see,
sends them first (domain.uow).

A nested transaction (a savepoint) first begins the one it is in. tests/test_postgres_engine.py
checks the statements each case sends.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.base.client import (
    ConnectionWrapper,
    NestedTransactionContext,
    TransactionContext,
    TransactionContextPooled,
)
from tortoise.exceptions import TransactionManagementError

ENGINE = __name__  # what tortoise_config names instead of "tortoise.backends.asyncpg"


class LazyTransaction(TransactionWrapper):
    """A transaction that begins with its first statement (see the module)."""

    def __init__(self, connection: AsyncpgDBClient) -> None:
        super().__init__(connection)
        # Run (once) before the next statement is sent, whatever sends it.
        self.before_statement: Callable[[], Awaitable[None]] | None = None
        self._alone = False  # the next statement is the whole transaction, if it is the first
        self._reading = False  # statements go before BEGIN, each on its own (`reads_first`)

    @property
    def begun(self) -> bool:
        return self.transaction is not None

    def send_alone(self) -> None:
        """The next statement is the transaction's last: sent without BEGIN when it is also
        its first, it commits with itself (no COMMIT follows)."""
        self._alone = True

    @contextmanager
    def reads_first(self) -> Iterator[None]:
        """Reads sent inside, while nothing has begun, go before BEGIN, each a transaction of
        its own, on the transaction's connection (no other connection taken from the pool):
        reads whose rows a write checks are still as read (a reply's ticket, by its row's
        version: domain.tickets.replies)."""
        if self.transaction is not None or self._finalized:
            yield
            return
        self._reading = True
        try:
            yield
        finally:
            self._reading = False

    def acquire_connection(self) -> ConnectionWrapper[asyncpg.Connection]:
        return _Starting(self._lock, self)

    async def begin(self) -> None:
        """As the transaction is entered: nothing is sent yet (`start`, before its first
        statement)."""

    async def ready(self) -> None:
        """Run the hook waiting for the next statement, if any."""
        hook = self.before_statement
        if hook is not None:
            self.before_statement = None
            await hook()

    async def start(self) -> None:
        if self._finalized:
            raise TransactionManagementError("Transaction already finalised")
        if self.transaction is None:
            await TransactionWrapper.begin(self)

    async def commit(self) -> None:
        if self.transaction is None:  # nothing sent, or one statement sent alone
            self._finalized = True
            return
        await super().commit()

    async def rollback(self) -> None:
        if self.transaction is None:  # nothing sent, or one statement sent alone
            self._finalized = True
            return
        await super().rollback()

    def _in_transaction(self) -> TransactionContext:
        return NestedTransactionContext(_Savepoint(self))


class _Starting(ConnectionWrapper[asyncpg.Connection]):
    """The connection of a `LazyTransaction` for its next statement, its BEGIN sent first."""

    __slots__ = ()

    async def __aenter__(self) -> asyncpg.Connection:
        client = self.client
        assert isinstance(client, LazyTransaction)
        await client.ready()
        await self._lock.acquire()
        try:
            if client.transaction is None:
                if client._finalized:
                    raise TransactionManagementError("Transaction already finalised")
                if client._alone:
                    # PostgreSQL runs it as a transaction of its own: it commits with itself.
                    client._finalized = True
                elif not client._reading:
                    await client.start()
            client._alone = False
        except BaseException:
            self._lock.release()
            raise
        return self.connection


class _Savepoint(TransactionWrapper):
    """A transaction nested in a `LazyTransaction`: that one begins first, so this one is a
    savepoint of it."""

    async def begin(self) -> None:
        outer = self._parent
        assert isinstance(outer, LazyTransaction)
        await outer.ready()
        await outer.start()
        await super().begin()


class LazyAsyncpgClient(AsyncpgDBClient):
    def _in_transaction(self) -> TransactionContext:
        return TransactionContextPooled(LazyTransaction(self), self._pool_init_lock)


client_class = LazyAsyncpgClient
