"""Writes of several rows in one statement that also read them back (RETURNING).

Tortoise's `bulk_create` sends one statement per row on asyncpg (executemany) and gives the
instances no ids; a unit of work that writes a row per recipient needs both the single
round trip and the ids. The ids come back in the order of the VALUES, as PostgreSQL and
SQLite return them (Django's bulk_create relies on the same). Likewise Tortoise's update
only counts the rows it changed; `update_returning` also gives them, as changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.fields.base import DatabaseDefault
from tortoise.models import Model
from tortoise.queryset import UpdateQuery

M = TypeVar("M", bound=Model)


async def insert_all(connection: BaseDBAsyncClient, instances: Sequence[M]) -> Sequence[M]:
    """Insert `instances` (new, of one model) in one statement; returns them with their ids."""
    if not instances:
        return instances
    model = type(instances[0])
    meta = model._meta
    names = [name for name in meta.fields_db_projection if name != meta.pk_attr]
    columns = [meta.fields_db_projection[name] for name in names]
    values: list[object] = []
    for instance in instances:
        if type(instance) is not model or instance._saved_in_db:
            raise ValueError("insert_all takes new instances of one model")
        for name in names:
            value = getattr(instance, name)
            if isinstance(value, DatabaseDefault):
                raise ValueError(f"insert_all needs a value for {model.__name__}.{name}")
            values.append(meta.fields_map[name].to_db_value(value, instance))
    width = len(columns)
    if connection.capabilities.dialect == "sqlite":
        marks = ["?"] * len(values)
    else:
        marks = [f"${n}" for n in range(1, len(values) + 1)]
    groups = ", ".join(
        "(" + ", ".join(marks[row * width : (row + 1) * width]) + ")"
        for row in range(len(instances))
    )
    pk = meta.fields_db_projection[meta.pk_attr]
    names_sql = ", ".join(f'"{column}"' for column in columns)
    rows = await connection.execute_query_dict(
        f'INSERT INTO "{meta.db_table}" ({names_sql}) VALUES {groups} RETURNING "{pk}"', values
    )
    for instance, row in zip(instances, rows, strict=True):
        instance.pk = row[pk]
        instance._saved_in_db = True
    return instances


async def update_returning(query: UpdateQuery, fields: Sequence[str]) -> list[Any]:
    """Run `query` (a `Model.filter(...).update(...)`, its SQL built by Tortoise) and return
    the rows it changed, as they are after the change: partial models of `fields`, whose
    names are their columns'. One statement, so what a row was read as is what was changed
    (a claim that others may race for)."""
    model = query.model
    projection = model._meta.fields_db_projection
    if any(projection.get(name) != name for name in fields):
        raise ValueError(f"update_returning takes fields named as their columns: {fields}")
    query._choose_db_if_not_chosen(True)
    query._make_query()
    sql, values = query.query.get_parameterized_sql()
    returning = ", ".join(f'"{name}"' for name in fields)
    rows = await query._db.execute_query_dict(f"{sql} RETURNING {returning}", values)
    return [model._init_from_db(**row) for row in rows]
