"""Tags (issue 19): agents label tickets, filter and count by label; every change is an
internal ticket event, live; customers never see tags nor filter by them."""

from __future__ import annotations

import uuid
from typing import Any

from domain.models import TicketEvent, TicketTag
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.live_client import live_client
from tests.test_live_updates import TICKET_EVENTS, next_event, subscribe

SET_TAGS = """
mutation($id: ID!, $tags: [String!]!) {
  setTicketTags(input: {ticketId: $id, tags: $tags}) {
    __typename
    ... on SetTicketTagsSuccess { ticket { id tags } }
    ... on UserError { code message field }
  }
}"""
TAGS = "query($s: String) { tags(search: $s) { name count } }"
TICKET = """
query($t: String!) { ticket(trackingId: $t) { tags events { kind internal before after } } }"""
TAGGED = """
query($tags: [String!]) { tickets(filter: {tags: $tags}, first: 50) { edges { node { id } } } }"""


def unique() -> str:
    return f"t{uuid.uuid4().hex[:8]}"


async def set_tags(gql: GraphQLClient, token: str, ticket_id: str, tags: list[str]) -> Any:
    return (await gql.execute(SET_TAGS, {"id": ticket_id, "tags": tags}, token=token)).data[
        "setTicketTags"
    ]


async def test_an_agent_tags_a_ticket_and_only_staff_see_the_tags_and_their_event(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a customer's ticket in the agent's department
    ticket = await create_ticket(gql, customer_token)
    tag = unique()

    # When the agent tags it, spelling the tags loosely and twice
    result = await set_tags(gql, agent_token, ticket["id"], [f"  {tag.upper()} ", "VIP", "vip"])

    # Then the tags are stored once each, folded and sorted
    assert result == {
        "__typename": "SetTicketTagsSuccess",
        "ticket": {"id": ticket["id"], "tags": sorted([tag, "vip"])},
    }
    seen = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=agent_token)).data
    assert seen["ticket"]["tags"] == sorted([tag, "vip"])
    assert {
        "kind": "TAGS_CHANGED",
        "internal": True,
        "before": {"tags": []},
        "after": {"tags": sorted([tag, "vip"])},
    } in seen["ticket"]["events"]
    # and the customer sees neither the tags nor the event
    mine = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=customer_token)).data
    assert mine["ticket"]["tags"] == []
    assert all(event["kind"] != "TAGS_CHANGED" for event in mine["ticket"]["events"])


async def test_setting_the_same_tags_again_records_nothing(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    tag = unique()
    await set_tags(gql, agent_token, ticket["id"], [tag])
    events = await TicketEvent.filter(kind="TAGS_CHANGED").count()

    result = await set_tags(gql, agent_token, ticket["id"], [tag.upper()])

    assert result["ticket"]["tags"] == [tag]
    assert await TicketEvent.filter(kind="TAGS_CHANGED").count() == events


async def test_removing_every_tag_is_an_event_with_the_old_tags(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    tag = unique()
    await set_tags(gql, agent_token, ticket["id"], [tag])

    result = await set_tags(gql, agent_token, ticket["id"], [])

    assert result["ticket"]["tags"] == []
    seen = (await gql.execute(TICKET, {"t": ticket["trackingId"]}, token=agent_token)).data
    assert {
        "kind": "TAGS_CHANGED",
        "internal": True,
        "before": {"tags": [tag]},
        "after": {"tags": []},
    } in seen["ticket"]["events"]


async def test_tickets_filter_by_every_given_tag(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given three tickets: one with tags a and b, one with a only, one with none
    a, b = unique(), unique()
    both = await create_ticket(gql, customer_token)
    only_a = await create_ticket(gql, customer_token)
    await create_ticket(gql, customer_token)
    await set_tags(gql, agent_token, both["id"], [a, b])
    await set_tags(gql, agent_token, only_a["id"], [a])

    # When the agent filters by tags
    def ids(response: Any) -> set[str]:
        return {edge["node"]["id"] for edge in response.data["tickets"]["edges"]}

    by_a = await gql.execute(TAGGED, {"tags": [a]}, token=agent_token)
    by_both = await gql.execute(TAGGED, {"tags": [a.upper(), b]}, token=agent_token)

    # Then each filter keeps the tickets that carry every tag
    assert ids(by_a) == {both["id"], only_a["id"]}
    assert ids(by_both) == {both["id"]}


async def test_customers_cannot_filter_by_tags(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # A customer probing tags by filter would learn the desk's labels of their tickets
    ticket = await create_ticket(gql, customer_token)
    tag = unique()
    await set_tags(gql, agent_token, ticket["id"], [tag])

    response = await gql.execute(TAGGED, {"tags": [tag]}, token=customer_token)

    assert response.error_codes == ["NOT_ALLOWED"]
    assert response.body["data"] is None


async def test_tags_are_counted_over_the_tickets_the_viewer_may_see(
    gql: GraphQLClient, customer_token: str, agent_token: str, billing_agent_token: str
) -> None:
    # Given two technical tickets tagged x, one of them also y
    x, y = unique(), unique()
    first = await create_ticket(gql, customer_token)
    second = await create_ticket(gql, customer_token)
    await set_tags(gql, agent_token, first["id"], [x, y])
    await set_tags(gql, agent_token, second["id"], [x])

    # When the technical agent and a billing agent list the tags
    mine = (await gql.execute(TAGS, {"s": x}, token=agent_token)).data["tags"]
    both = (await gql.execute(TAGS, {"s": y}, token=agent_token)).data["tags"]
    billing = (await gql.execute(TAGS, {"s": x}, token=billing_agent_token)).data["tags"]

    # Then each tag counts its tickets, and the billing agent sees none of them
    assert mine == [{"name": x, "count": 2}]
    assert both == [{"name": y, "count": 1}]
    assert billing == []


async def test_bad_tags_are_refused_and_change_nothing(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    tag = unique()
    await set_tags(gql, agent_token, ticket["id"], [tag])
    for bad in (["x" * 51], ["<script>"], [" "], [f"{tag}{i}" for i in range(21)]):
        rows = await TicketTag.all().count()

        result = await set_tags(gql, agent_token, ticket["id"], bad)

        assert (result["__typename"], result["code"], result["field"]) == (
            "ValidationError",
            "VALIDATION",
            "tags",
        ), bad
        assert " / " in result["message"]  # English and Spanish
        assert await TicketTag.all().count() == rows


async def test_an_agent_outside_the_department_cannot_tag(
    gql: GraphQLClient, customer_token: str, billing_agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)

    result = await set_tags(gql, billing_agent_token, ticket["id"], [unique()])

    assert result["__typename"] == "NotFoundError"
    assert await TicketTag.filter(ticket__tracking_id=ticket["trackingId"]).count() == 0


async def test_a_tag_change_reaches_live_subscribers(
    server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    tag = unique()
    async with live_client(server, agent_token) as agent:
        await subscribe(agent, TICKET_EVENTS, id=ticket["id"])

        await set_tags(gql, agent_token, ticket["id"], [tag])

        event = await next_event(agent)
        assert (event["kind"], event["ticketId"]) == ("TAGS_CHANGED", ticket["id"])
