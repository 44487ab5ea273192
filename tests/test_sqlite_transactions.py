"""On SQLite, several processes share one database file (`mesa serve` and a CLI command such
as `mesa import-mail`). A unit of work that reads, then writes, must not fail because another
process committed in between: it takes the write lock when it begins, and the other process
waits for it (the busy timeout) instead of either of them getting "database is locked"."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError

from domain import live
from domain.counters import draw
from domain.identity.viewer import SYSTEM
from domain.models import EventKind, Ticket, TicketEvent, TicketStatus
from domain.sqlite_engine import send_unread
from domain.tickets.changes import record_event
from domain.uow import unit_of_work
from tests.own_database import make_ticket, own_database


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Path]:
    async with own_database(tmp_path) as url:
        yield Path(url.removeprefix("sqlite://"))


def _another_process_draws(path: Path) -> int:
    """A write through a connection of its own, as another process makes it."""
    with sqlite3.connect(path, timeout=10) as connection:
        row = connection.execute(
            "INSERT INTO counter (name, value) VALUES ('elsewhere', 1) "
            "ON CONFLICT (name) DO UPDATE SET value = counter.value + 1 RETURNING value"
        ).fetchone()
        return int(row[0])


async def test_a_unit_of_work_that_reads_then_writes_is_not_refused_by_another_writer(
    database: Path,
) -> None:
    # Given a unit of work that has read already
    async with unit_of_work() as uow:
        await Ticket.all().using_db(uow.connection).count()
        # When another process writes meanwhile (given half a second to get through)
        elsewhere = asyncio.create_task(asyncio.to_thread(_another_process_draws, database))
        await asyncio.wait({elsewhere}, timeout=0.5)
        # Then the unit of work still writes and commits
        drawn = await draw(uow.connection, "here")
    # and the other process's write lands too, after it
    assert drawn == 1
    assert await elsewhere == 1


def _aiosqlite() -> aiosqlite.Connection:
    return connections.get("default")._connection  # type: ignore[no-any-return]


@pytest.fixture
async def trips(database: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The calls handed to the connection's own thread from now on (its set-up not counted)."""
    handed: list[Any] = []
    await Ticket.all().count()  # the connection is open
    calls = _aiosqlite()._tx
    put = calls.put_nowait

    def counted(item: tuple[Any, Any]) -> None:
        handed.append(item[1])
        put(item)

    monkeypatch.setattr(calls, "put_nowait", counted)
    return handed


async def test_a_unit_of_work_costs_its_commit_only(database: Path, trips: list[Any]) -> None:
    async with unit_of_work() as uow:
        for _ in range(3):
            await draw(uow.connection, "here")

    # BEGIN IMMEDIATE and the writes on the event loop's thread (aiosqlite's has nothing left
    # to run, and no other process writes), then COMMIT in aiosqlite's: one trip.
    assert len(trips) == 1
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT value FROM counter WHERE name = 'here'").fetchone() == (
            3,
        )
    assert not uow.connection._connection.in_transaction


async def test_a_unit_of_work_begins_even_when_it_sends_nothing_or_fails_at_once(
    database: Path,
) -> None:
    await Ticket.all().count()
    async with unit_of_work():
        pass  # BEGIN IMMEDIATE goes with the commit
    with pytest.raises(IntegrityError):
        async with unit_of_work() as uow:
            # The first statement fails: the transaction it began is rolled back.
            await uow.connection.execute_query("INSERT INTO counter (name, value) VALUES (NULL, 1)")
    async with unit_of_work() as uow:
        assert await draw(uow.connection, "after") == 1
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT value FROM counter WHERE name = 'after'").fetchone()


async def test_statements_nobody_reads_go_with_the_next_one_in_one_trip(
    database: Path, trips: list[str]
) -> None:
    await send_unread(  # outside a unit of work: sent at once
        connections.get("default"), "INSERT INTO counter (name, value) VALUES ('now', 7)", []
    )
    assert len(trips) == 1
    trips.clear()
    async with unit_of_work() as uow:
        for name in ("one", "two"):
            await send_unread(
                uow.connection, "INSERT INTO counter (name, value) VALUES (?, 5)", [name]
            )
        assert trips == []
        assert await draw(uow.connection, "one") == 6  # sees both, in the same trip
    assert len(trips) == 1  # BEGIN, the two inserts and the draw here; then the commit
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT name, value FROM counter WHERE name IN ('now', 'one', 'two') ORDER BY name"
        ).fetchall()
    assert rows == [("now", 7), ("one", 6), ("two", 5)]


async def test_a_unit_of_work_begun_while_another_process_writes_waits_for_it(
    database: Path, trips: list[Any]
) -> None:
    # Given another process in the middle of a write (it holds SQLite's write lock a while)
    began = threading.Event()

    def another_process_writes() -> None:
        with sqlite3.connect(database, timeout=10, isolation_level=None) as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO counter (name, value) VALUES ('there', 1)")
            began.set()
            time.sleep(0.3)
            connection.execute("COMMIT")

    elsewhere = asyncio.create_task(asyncio.to_thread(another_process_writes))
    await asyncio.to_thread(began.wait)

    # When a unit of work begins and writes meanwhile
    async with unit_of_work() as uow:
        drawn = await draw(uow.connection, "here")
    await elsewhere

    # Then it waited for the other write in aiosqlite's thread (the busy timeout), not on the
    # event loop's, and both writes landed
    assert drawn == 1 and len(trips) == 2  # BEGIN with the draw; the commit
    with sqlite3.connect(database) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM counter")}
    assert {"there", "here"} <= names


async def _commit_behind_a_busy_thread(
    name: str, written: threading.Event, *unread: str
) -> tuple[asyncio.Task[None], asyncio.Future[Any]]:
    """A unit of work that draws `name` (and sends `unread` with its commit), whose commit is
    queued behind a call keeping aiosqlite's thread busy until `written` (a slow disk, say);
    given back once its lock is free, or after a second: the task, and that call."""
    lock = connections.get("default")._lock  # type: ignore[attr-defined]
    busy: list[asyncio.Future[Any]] = []

    async def writes() -> None:
        async with unit_of_work() as uow:
            await draw(uow.connection, name)
            for statement in unread:
                await send_unread(uow.connection, statement, [])
            # the class's own _execute: the unit of work's runs here, on the loop's thread
            wait = aiosqlite.Connection._execute(_aiosqlite(), written.wait, 10)
            busy.append(asyncio.ensure_future(wait))
            await asyncio.sleep(0)

    committing = asyncio.create_task(writes())
    for _ in range(100):
        await asyncio.sleep(0.01)
        if busy and not lock.locked():
            break
    return committing, busy[0]


async def test_the_lock_goes_once_the_commit_is_queued_and_what_follows_runs_after_it(
    database: Path,
) -> None:
    await Ticket.all().count()
    written = threading.Event()
    # Given a unit of work whose commit is queued but has not run
    committing, busy = await _commit_behind_a_busy_thread("here", written)
    # Then the lock is free already (the next request's statements queue behind the commit)
    assert not connections.get("default")._lock.locked()  # type: ignore[attr-defined]
    assert not committing.done()
    # and a write sent now runs after the commit, and sees what it wrote
    writing = asyncio.create_task(
        connections.get("default").execute_query_dict(
            "UPDATE counter SET value = value + 10 WHERE name = 'here' RETURNING value"
        )
    )
    # while a read sent now waits for neither, and sees only what is committed: not that yet
    assert (
        await connections.get("default").execute_query_dict(
            "SELECT value FROM counter WHERE name = 'here'"
        )
        == []
    )
    await asyncio.sleep(0.05)
    assert not writing.done()
    written.set()
    await committing
    assert await writing == [{"value": 11}]
    assert await connections.get("default").execute_query_dict(
        "SELECT value FROM counter WHERE name = 'here'"
    ) == [{"value": 11}]
    await busy


async def test_a_statement_counts_its_own_changes_while_the_last_commit_still_runs(
    database: Path,
) -> None:
    await Ticket.all().count()
    async with unit_of_work() as uow:
        await draw(uow.connection, "mine")
    written = threading.Event()

    async def changes_one_row() -> int:
        async with unit_of_work() as uow:
            changed, _ = await uow.connection.execute_query(
                "UPDATE counter SET value = value + 1 WHERE name = 'mine'"
            )
        return changed

    # Given a unit of work whose commit, and a change sent with it, are queued, not run
    committing, busy = await _commit_behind_a_busy_thread(
        "theirs", written, "UPDATE counter SET value = value + 1 WHERE name = 'theirs'"
    )
    # When the next one's first statement changes one row, queued behind that commit
    counting = asyncio.create_task(changes_one_row())
    await asyncio.sleep(0.05)
    written.set()
    await committing
    # Then it counts its own change only
    assert await counting == 1
    await busy


async def test_a_commit_that_fails_leaves_no_transaction_open(database: Path) -> None:
    # Given a table whose foreign key is checked at commit
    with sqlite3.connect(database) as connection:
        connection.executescript(
            "CREATE TABLE late_parent (id INTEGER PRIMARY KEY);"
            "CREATE TABLE late_child (parent_id INTEGER"
            " REFERENCES late_parent (id) DEFERRABLE INITIALLY DEFERRED);"
        )
    await Ticket.all().count()
    # When a unit of work's commit fails (a child without its parent)
    with pytest.raises(sqlite3.IntegrityError):
        async with unit_of_work() as uow:
            await draw(uow.connection, "lost")
            await uow.connection.execute_query("INSERT INTO late_child (parent_id) VALUES (7)")
    # Then nothing of it is committed, and the next unit of work begins and commits as usual
    async with unit_of_work() as uow:
        assert await draw(uow.connection, "next") == 1
    with sqlite3.connect(database) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM counter")}
        children = connection.execute("SELECT count(*) FROM late_child").fetchone()
    assert "next" in names and "lost" not in names and children == (0,)


async def test_a_failing_statement_nobody_reads_fails_its_unit_of_work_whole(
    database: Path,
) -> None:
    await Ticket.all().count()
    with pytest.raises(IntegrityError):
        async with unit_of_work() as uow:
            await draw(uow.connection, "kept")
            await send_unread(
                uow.connection, "INSERT INTO counter (name, value) VALUES (NULL, 1)", []
            )
            await draw(uow.connection, "after")  # fails with it
    with pytest.raises(sqlite3.IntegrityError):
        async with unit_of_work() as uow:
            await send_unread(
                uow.connection, "INSERT INTO counter (name, value) VALUES (NULL, 1)", []
            )  # fails with the commit
    async with unit_of_work() as uow:
        assert await draw(uow.connection, "next") == 1
    with sqlite3.connect(database) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM counter")]
    assert "next" in names and "kept" not in names and "after" not in names


async def test_events_take_their_positions_in_their_own_statement_and_the_draw_goes_with_commit(
    database: Path,
) -> None:
    # Given a ticket, and positions drawn before (another transaction's events)
    ticket = await make_ticket(TicketStatus.NEW)
    async with unit_of_work() as uow:
        await record_event(uow, ticket, EventKind.NOTE_ADDED, SYSTEM)
    before = await live.newest_position()
    sent: list[str] = []
    connection = connections.get("default")
    await Ticket.all().count()  # the connection is open
    raw = connection._connection._conn  # type: ignore[attr-defined]
    raw.set_trace_callback(sent.append)
    try:
        # When a unit of work records two events
        async with unit_of_work() as uow:
            for number in range(2):
                after = {"number": number}
                await record_event(uow, ticket, EventKind.NOTE_ADDED, SYSTEM, after=after)
    finally:
        raw.set_trace_callback(None)

    # Then its events' statement reads the counter itself (no draw runs before it), and the
    # counter's advance goes right before the commit, in the same transaction
    written = [n for n, sql in enumerate(sent) if sql.startswith('INSERT INTO "ticket_event"')]
    drawn = [n for n, sql in enumerate(sent) if sql.startswith("INSERT INTO counter")]
    assert len(written) == 1 and len(drawn) == 1, sent
    assert written[0] < drawn[0] and sent[drawn[0] + 1] == "COMMIT", sent
    # and the positions are the next two, as stored and as published
    stored = await TicketEvent.filter(ticket_id=ticket.id).order_by("id")
    assert [event.position for event in stored[1:]] == [before + 1, before + 2]
    assert [event.position for event in uow.live_events] == [before + 1, before + 2]
    assert await live.newest_position() == before + 2


def test_none_and_bools_bind_as_sqlite3_binds_them_without_an_adapter() -> None:
    # The engine's adapters (domain.sqlite_engine) only spare sqlite3 a failed lookup: NULL
    # stays NULL and a bool the integer sqlite3 makes of it.
    import domain.sqlite_engine  # noqa: F401  (registers them)

    with sqlite3.connect(":memory:") as connection:
        found = connection.execute(
            "SELECT typeof(?), ?, typeof(?), ?, typeof(?), ?",
            (None, None, True, True, False, False),
        ).fetchone()
    assert found == ("null", None, "integer", 1, "integer", 0)
    assert sqlite3.adapters[(type(None), sqlite3.PrepareProtocol)](None) is None
