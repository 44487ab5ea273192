"""Inserts of several rows in one statement that also read them back (RETURNING), and rows
left for a later statement of their transaction (`Later`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from domain.rows.tables import insert_rows, numbered_after, row_values, table_of, values_sql

M = TypeVar("M", bound=Model)


async def insert_all(
    connection: BaseDBAsyncClient,
    instances: Sequence[M],
    *,
    clauses: Sequence[str] = (),
    sql_values: Mapping[str, Sequence[str]] | None = None,
    later: Sequence[Later] = (),
) -> Sequence[M]:
    """Insert `instances` (new, of one model) in one statement; returns them with their ids.
    `clauses`: WITH clauses, without parameters, that open the statement; `sql_values` gives
    fields whose value is an SQL expression, one for each instance in turn (read back onto
    the instances); `later`: rows written by the same statement (PostgreSQL, `Later`)."""
    if not instances:
        return instances
    model = type(instances[0])
    computed = sql_values or {}
    for instance in instances:
        if type(instance) is not model or instance._saved_in_db:
            raise ValueError("insert_all takes new instances of one model")
    table = table_of(model, tuple(computed))
    rows = [table.read(instance) for instance in instances]
    values: list[object] = []
    opening, also = _composed(later, values)
    with_clauses = [*opening, *clauses]
    before = f"WITH {', '.join(with_clauses)} " if with_clauses else ""
    found = await insert_rows(connection, table, rows, instances, before, computed, values, also)
    meta = model._meta
    for instance, row in zip(instances, found, strict=True):
        instance.pk = row[meta.fields_db_projection[meta.pk_attr]]
        for name in computed:
            setattr(instance, name, row[meta.fields_db_projection[name]])
        instance._saved_in_db = True
    _hand_back(later, found[0])
    return instances


@dataclass(eq=False)
class Later:
    """Rows that a later statement of their transaction writes on PostgreSQL, as its WITH
    clauses (`gathered_later`): `clauses`, each `name AS (…)` with its parameters $1… of
    `values`, and what that statement gives back of them, `returned` (a label for each SQL
    expression of one value), handed to `written` once it is sent. A read in the same
    transaction before then does not see the rows. `locked`: one of `clauses` (one row, a
    column `rows`) that reads the rows these lock (a new ticket's, a reply's ticket), for a
    counter's draw in the same statement to read first (domain.counters.draw_statement's
    `after`): the statement then locks them before the counter's row, as every write locks a
    ticket before the counter, so two such statements never wait on each other."""

    clauses: list[str]
    values: list[Any]
    returned: dict[str, str]
    written: Callable[[dict[str, Any]], None]
    locked: str | None = None


def locked_first(later: Sequence[Later]) -> str:
    """The clause of `later` a counter's draw reads first (`Later.locked`), or ""."""
    found = [rows.locked for rows in later if rows.locked]
    if len(found) > 1:
        raise ValueError("one statement's rows lock one ticket before its counters")
    return found[0] if found else ""


def _composed(later: Sequence[Later], values: list[object]) -> tuple[list[str], list[str]]:
    """The WITH clauses of `later`, their parameters appended to `values` (numbered after the
    ones there), and the expressions that return what they give back, labelled."""
    clauses: list[str] = []
    returned: list[str] = []
    for rows in later:
        clauses.extend(numbered_after(clause, len(values)) for clause in rows.clauses)
        values.extend(rows.values)
        returned.extend(f'{sql} AS "{label}"' for label, sql in rows.returned.items())
    return clauses, returned


def _hand_back(later: Sequence[Later], row: Mapping[str, Any]) -> None:
    for rows in later:
        rows.written({label: row[label] for label in rows.returned})


async def write_later(connection: BaseDBAsyncClient, later: Sequence[Later]) -> None:
    """Send `later`'s rows by a statement of their own (their transaction has no other)."""
    if not later:
        return
    values: list[object] = []
    clauses, returned = _composed(later, values)
    [row] = await connection.execute_query_dict(
        f"WITH {', '.join(clauses)} SELECT {', '.join(returned)}", values
    )
    _hand_back(later, row)


async def insert_values(
    connection: BaseDBAsyncClient, model: type[Model], rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """`insert_all` for rows given as field values (the others take their defaults), without
    building the model's instances, which costs more than converting the values: their ids."""
    if not rows:
        return []
    table = table_of(model, ())
    found = await insert_rows(
        connection, table, row_values(table, rows), [model] * len(rows), "", {}
    )
    return [row[table.pk] for row in found]


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
    written: list[dict[str, Any]] = []
    later = gathered_later(connection, model, rows, then, then_row, gathered, written.append)
    await write_later(connection, [later])
    return written[0]


def gathered_later(
    connection: BaseDBAsyncClient,
    model: type[Model],
    rows: Sequence[Mapping[str, Any]],
    then: type[Model],
    then_row: Mapping[str, Any],
    gathered: Mapping[str, Gather],
    written: Callable[[dict[str, Any]], None],
    name: str = "gathered",
) -> Later:
    """`insert_values_gathered`'s rows, for a later statement to write (PostgreSQL): `written`
    gets the row of `then` as it returns it. `name` names its WITH clauses apart from those
    of the statement's other rows."""
    if not rows or connection.capabilities.dialect != "postgres":
        raise ValueError("gathered_later takes rows to gather, on PostgreSQL")
    table = table_of(model, ())
    values: list[object] = []
    groups = values_sql(connection, table, row_values(table, rows), [model] * len(rows), {}, values)
    made = f"{name}_made"
    made_ids = f'SELECT "{table.pk}" FROM {made}'
    computed = {field: [gather.sql(made_ids)] for field, gather in gathered.items()}
    then_table = table_of(then, tuple(computed))
    then_groups = values_sql(
        connection, then_table, row_values(then_table, [then_row]), [then], computed, values
    )
    then_meta = then._meta
    projection = then_meta.fields_db_projection
    kept = [then_meta.pk_attr, *gathered]
    listed = ", ".join(f'"{projection[field]}"' for field in kept)

    def gave(row: Mapping[str, Any]) -> None:
        fields = then_meta.fields_map
        written(
            {
                then_meta.pk_attr: row[f"{name} {then_meta.pk_attr}"],
                **{f: fields[f].to_python_value(row[f"{name} {f}"]) for f in gathered},
            }
        )

    return Later(
        [
            f'{made} AS (INSERT INTO "{table.name}" ({table.columns}) VALUES {groups}'
            f' RETURNING "{table.pk}")',
            f'{name} AS (INSERT INTO "{then_table.name}" ({then_table.columns}) VALUES'
            f" {then_groups} RETURNING {listed})",
        ],
        values,
        {f"{name} {field}": f'(SELECT "{projection[field]}" FROM {name})' for field in kept},
        gave,
    )
