"""A batch of dramatiq messages into Redis in one round trip, from the event loop.

dramatiq's RedisBroker has no batch enqueue: `enqueue` makes one blocking call of its
`dispatch` Lua script per message, so the outbox sent a write's jobs from a thread, one
round trip each (a ticket's creation records four or more). Here the same script calls, with
the arguments RedisBroker.enqueue gives them, go in one pipeline on an asyncio client of the
same Redis: no thread, one round trip. Each message gets its Redis id as in RedisBroker.enqueue
and passes through the broker's before/after enqueue middleware the same way.

The arguments are RedisBroker's own layout (`RedisBroker._dispatch`: command, timestamp,
queue name, broker id, heartbeat timeout, dead message TTL, maintenance flag, unpack size,
then the message's id and data), not a public API: tests/test_redis_enqueue.py compares what
lands in Redis both ways and has a worker run what was sent, so a dramatiq upgrade that
changes it fails the tests.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Sequence
from typing import Any
from uuid import uuid4

import dramatiq
import redis.asyncio as aioredis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.common import current_millis
from redis.exceptions import NoScriptError, RedisError

DISPATCH = "dispatch"
ENQUEUE = "enqueue"

# One client per event loop: a redis.asyncio connection belongs to the loop that opened it.
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aioredis.Redis] = (
    weakref.WeakKeyDictionary()
)


def _client(url: str) -> aioredis.Redis:
    loop = asyncio.get_running_loop()
    client = _clients.get(loop)
    if client is None:
        client = _clients[loop] = aioredis.from_url(url, socket_connect_timeout=2)
    return client


def _arguments(broker: RedisBroker, message: dramatiq.Message[None]) -> list[Any]:
    return [
        ENQUEUE,
        current_millis(),
        message.queue_name,
        broker.broker_id,
        broker.heartbeat_timeout,
        broker.dead_message_ttl,
        broker._should_do_maintenance(ENQUEUE),
        broker._max_unpack_size(),
        message.options["redis_message_id"],
        message.encode(),
    ]


async def enqueue_all(
    broker: RedisBroker, url: str, messages: Sequence[dramatiq.Message[None]]
) -> tuple[int, Exception | None]:
    """Send the messages to the broker's Redis (at `url`) in one pipeline: how many went, in
    order, before the first one Redis refused, and why (none when the connection failed:
    some may have been stored, and the outbox's re-send is at least once anyway)."""
    if not messages:
        return 0, None
    sent = [message.copy(options={"redis_message_id": str(uuid4())}) for message in messages]
    for message in sent:
        broker.emit_before(ENQUEUE, message, None)
    script = broker.scripts[DISPATCH]
    client = _client(url)
    try:
        results = await _pipelined(client, script.sha, broker, sent)
        if any(isinstance(result, NoScriptError) for result in results):
            # Redis restarted since the script was loaded: load it, send again (a message
            # refused for a missing script was not stored).
            await client.script_load(script.script)
            results = await _pipelined(client, script.sha, broker, sent)
    except RedisError as error:
        return 0, error
    for count, result in enumerate(results):
        if isinstance(result, Exception):
            return count, result
        broker.emit_after(ENQUEUE, sent[count], None)
    return len(sent), None


async def _pipelined(
    client: aioredis.Redis,
    sha: str,
    broker: RedisBroker,
    messages: Sequence[dramatiq.Message[None]],
) -> list[object]:
    async with client.pipeline(transaction=False) as pipe:
        for message in messages:
            pipe.evalsha(sha, 1, broker.namespace, *_arguments(broker, message))
        results: list[object] = await pipe.execute(raise_on_error=False)
    return results


async def close() -> None:
    """Close this loop's client (a process or a test that is done with Redis)."""
    client = _clients.pop(asyncio.get_running_loop(), None)
    if client is not None:
        await client.aclose()
