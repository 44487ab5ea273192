"""The notifications' index by recipient holds the automatic answers alone (the rows the
hourly limit of domain.email.loops counts), and that count reads it on both databases."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from tortoise import connections

from domain.clock import utcnow
from domain.config import get_settings
from domain.email.loops import automatic_answers_sent, may_answer_automatically
from domain.email.notifications import Notice, notify_all
from domain.models import (
    AUTOMATIC_ANSWER_ROWS,
    AUTOMATIC_ANSWERS,
    Language,
    Notification,
    NotificationKind,
)
from domain.tickets.actions import create_ticket
from domain.uow import unit_of_work
from tests.own_database import demo_database
from tests.sla_support import new_ticket_of

INDEX = "notification_automatic_answers"


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def test_an_address_gets_its_hours_automatic_answers_and_no_more(database: str) -> None:
    # Given an address sent one automatic answer short of its hour's limit, and as many
    # notifications of other kinds, and another address sent the whole limit
    limit = get_settings().auto_reply_limit_per_hour
    robot, other = "robot@example.com", "other@example.com"
    kinds = [AUTOMATIC_ANSWERS[n % len(AUTOMATIC_ANSWERS)] for n in range(limit - 1)]
    notices = [Notice(robot, Language.ES, kind, {}) for kind in kinds]
    notices += [Notice(robot, Language.ES, NotificationKind.AGENT_REPLIED, {})] * limit
    notices += [Notice(other, Language.ES, NotificationKind.TICKET_CREATED, {})] * limit
    async with unit_of_work() as uow:
        await notify_all(uow, notices)

    # Then it may get one more; once it got it, none; the other address, none
    async with unit_of_work() as uow:
        assert await may_answer_automatically(uow, robot) is True
        assert await may_answer_automatically(uow, other) is False
        await notify_all(uow, [Notice(robot, Language.EN, AUTOMATIC_ANSWERS[-1], {})])
    async with unit_of_work() as uow:
        assert await may_answer_automatically(uow, robot) is False


async def test_the_count_of_an_addresss_automatic_answers_reads_their_index(
    database: str,
) -> None:
    connection = connections.get("default")
    dialect = connection.capabilities.dialect
    since = utcnow() - timedelta(hours=1)
    if dialect == "postgres":
        sql = automatic_answers_sent(dialect).replace("$1", "'cliente@example.com'")
        sql = sql.replace("$2", f"'{since.isoformat()}'::timestamptz")
        async with connection._in_transaction() as transaction:
            await transaction.execute_script("SET LOCAL enable_seqscan = off")
            plan = await transaction.execute_query_dict(f"EXPLAIN {sql}")
        steps = " ".join(str(next(iter(row.values()))) for row in plan)
    else:
        plan = await connection.execute_query_dict(
            f"EXPLAIN QUERY PLAN {automatic_answers_sent(dialect)}",
            ["cliente@example.com", since],
        )
        steps = " ".join(str(row["detail"]) for row in plan)
    assert INDEX in steps, steps


async def test_a_new_tickets_alerts_to_agents_are_not_in_the_index(database: str) -> None:
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        pytest.skip("SQLite's dbstat counts an index's entries; PostgreSQL's plan is above")
    customer, data = await new_ticket_of("C-1001", "backup_restore")
    await create_ticket(viewer=customer, data=data)

    automatic = await Notification.filter(kind__in=AUTOMATIC_ANSWERS).count()
    every = await Notification.all().count()
    [row] = await connection.execute_query_dict(
        "SELECT SUM(ncell) AS entries FROM dbstat WHERE name = ? AND pagetype = 'leaf'",
        [INDEX],
    )
    assert automatic >= 1
    assert every > automatic  # the agents were alerted too
    assert row["entries"] == automatic


async def test_the_migrated_index_has_the_models_condition(database: str) -> None:
    migration = importlib.import_module("domain.migrations.0030_automatic_answers_index")
    assert migration.AUTOMATIC_ANSWER_ROWS == AUTOMATIC_ANSWER_ROWS
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        [row] = await connection.execute_query_dict(
            "SELECT indexdef AS sql FROM pg_indexes WHERE indexname = $1", [INDEX]
        )
        assert "'TICKET_CREATED'" in row["sql"] and "'EMAIL_REPLY_REFUSED'" in row["sql"]
    else:
        [row] = await connection.execute_query_dict(
            "SELECT sql FROM sqlite_master WHERE name = ?", [INDEX]
        )
        assert row["sql"].endswith(f"WHERE {AUTOMATIC_ANSWER_ROWS}")
    assert "idx_notificatio_recipie_510c22" not in await _index_names()


async def _index_names() -> set[str]:
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        sql = "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'notification'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notification'"
    return {row["name"] for row in await connection.execute_query_dict(sql)}
