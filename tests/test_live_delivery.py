"""Live delivery seen from inside the embedded server's process: SLA alerts as the checker
records them, and a stalled subscriber disconnected before its queue grows."""

from __future__ import annotations

import asyncio
import itertools
import secrets
from collections.abc import Iterator
from datetime import timedelta

import pytest

from domain import live
from domain.clock import clock, utcnow
from domain.config import get_settings
from domain.live import LiveEvent, LiveMessage
from domain.models import AuthorKind, Channel, EventKind, Ticket
from domain.sla.marking import check_ticket_sla
from tests.graphql_client import GraphQLClient
from tests.live_client import live_client
from tests.sla_support import open_ticket_at
from tests.test_live_updates import TICKET_EVENTS, subscribe

SLA_ALERTS = """
subscription($after: ID) {
  slaAlerts(after: $after) { eventId kind deadline dueAt ticket { trackingId } }
}"""
QUEUE_SIZE = 20
# Random text: a repeated letter deflates to a few bytes a message (both ends negotiate
# permessage-deflate), and the socket buffers then never fill.
BODY = secrets.token_urlsafe(48_000)


@pytest.fixture
def restored_clock() -> Iterator[None]:
    yield
    clock.reset()


async def test_agents_receive_sla_warnings_and_breaches_as_they_are_recorded(
    in_process_server: str, agent_token: str, billing_agent_token: str, restored_clock: None
) -> None:
    async with (
        live_client(in_process_server, agent_token) as agent,
        live_client(in_process_server, billing_agent_token) as billing,
    ):
        # Given a technical agent and a billing agent watching SLA alerts
        await subscribe(agent, SLA_ALERTS)
        await subscribe(billing, SLA_ALERTS)

        # And a high-impact technical ticket opened three hours ago, unanswered
        ticket = await open_ticket_at(utcnow() - timedelta(hours=3), "service_down")
        clock.reset()

        # When the SLA check runs
        assert await check_ticket_sla(ticket_id=ticket.id) == 2

        # Then the technical agent receives the warning and the breach of the first response
        alerts = [(await agent.next_data())["slaAlerts"] for _ in range(2)]
        assert sorted(alert["kind"] for alert in alerts) == ["BREACH", "WARNING"]
        for alert in alerts:
            assert alert["deadline"] == "firstResponse"
            assert alert["ticket"] == {"trackingId": ticket.tracking_id}
            assert alert["dueAt"]
        # And the billing agent nothing: not their department
        assert await billing.nothing_within(0.3)


@pytest.fixture
def small_queues() -> Iterator[None]:
    settings = get_settings()
    before = settings.live_queue_size
    settings.live_queue_size = QUEUE_SIZE
    yield
    settings.live_queue_size = before


async def test_a_stalled_subscriber_is_disconnected_and_its_queue_stays_bounded(
    in_process_server: str,
    gql: GraphQLClient,
    customer_token: str,
    small_queues: None,
) -> None:
    from tests.factories import create_ticket

    created = await create_ticket(gql, customer_token)
    ticket = await Ticket.get(tracking_id=created["trackingId"])
    subscribers_before = live.HUB.subscriber_count

    # Given a customer whose client stops reading (its buffers fill, the server's sends block)
    async with live_client(in_process_server, customer_token, max_queue=1) as client:
        await subscribe(client, TICKET_EVENTS, id=created["id"])
        for _ in range(500):  # (the subscription starts on the server's side of the socket)
            if live.HUB.subscriber_count > subscribers_before:
                break
            await asyncio.sleep(0.01)

        # When thousands of large events reach the ticket, a few at a time
        ids = itertools.count(10**12)
        deepest = 0
        for _ in range(1000):
            live.HUB.dispatch(_burst(ticket, ids, 5))
            deepest = max(deepest, _deepest_queue())
            await asyncio.sleep(0.005)
            if live.HUB.subscriber_count == subscribers_before:
                break

        # Then the server let go of the subscriber, its queue never past the bound
        assert live.HUB.subscriber_count == subscribers_before
        assert deepest <= QUEUE_SIZE
        # And once the client reads again, it learns why: Try Again Later, and resume
        assert await client.closed_with(within=30) == 1013


def _deepest_queue() -> int:
    return max(
        (s.pending for subs in live.HUB._by_topic.values() for s in subs),
        default=0,
    )


def _burst(ticket: Ticket, ids: Iterator[int], count: int) -> list[LiveEvent]:
    now = utcnow()
    return [
        LiveEvent(
            id=(pk := next(ids)),
            ticket_id=ticket.id,
            kind=EventKind.MESSAGE_ADDED,
            actor_kind=AuthorKind.AGENT,
            actor_name="Ana Agent",
            internal=False,
            created_at=now,
            customer_id=ticket.customer_id,
            department_ids=(ticket.department_id,),
            message=LiveMessage(
                id=pk,
                body=BODY,
                author_kind=AuthorKind.AGENT,
                author_name="Ana Agent",
                internal=False,
                channel=Channel.WEB,
                created_at=now,
            ),
        )
        for _ in range(count)
    ]
