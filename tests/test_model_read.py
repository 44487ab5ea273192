"""A row read from the database becomes the instance Tortoise's own `Model._init_from_db`
makes of it (domain.models.building.read), on SQLite and PostgreSQL in one process (which
columns the driver converts differs, so each connection makes its own code): every model's
rows of the demo data, every attribute of the same value, type and zone; a row without
every column is Tortoise's to build."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.models import Model as TortoiseModel

from domain.models import building
from domain.models.base import Model
from tests.own_database import demo_database


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


def _attributes(instance: Any) -> dict[str, tuple[type, Any, Any]]:
    return {n: (type(v), v, getattr(v, "tzinfo", None)) for n, v in vars(instance).items()}


def _tortoises(model: type[Model], row: dict[str, Any]) -> Any:
    return TortoiseModel._init_from_db.__func__(model, **row)  # type: ignore[attr-defined]


def _partial_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The row without some of its columns: the last, the first, every other one, all but
    two, in reverse order, and with a name that is no column."""
    items = list(row.items())
    return [
        dict(items[:-1]),
        dict(items[1:]),
        dict(items[::2]),
        dict(items[:2]),
        dict(reversed(items[1:])),
        {**dict(items[:-1]), "no_such_column": 1},
    ]


async def test_every_models_rows_are_read_as_tortoise_reads_them(database: str) -> None:
    connection = Tortoise.get_connection("default")
    models = [m for app in Tortoise.apps.values() for m in app.values() if issubclass(m, Model)]
    rows_read = 0
    for model in models:
        table = model._meta.db_table
        rows = await connection.execute_query_dict(f'SELECT * FROM "{table}" LIMIT 20')
        for row in rows:
            ours = model._init_from_db(**row)
            assert _attributes(ours) == _attributes(_tortoises(model, row)), (model, row)
            assert ours._saved_in_db and not ours._partial
            for partial in _partial_rows(row):  # Tortoise's partial reads
                ours = model._init_from_db(**partial)
                assert _attributes(ours) == _attributes(_tortoises(model, partial)), partial
            rows_read += 1
    assert rows_read > 50
    assert len(building._READ_PARTIAL) > 50  # the partial rows had code of their own
    first = await models[0].all().first()  # what Tortoise's own queries build
    assert first is None or first._saved_in_db
