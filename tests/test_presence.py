"""Collision detection, live (issue 19): agents on the same ticket see each other, and who is
typing, over real WebSockets; the picture clears when one leaves; only staff of the ticket's
department are there."""

from __future__ import annotations

from typing import Any

from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.live_client import LiveClient, live_client

PRESENCE = """subscription($t: ID!) {
  ticketPresence(ticketId: $t) { ticketId agents { name typing agentId } } }"""
REPORT = """mutation($t: ID!, $typing: Boolean!) { reportPresence(ticketId: $t, typing: $typing) {
  __typename ... on UserError { code field } } }"""


async def picture(client: LiveClient) -> list[tuple[str, bool]]:
    data: dict[str, Any] = (await client.next_data())["ticketPresence"]
    return [(agent["name"], agent["typing"]) for agent in data["agents"]]


async def until(client: LiveClient, wanted: list[tuple[str, bool]]) -> None:
    """Read pictures until `wanted` (earlier pictures may still be on the way)."""
    seen = []
    for _ in range(5):
        seen.append(await picture(client))
        if seen[-1] == wanted:
            return
    raise AssertionError(f"never saw {wanted}: {seen}")


async def test_agents_on_a_ticket_see_each_other_and_who_is_typing(
    server: str,
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    supervisor_token: str,
) -> None:
    ticket = await create_ticket(gql, customer_token)
    names = {
        token: (await gql.execute("query { viewer { ... on Staff { name } } }", token=token)).data[
            "viewer"
        ]["name"]
        for token in (agent_token, supervisor_token)
    }
    async with live_client(server, agent_token) as agent:
        # The agent opens the ticket: nobody else is there
        await agent.subscribe(PRESENCE, {"t": ticket["id"]})
        assert await picture(agent) == []

        async with live_client(server, supervisor_token) as supervisor:
            # The supervisor opens it too: each sees the other
            await supervisor.subscribe(PRESENCE, {"t": ticket["id"]})
            await until(supervisor, [(names[agent_token], False)])
            await until(agent, [(names[supervisor_token], False)])

            # The supervisor types: the agent sees it, then sees them stop
            typing = await gql.execute(
                REPORT, {"t": ticket["trackingId"], "typing": True}, token=supervisor_token
            )
            assert typing.data["reportPresence"]["__typename"] == "ReportPresenceSuccess"
            await until(agent, [(names[supervisor_token], True)])
            await gql.execute(REPORT, {"t": ticket["id"], "typing": False}, token=supervisor_token)
            await until(agent, [(names[supervisor_token], False)])

        # The supervisor closed the page: the agent is alone again
        await until(agent, [])


async def test_only_staff_of_the_department_are_present(
    server: str,
    gql: GraphQLClient,
    customer_token: str,
    billing_agent_token: str,
) -> None:
    ticket = await create_ticket(gql, customer_token)
    for token in (customer_token, billing_agent_token):
        refused = (
            await gql.execute(REPORT, {"t": ticket["id"], "typing": True}, token=token)
        ).data["reportPresence"]
        assert refused["__typename"] in ("NotFoundError", "NotAllowedError"), refused
        async with live_client(server, token) as client:
            await client.subscribe(PRESENCE, {"t": ticket["id"]})
            errors = await client.errors()
            assert errors and errors[0]["extensions"]["code"] in ("NOT_FOUND", "NOT_ALLOWED")
