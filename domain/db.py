"""Database configuration: the Tortoise config, connect/close and migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asyncpg
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.exceptions import DBConnectionError
from tortoise.migrations.api import migrate as run_migrations

from domain import postgres_engine, sqlite_engine
from domain.config import get_settings
from domain.models.base import guard_relations
from domain.models.building import forget_read_code

MODELS_MODULE = "domain.models"
MIGRATIONS_MODULE = "domain.migrations"


def tortoise_config(database_url: str | None = None) -> dict[str, Any]:
    url = database_url or get_settings().database_url
    connection = expand_db_url(url)
    if connection["engine"] == "tortoise.backends.sqlite":
        connection["engine"] = sqlite_engine.ENGINE  # write transactions begin IMMEDIATE
        connection["credentials"].update(SQLITE_PRAGMAS)
    elif connection["engine"] == ASYNCPG_ENGINE:
        connection["engine"] = postgres_engine.ENGINE  # transactions begin with a statement
        connection["credentials"].update(POOL_OPTIONS)
    return {
        "connections": {"default": connection},
        "apps": {
            "models": {
                "models": [MODELS_MODULE],
                "migrations": MIGRATIONS_MODULE,
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


ASYNCPG_ENGINE = "tortoise.backends.asyncpg"

# Pragmas of every SQLite connection Mesa opens, besides Tortoise's (WAL, foreign keys).
# temp_store: SQLite's temporary storage in memory, not in files. A statement with RETURNING
# (every insert of domain.rows) keeps a statement journal of the pages it changes, which
# past 64 KiB SQLite spills to a temporary file: a new ticket's row and its 18 indexes did,
# on every create (a file opened, written, closed and deleted: about 100 us of the insert's
# 200). In memory, a journal holds the pages of one statement; the other temporary tables
# (DISTINCT, GROUP BY, IN lists without an index) go there too, while large sorts still
# spill to files (SQLite's sorter does not follow temp_store).
SQLITE_PRAGMAS: dict[str, Any] = {"temp_store": "MEMORY"}


async def keep_session(connection: asyncpg.Connection) -> None:
    """What asyncpg's pool does to a connection given back, once it has rolled back any
    transaction left open: nothing more. Its default sends a second statement per release
    (closing cursors, LISTENs, advisory locks and session settings); Mesa leaves none of
    them on a connection, since every setting it sends is its transaction's."""


# asyncpg.create_pool's options for every pool of Mesa's database (and the bench baseline's).
POOL_OPTIONS: dict[str, Any] = {"reset": keep_session}


def _ensure_sqlite_folder(connection: dict[str, Any]) -> None:
    path = connection["credentials"].get("file_path")
    if connection["engine"] == sqlite_engine.ENGINE and path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


async def connect(database_url: str | None = None) -> None:
    """Initialise the ORM for this process; every task and thread loop shares it."""
    config = tortoise_config(database_url)
    _ensure_sqlite_folder(config["connections"]["default"])
    await Tortoise.init(config=config, _enable_global_fallback=True)
    guard_relations()
    forget_read_code()  # which columns the driver converts is the new connection's


async def ping() -> None:
    """One round trip to the database; raises when it is unreachable."""
    await Tortoise.get_connection("default").execute_query("SELECT 1")


async def close() -> None:
    await Tortoise.close_connections()


async def migrate(database_url: str | None = None) -> None:
    """Apply every pending migration (Tortoise's built-in migration engine)."""
    config = tortoise_config(database_url)
    _ensure_sqlite_folder(config["connections"]["default"])
    try:
        await run_migrations(config=config)
    finally:
        await Tortoise.close_connections()


# What a lost or refused database connection raises, through Tortoise or straight from asyncpg
# (a connection killed mid-use can surface as an InternalClientError about its state).
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    DBConnectionError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    asyncpg.AdminShutdownError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    # "database … is not currently accepting connections" (ALLOW_CONNECTIONS false, dropping)
    asyncpg.ObjectNotInPrerequisiteStateError,
    ConnectionError,
    TimeoutError,
)


def is_unavailable(error: BaseException | None) -> bool:
    """Whether `error` (or what caused it) means the database could not be reached."""
    while error is not None:
        if isinstance(error, _CONNECTION_ERRORS):
            return True
        error = error.__cause__ or error.__context__
    return False


# Read by `tortoise makemigrations` through [tool.tortoise] in pyproject.toml.
TORTOISE_ORM = tortoise_config()
