"""`domain.prepared.UpdateReturning` sends Tortoise's own UPDATE (statement and parameters,
moments included) with RETURNING, on SQLite and PostgreSQL, built once per shape, and gives
back exactly the rows it changed, as changed. The outbox's claim is one."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import timedelta
from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.expressions import F, Q
from tortoise.queryset import UpdateQuery

from domain.clock import utcnow
from domain.models import OutboxJob, OutboxStatus
from domain.prepared import UpdateReturning
from tests.own_database import demo_database
from tests.recorded_updates import recorded_updates


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


def _claim(arguments: Sequence[Any]) -> UpdateQuery:
    moment, stale_before, *rest = arguments
    return OutboxJob.filter(
        Q(status=OutboxStatus.PENDING)
        | Q(status=OutboxStatus.ENQUEUED, enqueued_at__lte=stale_before),
        id__in=[value for value in rest if isinstance(value, int)],
        actor_name__in=[value for value in rest if isinstance(value, str)],
    ).update(status=OutboxStatus.ENQUEUED, enqueued_at=moment, enqueue_count=F("enqueue_count") + 1)


async def _jobs(*statuses: OutboxStatus) -> list[OutboxJob]:
    long_ago = utcnow() - timedelta(hours=1)
    return [
        await OutboxJob.create(
            actor_name="deliver_notification",
            queue_name="default",
            kwargs={"notification_id": index},
            status=status,
            enqueued_at=long_ago if status is OutboxStatus.ENQUEUED else None,
            enqueue_count=0 if status is OutboxStatus.PENDING else 1,
            created_at=long_ago,
        )
        for index, status in enumerate(statuses)
    ]


async def test_an_update_returning_is_tortoise_s_own_statement_built_once(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given jobs of every status, and the claim Tortoise would send for them
    first = await _jobs(OutboxStatus.PENDING, OutboxStatus.ENQUEUED, OutboxStatus.DONE)
    second = await _jobs(OutboxStatus.PENDING, OutboxStatus.DONE, OutboxStatus.PENDING)
    moment = utcnow()
    arguments = [
        [moment, moment - timedelta(minutes=10), *(job.id for job in jobs), "deliver_notification"]
        for jobs in (first, second)
    ]
    connection = Tortoise.get_connection("default")
    theirs = []
    for given in arguments:
        query = _claim(given)
        query._db = connection
        query._make_query()
        sql, parameters = query.query.get_parameterized_sql()
        theirs.append((f'{sql} RETURNING "id", "enqueue_count"', list(parameters)))
    # When it claims the first jobs, then (the statement built) the second ones
    claim = UpdateReturning(OutboxJob, _claim, ("id", "enqueue_count"))
    with recorded_updates(connection, "execute_query_dict", monkeypatch) as recording:
        claimed = [await claim.rows(given) for given in arguments]

    # Then it sent Tortoise's statements with Tortoise's parameters, building once
    assert recording.sent == theirs
    assert len(recording.built) == 1
    # And gave back what it changed, as changed: the PENDING and the stale ENQUEUED jobs
    assert sorted((row.id, row.enqueue_count) for row in claimed[0]) == [
        (first[0].id, 1),
        (first[1].id, 2),
    ]
    assert sorted(row.id for row in claimed[1]) == [second[0].id, second[2].id]
    statuses = {job.id: job.status for job in await OutboxJob.filter(enqueued_at=moment)}
    assert statuses == dict.fromkeys(
        [first[0].id, first[1].id, second[0].id, second[2].id], OutboxStatus.ENQUEUED
    )


async def test_an_argument_used_twice_is_refused(database: str) -> None:
    twice = UpdateReturning(
        OutboxJob,
        lambda arguments: OutboxJob.filter(id=arguments[0], enqueue_count=arguments[0]).update(
            status=OutboxStatus.DONE
        ),
        ("id",),
    )

    with pytest.raises(ValueError, match="once"):
        await twice.rows([1])
