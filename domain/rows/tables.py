"""How a model's rows are written: each model's columns, converters and getter decided once
(`table_of`), the VALUES groups of an INSERT with their parameters converted as each field
converts them (domain.db_values), and the one INSERT that reads the rows back (`insert_rows`).
The rest of domain.rows builds its statements from these."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from domain.db_values import Converter, converter
from domain.rows.drawn import Drawn, drawn_in, settled, unsettled


class Table(NamedTuple):
    """How a model's rows are written (kept per model and computed fields): the fields given
    as values (all but the id and the computed ones), each with its converter, and the
    statement's column list (those, then the computed ones)."""

    model: type[Model]
    name: str  # the table
    pk: str  # the id's column
    names: tuple[str, ...]
    computed: tuple[str, ...]
    converters: tuple[Converter, ...]
    read: Callable[[Model], Sequence[Any]]  # an instance's values of `names`, in order
    columns: str
    placeholders: str  # SQLite's for one row's values


@functools.cache
def table_of(model: type[Model], computed: tuple[str, ...]) -> Table:
    meta = model._meta
    projection = meta.fields_db_projection
    names = tuple(name for name in _names(model) if name not in computed)
    getter = operator.attrgetter(*names)
    read: Callable[[Model], Sequence[Any]] = (
        getter if len(names) > 1 else (lambda instance: (getter(instance),))
    )
    return Table(
        model=model,
        name=meta.db_table,
        pk=projection[meta.pk_attr],
        names=names,
        computed=computed,
        converters=tuple(converter(meta.fields_map[name]) for name in names),
        read=read,
        columns=", ".join(f'"{projection[name]}"' for name in (*names, *computed)),
        placeholders=", ".join("?" for _ in names),
    )


def row_values(table: Table, rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """Each row's values of the table's fields, the fields' defaults for those it lacks."""
    fields = table.model._meta.fields_map
    defaults = []
    for name in table.names:
        default = fields[name].default
        defaults.append((name, default() if callable(default) else default))
    return [[row.get(name, default) for name, default in defaults] for row in rows]


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
    # statement journal to undo only itself, which past a few pages spills to a temporary
    # file, created and written on the way: half of the new tickets' notifications did, and
    # it was most of their statement's cost. Its callers write in a unit of work, which a
    # failure rolls back whole anyway (outside one the statement is its own transaction), so
    # the statement rolls the transaction back itself and needs no journal.
    verb = "INSERT OR ROLLBACK" if connection.capabilities.dialect == "sqlite" else "INSERT"
    found: list[dict[str, Any]] = await connection.execute_query_dict(
        f'{before}{verb} INTO "{table.name}" ({table.columns}) VALUES {groups}'
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
    converters = table.converters
    groups: list[str] = []
    drawing = not sqlite and unsettled()
    for index, row in enumerate(rows):
        owner = owners[index]
        start = len(values)
        if drawing:
            cells = ", ".join(_drawn_cells(converters, row, owner, values))
        else:
            values.extend(
                [convert(value, owner) for convert, value in zip(converters, row, strict=True)]
            )
            cells = table.placeholders if sqlite else ", ".join(dollars(start, len(values)))
        if table.computed:
            cells = ", ".join([cells, *(computed[name][index] for name in table.computed)])
        groups.append(f"({cells})")
    return ", ".join(groups)


def _drawn_cells(
    converters: Sequence[Converter], row: Sequence[Any], owner: Any, values: list[object]
) -> list[str]:
    """A row's cells where some value may be a Drawn (domain.rows.drawn): its SQL while its
    statement is not sent, its value once it is; in a JSON object's top level, the object
    with those entries set by the statement."""
    cells: list[str] = []
    cell = cells.append
    value_of = values.append
    for convert, value in zip(converters, row, strict=True):
        kind = type(value)
        if kind is Drawn:
            if value.value is None:
                cell(value.sql)
                continue
            value = value.value
        elif isinstance(value, dict) and any(type(item) is Drawn for item in value.values()):
            drawn = drawn_in(value)
            rest = {key: settled(item) for key, item in value.items() if key not in drawn}
            value_of(convert(rest, owner))
            if not drawn:
                cell(f"${len(values)}")
                continue
            built = ", ".join(
                f"'{key.replace(chr(39), chr(39) * 2)}', {item.sql}" for key, item in drawn.items()
            )
            cell(f"(${len(values)}::jsonb || jsonb_build_object({built}))")
            continue
        value_of(convert(value, owner))
        cell(_dollar(len(values)))
    return cells


_DOLLARS: list[str] = []


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
