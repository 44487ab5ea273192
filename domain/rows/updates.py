"""Updates of rows by their fields, each shape's statement kept once.

`update_where` is Tortoise's `Model.filter(a=…, b=…).update(c=…)` with the statement kept
once per shape: Tortoise builds an update's query (resolving its filters, the model's
manager's included, on a SELECT first) on every call, which costs a ticket's transition
more than sending it. The statement is the one Tortoise built, and the values are
converted as its UpdateQuery converts them (each field's `to_db_value`). (An insert with
the update that names its row is domain.rows.naming.update_where_naming.)
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Hashable, Mapping
from itertools import compress, repeat
from typing import Any, NamedTuple

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Expression
from tortoise.indexes import Index
from tortoise.models import Model

from domain.rows.row_code import Converted, row_code
from domain.sqlite_engine import send_unread


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


def kept_statement(
    connection: BaseDBAsyncClient,
    model: type[Model],
    match: Mapping[str, Any],
    changes: Mapping[str, Any],
) -> tuple[str, list[Any]] | None:
    """The shape's kept statement with this call's values and those values (a list of its
    own), None while the shape is not kept (`update_where` keeps it on its first call)."""
    kept = _kept(connection, model, match, changes)
    return None if isinstance(kept, _Shape) else kept


def _kept(
    connection: BaseDBAsyncClient,
    model: type[Model],
    match: Mapping[str, Any],
    changes: Mapping[str, Any],
) -> tuple[str, list[Any]] | _Shape:
    """The shape's kept statement with this call's values, or the shape to build it for."""
    # Tortoise writes a None as NULL in the statement itself: which values are None is shape.
    # (Each step below runs in C: a transition's update names some twenty columns, and a
    # comprehension over them was a Python step each.)
    names = (*changes, *match)
    named = [*changes.values(), *match.values()]
    nulls = tuple(map(_is_none, named))
    key = (model, connection.capabilities.dialect, tuple(changes), tuple(match), nulls)
    given = list(compress(named, map(_is_not_none, named)))
    convert = _converted(model, names, nulls)
    values: list[Any] | None = None
    if convert is not None and not any(map(isinstance, given, repeat(Model | Expression))):
        # No instance, as UpdateQuery converts (Tortoise's annotation asks for one).
        values = convert(given, None)
    sql = _statements.get(key, "")
    if values is not None and sql:
        return sql, values
    return _Shape(key, sql, values)


_is_none = functools.partial(operator.is_, None)
_is_not_none = functools.partial(operator.is_not, None)


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
def _converted(
    model: type[Model], names: tuple[str, ...], nulls: tuple[bool, ...]
) -> Converted | None:
    """What converts the values not None of a shape, in order (each as its field's converter
    does, by one call: domain.rows.row_code), None unless all are plain columns."""
    projection, fields = model._meta.fields_db_projection, model._meta.fields_map
    given = [name for name, null in zip(names, nulls, strict=True) if not null]
    if not all(name in projection for name in given):
        return None
    return row_code([fields[name] for name in given], [], _no_dollars).converted


def _no_dollars(count: int) -> None:
    """No update's values are numbered by the row code (its statement is Tortoise's)."""


# An update that sets an indexed column, to any value, costs SQLite a delete and an insert in
# each index holding it: a reply's move set the ticket's status and its SLA deadlines as they
# were, rewriting 13 index entries and the pages they sit on (half the reply's update and a
# third of its commit's WAL pages). PostgreSQL compares the values itself (a HOT update).


@functools.cache
def indexed_fields(model: type[Model]) -> frozenset[str]:
    """The fields of `model` that some index of its table holds."""
    meta = model._meta
    names = {name for name, field in meta.fields_map.items() if field.index or field.unique}
    for index in meta.indexes:
        names.update(index.fields if isinstance(index, Index) else index)
    for together in meta.unique_together:
        names.update(together)
    return frozenset(names)


def indexed_values(instance: Model) -> dict[str, Any]:
    """The values `instance` holds of its model's indexed fields: what `changed_only` compares
    a change with, taken before the change is made on the instance."""
    return {name: getattr(instance, name, _UNSET) for name in indexed_fields(type(instance))}


def changed_only(was: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """`changes` without the indexed fields whose value stays the one `was` gives
    (`indexed_values`, of a row read locked in the update's transaction, or at a version the
    update checks: the row holds those values, so leaving them out writes the same row)."""
    return {
        name: value
        for name, value in changes.items()
        if name not in was or was[name] is _UNSET or was[name] != value
    }


_UNSET = object()
