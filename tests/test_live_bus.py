"""The live bus between processes (distributed mode, a real Redis): a commit's events go out
as one pub/sub message, and so do the commits of a few milliseconds, and come back, in every
process, as each of those events in order; a single event is published as itself, as every
earlier release wrote and reads it; what is not one of ours is left out without losing the
rest."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import redis.asyncio as aioredis

from domain.live.bus import RedisBus
from domain.live.events import Live, LiveEvent, PresenceNotice
from domain.live.feed import OrderedFeed
from domain.live.hub import Hub, Subscriber
from domain.models import AuthorKind, EventKind
from tests.services import Redis

TICKET = 41
EVENT = LiveEvent(
    id=1,
    ticket_id=TICKET,
    kind=EventKind.CREATED,
    actor_kind=AuthorKind.CUSTOMER,
    actor_name="Lucía Pérez",
    internal=False,
    created_at=datetime(2026, 12, 6, 8, 0, tzinfo=UTC),
    customer_id=4,
    department_ids=(1,),
    position=1,
)
COMMIT = [
    EVENT,
    replace(EVENT, id=2, kind=EventKind.LINKED, position=2),
    replace(EVENT, id=3, kind=EventKind.MESSAGE_ADDED, position=3),
]


class Listening:
    """A process's side: its bus on a channel of the test's own, feeding a hub with one
    subscriber to the ticket; and a plain Redis subscriber that sees the raw messages."""

    def __init__(self, redis: Redis) -> None:
        self.channel = f"mesa:events:test:{uuid.uuid4().hex}"
        self.hub = Hub()
        self.feed = OrderedFeed(self.hub)
        self.feed.position = 0  # as `start` sets it on an empty table, without reading one
        self.bus = RedisBus(redis.url, self.feed, channel=self.channel)
        topics = [f"ticket:{TICKET}", f"presence:{TICKET}"]
        self.subscriber: Subscriber = self.hub.subscribe(topics, maxsize=100)
        self.raw = aioredis.from_url(redis.url)
        self.pubsub = self.raw.pubsub(ignore_subscribe_messages=True)

    async def messages(self, within: float = 0.5) -> list[bytes]:
        """What reached the channel within `within` seconds."""
        found = []
        deadline = asyncio.get_running_loop().time() + within
        while (left := deadline - asyncio.get_running_loop().time()) > 0:
            message = await self.pubsub.get_message(ignore_subscribe_messages=True, timeout=left)
            if message is not None:
                found.append(message["data"])
        return found

    async def received(self, count: int) -> list[Live]:
        events = [await self.subscriber.get(within=5) for _ in range(count)]
        assert all(event is not None for event in events), events
        assert await self.subscriber.get(within=0.2) is None  # and nothing more
        return [event for event in events if event is not None]


@pytest.fixture
async def listening(redis_server: Redis) -> AsyncIterator[Listening]:
    side = Listening(redis_server)
    await side.pubsub.subscribe(side.channel)
    await side.bus.start()
    try:
        yield side
    finally:
        await side.bus.stop()
        await side.pubsub.aclose()
        await side.raw.aclose()


async def test_a_commits_events_are_one_message_and_come_back_each_in_order(
    listening: Listening,
) -> None:
    await listening.bus.publish(COMMIT)
    [message] = await listening.messages()
    assert [item["id"] for item in json.loads(message)] == [1, 2, 3]
    assert await listening.received(3) == COMMIT


async def test_commits_close_together_are_one_message_in_their_order(
    listening: Listening,
) -> None:
    for commit in (COMMIT[:1], COMMIT[1:2], COMMIT[2:]):
        await listening.bus.publish(commit)
    [message] = await listening.messages()
    assert [item["id"] for item in json.loads(message)] == [1, 2, 3]
    assert await listening.received(3) == COMMIT


async def test_a_single_event_is_published_as_itself(listening: Listening) -> None:
    await listening.bus.publish([EVENT])
    [message] = await listening.messages()
    assert message.decode() == EVENT.to_json()  # what earlier releases write and read
    assert await listening.received(1) == [EVENT]


async def test_messages_of_an_earlier_release_are_read(listening: Listening) -> None:
    # one message per event, as releases before the batched message published them
    for event in COMMIT:
        await listening.raw.publish(listening.channel, event.to_json())
    assert await listening.received(3) == COMMIT


async def test_what_is_not_ours_is_left_out_and_the_rest_delivered(listening: Listening) -> None:
    notice = PresenceNotice(ticket_id=TICKET, staff_id=7, name="Ana", viewing=True, typing=None)
    await listening.raw.publish(listening.channel, b"{not json")
    strangers = '{"type": "someone else"}', '"a string"', notice.to_json()
    batch = "[" + ",".join([COMMIT[0].to_json(), *strangers, COMMIT[1].to_json()]) + "]"
    await listening.raw.publish(listening.channel, batch)
    # the notice has no position: it goes first, then the events in their order
    assert await listening.received(3) == [notice, *COMMIT[:2]]
