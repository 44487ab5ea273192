"""Named monotonic counters (ticket numbers, event positions): drawn in one statement."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient


async def draw(connection: BaseDBAsyncClient, name: str, count: int = 1) -> int:
    """Advance the counter `name` by `count` (created on first use) and return its new value,
    the last of the numbers drawn. The row stays locked until the transaction ends, so the
    numbers follow commit order."""
    # One round trip: the upsert creates the row or advances it. execute_query_dict, not
    # execute_query: Tortoise's asyncpg client drops the rows of a write (it only counts them).
    rows = await connection.execute_query_dict(draw_statement(name, count))
    return int(rows[0]["value"])


def draw_statement(name: str, count: int, *, after: str = "") -> str:
    """The statement of `draw`, returning `value`: to run on its own or inside another;
    `after`: a WITH clause of that other statement, of one row with a column `rows`, to read
    first (so whatever it waits for comes before the counter's row is locked: the draw's row
    is filtered by that column, which the planner can neither drop nor skip)."""
    return f"{advance_statement(name, count, after=after)} RETURNING value"


def advance_statement(name: str, count: int, *, after: str = "") -> str:
    """The counter `name` advanced by `count` (created on first use), returning nothing."""
    if not name.isidentifier() or count < 1 or not (after == "" or after.isidentifier()):
        raise ValueError(f"bad counter draw: {name!r} by {count} after {after!r}")
    row = f"VALUES ('{name}', {int(count)})"
    if after:
        row = f"SELECT '{name}', {int(count)} FROM {after} WHERE {after}.rows >= 0"
    return (
        f"INSERT INTO counter (name, value) {row} "
        "ON CONFLICT (name) DO UPDATE SET value = counter.value + excluded.value"
    )


def value_expression(name: str) -> str:
    """The counter's value now (0 before its first draw), as an SQL expression."""
    if not name.isidentifier():
        raise ValueError(f"bad counter name: {name!r}")
    return f"(SELECT COALESCE(MAX(value), 0) FROM counter WHERE name = '{name}')"
