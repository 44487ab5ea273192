"""Reads and writes name a ticket the same ways: its tracking ID or its global ID."""

from __future__ import annotations

import asyncio

from tests.factories import create_ticket, row_counts
from tests.graphql_client import GraphQLClient
from tests.live_client import live_client

REPLY = """
mutation($id: ID!) {
  replyToTicket(input: {ticketId: $id, message: "Sigue sin propagar."}) {
    __typename
    ... on ReplyToTicketSuccess { ticket { id } reply { body } }
    ... on UserError { code field }
  }
}"""
RESOLVE = """mutation($id: ID!) { resolveTicket(ticketId: $id) {
  __typename ... on ResolveTicketSuccess { ticket { status } } ... on UserError { code } } }"""
MERGE = """mutation($s: ID!, $t: ID!) {
  mergeTickets(input: {sourceTicketId: $s, targetTicketId: $t}) {
    __typename ... on UserError { code field message } } }"""
READ = "query($t: String!) { ticket(trackingId: $t) { id trackingId } }"


async def test_a_write_takes_the_tracking_id(gql: GraphQLClient, customer_token: str) -> None:
    ticket = await create_ticket(gql, customer_token)

    replied = await gql.execute(REPLY, {"id": ticket["trackingId"].lower()}, token=customer_token)
    resolved = await gql.execute(RESOLVE, {"id": ticket["trackingId"]}, token=customer_token)

    assert replied.data["replyToTicket"]["ticket"]["id"] == ticket["id"]
    assert resolved.data["resolveTicket"]["ticket"]["status"] == "RESOLVED"


async def test_a_read_takes_the_global_id(gql: GraphQLClient, customer_token: str) -> None:
    ticket = await create_ticket(gql, customer_token)

    found = await gql.execute(READ, {"t": ticket["id"]}, token=customer_token)

    assert found.data["ticket"] == {"id": ticket["id"], "trackingId": ticket["trackingId"]}


async def test_another_customer_s_tracking_id_is_not_found_and_changes_nothing(
    gql: GraphQLClient, customer_token: str, other_customer_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    before = await row_counts()

    refused = await gql.execute(REPLY, {"id": ticket["trackingId"]}, token=other_customer_token)
    unread = await gql.execute(READ, {"t": ticket["id"]}, token=other_customer_token)

    assert refused.data["replyToTicket"] == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "field": "ticketId",
    }
    assert unread.error_codes == ["NOT_FOUND"]
    assert await row_counts() == before


async def test_a_ticket_named_twice_is_not_merged_into_itself(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)

    merged = await gql.execute(
        MERGE, {"s": ticket["id"], "t": ticket["trackingId"]}, token=agent_token
    )

    assert merged.data["mergeTickets"]["code"] == "VALIDATION"
    assert merged.data["mergeTickets"]["field"] == "targetTicketId"


async def test_a_subscription_takes_the_tracking_id(
    gql: GraphQLClient, server: str, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    query = "subscription($id: ID!) { ticketEvents(ticketId: $id) { kind ticketId } }"

    async with live_client(server, customer_token) as client:
        await client.subscribe(query, {"id": ticket["trackingId"]})
        await asyncio.sleep(0.3)  # subscribed before the reply
        await gql.execute(REPLY, {"id": ticket["id"]}, token=agent_token)
        event = await client.next_data()

    assert event["ticketEvents"]["ticketId"] == ticket["id"]
