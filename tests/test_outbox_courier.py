"""The outbox's courier (workers.outbox, distributed mode, a real Redis): the jobs of the
commits of a few milliseconds go to the broker together and in their order, the write that
committed them does not wait for Redis, stopping hands over what is still waiting, and jobs
a Redis that is away did not take are given back to the sweep, PENDING."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import dramatiq
import pytest
from dramatiq.brokers.redis import RedisBroker

from domain import uow as uow_module
from domain.clock import utcnow
from domain.models import OutboxJob, OutboxStatus
from domain.uow import ClaimedJob
from tests.own_database import own_database
from tests.services import Redis
from workers import outbox
from workers.broker import DEFAULT_QUEUE

ACTOR = "deliver_notification"


@pytest.fixture
async def redis_broker(
    own_redis: Redis, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[RedisBroker]:
    """This process's relay sending to a Redis broker of the test's own (as `mesa serve`'s
    does in distributed mode); afterwards, the relay as it was."""
    installed = uow_module._sender is not None
    made = RedisBroker(url=own_redis.url, namespace="mesa-courier-test")
    monkeypatch.setattr(outbox, "broker", made)
    monkeypatch.setattr(outbox, "broker_url", own_redis.url)
    yield made
    await outbox.stop()
    monkeypatch.undo()
    if installed:
        outbox.install()
    made.close()


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[str]:
    async with own_database(tmp_path) as url:
        yield url


def queued(broker: RedisBroker) -> list[int]:
    """The outbox ids of the messages in the broker's queue, in its order."""
    raw = broker.client
    ids = raw.lrange(f"{broker.namespace}:{DEFAULT_QUEUE}", 0, -1)
    if not ids:
        return []
    bodies = cast(list[bytes], raw.hmget(f"{broker.namespace}:{DEFAULT_QUEUE}.msgs", ids))
    return [dramatiq.Message.decode(body).kwargs["outbox_id"] for body in bodies]


async def eventually_queued(broker: RedisBroker, count: int) -> list[int]:
    for _ in range(200):
        found = queued(broker)
        if len(found) >= count:
            return found
        await asyncio.sleep(0.01)
    return queued(broker)


def claimed(*ids: int) -> list[ClaimedJob]:
    return [
        ClaimedJob(id=pk, actor_name=ACTOR, queue_name=DEFAULT_QUEUE, kwargs={}, request_id=None)
        for pk in ids
    ]


async def test_the_jobs_of_commits_close_together_go_together_in_their_order(
    redis_broker: RedisBroker,
) -> None:
    # when three commits hand their jobs over, one right after the other
    handed = [await outbox.send_claimed(claimed(*ids)) for ids in ((1, 2), (3,), (4, 5))]
    # then none of them waited for Redis (nothing is there yet)
    assert handed == [2, 1, 2]
    assert queued(redis_broker) == []
    # and a moment later all are in the broker's queue, each once, in the commits' order
    assert await eventually_queued(redis_broker, 5) == [1, 2, 3, 4, 5]
    await asyncio.sleep(0.05)
    assert queued(redis_broker) == [1, 2, 3, 4, 5]


async def test_stopping_hands_over_the_jobs_still_waiting(redis_broker: RedisBroker) -> None:
    await outbox.send_claimed(claimed(7, 8))
    await outbox.stop()
    assert queued(redis_broker) == [7, 8]


async def test_jobs_a_redis_that_is_away_did_not_take_are_pending_again(
    redis_broker: RedisBroker, own_redis: Redis, database: str
) -> None:
    # given two jobs a commit wrote claimed (ENQUEUED once), and the broker's Redis gone
    now = utcnow()
    rows = [
        await OutboxJob.create(
            actor_name=ACTOR,
            queue_name=DEFAULT_QUEUE,
            kwargs={},
            status=OutboxStatus.ENQUEUED,
            enqueued_at=now,
            enqueue_count=1,
            created_at=now,
        )
        for _ in range(2)
    ]
    own_redis.stop()
    # when the commit hands them to the courier
    assert await outbox.send_claimed(claimed(*(row.id for row in rows))) == 2
    # then, the send refused, they are PENDING again, their enqueue given back, for the sweep
    for _ in range(300):
        found = await OutboxJob.filter(id__in=[row.id for row in rows]).order_by("id")
        if all(job.status is OutboxStatus.PENDING for job in found):
            break
        await asyncio.sleep(0.02)
    assert [(job.status, job.enqueue_count) for job in found] == [(OutboxStatus.PENDING, 0)] * 2
    assert all(job.last_error and job.last_error.startswith("enqueue failed") for job in found)
