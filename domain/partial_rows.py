"""Rows read in part, as plain objects.

A caller that knows which columns it needs (a compiled GraphQL plan, api.core.columns) gets
each row as a named tuple of those columns: converted exactly as Tortoise converts them
(`to_python_value`: enums, datetimes, JSON), without building the ORM's models (a moment
at UTC keeps its `timezone.utc`, a zone equal to Tortoise's: `_utc_kept`). A Tortoise
model, even a partial one from `only()`, costs several times the query itself to build (the
api bench: 50 messages read in 1.0 ms as models, 0.2 ms as rows).

Such rows have the listed columns and nothing else, as partial models do: no relations, no
methods, no saving. The SQL is still Tortoise's, from the query the caller built.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, datetime, timezone
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from tortoise.fields.base import Field
from tortoise.fields.data import (
    CharEnumFieldInstance,
    DatetimeField,
    IntEnumFieldInstance,
    parse_datetime,
)
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.timezone import get_default_timezone, get_use_tz

M = TypeVar("M", bound=Model)


class _Shape:
    """The named tuple of one model's columns, and each column's conversion, as Tortoise's
    `Model._init_from_db` does it: none for what the driver converts itself, the field's type
    for plain fields, `to_python_value` for the rest (enums, datetimes, JSON)."""

    __slots__ = ("build",)

    def __init__(self, model: type[Model], keys: tuple[str, ...]) -> None:
        meta = model._meta
        names = tuple(
            key if key in meta.fields_map else meta.fields_db_projection_reverse[key]
            for key in keys
        )
        row_class = namedtuple(f"{model.__name__}Row", names)  # type: ignore[misc]
        native = {key for key, _, _ in meta.db_native_fields}
        plain = {key for key, _, _ in meta.db_default_fields}
        fields = [meta.fields_map[name] for name in names]
        # Each row's values by position: as the driver gave it, through the field's type
        # (None left as is), or through its conversion.
        namespace: dict[str, Any] = {"new": tuple.__new__, "Row": row_class}
        values = []
        for index, (key, field) in enumerate(zip(keys, fields, strict=True)):
            if key in native:
                values.append(f"row[{index}]")
            elif key in plain:
                namespace[f"as_{index}"] = field.field_type
                values.append(f"(None if row[{index}] is None else as_{index}(row[{index}]))")
            else:
                namespace[f"convert_{index}"] = converter(field)
                if _is_datetime(field) and _utc_kept():
                    # A datetime the driver made at UTC (asyncpg's): kept (`_utc_datetime`).
                    values.append(
                        f"(v if (v := row[{index}]).__class__ is datetime and v.tzinfo is utc"
                        f" and not v.fold else convert_{index}(v))"
                    )
                else:
                    values.append(f"convert_{index}(row[{index}])")
        namespace |= {"datetime": datetime, "utc": UTC}
        row = f"new(Row, ({', '.join(values)},))"
        source = f"def build(rows):\n    return [{row} for row in rows]\n"
        exec(source, namespace)  # positions and conversions come from the model's fields
        self.build: Callable[[Sequence[Sequence[Any]]], list[Any]] = namespace["build"]


def converter(field: Field[Any]) -> Callable[[Any], Any]:
    """`field.to_python_value`; for an enum field, a lookup of its members by value first,
    which is what `Enum(value)` tries first (a tenth of its cost), then the field's own; for
    a datetime field, `_utc_datetime` first."""
    convert = field.to_python_value
    if _is_datetime(field):
        return _utc_datetime(convert)
    if type(field).to_python_value not in _ENUM_CONVERSIONS:
        return convert
    members = {member.value: member for member in field.enum_type}  # type: ignore[attr-defined]

    def to_member(value: Any) -> Any:
        try:
            found = members.get(value)
        except TypeError:  # unhashable: Enum itself says what it is
            found = None
        return convert(value) if found is None else found

    return to_member


def _is_datetime(field: Field[Any]) -> bool:
    return type(field).to_python_value is DatetimeField.to_python_value


def _utc_kept() -> bool:
    """Whether Tortoise keeps time zones, in UTC (Mesa's configuration, domain.db): then a
    datetime the driver made at UTC (asyncpg's, for a `timestamptz`) is the moment Tortoise
    would give, only in `timezone.utc` where Tortoise puts its own `ZoneInfo("UTC")`. Both
    write the same text (`isoformat()`, api.core.moments), compare and subtract alike, so
    the row keeps the driver's, without Tortoise's conversion: a tenth of a thread of 50
    messages' time on PostgreSQL went to converting its moments to an equal moment. SQLite's
    texts at `+00:00` are read at `timezone.utc` too, and kept."""
    zone = get_default_timezone()
    return (
        get_use_tz()
        and isinstance(zone, ZoneInfo)
        and type(zone).utcoffset is ZoneInfo.utcoffset
        and zone.key in ("UTC", "Etc/UTC")
    )


def _utc_datetime(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A DatetimeField's conversion of a text with its offset (SQLite's), as Tortoise makes
    it when it keeps time zones: parsed, then in Tortoise's zone; without its checks for
    what the text cannot be (a datetime, an int, naive); and a moment at UTC (the driver's,
    or the text's, as every stored moment is) kept as it is, when Tortoise's zone is UTC
    (`_utc_kept`). Anything else is Tortoise's."""
    keep_utc = _utc_kept()

    def to_datetime(value: Any) -> Any:
        kind = type(value)
        if kind is datetime and keep_utc and value.tzinfo is UTC and not value.fold:
            return value  # (Tortoise's conversion would set a fold to 0: no driver sets one)
        if kind is str and get_use_tz():
            parsed = parse_datetime(value)
            if keep_utc and parsed.tzinfo is UTC:  # as ciso8601 reads SQLite's `+00:00`
                return parsed
            if type(parsed.tzinfo) is timezone:  # a fixed offset: never naive
                return parsed.astimezone(get_default_timezone())
        return convert(value)

    return to_datetime


# Tortoise's enum fields' conversion: `enum_type(value)`, None for None.
_ENUM_CONVERSIONS = (
    CharEnumFieldInstance.to_python_value,
    IntEnumFieldInstance.to_python_value,
)


@functools.cache
def _shape(model: type[Model], names: tuple[str, ...]) -> _Shape:
    return _Shape(model, names)


async def read_rows(query: QuerySet[M], columns: Collection[str]) -> list[M]:
    """`query`'s rows with only `columns` (field names), as plain named tuples typed as the
    model's rows (they have those attributes, as a partial model would)."""
    names = tuple(sorted(set(columns)))
    query = query.only(*names)
    query._choose_db_if_not_chosen()
    query._make_query()
    sql, parameters = query.query.get_parameterized_sql()
    _, rows = await query._db.execute_query(sql, parameters)
    return plain_rows(query.model, rows)


def plain_rows(model: type[M], rows: Sequence[Any]) -> list[M]:
    """Rows a driver returned for `model` (keyed by field or column name), as named tuples."""
    if not rows:
        return []
    return _shape(model, tuple(rows[0].keys())).build(rows)
