"""Resume is gap-free by construction (issue 15, point 6). On PostgreSQL, event ids are drawn
at insert, so concurrent transactions commit them out of order and "everything after the
highest id seen" can skip one. Events carry a commit-ordered position instead: tested with
concurrent writers on a real PostgreSQL server, and with the feed that orders live events."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator

import pytest

from domain import live
from domain.identity.viewer import SYSTEM
from domain.live.events import Live
from domain.live.feed import OrderedFeed
from domain.live.hub import Hub
from domain.models import EventKind, Ticket, TicketEvent, TicketStatus
from domain.tickets.changes import record_event, record_event_now
from domain.uow import unit_of_work
from tests.own_database import make_ticket, own_database_at
from tests.services import Postgres
from tests.sla_support import agent_viewer

WRITERS = 8
EVENTS_PER_WRITER = 12


@pytest.fixture(scope="module")
async def database(postgres: Postgres) -> AsyncIterator[str]:
    url = await postgres.prepared_database("event_positions", "seed-demo")
    async with own_database_at(url):
        yield url


async def write_event(
    ticket: Ticket,
    *,
    hold: asyncio.Event | None = None,
    written: asyncio.Event | None = None,
    now: bool = True,
) -> int:
    """One transaction recording a note event, inserted at once (`now`) or with the
    transaction's last statement; it waits for `hold` before committing."""
    async with unit_of_work() as uow:
        if now:
            await record_event_now(uow, ticket, EventKind.NOTE_ADDED, SYSTEM)
        else:
            await record_event(uow, ticket, EventKind.NOTE_ADDED, SYSTEM)
        if written is not None:
            written.set()
        if hold is not None:
            await hold.wait()
    return published(uow.live_events)[-1].id


def published(events: list[Live]) -> list[live.LiveEvent]:
    return [event for event in events if isinstance(event, live.LiveEvent)]


async def test_a_resume_after_the_event_seen_gets_the_one_committed_later(database: str) -> None:
    # given a transaction that writes an event and commits late, and one that writes after
    # it (a higher id) but commits first
    ticket = await make_ticket_in_tech()
    staff = await agent_viewer("supervisor@mesa.example")
    start = await live.newest_position()
    early_written, late_may_commit = asyncio.Event(), asyncio.Event()
    slow = asyncio.create_task(write_event(ticket, hold=late_may_commit, written=early_written))
    await early_written.wait()
    fast_id = await write_event(ticket)

    # when a client reads what is committed, then resumes after the last event it saw
    seen = await live.replay(staff, after_position=start, ticket_id=ticket.id)
    late_may_commit.set()
    slow_id = await slow
    resumed = await live.replay(staff, after_position=seen[-1].position, ticket_id=ticket.id)

    # then the event with the lower id, committed last, is not skipped
    assert slow_id < fast_id
    assert [event.id for event in seen] == [fast_id]
    assert [event.id for event in resumed] == [slow_id]
    assert seen[0].position + 1 == resumed[0].position


@pytest.mark.parametrize("now", [True, False], ids=["inserted-at-once", "inserted-last"])
async def test_concurrent_writers_and_a_resuming_reader_lose_nothing(
    database: str, now: bool
) -> None:
    # given writers committing events concurrently, each transaction held a random while
    ticket = await make_ticket_in_tech()
    staff = await agent_viewer("supervisor@mesa.example")
    start = await live.newest_position()
    random.seed(15)

    async def writer() -> list[int]:
        ids = []
        for _ in range(EVENTS_PER_WRITER):
            hold = asyncio.Event()
            asyncio.get_running_loop().call_later(random.uniform(0, 0.02), hold.set)
            ids.append(await write_event(ticket, hold=hold, now=now))
        return ids

    # when a reader resumes after the last position it saw, again and again meanwhile
    seen: list[live.LiveEvent] = []
    writing = asyncio.gather(*(writer() for _ in range(WRITERS)))
    while not writing.done():
        after = seen[-1].position if seen else start
        seen += await live.replay(staff, after_position=after, ticket_id=ticket.id)
        await asyncio.sleep(0.001)
    written = [event_id for ids in await writing for event_id in ids]
    seen += await live.replay(
        staff, after_position=seen[-1].position if seen else start, ticket_id=ticket.id
    )

    # then it saw every event once, in an order without gaps
    assert sorted(event.id for event in seen) == sorted(written)
    positions = [event.position for event in seen]
    assert positions == list(range(start + 1, start + 1 + WRITERS * EVENTS_PER_WRITER))


@pytest.mark.parametrize(
    "at_once",
    [(False, False, False), (True, True, True), (False, True, False)],
    ids=["inserted-last", "inserted-at-once", "mixed"],
)
async def test_the_events_of_one_transaction_take_consecutive_positions_as_stored(
    database: str, at_once: tuple[bool, ...]
) -> None:
    # Given a transaction writing three events (each inserted at once, or with the last
    # statement), after others were committed
    ticket = await make_ticket_in_tech()
    start = await live.newest_position()
    async with unit_of_work() as uow:
        for number, now in enumerate(at_once):
            after = {"number": number}
            if now:
                await record_event_now(uow, ticket, EventKind.NOTE_ADDED, SYSTEM, after=after)
            else:
                await record_event(uow, ticket, EventKind.NOTE_ADDED, SYSTEM, after=after)
    # When it commits (the positions drawn and written in its last statement)
    events = published(uow.live_events)

    # Then they are stored in the order recorded, take the next three positions in that
    # order, and are published as they are stored
    stored = await TicketEvent.filter(ticket_id=ticket.id).order_by("id")
    assert [event.after for event in stored] == [{"number": n} for n in range(3)]
    assert [event.position for event in stored] == [start + 1, start + 2, start + 3]
    assert [(event.id, event.position, event.after) for event in events] == [
        (event.id, event.position, event.after) for event in stored
    ]


async def test_a_transaction_rolled_back_leaves_no_event_and_no_position_drawn(
    database: str,
) -> None:
    # Given a transaction that records an event, then fails
    ticket = await make_ticket_in_tech()
    start = await live.newest_position()
    with pytest.raises(RuntimeError):
        async with unit_of_work() as uow:
            await record_event(uow, ticket, EventKind.NOTE_ADDED, SYSTEM)
            raise RuntimeError("the action failed")

    # Then nothing was written or published, and the next event takes the next position
    assert uow.live_events == []
    assert not await TicketEvent.filter(ticket_id=ticket.id).exists()
    await write_event(ticket, now=False)
    assert [event.position for event in await TicketEvent.filter(ticket_id=ticket.id)] == [
        start + 1
    ]


async def test_the_feed_hands_events_over_in_commit_order(database: str) -> None:
    # given a process's feed, and three events committed one after another
    ticket = await make_ticket_in_tech()
    hub = Hub()
    feed = OrderedFeed(hub)
    await feed.start()
    subscriber = hub.subscribe([f"ticket:{ticket.id}"], maxsize=100)
    ids = [await write_event(ticket) for _ in range(3)]
    staff = await agent_viewer("supervisor@mesa.example")
    stored = await live.replay(staff, after_position=feed.position or 0, ticket_id=ticket.id)

    # when the last arrives first (another process's message overtook), then all of them
    await feed.deliver([stored[2]])
    await feed.deliver(stored)

    # then the hub got each once, in commit order
    received = [await subscriber.get(within=1) for _ in range(3)]
    assert [event.id for event in received if event is not None] == ids
    assert await subscriber.get(within=0.1) is None


async def make_ticket_in_tech() -> Ticket:
    return await make_ticket(TicketStatus.OPEN)
