"""Writes of several rows in one statement that also read them back (RETURNING).

Tortoise's `bulk_create` sends one statement per row on asyncpg (executemany) and gives the
instances no ids; a unit of work that writes a row per recipient needs both the single
round trip and the ids. The ids come back in the order of the VALUES, as PostgreSQL and
SQLite return them (Django's bulk_create relies on the same). (An update that gives back
the rows it changed is domain.prepared.UpdateReturning.)

`update_where` is Tortoise's `Model.filter(a=…, b=…).update(c=…)` with the statement kept
once per shape: Tortoise builds an update's query (resolving its filters, the model's
manager's included, on a SELECT first) on every call, which costs a ticket's transition
more than sending it. The statement is the one Tortoise built, and the values are
converted as its UpdateQuery converts them (each field's `to_db_value`).
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Expression
from tortoise.fields.base import DatabaseDefault, Field
from tortoise.models import Model

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
    meta = model._meta
    computed = sql_values or {}
    names = [name for name in meta.fields_db_projection if name != meta.pk_attr]
    columns = [meta.fields_db_projection[name] for name in names]
    sqlite = connection.capabilities.dialect == "sqlite"
    values: list[object] = []
    groups: list[str] = []
    for row, instance in enumerate(instances):
        if type(instance) is not model or instance._saved_in_db:
            raise ValueError("insert_all takes new instances of one model")
        cells = []
        for name in names:
            if name in computed:
                cells.append(computed[name][row])
                continue
            value = getattr(instance, name)
            if isinstance(value, DatabaseDefault):
                raise ValueError(f"insert_all needs a value for {model.__name__}.{name}")
            values.append(meta.fields_map[name].to_db_value(value, instance))
            cells.append("?" if sqlite else f"${len(values)}")
        groups.append("(" + ", ".join(cells) + ")")
    pk = meta.fields_db_projection[meta.pk_attr]
    names_sql = ", ".join(f'"{column}"' for column in columns)
    back = [pk, *(meta.fields_db_projection[name] for name in computed)]
    returned = ", ".join(f'"{column}"' for column in back)
    rows = await connection.execute_query_dict(
        f'{before}INSERT INTO "{meta.db_table}" ({names_sql}) VALUES {", ".join(groups)} '
        f"RETURNING {returned}",
        values,
    )
    for instance, found in zip(instances, rows, strict=True):
        instance.pk = found[pk]
        for name in computed:
            setattr(instance, name, found[meta.fields_db_projection[name]])
        instance._saved_in_db = True
    return instances


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
        return int((await connection.execute_query(sql, values))[0])
    query = model.filter(**match).using_db(connection).update(**changes)
    if sql is None or values is None:
        return await query
    query._make_query()
    sql, parameters = query.query.get_parameterized_sql()
    if len(_statements) < MAX_SHAPES:
        _statements[key] = sql if list(parameters) == values else None
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
