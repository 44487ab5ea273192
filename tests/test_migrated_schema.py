"""A database built by the migrations has what the models declare: every table and column,
and every index (on SQLite, altering a column rebuilds its table, which once dropped all of the
ticket's indexes, so every ticket list read the whole table). On SQLite and PostgreSQL, each
migrated from empty and compared with one Tortoise generates from the models. And the
migrations, applied as Tortoise applies them (copying the schema's state before every
operation, which domain.schema_migration skips where no operation reads it), build the same
database as Mesa applies them."""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import pytest
from tortoise import Tortoise, migrations
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.migrations.executor import MigrationExecutor
from tortoise.migrations.graph import MigrationKey

from domain import db
from domain import migrations as mesa_migrations
from domain.schema_migration import Migration as MesaMigration
from tests.own_database import own_database_at

pytestmark = pytest.mark.slow


# Made by migrations with raw SQL (full-text search), so never generated from the models.
SEARCH_TABLES = ("ticket_fts", "article_fts", "ticket_search", "article_search")
SKIPPED = ("tortoise_migrations",)

Index = tuple[tuple[str, ...], bool]  # columns in order, unique
Shape = dict[str, tuple[frozenset[str], list[Index]]]


async def _sqlite_shape(connection: BaseDBAsyncClient) -> Shape:
    shape: Shape = {}
    tables = await connection.execute_query_dict(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    for table in (row["name"] for row in tables):
        columns = await connection.execute_query_dict(f'PRAGMA table_info("{table}")')
        indexes: list[Index] = []
        for index in await connection.execute_query_dict(f'PRAGMA index_list("{table}")'):
            parts = await connection.execute_query_dict(f'PRAGMA index_info("{index["name"]}")')
            indexes.append((tuple(part["name"] for part in parts), bool(index["unique"])))
        shape[table] = (frozenset(column["name"] for column in columns), indexes)
    return shape


async def _postgres_shape(connection: BaseDBAsyncClient) -> Shape:
    columns: dict[str, set[str]] = {}
    for row in await connection.execute_query_dict(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = 'public'"
    ):
        columns.setdefault(row["table_name"], set()).add(row["column_name"])
    indexes: dict[str, list[Index]] = {table: [] for table in columns}
    for row in await connection.execute_query_dict(
        "SELECT t.relname AS table_name, i.indisunique AS is_unique, ARRAY("
        "  SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)"
        "  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
        "  ORDER BY k.position) AS columns"
        " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
        " JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public'"
    ):
        indexes[row["table_name"]].append((tuple(row["columns"]), bool(row["is_unique"])))
    return {table: (frozenset(names), indexes[table]) for table, names in columns.items()}


async def _shape(url: str) -> Shape:
    connection = Tortoise.get_connection("default")
    if url.startswith("sqlite"):
        shape = await _sqlite_shape(connection)
    else:
        shape = await _postgres_shape(connection)
    return {
        table: described
        for table, described in shape.items()
        if table not in SKIPPED and not table.startswith(SEARCH_TABLES)
    }


@pytest.fixture(params=["sqlite", "postgres"])
async def urls(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[str, str]]:
    """An empty database for the migrations and one for the models' generated schema."""
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path / 'migrated.sqlite3'}", f"sqlite://{tmp_path / 'models.sqlite3'}"
        return
    postgres = request.getfixturevalue("postgres")
    yield (
        await postgres.create_database("schema_migrated"),
        await postgres.create_database("schema_models"),
    )


async def test_the_migrations_build_every_table_column_and_index_the_models_declare(
    urls: tuple[str, str],
) -> None:
    migrated_url, models_url = urls
    async with own_database_at(migrated_url):
        migrated = await _shape(migrated_url)
        # The models' own schema, in the other database (own_database_at closes it after)
        await db.close()
        await db.connect(models_url)
        await Tortoise.generate_schemas(safe=False)
        declared = await _shape(models_url)

    assert sorted(migrated) == sorted(declared)
    for table, (columns, indexes) in declared.items():
        migrated_columns, migrated_indexes = migrated[table]
        assert migrated_columns == columns, table
        missing = [index for index in indexes if index not in migrated_indexes]
        assert not missing, f"{table} lacks the indexes {missing}"
        repeated = {index for index in migrated_indexes if migrated_indexes.count(index) > 1}
        assert not repeated, f"{table} has twice the indexes {repeated}"


async def test_the_migrations_applied_as_tortoise_applies_them_build_the_same_database(
    tmp_path: Path,
) -> None:
    ours, tortoise_s = tmp_path / "ours.sqlite3", tmp_path / "tortoise.sqlite3"
    await db.migrate(f"sqlite://{ours}")
    config = db.tortoise_config(f"sqlite://{tortoise_s}")
    await Tortoise.init(config=config, init_connections=False)  # as Tortoise's migrate does
    try:
        executor = MigrationExecutor(Tortoise.get_connection("default"), config["apps"])

        def as_tortoise(event: str, app_label: str, name: str) -> None:
            if event == "apply_start":
                migration = executor.loader.graph.nodes[MigrationKey(app_label, name)]
                assert migration is not None
                migration.apply = partial(migrations.Migration.apply, migration)
                applied.append(name)

        applied: list[str] = []
        await executor.migrate(progress=as_tortoise)
    finally:
        await Tortoise.close_connections()

    assert applied, "no migration applied"
    assert _everything(ours) == _everything(tortoise_s)


def _everything(path: Path) -> dict[str, object]:
    """Every table, index, trigger and view of a SQLite file, and every row (but when each
    migration was applied)."""
    with sqlite3.connect(path) as connection:
        found: dict[str, object] = {
            "schema": connection.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
            ).fetchall()
        }
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        for (table,) in tables.fetchall():
            columns = "app, name" if table == "tortoise_migrations" else "*"
            rows = connection.execute(f'SELECT {columns} FROM "{table}"').fetchall()
            found[table] = sorted(rows, key=repr)
    return found


def test_every_migration_is_applied_as_mesa_applies_them() -> None:
    """One `tortoise makemigrations` writes subclasses Tortoise's own class: it would work,
    copying the schema's state before each of its operations (domain.schema_migration)."""
    names = [
        name
        for _, name, is_package in pkgutil.iter_modules(mesa_migrations.__path__)
        if not is_package and name[0] not in "_~"  # as Tortoise's loader finds them
    ]
    assert len(names) > 20
    for name in names:
        module = importlib.import_module(f"{mesa_migrations.__name__}.{name}")
        assert issubclass(module.Migration, MesaMigration), (
            f"{name}: subclass domain.schema_migration.Migration"
        )
