"""How committed events reach every API process: straight into this process's hub in
embedded mode, through one Redis pub/sub channel in distributed mode."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from domain.gather import gathered
from domain.live.events import Live, live_from_data, lives_to_json, parse_published
from domain.live.feed import OrderedFeed

logger = logging.getLogger(__name__)

CHANNEL = "mesa:events"
OUTGOING_LIMIT = 10_000
BATCH = 200  # commits in one message at most
RETRY_SECONDS = (0.1, 0.25, 0.5, 1.0, 2.0)


class EventBus(Protocol):
    async def publish(self, events: Sequence[Live]) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class InProcessBus:
    """Embedded mode: this process's commits go straight into its feed (other processes'
    reach it through the feed's poll of the table)."""

    def __init__(self, feed: OrderedFeed) -> None:
        self.feed = feed

    async def publish(self, events: Sequence[Live]) -> None:
        await self.feed.deliver(events)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None


class RedisBus:
    """Distributed mode. Publishing never waits on Redis: each commit's events queue in
    order for one sender task, which publishes the commits of a few milliseconds
    (domain.gather) as one message (domain.live.events.lives_to_json), and retries while
    Redis is away (the queue is bounded, and a client that missed events resumes from the
    event table). With a hub, one pub/sub subscription per process feeds
    it; its own events come back the same way, so order is Redis's. A process of an earlier
    release, which reads one event a message, drops a batch as malformed: its feed reads
    those events from the table when a later one shows the gap, or at its next poll."""

    def __init__(self, url: str, hub: OrderedFeed | None, *, channel: str = CHANNEL) -> None:
        self.url = url
        self.hub = hub
        self.channel = channel
        self._client: aioredis.Redis | None = None
        self._outgoing: asyncio.Queue[Sequence[Live]] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.dropped = 0
        self.listening = asyncio.Event()

    def _redis(self) -> aioredis.Redis:
        if self._client is None:
            self._client = aioredis.from_url(
                self.url, socket_connect_timeout=2, health_check_interval=15
            )
        return self._client

    async def start(self) -> None:
        if self.hub is not None and not self._tasks:
            self._tasks.append(asyncio.create_task(self._listen(self.hub), name="mesa-live-in"))
            with contextlib.suppress(TimeoutError):
                # Subscribed before the process serves, so its first subscribers miss nothing.
                await asyncio.wait_for(self.listening.wait(), 5)

    async def publish(self, events: Sequence[Live]) -> None:
        if self._outgoing is None:
            self._outgoing = asyncio.Queue(OUTGOING_LIMIT)
            sender = asyncio.create_task(self._send(self._outgoing), name="mesa-live-out")
            self._tasks.append(sender)
        if not events:
            return
        try:
            self._outgoing.put_nowait(tuple(events))
        except asyncio.QueueFull:
            self.dropped += len(events)
            ids = [getattr(event, "id", None) for event in events]
            logger.warning("live events %s dropped: Redis has been away too long", ids)

    async def stop(self) -> None:
        if self._outgoing is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._outgoing.join(), 2)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        self._outgoing = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _send(self, outgoing: asyncio.Queue[Sequence[Live]]) -> None:
        while True:
            batch = await gathered(outgoing, BATCH)
            await self._publish_with_retries(lives_to_json([e for events in batch for e in events]))
            for _ in batch:
                outgoing.task_done()

    async def _publish_with_retries(self, message: str) -> None:
        attempt = 0
        while True:
            try:
                await self._redis().publish(self.channel, message)
                return
            except (RedisError, OSError) as error:
                delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                if attempt == 0:
                    logger.warning("cannot publish live events (%r), retrying", error)
                attempt += 1
                await asyncio.sleep(delay)

    async def _listen(self, hub: OrderedFeed) -> None:
        attempt = 0
        interrupted = False
        while True:
            pubsub = self._redis().pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                self.listening.set()
                if interrupted:
                    # Whatever was published meanwhile is gone from Redis, not from the table.
                    hub.resync()
                    interrupted = False
                attempt = 0
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        await _dispatch(hub, message["data"])
            except (RedisError, OSError) as error:
                self.listening.clear()
                interrupted = True
                delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                if attempt == 0:
                    logger.warning("live events subscription lost (%r), reconnecting", error)
                attempt += 1
                await asyncio.sleep(delay)
            finally:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()


async def _dispatch(feed: OrderedFeed, raw: bytes) -> None:
    """A published message (one event, or an array of a commit's events) into the feed;
    what is not one of ours is logged and left out."""
    try:
        data = parse_published(raw)
    except ValueError:
        logger.error("ignored a malformed live message on %s: %.200r", CHANNEL, raw)
        return
    events = []
    for item in data if isinstance(data, list) else [data]:
        try:
            events.append(live_from_data(item))
        except (ValueError, TypeError, KeyError, AttributeError):
            logger.error("ignored a malformed live event on %s: %.200r", CHANNEL, item)
    if events:
        await feed.deliver(events)
