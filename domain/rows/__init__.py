"""Writes of several rows in one statement that also read them back (RETURNING).

Tortoise's `bulk_create` sends one statement per row on asyncpg (executemany) and gives the
instances no ids; a unit of work that writes a row per recipient needs both the single
round trip and the ids. The ids come back in the order of the VALUES, as PostgreSQL and
SQLite return them (Django's bulk_create relies on the same). `insert_values` writes rows
given as values, without building the models (a new ticket writes four notifications).
Every value is converted as its field converts it (domain.db_values), and each model's
columns, converters and getter are decided once (domain.rows.tables): a new ticket's row took 40 us
to convert one value at a time through Tortoise, 12 us so. A failing insert undoes only
itself; its unit of work then fails whole (domain.rows.tables.insert_rows). (An update that
gives back the rows it changed is domain.prepared.UpdateReturning.)

`update_where_naming` writes a new row with the update that names it (a reply's message and
the ticket's move), from the update's statement kept by domain.rows.updates.
"""

from domain.rows.inserts import (
    Gather,
    Later,
    gathered_later,
    insert_all,
    insert_values,
    insert_values_gathered,
    locked_first,
    write_later,
)
from domain.rows.naming import (
    SHARED,
    Along,
    ChangedMeanwhile,
    changed_meanwhile,
    insert_with_parent,
    naming_later,
    parent_later,
    read_alongs,
    update_where_naming,
)
from domain.rows.updates import (
    changed_only,
    indexed_values,
    kept_statement,
    update_where,
    update_where_unread,
)

__all__ = [
    "SHARED",
    "Along",
    "ChangedMeanwhile",
    "Gather",
    "Later",
    "changed_meanwhile",
    "changed_only",
    "gathered_later",
    "indexed_values",
    "insert_all",
    "insert_values",
    "insert_values_gathered",
    "insert_with_parent",
    "kept_statement",
    "locked_first",
    "naming_later",
    "parent_later",
    "read_alongs",
    "update_where",
    "update_where_naming",
    "update_where_unread",
    "write_later",
]
