"""Group commit on SQLite: units of work that end while other writes are in flight share one
COMMIT.

On SQLite a process writes through one connection, and a unit of work's commit is most of its
cost: the pages it changed written to the WAL (about 47 for a new ticket, most of them the
same few pages of each table and index that the next ticket changes again), and the next unit
of work cannot begin before it is done. A unit of work that ends while other writes are in
flight (the API's mutations, domain.db_priority.serving_write) or wait for the connection
leaves its transaction open for them (`stays_open`): each one that comes next runs inside it,
in a savepoint of its own, and whichever ends when no more may come (all the writes in flight
have joined), or once the group is `GROUP_WAIT` old or `GROUP_MAX` strong, commits them all at
once. PostgreSQL does the same for concurrent transactions (commit_delay, only when at least
commit_siblings others are active), as does MySQL's binary log (binlog_group_commit_sync_delay).

- Nothing is answered before it is committed: every unit of work of a group waits for the
  group's commit (`Group.members`) before its caller goes on, and if the commit fails, each of
  them fails with it, so none is reported done and then lost.
- A unit of work that fails rolls back its own savepoint only: the others of its group commit
  as if it had never run.
- A unit of work that ends with no other write in flight commits at once, as before: a write
  alone waits for nothing.
- Reads outside a transaction go to a connection of their own (domain.sqlite_engine), which
  sees only what is committed; a statement or a transaction that cannot join (a write outside
  a unit of work, a snapshot) commits the open group first (`flush`). Another process waits for
  the group's commit as for any transaction's (SQLite's lock, its busy timeout).

Only units of work join (`shared_commit`, domain.uow); a plain `in_transaction()` commits on
its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from domain.db_priority import PriorityLock, writes_in_flight
from domain.sqlite_route import hand_off

GROUP_WAIT = 0.010  # seconds a group stays open for more units of work, at most
GROUP_MAX = 32  # units of work in one commit, at most
SAVEPOINT = "SAVEPOINT mesa_unit"
RELEASE = "RELEASE mesa_unit"
ROLLBACK_TO = "ROLLBACK TO mesa_unit"
_GROUP = "_mesa_group"

_shared: ContextVar[bool] = ContextVar("mesa_shared_commit", default=False)


@contextmanager
def shared_commit() -> Iterator[None]:
    """Transactions begun inside may commit together with other units of work."""
    token = _shared.set(True)
    try:
        yield
    finally:
        _shared.reset(token)


def may_share() -> bool:
    return _shared.get()


@dataclass(eq=False)
class Group:
    """The units of work a transaction left open holds, each waiting for its commit."""

    opened: float  # the event loop's time when its first unit of work ended
    members: list[asyncio.Future[None]] = field(default_factory=list)
    timer: asyncio.TimerHandle | None = None


def open_group(connection: aiosqlite.Connection) -> Group | None:
    """The group whose transaction is open on `connection`, if any."""
    return connection.__dict__.get(_GROUP)


def stays_open(connection: aiosqlite.Connection, lock: PriorityLock) -> bool:
    """Whether the unit of work ending now (holding `lock`) leaves its transaction open for
    others: some may come (a waiter for the lock, or more requests in flight than the group
    holds), and the group is neither full nor old."""
    group = open_group(connection)
    joined = len(group.members) if group is not None else 0
    if joined + 1 >= GROUP_MAX:
        return False
    loop = asyncio.get_running_loop()
    if group is not None and loop.time() - group.opened >= GROUP_WAIT:
        return False
    return lock.waiting() or writes_in_flight() > joined + 1


def wait_in_group(connection: aiosqlite.Connection, lock: PriorityLock) -> asyncio.Future[None]:
    """Join (or open) the group on `connection`: the future of its commit. The caller then lets
    the lock go and waits for it."""
    loop = asyncio.get_running_loop()
    group = open_group(connection)
    if group is None:
        group = Group(opened=loop.time())
        setattr(connection, _GROUP, group)
        group.timer = loop.call_later(GROUP_WAIT, _expire, connection, lock, group)
    member: asyncio.Future[None] = loop.create_future()
    group.members.append(member)
    return member


def close_group(connection: aiosqlite.Connection) -> list[asyncio.Future[None]]:
    """Take the open group off `connection` (its caller commits it): its members."""
    group: Group | None = connection.__dict__.pop(_GROUP, None)
    if group is None:
        return []
    if group.timer is not None:
        group.timer.cancel()
    return group.members


def settle(members: list[asyncio.Future[None]], done: asyncio.Future[Any]) -> None:
    """Tell a group's units of work how its commit went."""
    error = done.exception() if not done.cancelled() else asyncio.CancelledError()
    for member in members:
        if member.done():
            continue
        if error is None:
            member.set_result(None)
        else:
            member.set_exception(error)


def fail(members: list[asyncio.Future[None]], error: BaseException) -> None:
    for member in members:
        if not member.done():
            member.set_exception(error)


def flush(connection: aiosqlite.Connection) -> asyncio.Future[Any] | None:
    """Commit the open group on `connection` now, if any, by a caller that holds the lock:
    its commit is queued to aiosqlite's thread before anything the caller sends next."""
    members = close_group(connection)
    if not members:
        return None
    done = hand_off(connection, connection._conn.commit)
    done.add_done_callback(lambda finished: settle(members, finished))
    return done


def _expire(connection: aiosqlite.Connection, lock: PriorityLock, group: Group) -> None:
    """The group is `GROUP_WAIT` old: commit it, once no unit of work holds the lock (one that
    does commits it when it ends, the group being old)."""
    if open_group(connection) is group:
        group.timer = None
        asyncio.get_running_loop().create_task(_commit_expired(connection, lock, group))


async def _commit_expired(
    connection: aiosqlite.Connection, lock: PriorityLock, group: Group
) -> None:
    await lock.acquire()
    try:
        if open_group(connection) is group:
            flush(connection)
    finally:
        lock.release()
