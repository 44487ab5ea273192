"""How many dramatiq messages wait, per queue and state, for /metrics (`mesa_queue_messages`).

Redis broker (read from Redis, so every API process tells the same), per queue `q`:
- ready: message ids in the list `dramatiq:q`, waiting for a worker;
- in_progress: fetched by a worker, not acked yet (the hash `q.msgs` less the ready ones);
- delayed: retries waiting for their time (`q.DQ.msgs`, fetched or not);
- dead: dead-lettered after the last retry (`q.XQ`; dramatiq drops them after 7 days).
In-process broker (embedded): the same states from its in-memory queues.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from queue import Queue

from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.common import dq_name, xq_name
from prometheus_client.core import GaugeMetricFamily, Metric

from workers.broker import broker

STATES = ("ready", "in_progress", "delayed", "dead")


@dataclass(frozen=True)
class QueueDepth:
    queue: str
    ready: int
    in_progress: int
    delayed: int
    dead: int

    def by_state(self) -> Iterator[tuple[str, int]]:
        for state in STATES:
            yield state, getattr(self, state)


def _main_queues() -> list[str]:
    delayed = broker.get_declared_delay_queues()
    return sorted(name for name in broker.get_declared_queues() if name not in delayed)


def _redis_depths(redis_broker: RedisBroker) -> list[QueueDepth]:
    queues = _main_queues()
    prefix = redis_broker.namespace + ":"
    pipeline = redis_broker.client.pipeline(transaction=True)  # one consistent reading
    for queue in queues:
        pipeline.llen(prefix + queue)
        pipeline.hlen(prefix + queue + ".msgs")
        pipeline.hlen(prefix + dq_name(queue) + ".msgs")
        pipeline.zcard(prefix + xq_name(queue))
    counts = [int(count) for count in pipeline.execute()]
    depths = []
    for index, queue in enumerate(queues):
        ready, stored, delayed, dead = counts[4 * index : 4 * index + 4]
        depths.append(QueueDepth(queue, ready, max(0, stored - ready), delayed, dead))
    return depths


def _unfinished(queue: Queue[bytes]) -> int:
    return int(queue.unfinished_tasks)


def _stub_depths(stub: StubBroker) -> list[QueueDepth]:
    depths = []
    for queue in _main_queues():
        waiting: Queue[bytes] = stub.queues[queue]
        ready = waiting.qsize()
        depths.append(
            QueueDepth(
                queue,
                ready,
                max(0, _unfinished(waiting) - ready),
                _unfinished(stub.queues[dq_name(queue)]),
                len(stub.dead_letters_by_queue.get(queue, ())),
            )
        )
    return depths


def read_queue_depths() -> list[QueueDepth]:
    """Blocking (a Redis round trip): call it off the event loop."""
    if isinstance(broker, RedisBroker):
        return _redis_depths(broker)
    assert isinstance(broker, StubBroker)
    return _stub_depths(broker)


async def queue_metrics() -> list[Metric]:
    """`mesa_queue_messages{queue, state}`, read at each scrape."""
    depths = await asyncio.to_thread(read_queue_depths)
    family = GaugeMetricFamily(
        "mesa_queue_messages",
        "Broker messages per queue and state (ready, in_progress, delayed, dead).",
        labels=["queue", "state"],
    )
    for depth in depths:
        for state, count in depth.by_state():
            family.add_metric([depth.queue, state], count)
    return [family]
