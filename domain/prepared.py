"""Queries of a fixed shape whose SQL is built once per database, then run again with new
arguments.

Tortoise builds a query's SQL (its joins, selects and filters) on every call: for a lookup run
by every request, such as a bearer token's or a page's rows by id, building costs as much as
running it. A prepared query asks Tortoise for the SQL (and, for values, the column
conversions) once, with stand-in arguments, and afterwards only sends that SQL with the real
ones, through the connection Tortoise picks for the call (a transaction's, when inside one).
`Prepared` gives values() rows; `by_id` gives a model's rows as Tortoise's own models;
`UpdateReturning` changes rows and gives them back as changed.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.context import require_context
from tortoise.fields.base import Field
from tortoise.models import Model
from tortoise.queryset import QuerySet, UpdateQuery, ValuesQuery
from tortoise.router import router

from domain.partial_rows import converter, plain_rows

M = TypeVar("M", bound=Model)


Argument = int | str | datetime
_LONG_AGO = datetime(1900, 1, 1, tzinfo=UTC)


def _stand_in(position: int, argument: Argument) -> Argument:
    # Ids are never negative, no text holds a NUL, and no moment Mesa writes is in 1900:
    # these stand in for the arguments (short, so a column's length check lets them through;
    # moments aware and in UTC, as Mesa's clock gives them, which Tortoise sends unchanged).
    if isinstance(argument, str):
        return f"\x00{position}"
    if isinstance(argument, datetime):
        return _LONG_AGO + timedelta(microseconds=position)
    return -(10**15) - position


@dataclass(frozen=True, slots=True)
class _Rendered:
    sql: str
    parameters: list[Any]
    slots: list[tuple[int, int]]  # (index among the parameters, argument position)
    converters: list[tuple[str, Callable[[Any], Any]]]


class Prepared:
    """`build(*arguments)` gives a values() query of its arguments (ints or strings, each
    used once); `fetch(*arguments)` runs it as Tortoise would, with the SQL rendered once per
    database dialect and kinds of arguments."""

    def __init__(self, build: Callable[..., ValuesQuery[Any]], arity: int) -> None:
        self._build = build
        self._arity = arity
        self._rendered: dict[Hashable, _Rendered] = {}
        self._model: type[Model] | None = None  # known once built

    async def fetch(self, *arguments: Argument) -> list[dict[str, Any]]:
        db = _db_for(self.model(arguments))
        rendered, parameters = self._filled(db, arguments)
        rows = await db.execute_query_dict(rendered.sql, parameters)
        for row in rows:
            for column, convert in rendered.converters:
                row[column] = convert(row[column])
        return rows

    def statement(self, db: BaseDBAsyncClient, *arguments: Argument) -> tuple[str, list[Any]]:
        """The SQL and parameters `fetch` sends on `db`'s database, for a caller that sends
        them with another statement (its rows' values then come unconverted)."""
        self.model(arguments)
        rendered, parameters = self._filled(db, arguments)
        return rendered.sql, parameters

    def model(self, arguments: Sequence[Argument]) -> type[Model]:
        if len(arguments) != self._arity:
            raise TypeError(f"a prepared query of {self._arity} arguments got {len(arguments)}")
        if self._model is None:
            self._model = self._build(*_stand_ins(arguments)).model
        return self._model

    def _filled(
        self, db: BaseDBAsyncClient, arguments: Sequence[Argument]
    ) -> tuple[_Rendered, list[Any]]:
        key = (db.capabilities.dialect, tuple(map(type, arguments)))
        rendered = self._rendered.get(key)
        if rendered is None:
            stand_ins = _stand_ins(arguments)
            query = self._build(*stand_ins)
            query._db = db
            rendered = self._rendered[key] = _render(query, stand_ins)
        parameters = list(rendered.parameters)
        for index, position in rendered.slots:
            parameters[index] = arguments[position]
        return rendered, parameters


def _stand_ins(arguments: Sequence[Argument]) -> list[Argument]:
    return [_stand_in(*item) for item in enumerate(arguments)]


def _db_for(model: type[Model], *, for_write: bool = False) -> BaseDBAsyncClient:
    """The connection a query of `model` runs through now, chosen as Tortoise chooses it
    (`_choose_db`: the router's, else the model's, which is the transaction's inside one),
    without building a query."""
    routed = router.db_for_write(model) if for_write else router.db_for_read(model)
    if routed is not None:
        return routed
    alias = model._meta.default_connection
    if alias is None:
        return model._meta.db  # Tortoise's error for a model without a connection
    # What `model._meta.db` returns, without the import its `get_connection` runs per call
    # (two-thirds of its cost).
    return require_context().connections.get(alias)


def _render(query: ValuesQuery[Any], stand_ins: Sequence[Argument]) -> _Rendered:
    sql, parameters, slots = _sql_of(query, stand_ins)
    # As in Tortoise's own values(): a plain function is the identity, left out.
    converters = [
        (alias, _quicker(convert))
        for alias, field in query._fields_for_select.items()
        if not isinstance(
            convert := query.resolve_to_python_value(query.model, field), types.LambdaType
        )
    ]
    return _Rendered(sql, parameters, slots, converters)


def _quicker(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A field's own `to_python_value` as rows read in part convert it (quicker for enums
    and datetimes, the same values: domain.partial_rows.converter); anything else as is."""
    field = getattr(convert, "__self__", None)
    if not isinstance(field, Field):
        return convert
    return (
        converter(field)
        if getattr(convert, "__func__", None) is type(field).to_python_value
        else convert
    )


def _sql_of(
    query: ValuesQuery[Any] | QuerySet[Any] | UpdateQuery,
    placeholders: Sequence[Any],
    *,
    every: bool = True,
) -> tuple[str, list[Any], list[tuple[int, int]]]:
    """The query's SQL and parameters, and where among them each placeholder went: each
    placeholder once (`every`), or at most once and never altered on the way."""
    query._make_query()
    sql, parameters = query.query.get_parameterized_sql()
    positions = {placeholder: position for position, placeholder in enumerate(placeholders)}
    slots = [
        (index, positions[value])
        for index, value in enumerate(parameters)
        if isinstance(value, (str, int, datetime)) and value in positions
    ]
    if every and len(slots) != len(placeholders):
        raise ValueError(
            f"a prepared query must use each of its {len(placeholders)} arguments once: {sql}"
        )
    used = {index for index, _ in slots}
    if len(used) != len({position for _, position in slots}) or any(
        str(placeholder) in str(value)
        for index, value in enumerate(parameters)
        if index not in used
        for placeholder in placeholders
    ):
        raise ValueError(f"a prepared query used an argument twice or altered it: {sql}")
    return sql, list(parameters), slots


class Shaped(Generic[M]):
    """Queries of one model whose SQL depends only on a `shape` (what the caller's rule
    branched on) and on how many arguments of which kinds it has: `build(shape, arguments)`
    gives the QuerySet, each argument (an int or a string) used once. The SQL is built once
    per database, shape and kinds of arguments, with stand-ins for the arguments, then sent
    with the real ones. Rows come back as Tortoise builds them (`_init_from_db`) or, with
    `columns`, as plain rows of those columns and the id (domain.partial_rows)."""

    def __init__(
        self,
        model: type[M],
        build: Callable[[Hashable, Sequence[Argument]], QuerySet[M]],
        columns: Collection[str] | None = None,
        *,
        for_write: bool = False,
        versioned: bool = False,
    ) -> None:
        self.model = model
        self._build = build
        self._for_write = for_write  # a query that locks rows: the connection for writes
        # PostgreSQL: each row's version (its xmin, as text), read with it (`versioned_rows`),
        # for a write that checks nobody changed the row since (domain.rows.naming_later).
        self._versioned = versioned
        self.columns = None if columns is None else sorted({*columns, "id"})
        self._sql: dict[Hashable, tuple[str, list[Any], list[tuple[int, int]]]] = {}

    async def rows(self, shape: Hashable, arguments: Sequence[Argument]) -> list[M]:
        return self._built(await self._fetch(shape, arguments))

    async def versioned_rows(
        self, shape: Hashable, arguments: Sequence[Argument], reads: tuple[str, ...] = ()
    ) -> list[tuple[M, str, list[Any]]]:
        """`rows`, each with its version (a query made `versioned`) and the value of each of
        `reads`: SQL expressions of the row (correlated subqueries of its table, say), read by
        the same statement."""
        if not self._versioned:
            raise ValueError("versioned_rows reads a versioned query")
        rows = [dict(row) for row in await self._fetch(shape, arguments, reads)]
        versions = [row.pop(VERSION) for row in rows]
        read = [[row.pop(f"{READ}{index}") for index in range(len(reads))] for row in rows]
        return list(zip(self._built(rows), versions, read, strict=True))

    async def rows_reading(
        self, shape: Hashable, arguments: Sequence[Argument], reads: tuple[str, ...]
    ) -> list[tuple[M, list[Any]]]:
        """`rows`, each with the value of each of `reads` (as `versioned_rows`, without the
        version: any query, on any database)."""
        if not reads:
            return [(found, []) for found in await self.rows(shape, arguments)]
        rows = [dict(row) for row in await self._fetch(shape, arguments, reads)]
        read = [[row.pop(f"{READ}{index}") for index in range(len(reads))] for row in rows]
        return list(zip(self._built(rows), read, strict=True))

    async def _fetch(
        self, shape: Hashable, arguments: Sequence[Argument], reads: tuple[str, ...] = ()
    ) -> Sequence[Any]:
        db = _db_for(self.model, for_write=self._for_write)
        key = (db.capabilities.dialect, shape, tuple(map(type, arguments)), reads)
        rendered = self._sql.get(key)
        if rendered is None:
            stand_ins = [_stand_in(*item) for item in enumerate(arguments)]
            query = self._build(shape, stand_ins)
            if self.columns is not None:
                query = query.only(*self.columns)
            # A shape may leave some arguments out (a supervisor's departments, say).
            rendered = _sql_of(query, stand_ins, every=False)
            if self._versioned or reads:
                table = self.model._meta.db_table
                rendered = _with_reads(rendered, table, reads, version=self._versioned)
            if len(self._sql) < MAX_SHAPES:  # shapes are few; a flood of them is not kept
                self._sql[key] = rendered
        sql, template, slots = rendered
        parameters = list(template)
        for index, position in slots:
            parameters[index] = arguments[position]
        _, rows = await db.execute_query(sql, parameters)
        return rows

    def _built(self, rows: Sequence[Any]) -> list[M]:
        if self.columns is not None:
            return plain_rows(self.model, rows)
        return [self.model._init_from_db(**row) for row in rows]


VERSION = "row version"
READ = "row read "


def _with_reads(
    rendered: tuple[str, list[Any], list[tuple[int, int]]],
    table: str,
    reads: tuple[str, ...],
    *,
    version: bool,
) -> tuple[str, list[Any], list[tuple[int, int]]]:
    """A SELECT of `table`'s rows that also reads each of `reads`, as `READ` and its index,
    and with `version` each row's version (PostgreSQL's), as `VERSION`."""
    sql, parameters, slots = rendered
    if not sql.startswith("SELECT "):
        raise ValueError(f"a query with reads reads rows: {sql}")
    read = "".join(f'{expression} "{READ}{index}",' for index, expression in enumerate(reads))
    versioned = f'"{table}".xmin::text "{VERSION}",' if version else ""
    return f"SELECT {versioned}{read}{sql[7:]}", parameters, slots


MAX_SHAPES = 1024


class ById(Shaped[M]):
    """`model.filter(id__in=ids)` as Tortoise runs it (its models, its ordering), with the SQL
    built once per database and number of ids: the per-request loaders' query."""

    def __init__(self, model: type[M], columns: frozenset[str] | None = None) -> None:
        super().__init__(model, lambda _, ids: model.filter(id__in=list(ids)), columns)

    async def fetch(self, ids: Sequence[int]) -> list[M]:
        return await self.rows(None, ids)


@functools.cache
def by_id(model: type[M], columns: frozenset[str] | None = None) -> ById[M]:
    """The one prepared by-id query of each model (and set of columns), kept for the life of
    the process."""
    return ById(model, columns)


class UpdateReturning(Generic[M]):
    """`model.filter(…).update(…)` that also gives back the rows it changed, as they are after
    the change (`fields` of them, named as their columns): one statement, so what a row was
    read as is what was changed (a claim others may race for). `build(arguments)` gives the
    update, each argument (an int, a string or a moment) used once; its SQL is Tortoise's,
    built once per database and kinds of arguments, then sent with the real ones."""

    def __init__(
        self,
        model: type[M],
        build: Callable[[Sequence[Argument]], UpdateQuery],
        fields: Sequence[str],
    ) -> None:
        projection = model._meta.fields_db_projection
        if any(projection.get(name) != name for name in fields):
            raise ValueError(f"UpdateReturning takes fields named as their columns: {fields}")
        self.model = model
        self._build = build
        self._returning = " RETURNING " + ", ".join(f'"{name}"' for name in fields)
        self._sql: dict[Hashable, tuple[str, list[Any], list[tuple[int, int]]]] = {}

    async def rows(self, arguments: Sequence[Argument]) -> list[M]:
        db = _db_for(self.model, for_write=True)
        key = (db.capabilities.dialect, tuple(map(type, arguments)))
        rendered = self._sql.get(key)
        if rendered is None:
            stand_ins = [_stand_in(*item) for item in enumerate(arguments)]
            query = self._build(stand_ins)
            query._db = db
            sql, template, slots = _sql_of(query, stand_ins)
            rendered = (sql + self._returning, template, slots)
            if len(self._sql) < MAX_SHAPES:
                self._sql[key] = rendered
        sql, template, slots = rendered
        parameters = list(template)
        for index, position in slots:
            parameters[index] = arguments[position]
        rows = await db.execute_query_dict(sql, parameters)
        return [self.model._init_from_db(**row) for row in rows]
