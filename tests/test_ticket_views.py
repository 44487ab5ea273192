"""Ticket views (issue 19): built-in, shared and personal views of tickets with their counts,
and the counts live over a subscription."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncGenerator
from typing import Any

from starlette.requests import Request

from api.core.context import Context
from api.core.ids import encode_id
from api.schema import schema
from domain.identity.auth import authenticate
from domain.models import Staff, TicketView
from tests.factories import create_ticket, department_id
from tests.graphql_client import GraphQLClient
from tests.live_client import live_client

VIEWS = "query { ticketViews { id name builtIn shared count } }"
VIEW_TICKETS = """
query { ticketViews { id filter { status tags dueWithinMinutes }
  tickets(first: 50) { edges { node { id } } } } }"""
SAVE = """
mutation($input: SaveTicketViewInput!) {
  saveTicketView(input: $input) {
    __typename
    ... on SaveTicketViewSuccess { ticketView { id name shared builtIn count filter { tags } } }
    ... on UserError { code message field }
  }
}"""
DELETE = """mutation($id: ID!) { deleteTicketView(ticketViewId: $id) {
  __typename ... on UserError { code field } } }"""
ASSIGN = """mutation($t: ID!, $a: ID) { assignTicket(input: {ticketId: $t, assigneeId: $a}) {
  __typename } }"""
SET_TAGS = """mutation($id: ID!, $tags: [String!]!) {
  setTicketTags(input: {ticketId: $id, tags: $tags}) { __typename } }"""
COUNTS = "subscription { ticketViewCounts { counts { viewId count } } }"
BUILT_IN = ["mine-open", "unassigned", "breaching-today", "waiting-on-customer"]


async def counts(gql: GraphQLClient, token: str) -> dict[str, int]:
    views = (await gql.execute(VIEWS, token=token)).data["ticketViews"]
    return {view["id"]: view["count"] for view in views}


async def save(gql: GraphQLClient, token: str, **fields: Any) -> dict[str, Any]:
    values = {"name": f"Vista {uuid.uuid4().hex[:8]}", **fields}
    result: dict[str, Any] = (await gql.execute(SAVE, {"input": values}, token=token)).data[
        "saveTicketView"
    ]
    return result


async def test_every_agent_has_the_built_in_views_in_their_language(
    gql: GraphQLClient, agent_token: str
) -> None:
    views = (await gql.execute(VIEWS, token=agent_token)).data["ticketViews"]

    assert [view["id"] for view in views[:4]] == BUILT_IN
    assert [view["name"] for view in views[:4]] == [
        "Mis tickets abiertos",
        "Sin asignar en mis departamentos",
        "Vencen hoy",
        "Esperando al cliente",
    ]
    assert all(view["builtIn"] and view["shared"] for view in views[:4])


async def test_counts_follow_the_tickets_of_the_agents_departments(
    gql: GraphQLClient, customer_token: str, agent_token: str, billing_agent_token: str
) -> None:
    # Given the counts before
    before = await counts(gql, agent_token)
    billing_before = await counts(gql, billing_agent_token)

    # When a technical ticket arrives, then the agent takes it
    ticket = await create_ticket(gql, customer_token)
    arrived = await counts(gql, agent_token)
    agent = await Staff.get(email="agent@mesa.example")
    assigned = await gql.execute(
        ASSIGN, {"t": ticket["id"], "a": encode_id("Staff", agent.id)}, token=agent_token
    )
    assert assigned.data["assignTicket"]["__typename"] == "AssignTicketSuccess"
    taken = await counts(gql, agent_token)

    # Then it counts as unassigned, then as the agent's own; billing counts nothing of it
    assert arrived["unassigned"] == before["unassigned"] + 1
    assert taken["unassigned"] == before["unassigned"]
    assert taken["mine-open"] == before["mine-open"] + 1
    assert await counts(gql, billing_agent_token) == billing_before


async def test_a_personal_view_filters_by_tags_and_lists_its_tickets(
    gql: GraphQLClient, customer_token: str, agent_token: str, supervisor_token: str
) -> None:
    # Given two tickets, one tagged
    tag = f"v{uuid.uuid4().hex[:8]}"
    tagged = await create_ticket(gql, customer_token)
    await create_ticket(gql, customer_token)
    await gql.execute(SET_TAGS, {"id": tagged["id"], "tags": [tag]}, token=agent_token)

    # When the agent saves a personal view of that tag
    saved = await save(gql, agent_token, filter={"tags": [tag]})

    # Then it counts and lists the tagged ticket only, and only its owner has it
    assert saved["__typename"] == "SaveTicketViewSuccess", saved
    view = saved["ticketView"]
    assert (view["count"], view["shared"], view["builtIn"]) == (1, False, False)
    assert view["filter"] == {"tags": [tag]}
    listed = (await gql.execute(VIEW_TICKETS, token=agent_token)).data["ticketViews"]
    mine = next(v for v in listed if v["id"] == view["id"])
    assert [edge["node"]["id"] for edge in mine["tickets"]["edges"]] == [tagged["id"]]
    assert view["id"] not in await counts(gql, supervisor_token)


async def test_shared_views_are_kept_by_admins(
    gql: GraphQLClient, agent_token: str, admin_token: str
) -> None:
    refused = await save(gql, agent_token, shared=True)
    saved = await save(gql, admin_token, shared=True, filter={"status": ["WAITING_ON_AGENT"]})

    assert refused["__typename"] == "NotAllowedError"
    view_id = saved["ticketView"]["id"]
    assert view_id in await counts(gql, agent_token)
    denied = (await gql.execute(DELETE, {"id": view_id}, token=agent_token)).data
    assert denied["deleteTicketView"]["__typename"] == "NotAllowedError"
    deleted = (await gql.execute(DELETE, {"id": view_id}, token=admin_token)).data
    assert deleted["deleteTicketView"] == {"__typename": "DeleteTicketViewSuccess"}
    assert view_id not in await counts(gql, agent_token)


async def test_bad_views_are_refused_and_change_nothing(
    gql: GraphQLClient, agent_token: str
) -> None:
    before = await TicketView.all().count()
    for fields, field in (
        ({"name": " "}, "name"),
        ({"filter": {"dueBefore": "2026-12-31T00:00:00+00:00"}}, "filter"),
        ({"filter": {"departmentId": "not-an-id"}}, "departmentId"),
    ):
        result = await save(gql, agent_token, **fields)

        assert (result["__typename"], result["field"]) == ("ValidationError", field), result
    built_in = (await gql.execute(DELETE, {"id": "unassigned"}, token=agent_token)).data
    assert built_in["deleteTicketView"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "ticketViewId",
    }
    assert await TicketView.all().count() == before


async def test_view_counts_are_pushed_live_when_they_change(
    server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    async with live_client(server, agent_token) as agent:
        await agent.subscribe(COUNTS)
        first = (await agent.next_data())["ticketViewCounts"]["counts"]
        initial = {row["viewId"]: row["count"] for row in first}
        assert set(BUILT_IN) <= set(initial)

        # When a ticket arrives in the agent's department
        await create_ticket(gql, customer_token)

        # Then the changed counts come, the unassigned view's among them
        changed = (await agent.next_data())["ticketViewCounts"]["counts"]
        pushed = {row["viewId"]: row["count"] for row in changed}
        assert pushed["unassigned"] == initial["unassigned"] + 1
        assert "waiting-on-customer" not in pushed


async def test_a_department_filter_names_a_department(gql: GraphQLClient, agent_token: str) -> None:
    technical = await department_id(gql, "TECH")
    saved = await save(gql, agent_token, filter={"departmentId": technical})
    assert saved["__typename"] == "SaveTicketViewSuccess"


async def test_the_view_counts_listen_before_their_first_counts_are_sent(
    in_process_server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given an agent's view counts, run in this process (the server's) and held right after
    # their first counts, before the next are asked for (over a WebSocket a client's first
    # mutation may come before the server asks, as test_spam's did)
    context = Context(
        request=Request({"type": "http", "headers": [], "client": ("127.0.0.1", 1)}),
        viewer=await authenticate(agent_token),
        token=agent_token,
    )
    counts = await schema.subscribe(COUNTS, context_value=context)
    assert isinstance(counts, AsyncGenerator)
    try:
        first = await anext(counts)
        assert first.errors is None, first.errors
        initial = {row["viewId"]: row["count"] for row in first.data["ticketViewCounts"]["counts"]}

        # When a ticket arrives meanwhile
        await create_ticket(gql, customer_token)

        # Then the subscription, already listening, sends the count it changed
        changed = await asyncio.wait_for(anext(counts), timeout=10)
        assert changed.errors is None, changed.errors
        pushed = {row["viewId"]: row["count"] for row in changed.data["ticketViewCounts"]["counts"]}
        assert pushed["unassigned"] == initial["unassigned"] + 1
    finally:
        await counts.aclose()
