"""Rows written with the row that names them, in one statement on PostgreSQL: a new ticket
with its first message (`insert_with_parent`), a reply's message with the ticket's move that
names it its last message (`update_where_naming`), and the statements sent along (`Along`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.fields.relational import ForeignKeyFieldInstance, OneToOneFieldInstance
from tortoise.models import Model

from domain.rows.drawn import Drawn
from domain.rows.inserts import Later, insert_all, write_later
from domain.rows.tables import numbered_after, table_of, values_sql
from domain.rows.updates import kept_statement, update_where


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
    await write_later(
        connection,
        [
            parent_later(
                connection,
                parent,
                child,
                link,
                first=first,
                parent_sql=parent_sql,
                back=back,
                alongs=alongs,
            )
        ],
    )


def parent_later(
    connection: BaseDBAsyncClient,
    parent: Model,
    child: Model,
    link: str,
    *,
    first: str = "",
    parent_sql: Mapping[str, str] | None = None,
    back: str | None = None,
    alongs: Sequence[Along] = (),
    drawn: bool = False,
) -> Later:
    """`insert_with_parent`'s statement on PostgreSQL as WITH clauses (`parent`, the child's
    `child`), for a later statement to send (domain.rows.Later: a unit of work's last), or
    `write_later` now. Once sent, both instances get their ids, and so on, as
    `insert_with_parent` gives them. With `drawn`, until then the parent's id and its fields of
    `parent_sql`, the child's id and link, and the parent's `back` hold Drawn values
    (domain.rows.drawn), which rows written by the same statement may name."""
    if connection.capabilities.dialect != "postgres":
        raise ValueError("parent_later is PostgreSQL's")
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
    table = table_of(type(parent), tuple(given))
    groups = values_sql(
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
    returned = {f"parent {column}": f'(SELECT "{column}" FROM parent)' for column in shown}
    for index, along in enumerate(alongs):
        clauses.append(f"along{index} AS ({numbered_after(along.sql, len(values))})")
        returned[f"along{index}"] = f"ARRAY(SELECT * FROM along{index})"
        values.extend(along.values)
    child_sql = {link: f'(SELECT "{table.pk}" FROM parent)'}
    if back is not None:
        child_sql[type(child)._meta.pk_attr] = "(SELECT id FROM named)"
    child_table = table_of(type(child), tuple(child_sql))
    computed = {name: [sql] for name, sql in child_sql.items()}
    child_groups = values_sql(
        connection, child_table, [child_table.read(child)], [child], computed, values
    )
    clauses.append(
        f'child AS (INSERT INTO "{child_table.name}" ({child_table.columns}) VALUES'
        f' {child_groups} RETURNING "{child_table.pk}")'
    )
    clauses.append("parent_locked AS (SELECT count(*) AS rows FROM parent)")
    returned["child"] = f'(SELECT "{child_table.pk}" FROM child)'
    stand_ins: list[tuple[Drawn, str]] = []
    if drawn:
        stand_ins = _drawn(parent, child, link, table.pk, parent_sql or {}, back)

    def gave(found: Mapping[str, Any]) -> None:
        child.pk = found["child"]
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
        for stand_in, label in stand_ins:
            stand_in.settle(found[label])

    return Later(clauses, values, returned, gave, "parent_locked")


def _drawn(
    parent: Model,
    child: Model,
    link: str,
    pk: str,
    parent_sql: Mapping[str, str],
    back: str | None,
) -> list[tuple[Drawn, str]]:
    """Drawn values in the places `parent_later`'s statement fills, each with the label of
    its value among what the statement gives back."""
    parent_id = Drawn(f'(SELECT "{pk}" FROM parent)')
    parent.pk = parent_id
    setattr(child, link, parent_id)
    child_id = Drawn("(SELECT id FROM named)" if back is not None else "(SELECT id FROM child)")
    child.pk = child_id
    stand_ins = [(parent_id, f"parent {pk}"), (child_id, "child")]
    if back is not None:
        setattr(parent, back, child_id)
    for name in parent_sql:
        column = _column(parent, name)
        value = Drawn(f'(SELECT "{column}" FROM parent)')
        setattr(parent, name, value)
        stand_ins.append((value, f"parent {column}"))
    return stand_ins


# The WITH clause `_sharing` ends with: one row, read once the rows are shared.
SHARED = "shared"


def _sharing(instance: Model, values: list[object]) -> list[str]:
    """WITH clauses that share the rows the new instance's foreign keys name, then `SHARED`,
    their parameters appended to `values`."""
    clauses: list[str] = []
    counts: list[str] = []
    for attribute, table, key in _shared_keys(type(instance)):
        value = getattr(instance, attribute)
        if value is None:
            continue
        values.append(value)
        clauses.append(
            f'{SHARED}{len(clauses)} AS (SELECT 1 FROM "{table}" '
            f'WHERE "{key}" = ${len(values)} FOR KEY SHARE)'
        )
        counts.append(f"(SELECT count(*) FROM {SHARED}{len(counts)})")
    return [*clauses, f"{SHARED} AS (SELECT {' + '.join(counts) or '0'} AS rows)"]


@functools.cache
def _shared_keys(model: type[Model]) -> tuple[tuple[str, str, str], ...]:
    """For each foreign key of the model with a constraint, by name: the attribute holding
    it, and the table and key column of the row it names."""
    meta = model._meta
    found = []
    for name in sorted(meta.fk_fields | meta.o2o_fields):
        field = meta.fields_map[name]
        assert isinstance(field, ForeignKeyFieldInstance | OneToOneFieldInstance)
        if not field.db_constraint:
            continue
        related = field.related_model._meta
        key = related.fields_db_projection[related.pk_attr]
        found.append((field.source_field or f"{name}_id", related.db_table, key))
    return tuple(found)


def _column(instance: Model, name: str) -> str:
    return type(instance)._meta.fields_db_projection[name]


def _pk(instance: Model) -> str:
    return _column(instance, type(instance)._meta.pk_attr)


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
            table = table_of(type(new), ())
            column = model._meta.fields_db_projection[link]
            naming = _naming(sql, position, column, table.pk)
            if naming is not None:
                del values[position - 1]
                groups = values_sql(connection, table, [table.read(new)], [new], {}, values)
                also, returned = "", ""
                for index, along in enumerate(alongs):
                    also += f", along{index} AS ({numbered_after(along.sql, len(values))})"
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


_LINKED = 0  # the link's value while the shape is looked up: any id (not None) will do

# What the statement of `naming_later` raises when the row it updates changed since it was read
# (an int cast of this text, which PostgreSQL refuses): nothing of the statement is written.
CHANGED_MEANWHILE = "mesa: the row changed since it was read"


def naming_later(
    connection: BaseDBAsyncClient,
    model: type[Model],
    match: Mapping[str, Any],
    changes: Mapping[str, Any],
    new: Model,
    link: str,
    version: str,
    alongs: Sequence[Along] = (),
    row: Model | None = None,
) -> Later | None:
    """`update_where_naming`'s statement (PostgreSQL, a kept shape) as WITH clauses for a
    later statement to send (domain.rows.Later: a unit of work's last), with the row's
    version: the one matched row is updated only if its version (xmin, as text) is still
    `version`, and otherwise the whole statement fails (`changed_meanwhile` says so) and writes
    nothing. Until it is sent, `new`'s id (and `row`'s `link`: the instance updated) is a
    Drawn value (domain.rows.drawn); once sent, they hold the id and each of `alongs` its
    rows. None where the shape is not kept yet (its
    first call in the process) or not PostgreSQL's: the caller writes otherwise."""
    if link in changes or new._saved_in_db:
        raise ValueError("naming_later takes a new row, and its link apart")
    if connection.capabilities.dialect != "postgres":
        return None
    kept = kept_statement(connection, model, match, {**changes, link: _LINKED})
    if kept is None:
        return None
    sql, values = kept
    position = sum(1 for value in changes.values() if value is not None) + 1
    table = table_of(type(new), ())
    column = model._meta.fields_db_projection[link]
    naming = _naming(sql, position, column, table.pk)
    if naming is None or " RETURNING " in naming:
        return None
    del values[position - 1]
    named = naming.replace("FROM made)", "FROM reply_made)")
    values.append(version)
    guarded = f'{named} AND "{model._meta.db_table}".xmin::text = ${len(values)}'
    groups = values_sql(connection, table, [table.read(new)], [new], {}, values)
    pk = model._meta.fields_db_projection[model._meta.pk_attr]
    clauses = [
        f'reply_made AS (INSERT INTO "{table.name}" ({table.columns}) VALUES {groups}'
        f' RETURNING "{table.pk}")',
        f'reply_moved AS ({guarded} RETURNING "{pk}")',
        "reply_locked AS (SELECT count(*) AS rows FROM reply_moved)",
    ]
    returned = {
        "reply made": f'(SELECT "{table.pk}" FROM reply_made)',
        "reply moved": (
            "(SELECT CAST(CASE count(*) WHEN 1 THEN '1' "
            f"ELSE '{CHANGED_MEANWHILE}' END AS integer) FROM reply_moved)"
        ),
    }
    for index, along in enumerate(alongs):
        clauses.append(f"reply_along{index} AS ({numbered_after(along.sql, len(values))})")
        returned[f"reply along{index}"] = f"ARRAY(SELECT * FROM reply_along{index})"
        values.extend(along.values)
    stand_in = Drawn(f'(SELECT "{table.pk}" FROM reply_made)')
    new.pk = stand_in
    if row is not None:
        setattr(row, link, stand_in)

    def gave(found: Mapping[str, Any]) -> None:
        new.pk = found["reply made"]
        new._saved_in_db = True
        if row is not None:
            setattr(row, link, new.pk)
        stand_in.settle(new.pk)
        for index, along in enumerate(alongs):
            along.returned = list(found[f"reply along{index}"])

    return Later(clauses, values, returned, gave, "reply_locked")


async def read_alongs(connection: BaseDBAsyncClient, alongs: Sequence[Along]) -> None:
    """Send `alongs` (reads of one column) by one statement of their own: each gets its rows."""
    if not alongs:
        return
    values: list[Any] = []
    arrays = []
    for index, along in enumerate(alongs):
        arrays.append(f'ARRAY({numbered_after(along.sql, len(values))}) AS "along{index}"')
        values.extend(along.values)
    [found] = await connection.execute_query_dict(f"SELECT {', '.join(arrays)}", values)
    for index, along in enumerate(alongs):
        along.returned = list(found[f"along{index}"])


class ChangedMeanwhile(Exception):
    """A row read unlocked changed before the write that checks its version."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{CHANGED_MEANWHILE}: {detail}" if detail else CHANGED_MEANWHILE)


def changed_meanwhile(error: BaseException) -> bool:
    """Whether `error` (or what caused it) is `naming_later`'s statement refusing a row that
    changed since it was read."""
    seen: BaseException | None = error
    while seen is not None:
        if CHANGED_MEANWHILE in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


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
