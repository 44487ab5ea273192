"""The outbox's batch enqueue (workers.redis_enqueue) stores in a real Redis exactly what
dramatiq's RedisBroker.enqueue stores, a dramatiq worker runs what it sent, a Redis that
restarted (its scripts gone) still takes the batch, and a Redis that is away is reported
with nothing counted as sent."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import dramatiq
import pytest
import redis
from dramatiq.brokers.redis import RedisBroker

from tests.services import Redis
from workers import redis_enqueue

QUEUE = "batch"


@pytest.fixture
def broker(own_redis: Redis) -> Iterator[RedisBroker]:
    made = RedisBroker(url=own_redis.url, namespace="mesa-test")
    yield made
    made.close()


def message(actor: str, **kwargs: Any) -> dramatiq.Message[None]:
    return dramatiq.Message(queue_name=QUEUE, actor_name=actor, args=(), kwargs=kwargs, options={})


def stored(broker: RedisBroker) -> tuple[set[str], list[dict[str, Any]]]:
    """The broker's keys, and the queue's messages in order, each without its ids."""
    raw = broker.client
    keys = {key.decode() for key in raw.keys(f"{broker.namespace}:*")}
    ids = raw.lrange(f"{broker.namespace}:{QUEUE}", 0, -1)
    bodies = raw.hmget(f"{broker.namespace}:{QUEUE}.msgs", ids)
    messages = []
    for redis_id, body in zip(ids, bodies, strict=True):
        decoded = dramatiq.Message.decode(body).asdict()
        assert decoded["options"].pop("redis_message_id") == redis_id.decode()
        decoded.pop("message_id")
        decoded.pop("message_timestamp")
        messages.append(decoded)
    return keys, messages


async def test_a_batch_stores_what_one_enqueue_at_a_time_stores(
    broker: RedisBroker, own_redis: Redis
) -> None:
    batch = [message("first", ticket_id=1), message("second", ticket_id=2, outbox_id=7)]
    for one in batch:
        broker.enqueue(one)
    one_at_a_time = stored(broker)
    broker.client.flushall()

    assert await redis_enqueue.enqueue_all(broker, own_redis.url, batch) == (2, None)
    in_one_trip = stored(broker)
    await redis_enqueue.close()

    assert in_one_trip == one_at_a_time
    keys, messages = in_one_trip
    assert keys == {f"mesa-test:{QUEUE}", f"mesa-test:{QUEUE}.msgs", "mesa-test:__heartbeats__"}
    assert [m["actor_name"] for m in messages] == ["first", "second"]
    assert broker.client.zscore("mesa-test:__heartbeats__", broker.broker_id) is not None


async def test_a_worker_runs_what_a_batch_sent(broker: RedisBroker, own_redis: Redis) -> None:
    ran: list[int] = []
    done = threading.Event()

    @dramatiq.actor(broker=broker, queue_name=QUEUE, actor_name="record", max_retries=0)
    def record(number: int) -> None:
        ran.append(number)
        if len(ran) == 3:
            done.set()

    batch = [message("record", number=n) for n in (1, 2, 3)]
    assert await redis_enqueue.enqueue_all(broker, own_redis.url, batch) == (3, None)
    await redis_enqueue.close()
    worker = dramatiq.Worker(broker, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        assert done.wait(10), ran
    finally:
        worker.stop()
    assert ran == [1, 2, 3]
    assert record.actor_name == "record"


async def test_a_redis_that_lost_its_scripts_still_takes_the_batch(
    broker: RedisBroker, own_redis: Redis
) -> None:
    broker.client.script_flush()  # as after a restart
    assert await redis_enqueue.enqueue_all(broker, own_redis.url, [message("late")]) == (1, None)
    await redis_enqueue.close()
    assert [m["actor_name"] for m in stored(broker)[1]] == ["late"]


async def test_a_redis_that_is_away_sends_nothing(broker: RedisBroker, own_redis: Redis) -> None:
    own_redis.stop()
    sent, error = await redis_enqueue.enqueue_all(broker, own_redis.url, [message("lost")])
    await redis_enqueue.close()
    assert sent == 0
    assert isinstance(error, redis.ConnectionError)
