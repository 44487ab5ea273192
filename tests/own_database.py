"""A SQLite database of a test module's own, and tickets made directly with the models."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from itertools import count
from pathlib import Path

import pytest
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from domain import db
from domain.clock import utcnow
from domain.config import get_settings
from domain.demo import seed_demo
from domain.models import Channel, Department, Impact, Ticket, TicketStatus
from domain.tickets.tracking import new_tracking_id
from tests.services import mesa_command


@asynccontextmanager
async def own_database(folder: Path) -> AsyncIterator[str]:
    """Migrate and connect a database in `folder`; afterwards hand the ORM back.

    The ORM is process-global: when another suite's app is connected (the session server),
    it is pointed back at its own database once this one closes. The file starts as a copy of
    one migrated once per process (a fresh migration costs seconds; a copy, milliseconds).
    """
    path = folder / "mesa.sqlite3"
    if not path.exists():
        copy_migrated(path)
    async with own_database_at(f"sqlite://{path}") as url:
        yield url


_demo_databases = count(1)


@asynccontextmanager
async def demo_database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """A database of its own with the demo data, on the backend the fixture's param names
    ("sqlite" or "postgres")."""
    if request.param == "sqlite":
        folder = request.getfixturevalue("tmp_path_factory").mktemp("demo")
        async with own_database(folder) as url:
            await seed_demo()
            yield url
        return
    postgres = request.getfixturevalue("postgres")
    seeded = await postgres.prepared_database(f"demo_{next(_demo_databases)}", "seed-demo")
    async with own_database_at(seeded) as url:
        yield url


_migrated: list[Path] = []  # the template, once made


def copy_migrated(path: Path) -> None:
    """Write at `path` a copy of a SQLite database `mesa migrate` made, once per process."""
    if not _migrated:
        template = Path(tempfile.mkdtemp(prefix="mesa-migrated-")) / "mesa.sqlite3"
        mesa_command(
            "migrate",
            {"MESA_DATABASE_URL": f"sqlite://{template}", "MESA_DATA_DIR": str(template.parent)},
        )
        _migrated.append(template)
    with sqlite3.connect(_migrated[0]) as source, sqlite3.connect(path) as target:
        source.backup(target)


@asynccontextmanager
async def own_database_at(url: str) -> AsyncIterator[str]:
    """`own_database` for any URL (an empty PostgreSQL database, say)."""
    previous_url = os.environ.get("MESA_DATABASE_URL")
    was_connected = Tortoise.is_inited()
    os.environ["MESA_DATABASE_URL"] = url
    get_settings.cache_clear()
    EXECUTOR_CACHE.clear()  # SQL is cached per connection name, not per dialect
    await db.migrate(url)
    await db.connect(url)
    try:
        yield url
    finally:
        await db.close()
        if previous_url is None:
            del os.environ["MESA_DATABASE_URL"]
        else:
            os.environ["MESA_DATABASE_URL"] = previous_url
        get_settings.cache_clear()
        EXECUTOR_CACHE.clear()
        if was_connected:
            await db.connect(get_settings().database_url)


def days_ago(days: int) -> datetime:
    return utcnow() - timedelta(days=days)


async def make_ticket(status: TicketStatus, *, resolved_at: datetime | None = None) -> Ticket:
    """A guest ticket in Technical Support, created a day before it was resolved."""
    department, _ = await Department.get_or_create(
        code="TECH", defaults={"name": "Technical Support"}
    )
    created_at = (resolved_at or utcnow()) - timedelta(days=1)
    number = await Ticket.all().count() + 1
    ticket = guest_ticket(department, number, status, created_at, resolved_at=resolved_at)
    await ticket.save()
    return ticket


def guest_ticket(
    department: Department,
    number: int,
    status: TicketStatus,
    created_at: datetime,
    *,
    resolved_at: datetime | None = None,
) -> Ticket:
    """A guest's ticket in `department`, not saved yet, last changed when it was resolved."""
    return Ticket(
        number=number,
        tracking_id=new_tracking_id(),
        department=department,
        guest_name="Guest",
        guest_email="guest@example.com",
        subject=f"Ticket {number}",
        priority=Impact.MEDIUM,
        impact=Impact.MEDIUM,
        status=status,
        channel=Channel.WEB,
        created_at=created_at,
        updated_at=resolved_at or created_at,
        resolved_at=resolved_at,
    )
