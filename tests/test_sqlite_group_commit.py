"""On SQLite, units of work that end while others wait (or while other requests are in flight)
commit together (domain.sqlite_groups): one COMMIT for all of them, none answered before it,
a failing one undoing only itself, a failed commit failing each of them, and nothing of an
open group seen or outlived by anything outside it."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain import sqlite_groups
from domain.counters import draw
from domain.db_priority import serving_write
from domain.models import Ticket
from domain.sqlite_groups import GROUP_MAX, open_group
from domain.uow import unit_of_work
from tests.own_database import own_database


@pytest.fixture
async def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Path]:
    # Groups close on their size or when nobody may come, not on their age, however slow
    # the machine: a test that wants them old says so.
    monkeypatch.setattr(sqlite_groups, "GROUP_WAIT", 60.0)
    async with own_database(tmp_path) as url:
        await Ticket.all().count()  # the connections are open
        yield Path(url.removeprefix("sqlite://"))


def _writer() -> aiosqlite.Connection:
    return connections.get("default")._connection  # type: ignore[no-any-return]


@pytest.fixture
def sent(database: Path) -> list[str]:
    """The statements the writing connection runs from now on."""
    statements: list[str] = []
    raw = _writer()._conn
    raw.set_trace_callback(statements.append)
    return statements


def _committed(path: Path) -> dict[str, int]:
    """The counters committed, read as another process reads them."""
    with sqlite3.connect(path) as connection:
        return dict(connection.execute("SELECT name, value FROM counter").fetchall())


async def _unit(name: str, *, gate: asyncio.Event | None = None, fails: bool = False) -> None:
    """A unit of work that draws `name`, waits for `gate` holding the connection (so the
    others queue for it), and then fails if asked to, after its draw."""
    async with unit_of_work() as uow:
        await draw(uow.connection, name)
        if gate is not None:
            await gate.wait()
        if fails:
            await uow.connection.execute_query("INSERT INTO counter (name, value) VALUES (NULL, 1)")


async def _queued_behind(
    first: Callable[[asyncio.Event], Awaitable[None]], *others: Awaitable[None]
) -> tuple[asyncio.Task[None], list[asyncio.Task[Any]], asyncio.Event]:
    """`first` holding the connection, `others` waiting for it: the tasks, and `first`'s gate."""
    gate = asyncio.Event()
    holding = asyncio.create_task(first(gate))
    await asyncio.sleep(0.01)
    waiting = [asyncio.ensure_future(other) for other in others]
    await asyncio.sleep(0.01)
    assert connections.get("default")._lock.waiting()  # type: ignore[attr-defined]
    return holding, waiting, gate


async def test_units_of_work_that_end_while_others_wait_share_one_commit(
    database: Path, sent: list[str]
) -> None:
    # Given a unit of work holding the connection while two others wait for it
    seen_when_done: dict[str, dict[str, int]] = {}

    async def unit(name: str, gate: asyncio.Event | None = None) -> None:
        await _unit(name, gate=gate)
        seen_when_done[name] = _committed(database)  # the moment its caller goes on

    holding, waiting, gate = await _queued_behind(
        lambda gate: unit("first", gate), unit("second"), unit("third")
    )
    # When it ends, and the others run and end after it
    gate.set()
    await asyncio.gather(holding, *waiting)

    # Then all three commit with one COMMIT, each in a savepoint of the first one's transaction
    assert sent.count("COMMIT") == 1, sent
    assert sent.count("BEGIN IMMEDIATE") == 1 and sent.count("SAVEPOINT mesa_unit") == 2, sent
    # and none of them went on before everything was committed
    everything = {"first": 1, "second": 1, "third": 1}
    for name in everything:
        assert seen_when_done[name].items() >= everything.items(), (name, seen_when_done)
    assert open_group(_writer()) is None


async def test_a_unit_of_work_that_fails_in_a_group_undoes_only_itself(
    database: Path, sent: list[str]
) -> None:
    holding, waiting, gate = await _queued_behind(
        lambda gate: _unit("first", gate=gate), _unit("failing", fails=True), _unit("last")
    )
    gate.set()
    outcomes = await asyncio.gather(holding, *waiting, return_exceptions=True)

    assert outcomes[0] is None and outcomes[2] is None
    assert isinstance(outcomes[1], IntegrityError)
    committed = _committed(database)
    assert committed.get("first") == 1 and committed.get("last") == 1
    assert "failing" not in committed  # its draw, made before it failed, undone
    assert sent.count("ROLLBACK TO mesa_unit") == 1 and sent.count("COMMIT") == 1, sent


async def test_a_group_whose_commit_fails_fails_each_of_its_units_of_work(
    database: Path,
) -> None:
    # Given a table whose foreign key is checked at commit
    with sqlite3.connect(database) as connection:
        connection.executescript(
            "CREATE TABLE late_parent (id INTEGER PRIMARY KEY);"
            "CREATE TABLE late_child (parent_id INTEGER"
            " REFERENCES late_parent (id) DEFERRABLE INITIALLY DEFERRED);"
        )

    async def orphan() -> None:
        async with unit_of_work() as uow:
            await uow.connection.execute_query("INSERT INTO late_child (parent_id) VALUES (7)")

    # When a group's last unit of work leaves a child without its parent
    holding, waiting, gate = await _queued_behind(
        lambda gate: _unit("first", gate=gate), _unit("second"), orphan()
    )
    gate.set()
    outcomes = await asyncio.gather(holding, *waiting, return_exceptions=True)

    # Then the commit fails, and so does each unit of work of the group: none is reported done
    assert all(isinstance(outcome, sqlite3.IntegrityError) for outcome in outcomes), outcomes
    assert not {"first", "second"} & _committed(database).keys()
    # and the next one begins and commits as usual
    await _unit("next")
    assert _committed(database).get("next") == 1


async def test_what_is_outside_a_group_sees_nothing_of_it_until_it_commits(
    database: Path, sent: list[str]
) -> None:
    client = connections.get("default")
    # Given a unit of work that ended while requests are in flight: it waits in its group
    with serving_write(), serving_write():
        ended = asyncio.create_task(_unit("grouped"))
        for _ in range(100):
            if open_group(_writer()) is not None:
                break
            await asyncio.sleep(0)
        assert open_group(_writer()) is not None and not ended.done()

        # Then a read outside a unit of work does not see it (its own connection)
        read = "SELECT value FROM counter WHERE name = 'grouped'"
        assert await client.execute_query_dict(read) == []
        # and a statement outside a unit of work commits the group before it runs
        await client.execute_query("INSERT INTO counter (name, value) VALUES ('alone', 1)")
        await ended
    assert sent.index("COMMIT") < next(n for n, s in enumerate(sent) if "'alone'" in s), sent
    assert await client.execute_query_dict(read) == [{"value": 1}]


async def test_a_group_commits_once_it_is_old_though_requests_are_still_in_flight(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_groups, "GROUP_WAIT", 0.05)
    with serving_write(), serving_write(), serving_write():
        # A unit of work ends while other requests are in flight, and none of them writes
        await asyncio.wait_for(_unit("waited"), timeout=5)
    assert _committed(database).get("waited") == 1


async def test_a_unit_of_work_alone_commits_at_once(database: Path, sent: list[str]) -> None:
    # No other request in flight and nobody waiting: nothing to wait for
    with serving_write():
        await _unit("alone")
    assert sent[-1] == "COMMIT" and "SAVEPOINT mesa_unit" not in sent
    assert _committed(database).get("alone") == 1


async def test_a_group_holds_at_most_its_limit(database: Path, sent: list[str]) -> None:
    # Given more units of work waiting for the connection than a group holds
    count = GROUP_MAX + 3
    holding, waiting, gate = await _queued_behind(
        lambda gate: _unit("u0", gate=gate), *(_unit(f"u{n}") for n in range(1, count))
    )
    gate.set()
    await asyncio.gather(holding, *waiting)
    # Then they commit in two groups, every one of them
    assert sent.count("COMMIT") == 2, sent
    committed = _committed(database)
    assert all(committed.get(f"u{n}") == 1 for n in range(count))


async def _left_open(name: str) -> asyncio.Task[None]:
    """A unit of work that ended while a write is in flight: waiting in its open group."""
    ended = asyncio.create_task(_unit(name))
    for _ in range(100):
        if open_group(_writer()) is not None:
            break
        await asyncio.sleep(0)
    assert open_group(_writer()) is not None and not ended.done()
    return ended


async def test_a_transaction_that_cannot_join_commits_the_open_group_before_it_begins(
    database: Path, sent: list[str]
) -> None:
    with serving_write(), serving_write():
        ended = await _left_open("grouped")
        # A transaction that is not a unit of work's (a snapshot, a script) does not join
        async with in_transaction() as connection:
            rows = await connection.execute_query_dict(
                "SELECT value FROM counter WHERE name = 'grouped'"
            )
        await ended
    # It began once the group had committed, and saw what it committed
    assert rows == [{"value": 1}]
    begins = [n for n, statement in enumerate(sent) if statement == "BEGIN IMMEDIATE"]
    commits = [n for n, statement in enumerate(sent) if statement == "COMMIT"]
    assert len(begins) == len(commits) == 2 and commits[0] < begins[1], sent


async def test_closing_the_database_commits_the_open_group(database: Path) -> None:
    with serving_write(), serving_write():
        ended = await _left_open("closing")
        await connections.get("default").close()
        await ended
    assert _committed(database).get("closing") == 1
