"""Agent notifications and watchers (issue 19): agents are told, live, about new tickets in
their departments, customers replying on their or watched tickets, mentions, assignments and
SLA alerts; never about their own actions; each agent chooses the kinds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.models import Staff, TicketWatcher
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.live_client import LiveClient, live_client

NOTIFICATIONS = "subscription { notifications { kind actorName ticket { id } } }"
WATCH = """mutation($id: ID!) { watchTicket(ticketId: $id) { __typename
  ... on WatchTicketSuccess { ticket { watchers { name } } } ... on UserError { code } } }"""
UNWATCH = """mutation($id: ID!) { unwatchTicket(ticketId: $id) {
  __typename ... on WatchTicketSuccess { ticket { watchers { name } } } } }"""
PREFERENCES = """mutation($live: [AgentNotificationKind!]!) {
  updateNotificationPreferences(live: $live) {
    __typename ... on UpdateNotificationPreferencesSuccess { preferences { live } } } }"""
REPLY = """mutation($id: ID!, $m: String!, $internal: Boolean) {
  replyToTicket(input: {ticketId: $id, message: $m, internal: $internal}) { __typename } }"""
ASSIGN = """mutation($t: ID!, $a: ID) { assignTicket(input: {ticketId: $t, assigneeId: $a}) {
  __typename } }"""
EVERY_KIND = ["NEW_TICKET", "CUSTOMER_REPLIED", "MENTIONED", "ASSIGNED", "SLA_ALERT"]
# A subscription hears what commits after it is registered; give it that moment.
SETTLE = 0.5


@pytest.fixture
async def agent_feed(server: str, agent_token: str) -> AsyncIterator[LiveClient]:
    async with live_client(server, agent_token) as client:
        await client.subscribe(NOTIFICATIONS)
        await asyncio.sleep(SETTLE)
        yield client


async def next_notification(client: LiveClient) -> dict[str, Any]:
    notification: dict[str, Any] = (await client.next_data())["notifications"]
    return notification


async def test_an_agent_hears_what_concerns_them_and_not_their_own_actions(
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    supervisor_token: str,
    agent_feed: LiveClient,
) -> None:
    # A new ticket in the agent's department
    ticket = await create_ticket(gql, customer_token)
    new = await next_notification(agent_feed)
    assert (new["kind"], new["ticket"]) == ("NEW_TICKET", {"id": ticket["id"]})

    # The supervisor assigns it to the agent
    agent = await Staff.get(email="agent@mesa.example")
    await gql.execute(
        ASSIGN, {"t": ticket["id"], "a": encode_id("Staff", agent.id)}, token=supervisor_token
    )
    assigned = await next_notification(agent_feed)
    assert (assigned["kind"], assigned["actorName"]) == ("ASSIGNED", "Sofía Supervisor")

    # The agent's own reply tells them nothing; the customer's answer does
    await gql.execute(REPLY, {"id": ticket["id"], "m": "Revisando."}, token=agent_token)
    await gql.execute(REPLY, {"id": ticket["id"], "m": "Gracias."}, token=customer_token)
    replied = await next_notification(agent_feed)
    assert (replied["kind"], replied["ticket"]) == ("CUSTOMER_REPLIED", {"id": ticket["id"]})

    # A supervisor's internal note naming the agent
    await gql.execute(
        REPLY,
        {"id": ticket["id"], "m": "@agent mira el registro MX", "internal": True},
        token=supervisor_token,
    )
    mention = await next_notification(agent_feed)
    assert mention["kind"] == "MENTIONED"
    assert await agent_feed.nothing_within(0.5)


async def test_watchers_hear_the_customer_on_tickets_not_theirs(
    server: str, gql: GraphQLClient, customer_token: str, supervisor_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    watched = (await gql.execute(WATCH, {"id": ticket["id"]}, token=supervisor_token)).data
    assert watched["watchTicket"]["ticket"]["watchers"] == [{"name": "Sofía Supervisor"}]
    async with live_client(server, supervisor_token) as supervisor:
        await supervisor.subscribe(NOTIFICATIONS)
        await asyncio.sleep(SETTLE)

        await gql.execute(
            REPLY, {"id": ticket["id"], "m": "¿Alguna novedad?"}, token=customer_token
        )

        heard = await next_notification(supervisor)
        assert (heard["kind"], heard["ticket"]) == ("CUSTOMER_REPLIED", {"id": ticket["id"]})
    unwatched = (await gql.execute(UNWATCH, {"id": ticket["id"]}, token=supervisor_token)).data
    assert unwatched["unwatchTicket"]["ticket"]["watchers"] == []


async def test_only_staff_who_see_the_ticket_may_watch_it(
    gql: GraphQLClient, customer_token: str, billing_agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    before = await TicketWatcher.all().count()

    customer = (await gql.execute(WATCH, {"id": ticket["id"]}, token=customer_token)).data
    outsider = (await gql.execute(WATCH, {"id": ticket["id"]}, token=billing_agent_token)).data

    assert customer["watchTicket"] == {"__typename": "NotAllowedError", "code": "NOT_ALLOWED"}
    assert outsider["watchTicket"] == {"__typename": "NotFoundError", "code": "NOT_FOUND"}
    assert await TicketWatcher.all().count() == before


async def test_an_agent_chooses_what_they_hear(
    server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    chosen = await gql.execute(PREFERENCES, {"live": ["ASSIGNED", "MENTIONED"]}, token=agent_token)
    assert chosen.data["updateNotificationPreferences"]["preferences"] == {
        "live": ["MENTIONED", "ASSIGNED"]
    }
    try:
        async with live_client(server, agent_token) as agent:
            await agent.subscribe(NOTIFICATIONS)
            await asyncio.sleep(SETTLE)

            await create_ticket(gql, customer_token)

            assert await agent.nothing_within(1.0)
    finally:
        await gql.execute(PREFERENCES, {"live": EVERY_KIND}, token=agent_token)
