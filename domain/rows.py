"""Writes of several rows in one statement that also read them back (RETURNING).

Tortoise's `bulk_create` sends one statement per row on asyncpg (executemany) and gives the
instances no ids; a unit of work that writes a row per recipient needs both the single
round trip and the ids. The ids come back in the order of the VALUES, as PostgreSQL and
SQLite return them (Django's bulk_create relies on the same). `insert_values` writes rows
given as values, converted as the models' fields convert them, without building the models
(24 us for a Notification, 14 us for an OutboxJob: a new ticket writes four
notifications). On
SQLite a failing insert rolls back its whole transaction (see `_insert`). (An update that
gives back the rows it changed is domain.prepared.UpdateReturning.)

`update_where` is Tortoise's `Model.filter(a=…, b=…).update(c=…)` with the statement kept
once per shape: Tortoise builds an update's query (resolving its filters, the model's
manager's included, on a SELECT first) on every call, which costs a ticket's transition
more than sending it. The statement is the one Tortoise built, and the values are
converted as its UpdateQuery converts them (each field's `to_db_value`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Expression
from tortoise.fields.base import DatabaseDefault, Field
from tortoise.models import Model

from domain.sqlite_engine import send_unread

M = TypeVar("M", bound=Model)


async def insert_all(
    connection: BaseDBAsyncClient,
    instances: Sequence[M],
    *,
    before: str = "",
    sql_values: Mapping[str, Sequence[str]] | None = None,
) -> Sequence[M]:
    """Insert `instances` (new, of one model) in one statement; returns them with their ids.
    `before` opens the statement (a WITH clause); `sql_values` gives fields whose value is
    an SQL expression, one for each instance in turn (read back onto the instances)."""
    if not instances:
        return instances
    model = type(instances[0])
    computed = sql_values or {}
    names = _names(model)
    for instance in instances:
        if type(instance) is not model or instance._saved_in_db:
            raise ValueError("insert_all takes new instances of one model")
    rows = await _insert(
        connection,
        model,
        [[(name, getattr(instance, name), instance) for name in names] for instance in instances],
        before,
        computed,
    )
    meta = model._meta
    for instance, found in zip(instances, rows, strict=True):
        instance.pk = found[meta.fields_db_projection[meta.pk_attr]]
        for name in computed:
            setattr(instance, name, found[meta.fields_db_projection[name]])
        instance._saved_in_db = True
    return instances


async def insert_with_parent(
    connection: BaseDBAsyncClient, parent: Model, child: Model, link: str
) -> None:
    """Insert `parent` and `child` (new instances) with the child's field `link` (a foreign
    key's id) naming the parent: one statement on PostgreSQL, whose WITH clause may write;
    two on SQLite. Both get their ids, and the child its link."""
    if connection.capabilities.dialect != "postgres":
        await insert_all(connection, [parent])
        setattr(child, link, parent.pk)
        await insert_all(connection, [child])
        return
    model = type(parent)
    if parent._saved_in_db:
        raise ValueError("insert_with_parent takes a new parent")
    meta = model._meta
    pk = meta.fields_db_projection[meta.pk_attr]
    values: list[object] = []
    cells = [[(name, getattr(parent, name), parent) for name in _names(model)]]
    names_sql, groups = _values_sql(connection, model, cells, {}, values)
    before = (
        f'WITH parent AS (INSERT INTO "{meta.db_table}" ({names_sql}) VALUES {groups}'
        f' RETURNING "{pk}") '
    )
    child_model = type(child)
    if child._saved_in_db:
        raise ValueError("insert_with_parent takes a new child")
    computed = {link: [f'(SELECT "{pk}" FROM parent)']}
    child_cells = [[(name, getattr(child, name), child) for name in _names(child_model)]]
    [found] = await _insert(connection, child_model, child_cells, before, computed, values)
    child_meta = child_model._meta
    child.pk = found[child_meta.fields_db_projection[child_meta.pk_attr]]
    parent.pk = found[child_meta.fields_db_projection[link]]
    setattr(child, link, parent.pk)
    parent._saved_in_db = child._saved_in_db = True


async def insert_values(
    connection: BaseDBAsyncClient, model: type[Model], rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """`insert_all` for rows given as field values (the others take their defaults), without
    building the model's instances, which costs more than converting the values: their ids."""
    if not rows:
        return []
    meta = model._meta
    found = await _insert(connection, model, _cells(model, rows), "", {})
    return [row[meta.fields_db_projection[meta.pk_attr]] for row in found]


class Gather(NamedTuple):
    """How one row names all the rows of another model inserted with it: as an SQL
    expression of the subquery `SELECT id FROM made` (PostgreSQL, in the same statement), or
    as a value made from their ids, in the order of their rows."""

    sql: Callable[[str], str]
    value: Callable[[list[int]], Any]


async def insert_values_gathered(
    connection: BaseDBAsyncClient,
    model: type[Model],
    rows: Sequence[Mapping[str, Any]],
    then: type[Model],
    then_row: Mapping[str, Any],
    gathered: Mapping[str, Gather],
) -> dict[str, Any]:
    """`insert_values(model, rows)`, then one row of `then` whose fields of `gathered` name
    all of those rows (a job naming its notifications): one statement on PostgreSQL, two on
    SQLite. The row of `then` as written: its id (named as the model's primary key) and its
    gathered fields."""
    if not rows:
        raise ValueError("insert_values_gathered takes at least one row to gather")
    then_meta = then._meta
    if connection.capabilities.dialect != "postgres":
        made = await insert_values(connection, model, rows)
        gathers = {name: gather.value(made) for name, gather in gathered.items()}
        [then_id] = await insert_values(connection, then, [{**then_row, **gathers}])
        return {then_meta.pk_attr: then_id, **gathers}
    meta = model._meta
    pk = meta.fields_db_projection[meta.pk_attr]
    values: list[object] = []
    names_sql, groups = _values_sql(connection, model, _cells(model, rows), {}, values)
    before = (
        f'WITH made AS (INSERT INTO "{meta.db_table}" ({names_sql}) VALUES {groups}'
        f' RETURNING "{pk}") '
    )
    made_ids = f'SELECT "{pk}" FROM made'
    computed = {name: [gather.sql(made_ids)] for name, gather in gathered.items()}
    cells = _cells(then, [{**then_row, **dict.fromkeys(gathered)}])
    [found] = await _insert(connection, then, cells, before, computed, values)
    projection = then_meta.fields_db_projection
    return {
        then_meta.pk_attr: found[projection[then_meta.pk_attr]],
        **{
            name: then_meta.fields_map[name].to_python_value(found[projection[name]])
            for name in gathered
        },
    }


def _cells(
    model: type[Model], rows: Sequence[Mapping[str, Any]]
) -> list[list[tuple[str, Any, type[Model]]]]:
    """Each row's fields (the model's, but its id) with their values, defaults for the rest."""
    meta = model._meta
    names = _names(model)
    defaults = {}
    for name in names:
        default = meta.fields_map[name].default
        defaults[name] = default() if callable(default) else default
    return [[(name, row.get(name, defaults[name]), model) for name in names] for row in rows]


def _names(model: type[Model]) -> list[str]:
    meta = model._meta
    return [name for name in meta.fields_db_projection if name != meta.pk_attr]


async def _insert(
    connection: BaseDBAsyncClient,
    model: type[Model],
    rows: Sequence[Sequence[tuple[str, Any, Model | type[Model]]]],
    before: str,
    computed: Mapping[str, Sequence[str]],
    values: list[object] | None = None,
) -> list[dict[str, Any]]:
    """One INSERT of `rows` (each field's name, value, and what it converts for), returning
    the id and the computed fields of each; `values`: the parameters `before` uses."""
    meta = model._meta
    values = [] if values is None else values
    names_sql, groups = _values_sql(connection, model, rows, computed, values)
    back = [meta.pk_attr, *computed]
    returned = ", ".join(f'"{meta.fields_db_projection[name]}"' for name in back)
    # On SQLite a statement writing several rows that may fail half-way (a constraint) keeps a
    # statement journal to undo only itself, which past a few pages spills to a temporary
    # file, created and written on the way: half of the new tickets' notifications did, and
    # it was most of their statement's cost. Its callers write in a unit of work, which a
    # failure rolls back whole anyway (outside one the statement is its own transaction), so
    # the statement rolls the transaction back itself and needs no journal.
    verb = "INSERT OR ROLLBACK" if connection.capabilities.dialect == "sqlite" else "INSERT"
    found: list[dict[str, Any]] = await connection.execute_query_dict(
        f'{before}{verb} INTO "{meta.db_table}" ({names_sql}) VALUES {groups} RETURNING {returned}',
        values,
    )
    return found


def _values_sql(
    connection: BaseDBAsyncClient,
    model: type[Model],
    rows: Sequence[Sequence[tuple[str, Any, Model | type[Model]]]],
    computed: Mapping[str, Sequence[str]],
    values: list[object],
) -> tuple[str, str]:
    """An INSERT's column names and VALUES groups for `rows`, their parameters appended to
    `values` (numbered after the ones already there, on PostgreSQL)."""
    meta = model._meta
    sqlite = connection.capabilities.dialect == "sqlite"
    groups: list[str] = []
    for index, row in enumerate(rows):
        cells = []
        for name, value, owner in row:
            if name in computed:
                cells.append(computed[name][index])
                continue
            if isinstance(value, DatabaseDefault):
                raise ValueError(f"an insert needs a value for {model.__name__}.{name}")
            values.append(meta.fields_map[name].to_db_value(value, owner))
            cells.append("?" if sqlite else f"${len(values)}")
        groups.append("(" + ", ".join(cells) + ")")
    names_sql = ", ".join(f'"{meta.fields_db_projection[name]}"' for name, _, _ in rows[0])
    return names_sql, ", ".join(groups)


async def update_where(
    connection: BaseDBAsyncClient,
    model: type[Model],
    match: Mapping[str, Any],
    changes: Mapping[str, Any],
) -> int:
    """`model.filter(**match).update(**changes)` through `connection`: how many rows changed.
    The first call of each shape (model, dialect, names, which values are None) lets Tortoise
    build and send it; when its parameters are exactly the values converted here (changes,
    then matches), the statement is kept and later calls only convert and send. Any other
    shape (a model, an expression, a manager's filter with parameters) stays Tortoise's."""
    kept = _kept(connection, model, match, changes)
    if isinstance(kept, _Shape):
        return await _by_tortoise(connection, model, match, changes, kept)
    sql, values = kept
    return int((await connection.execute_query(sql, values))[0])


async def update_where_unread(
    connection: BaseDBAsyncClient,
    model: type[Model],
    match: Mapping[str, Any],
    changes: Mapping[str, Any],
) -> None:
    """`update_where` when nobody reads how many rows changed: in a unit of work on SQLite
    the statement goes with the next one (domain.sqlite_engine.send_unread)."""
    kept = _kept(connection, model, match, changes)
    if isinstance(kept, _Shape):
        await _by_tortoise(connection, model, match, changes, kept)
        return
    await send_unread(connection, *kept)


def _kept(
    connection: BaseDBAsyncClient,
    model: type[Model],
    match: Mapping[str, Any],
    changes: Mapping[str, Any],
) -> tuple[str, list[Any]] | _Shape:
    """The shape's kept statement with this call's values, or the shape to build it for."""
    # Tortoise writes a None as NULL in the statement itself: which values are None is shape.
    nulls = tuple(value is None for value in (*changes.values(), *match.values()))
    key = (model, connection.capabilities.dialect, tuple(changes), tuple(match), nulls)
    named = [*changes.items(), *match.items()]
    given = [value for _, value in named if value is not None]
    fields = _fields(model, tuple(name for name, value in named if value is not None))
    values: list[Any] | None = None
    if fields is not None and not any(isinstance(v, Model | Expression) for v in given):
        # No instance, as UpdateQuery converts (Tortoise's annotation asks for one).
        convert = [(field.to_db_value, value) for field, value in zip(fields, given, strict=True)]
        values = [to_db(value, None) for to_db, value in convert]  # type: ignore[arg-type]
    sql = _statements.get(key, "")
    if values is not None and sql:
        return sql, values
    return _Shape(key, sql, values)


class _Shape(NamedTuple):
    key: Hashable
    sql: str | None  # "" when not built yet, None when Tortoise sends this shape itself
    values: list[Any] | None


async def _by_tortoise(
    connection: BaseDBAsyncClient,
    model: type[Model],
    match: Mapping[str, Any],
    changes: Mapping[str, Any],
    shape: _Shape,
) -> int:
    query = model.filter(**match).using_db(connection).update(**changes)
    if shape.sql is None or shape.values is None:
        return await query
    query._make_query()
    sql, parameters = query.query.get_parameterized_sql()
    if len(_statements) < MAX_SHAPES:
        _statements[shape.key] = sql if list(parameters) == shape.values else None
    return int((await connection.execute_query(sql, parameters))[0])


# Each shape's statement, or None for a shape Tortoise sends itself. Shapes come from the
# code (names, not values), so they are few; a flood of them is not kept.
_statements: dict[Hashable, str | None] = {}
MAX_SHAPES = 1024


@functools.cache
def _fields(model: type[Model], names: tuple[str, ...]) -> tuple[Field[Any], ...] | None:
    """The fields converting each name's value, None unless all are plain columns."""
    projection, fields = model._meta.fields_db_projection, model._meta.fields_map
    if not all(name in projection for name in names):
        return None
    return tuple(fields[name] for name in names)
