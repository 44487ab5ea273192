"""How a model's rows are written: each model's columns, getter and row code decided once
(`table_of`), the VALUES groups of an INSERT with their parameters converted as each field
converts them (domain.db_values, by one call a row: domain.rows.row_code), and the one
INSERT that reads the rows back (`insert_rows`). The rest of domain.rows builds its
statements from these."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from domain.rows.drawn import unsettled
from domain.rows.row_code import RowCode, row_code


class Table(NamedTuple):
    """How a model's rows are written (kept per model and computed fields): the fields given
    as values (all but the id and the computed ones), the code that converts a row of them,
    and the statement's column list (those, then the computed ones)."""

    model: type[Model]
    name: str  # the table
    pk: str  # the id's column
    names: tuple[str, ...]
    computed: tuple[str, ...]
    read: Callable[[Model], Sequence[Any]]  # an instance's values of `names`, in order
    columns: str
    placeholders: str  # SQLite's for one row's values
    code: RowCode  # a row's values converted, by one call (domain.rows.row_code)
    defaults: tuple[Any, ...]  # each field's default (called when callable: `row_values`)
    called: bool  # whether any default is called


@functools.cache
def table_of(model: type[Model], computed: tuple[str, ...]) -> Table:
    meta = model._meta
    projection = meta.fields_db_projection
    names = tuple(name for name in _names(model) if name not in computed)
    getter = operator.attrgetter(*names)
    defaults = tuple(meta.fields_map[name].default for name in names)
    read: Callable[[Model], Sequence[Any]] = (
        getter if len(names) > 1 else (lambda instance: (getter(instance),))
    )
    return Table(
        model=model,
        name=meta.db_table,
        pk=projection[meta.pk_attr],
        names=names,
        computed=computed,
        read=read,
        columns=", ".join(f'"{projection[name]}"' for name in (*names, *computed)),
        placeholders=", ".join("?" for _ in names),
        code=row_code([meta.fields_map[name] for name in names], _DOLLARS, _grow_dollars),
        defaults=defaults,
        called=any(map(callable, defaults)),
    )


def row_values(table: Table, rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """Each row's values of the table's fields, the fields' defaults for those it lacks."""
    defaults: Sequence[Any] = table.defaults
    if table.called:  # once for the rows of a call
        defaults = [default() if callable(default) else default for default in defaults]
    names = table.names
    return [list(map(row.get, names, defaults)) for row in rows]


def _names(model: type[Model]) -> list[str]:
    meta = model._meta
    return [name for name in meta.fields_db_projection if name != meta.pk_attr]


async def insert_rows(
    connection: BaseDBAsyncClient,
    table: Table,
    rows: Sequence[Sequence[Any]],
    owners: Sequence[Model | type[Model]],
    before: str,
    computed: Mapping[str, Sequence[str]],
    values: list[object] | None = None,
    also: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """One INSERT of `rows` (the values of the table's fields, each converted for its owner:
    the instance or the model), returning the id and the computed fields of each, and the
    expressions `also`; `values`: the parameters `before` uses."""
    values = [] if values is None else values
    groups = values_sql(connection, table, rows, owners, computed, values)
    projection = table.model._meta.fields_db_projection
    columns = dict.fromkeys([f'"{table.pk}"', *(f'"{projection[name]}"' for name in computed)])
    returned = ", ".join([*columns, *also])
    # On SQLite a statement writing several rows that may fail half-way (a constraint) keeps a
    # statement journal to undo only itself; it is kept in memory (domain.db.SQLITE_PRAGMAS),
    # and it is what lets a unit of work that shares its transaction with others
    # (domain.sqlite_groups) fail alone: INSERT OR ROLLBACK would undo them all.
    found: list[dict[str, Any]] = await connection.execute_query_dict(
        f'{before}INSERT INTO "{table.name}" ({table.columns}) VALUES {groups}'
        f" RETURNING {returned}",
        values,
    )
    return found


def values_sql(
    connection: BaseDBAsyncClient,
    table: Table,
    rows: Sequence[Sequence[Any]],
    owners: Sequence[Model | type[Model]],
    computed: Mapping[str, Sequence[str]],
    values: list[object],
) -> str:
    """An INSERT's VALUES groups for `rows` (in the order of the table's columns), their
    parameters appended to `values` (numbered after the ones already there, on PostgreSQL),
    each converted as its field converts it (domain.db_values)."""
    sqlite = connection.capabilities.dialect == "sqlite"
    converted, drawn_cells = table.code
    groups: list[str] = []
    drawing = not sqlite and unsettled()
    for index, row in enumerate(rows):
        owner = owners[index]
        if drawing:
            cells = drawn_cells(row, owner, values)
        else:
            start = len(values)
            values.extend(converted(row, owner))
            cells = table.placeholders if sqlite else ", ".join(dollars(start, len(values)))
        if table.computed:
            cells = ", ".join([cells, *(computed[name][index] for name in table.computed)])
        groups.append(f"({cells})")
    return ", ".join(groups)


_DOLLARS: list[str] = []


def _grow_dollars(end: int) -> None:
    dollars(0, end)


def dollars(start: int, end: int) -> list[str]:
    """PostgreSQL's parameters start+1 to end ("$1", "$2", …), made once."""
    while len(_DOLLARS) < end:
        _DOLLARS.append(f"${len(_DOLLARS) + 1}")
    return _DOLLARS[start:end]


def _dollar(number: int) -> str:
    """PostgreSQL's parameter `number` ("$1", …)."""
    if number > len(_DOLLARS):
        dollars(0, number)
    return _DOLLARS[number - 1]


@functools.lru_cache(maxsize=64)
def numbered_after(sql: str, count: int) -> str:
    """`sql` with its parameters numbered after the `count` before them."""
    return re.sub(r"\$(\d+)", lambda found: f"${int(found[1]) + count}", sql)
