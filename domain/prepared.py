"""Values queries of a fixed shape whose SQL is built once per database, then run again with
new parameters.

Tortoise builds a query's SQL (its joins, selects and filters) on every call: for a lookup run
by every request, such as a bearer token's, building costs more than running it. A prepared
query asks Tortoise for the SQL and the column conversions once, with placeholder arguments,
and afterwards only sends that SQL with the real ones, through the connection Tortoise picks
for the call (a transaction's, when inside one).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import ValuesQuery


def _placeholder(position: int) -> str:
    """A stand-in for a string argument, found again among the rendered parameters."""
    return f"\x00mesa-prepared-argument-{position}\x00"


@dataclass(frozen=True, slots=True)
class _Rendered:
    sql: str
    parameters: list[Any]
    slots: list[tuple[int, int]]  # (index among the parameters, argument position)
    converters: list[tuple[str, Callable[[Any], Any]]]


class Prepared:
    """`build(*arguments)` gives a values() query of string arguments; `fetch(*arguments)`
    runs it as Tortoise would, with the SQL rendered once per database dialect."""

    def __init__(self, build: Callable[..., ValuesQuery[Any]], arity: int) -> None:
        self._build = build
        self._arity = arity
        self._rendered: dict[str, _Rendered] = {}

    async def fetch(self, *arguments: Any) -> list[dict[str, Any]]:
        placeholders = [_placeholder(position) for position in range(self._arity)]
        query = self._build(*placeholders)
        query._choose_db_if_not_chosen()
        db = query._db
        dialect = db.capabilities.dialect
        rendered = self._rendered.get(dialect)
        if rendered is None:
            rendered = self._rendered[dialect] = _render(query, self._arity)
        parameters = list(rendered.parameters)
        for index, position in rendered.slots:
            parameters[index] = arguments[position]
        rows = await db.execute_query_dict(rendered.sql, parameters)
        for row in rows:
            for column, convert in rendered.converters:
                row[column] = convert(row[column])
        return rows


def _render(query: ValuesQuery[Any], arity: int) -> _Rendered:
    query._make_query()
    sql, parameters = query.query.get_parameterized_sql()
    positions = {_placeholder(position): position for position in range(arity)}
    slots = [
        (index, positions[value])
        for index, value in enumerate(parameters)
        if isinstance(value, str) and value in positions
    ]
    if len(slots) != arity:
        raise ValueError(f"a prepared query must use each of its {arity} arguments once: {sql}")
    # As in Tortoise's own values(): a plain function is the identity, left out.
    converters = [
        (alias, convert)
        for alias, field in query._fields_for_select.items()
        if not isinstance(
            convert := query.resolve_to_python_value(query.model, field), types.LambdaType
        )
    ]
    return _Rendered(sql, list(parameters), slots, converters)
