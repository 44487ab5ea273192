"""Writes of several rows in one statement that also read them back (RETURNING).

Tortoise's `bulk_create` sends one statement per row on asyncpg (executemany) and gives the
instances no ids; a unit of work that writes a row per recipient needs both the single
round trip and the ids. The ids come back in the order of the VALUES, as PostgreSQL and
SQLite return them (Django's bulk_create relies on the same). `insert_values` writes rows
given as values, without building the models (a new ticket writes four notifications).
Every value is converted as its field converts it (domain.db_values), and each model's
columns, converters and getter are decided once (`_table`): a new ticket's row took 40 us
to convert one value at a time through Tortoise, 12 us so. On SQLite a failing insert
rolls back its whole transaction (see `_insert`). (An update that
gives back the rows it changed is domain.prepared.UpdateReturning.)

`update_where_naming` writes a new row with the update that names it (a reply's message and
the ticket's move), from the update's statement kept by domain.row_updates.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.fields.relational import ForeignKeyFieldInstance, OneToOneFieldInstance
from tortoise.models import Model

from domain.db_values import Converter, converter
from domain.row_updates import kept_statement, update_where

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
    table = _table(model, tuple(computed))
    rows = [table.read(instance) for instance in instances]
    values: list[object] = []
    opening, also = _composed(later, values)
    with_clauses = [*opening, *clauses]
    before = f"WITH {', '.join(with_clauses)} " if with_clauses else ""
    found = await _insert(connection, table, rows, instances, before, computed, values, also)
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
    transaction before then does not see the rows."""

    clauses: list[str]
    values: list[Any]
    returned: dict[str, str]
    written: Callable[[dict[str, Any]], None]


def _composed(later: Sequence[Later], values: list[object]) -> tuple[list[str], list[str]]:
    """The WITH clauses of `later`, their parameters appended to `values` (numbered after the
    ones there), and the expressions that return what they give back, labelled."""
    clauses: list[str] = []
    returned: list[str] = []
    for rows in later:
        clauses.extend(_numbered_after(clause, len(values)) for clause in rows.clauses)
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


async def insert_with_parent(
    connection: BaseDBAsyncClient,
    parent: Model,
    child: Model,
    link: str,
    *,
    first: str = "",
    parent_sql: Mapping[str, str] | None = None,
    back: str | None = None,
    alongs: Sequence[Along] = (),
) -> None:
    """Insert `parent` and `child` (new instances) with the child's field `link` (a foreign
    key's id) naming the parent: one statement on PostgreSQL, whose WITH clause may write;
    two on SQLite. Both get their ids, and the child its link.

    On PostgreSQL only, the one statement may also do more (a new ticket: its number, its
    last message and its search words, in one round trip, with no update of its row after):
    - `first`: WITH clauses of its own, without parameters, that open it (a counter's draw),
      after the rows the parent's foreign keys name are shared (FOR KEY SHARE, as the
      foreign keys' checks share them at the statement's end): a clause of `first` that reads
      `SHARED` (a WITH clause of one row) runs once the statement has them, so a wait for one
      (another transaction holds it) comes before what `first` does;
    - `parent_sql`: fields of the parent given as SQL expressions, which may read `first`;
      read back onto the parent;
    - `back`: the parent's field that names the child, the child's id drawn first from its
      sequence;
    - `alongs`: statements of one column, as `update_where_naming` sends them, which may
      read the parent's row as `parent` (its id, and its fields of `parent_sql`)."""
    postgres = connection.capabilities.dialect == "postgres"
    if not postgres and (first or parent_sql or back or alongs):
        raise ValueError("insert_with_parent writes more than the two rows on PostgreSQL only")
    if not postgres:
        await insert_all(connection, [parent])
        setattr(child, link, parent.pk)
        await insert_all(connection, [child])
        return
    if parent._saved_in_db:
        raise ValueError("insert_with_parent takes a new parent")
    if child._saved_in_db:
        raise ValueError("insert_with_parent takes a new child")
    given = {**(parent_sql or {})}
    values: list[object] = []
    clauses = [*_sharing(parent, values), first] if first else []
    if back is not None:
        given[back] = "(SELECT id FROM named)"
        sequence = f"pg_get_serial_sequence('{type(child)._meta.db_table}', '{_pk(child)}')"
        clauses.append(f"named AS (SELECT nextval({sequence}) AS id)")
    table = _table(type(parent), tuple(given))
    groups = _values_sql(
        connection,
        table,
        [table.read(parent)],
        [parent],
        {name: [sql] for name, sql in given.items()},
        values,
    )
    shown = [table.pk, *(_column(parent, name) for name in parent_sql or {})]
    listed = ", ".join(f'"{column}"' for column in shown)
    clauses.append(
        f'parent AS (INSERT INTO "{table.name}" ({table.columns}) VALUES {groups}'
        f" RETURNING {listed})"
    )
    returned = [f'(SELECT "{column}" FROM parent) AS "parent {column}"' for column in shown]
    for index, along in enumerate(alongs):
        clauses.append(f"along{index} AS ({_numbered_after(along.sql, len(values))})")
        returned.append(f'ARRAY(SELECT * FROM along{index}) AS "along{index}"')
        values.extend(along.values)
    child_sql = {link: f'(SELECT "{table.pk}" FROM parent)'}
    if back is not None:
        child_sql[type(child)._meta.pk_attr] = "(SELECT id FROM named)"
    child_table = _table(type(child), tuple(child_sql))
    rows = [child_table.read(child)]
    computed = {name: [sql] for name, sql in child_sql.items()}
    before = f"WITH {', '.join(clauses)} "
    [found] = await _insert(
        connection, child_table, rows, [child], before, computed, values, returned
    )
    child.pk = found[child_table.pk]
    parent.pk = found[f"parent {table.pk}"]
    setattr(child, link, parent.pk)
    for name in parent_sql or {}:
        field = type(parent)._meta.fields_map[name]
        setattr(parent, name, field.to_python_value(found[f"parent {_column(parent, name)}"]))
    if back is not None:
        setattr(parent, back, child.pk)
    parent._saved_in_db = child._saved_in_db = True
    for index, along in enumerate(alongs):
        along.returned = list(found[f"along{index}"])


# The WITH clause `_sharing` ends with: one row, read once the rows are shared.
SHARED = "shared"


def _sharing(instance: Model, values: list[object]) -> list[str]:
    """WITH clauses that share the rows the new instance's foreign keys name, then `SHARED`,
    their parameters appended to `values`."""
    meta = type(instance)._meta
    clauses: list[str] = []
    counts: list[str] = []
    for name in sorted(meta.fk_fields | meta.o2o_fields):
        field = meta.fields_map[name]
        assert isinstance(field, ForeignKeyFieldInstance | OneToOneFieldInstance)
        value = getattr(instance, field.source_field or f"{name}_id")
        if value is None or not field.db_constraint:
            continue
        related = field.related_model._meta
        values.append(value)
        key = related.fields_db_projection[related.pk_attr]
        clauses.append(
            f'{SHARED}{len(clauses)} AS (SELECT 1 FROM "{related.db_table}" '
            f'WHERE "{key}" = ${len(values)} FOR KEY SHARE)'
        )
        counts.append(f"(SELECT count(*) FROM {SHARED}{len(counts)})")
    return [*clauses, f"{SHARED} AS (SELECT {' + '.join(counts) or '0'} AS rows)"]


def _column(instance: Model, name: str) -> str:
    return type(instance)._meta.fields_db_projection[name]


def _pk(instance: Model) -> str:
    return _column(instance, type(instance)._meta.pk_attr)


async def insert_values(
    connection: BaseDBAsyncClient, model: type[Model], rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """`insert_all` for rows given as field values (the others take their defaults), without
    building the model's instances, which costs more than converting the values: their ids."""
    if not rows:
        return []
    table = _table(model, ())
    found = await _insert(connection, table, _given(table, rows), [model] * len(rows), "", {})
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
    table = _table(model, ())
    values: list[object] = []
    groups = _values_sql(connection, table, _given(table, rows), [model] * len(rows), {}, values)
    made = f"{name}_made"
    made_ids = f'SELECT "{table.pk}" FROM {made}'
    computed = {field: [gather.sql(made_ids)] for field, gather in gathered.items()}
    then_table = _table(then, tuple(computed))
    then_groups = _values_sql(
        connection, then_table, _given(then_table, [then_row]), [then], computed, values
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


class _Table(NamedTuple):
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
def _table(model: type[Model], computed: tuple[str, ...]) -> _Table:
    meta = model._meta
    projection = meta.fields_db_projection
    names = tuple(name for name in _names(model) if name not in computed)
    getter = operator.attrgetter(*names)
    read: Callable[[Model], Sequence[Any]] = (
        getter if len(names) > 1 else (lambda instance: (getter(instance),))
    )
    return _Table(
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


def _given(table: _Table, rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
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


async def _insert(
    connection: BaseDBAsyncClient,
    table: _Table,
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
    groups = _values_sql(connection, table, rows, owners, computed, values)
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


def _values_sql(
    connection: BaseDBAsyncClient,
    table: _Table,
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
    for index, row in enumerate(rows):
        owner = owners[index]
        start = len(values)
        values.extend(
            [convert(value, owner) for convert, value in zip(converters, row, strict=True)]
        )
        cells = table.placeholders if sqlite else ", ".join(_dollars(start, len(values)))
        if table.computed:
            cells = ", ".join([cells, *(computed[name][index] for name in table.computed)])
        groups.append(f"({cells})")
    return ", ".join(groups)


_DOLLAR: list[str] = []


def _dollars(start: int, end: int) -> list[str]:
    """PostgreSQL's parameters start+1 to end ("$1", "$2", …), made once."""
    while len(_DOLLAR) < end:
        _DOLLAR.append(f"${len(_DOLLAR) + 1}")
    return _DOLLAR[start:end]


@dataclass(slots=True)
class Along:
    """A statement that `update_where_naming` sends in its own on PostgreSQL (a WITH clause):
    a read, or a change of another table RETURNING a row for each row it changes, of one
    column, with its own parameters ($1, …), reading nothing the update or its insert write
    (a WITH clause does not see them). `returned`: that column of its rows, once sent; None
    while not, when the caller sends it itself (SQLite, a shape not kept yet)."""

    sql: str
    values: Sequence[Any]
    returned: list[Any] | None = None


async def update_where_naming(
    connection: BaseDBAsyncClient,
    model: type[Model],
    match: Mapping[str, Any],
    changes: Mapping[str, Any],
    new: Model,
    link: str,
    alongs: Sequence[Along] = (),
) -> int:
    """`insert_all([new])`, then `update_where(model, match, {**changes, link: new's id})`: on
    PostgreSQL one statement, the update's kept statement with a WITH clause that inserts
    `new` and `link` naming it (a reply's message and the ticket's move that names it its
    last message: one round trip fewer), and one for each of `alongs` (the ticket's search
    words, its watchers: one more each); elsewhere, or for a shape not kept yet, the two,
    and `alongs` are left to the caller. How many rows changed; `new` gets its id (none when
    no row matched on PostgreSQL: the caller rolls its unit of work back)."""
    if link in changes or new._saved_in_db:
        raise ValueError("update_where_naming takes a new row, and its link apart")
    if connection.capabilities.dialect == "postgres":
        kept = kept_statement(connection, model, match, {**changes, link: _LINKED})
        if kept is not None:
            sql, values = kept
            # The link's value is the last of the changes' (those not None) in the statement.
            position = sum(1 for value in changes.values() if value is not None) + 1
            table = _table(type(new), ())
            column = model._meta.fields_db_projection[link]
            naming = _naming(sql, position, column, table.pk)
            if naming is not None:
                del values[position - 1]
                groups = _values_sql(connection, table, [table.read(new)], [new], {}, values)
                also, returned = "", ""
                for index, along in enumerate(alongs):
                    also += f", along{index} AS ({_numbered_after(along.sql, len(values))})"
                    returned += f', ARRAY(SELECT * FROM along{index}) AS "along{index}"'
                    values.extend(along.values)
                found = await connection.execute_query_dict(
                    f'WITH made AS (INSERT INTO "{table.name}" ({table.columns}) VALUES {groups}'
                    f' RETURNING "{table.pk}"){also} {naming}'
                    f' RETURNING (SELECT "{table.pk}" FROM made) AS "made"{returned}',
                    values,
                )
                if found:
                    new.pk = found[0]["made"]
                    new._saved_in_db = True
                    for index, along in enumerate(alongs):
                        along.returned = list(found[0][f"along{index}"])
                return len(found)
    await insert_all(connection, [new])
    return await update_where(connection, model, match, {**changes, link: new.pk})


@functools.lru_cache(maxsize=64)
def _numbered_after(sql: str, count: int) -> str:
    """`sql` with its parameters numbered after the `count` before them."""
    return re.sub(r"\$(\d+)", lambda found: f"${int(found[1]) + count}", sql)


_LINKED = 0  # the link's value while the shape is looked up: any id (not None) will do


@functools.lru_cache(maxsize=1024)  # shapes, as MAX_SHAPES
def _naming(sql: str, position: int, column: str, made_pk: str) -> str | None:
    """A kept update with `column` set to the id (`made_pk`) of the row `made` (a WITH
    clause's insert) in place of its parameter `position`, the later parameters numbered one
    lower; None unless the statement sets `column` to that parameter exactly once."""
    setting = re.compile(rf'"{re.escape(column)}"=\${position}(?!\d)')
    if not sql.startswith("UPDATE ") or len(setting.findall(sql)) != 1:
        return None
    named = setting.sub(f'"{column}"=(SELECT "{made_pk}" FROM made)', sql)
    return re.sub(
        r"\$(\d+)",
        lambda found: f"${int(found[1]) - 1}" if int(found[1]) > position else found[0],
        named,
    )
