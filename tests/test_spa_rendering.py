"""What a UI needs to render: the full viewer after login, list totals, the buttons that work
(`viewerCan`), `node(id)` for every Node type, and a cacheable `Ticket.sla`."""

from __future__ import annotations

from typing import Any

from api.schema import NODE_TYPES, schema
from tests.conftest import DEMO_PASSWORD
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient
from tests.test_announcements import create as create_announcement
from tests.uploads import REPLY_WITH_FILES, png, upload

AGENT_LOGIN_VIEWER = """
mutation($e: String!, $p: String!) {
  agentLogin(email: $e, password: $p) {
    ... on LoginSuccess { viewer { ... on Staff { id name email role departments { code } } } }
    ... on UserError { code message field }
  }
}"""
VIEWER_CAN = """
query($t: String!) {
  ticket(trackingId: $t) {
    viewerCan { reply addNote resolve reopen close assign triage merge }
  }
}"""
RESOLVE = "mutation($id: ID!) { resolveTicket(ticketId: $id) { __typename } }"
CLOSE = "mutation($id: ID!) { closeTicket(ticketId: $id) { __typename } }"
NODE = "query($id: ID!) { node(id: $id) { __typename id } }"
NOTHING = dict.fromkeys(
    ("reply", "addNote", "resolve", "reopen", "close", "assign", "triage", "merge"), False
)


async def test_agent_login_returns_the_full_viewer(gql: GraphQLClient) -> None:
    variables = {"e": "agent@mesa.example", "p": DEMO_PASSWORD}

    login = (await gql.execute(AGENT_LOGIN_VIEWER, variables)).data["agentLogin"]

    viewer = login["viewer"]
    assert (viewer["email"], viewer["role"]) == ("agent@mesa.example", "AGENT")
    assert viewer["departments"] == [{"code": "TECH"}]


async def test_total_count_counts_every_page(
    gql: GraphQLClient, agent_token: str, customer_token: str
) -> None:
    await create_ticket(gql, customer_token)
    await create_ticket(gql, customer_token)
    query = """query($after: String) {
      tickets(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } }
    }"""

    first = (await gql.execute(query, token=customer_token)).data["tickets"]
    after = first["pageInfo"]["endCursor"]
    second = (await gql.execute(query, {"after": after}, token=customer_token)).data["tickets"]
    every = await _count_all(gql, customer_token)

    assert first["totalCount"] == second["totalCount"] == every >= 2


async def _count_all(gql: GraphQLClient, token: str) -> int:
    query = """query($after: String) {
      tickets(first: 100, after: $after) { edges { cursor } pageInfo { hasNextPage endCursor } }
    }"""
    seen, after = 0, None
    while True:
        page = (await gql.execute(query, {"after": after}, token=token)).data["tickets"]
        seen += len(page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]


async def test_total_count_of_customers_and_articles(gql: GraphQLClient, agent_token: str) -> None:
    query = """{
      customers(first: 1) { totalCount }
      articles(first: 1) { totalCount }
      searched: articles(search: "contraseña panel", first: 1) { totalCount }
      everything: articles(first: 100) { edges { cursor } }
      found: articles(search: "contraseña panel", first: 100) { edges { cursor } }
    }"""

    data = (await gql.execute(query, token=agent_token)).data

    assert data["customers"]["totalCount"] >= 3
    assert data["articles"]["totalCount"] == len(data["everything"]["edges"])
    assert data["searched"]["totalCount"] == len(data["found"]["edges"]) >= 1


async def _can(gql: GraphQLClient, ticket: dict[str, Any], token: str) -> dict[str, bool]:
    found = (await gql.execute(VIEWER_CAN, {"t": ticket["trackingId"]}, token=token)).data
    can: dict[str, bool] = found["ticket"]["viewerCan"]
    return can


async def test_viewer_can_follows_the_viewer_and_the_ticket_state(
    gql: GraphQLClient, agent_token: str, customer_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)

    customer_on_new = await _can(gql, ticket, customer_token)
    agent_on_new = await _can(gql, ticket, agent_token)
    resolved = await gql.execute(RESOLVE, {"id": ticket["id"]}, token=customer_token)
    customer_on_resolved = await _can(gql, ticket, customer_token)
    agent_on_resolved = await _can(gql, ticket, agent_token)

    assert customer_on_new == {**NOTHING, "reply": True, "resolve": True}
    assert agent_on_new == {**NOTHING, **dict.fromkeys(NOTHING, True), "reopen": False}
    assert resolved.data["resolveTicket"]["__typename"] == "ResolveTicketSuccess"
    assert customer_on_resolved == {**NOTHING, "reply": True, "reopen": True}
    assert agent_on_resolved["close"] and agent_on_resolved["reopen"]
    assert not agent_on_resolved["resolve"]


async def test_viewer_can_agrees_with_what_the_mutation_answers(
    gql: GraphQLClient, agent_token: str, customer_token: str
) -> None:
    # A customer may not close: the button is hidden and the mutation refuses.
    ticket = await create_ticket(gql, customer_token)

    can = await _can(gql, ticket, customer_token)
    closed = (await gql.execute(CLOSE, {"id": ticket["id"]}, token=customer_token)).data
    agent_can = await _can(gql, ticket, agent_token)
    agent_closed = (await gql.execute(CLOSE, {"id": ticket["id"]}, token=agent_token)).data

    assert can["close"] is False and closed["closeTicket"]["__typename"] != "CloseTicketSuccess"
    assert agent_can["close"] is True
    assert agent_closed["closeTicket"]["__typename"] == "CloseTicketSuccess"


async def test_ticket_sla_is_keyed_by_its_ticket(gql: GraphQLClient, customer_token: str) -> None:
    ticket = await create_ticket(gql, customer_token)
    query = "query($t: String!) { ticket(trackingId: $t) { id sla { ticketId } } }"

    found = (await gql.execute(query, {"t": ticket["trackingId"]}, token=customer_token)).data

    assert found["ticket"]["sla"]["ticketId"] == found["ticket"]["id"] == ticket["id"]


def test_node_resolves_every_type_that_implements_node() -> None:
    implementing = {
        name
        for name, named in schema._schema.type_map.items()
        if any(i.name == "Node" for i in getattr(named, "interfaces", ()))
    }

    assert implementing == set(NODE_TYPES)


async def test_node_finds_articles_announcements_and_attachments(
    gql: GraphQLClient, agent_token: str, customer_token: str
) -> None:
    article = (await gql.execute("{ articles(first: 1) { edges { node { id } } } }")).data
    article_id = article["articles"]["edges"][0]["node"]["id"]
    created = await create_announcement(gql, agent_token, isPublic=True)
    assert created["__typename"] == "AnnouncementSuccess", created
    announcement_id = created["announcement"]["id"]
    ticket = await create_ticket(gql, customer_token)
    replied = await upload(
        gql,
        REPLY_WITH_FILES,
        {"input": {"ticketId": ticket["id"], "message": "Adjunto captura."}},
        [("captura.png", png(41), "image/png")],
        token=customer_token,
    )
    attachment_id = replied.data["replyToTicket"]["reply"]["attachments"][0]["id"]

    anonymous = (await gql.execute(NODE, {"id": article_id})).data["node"]
    for_staff = (await gql.execute(NODE, {"id": announcement_id}, token=agent_token)).data
    draft_for_customer = await gql.execute(NODE, {"id": announcement_id}, token=customer_token)
    own_file = (await gql.execute(NODE, {"id": attachment_id}, token=customer_token)).data
    file_for_stranger = await gql.execute(NODE, {"id": attachment_id})

    assert anonymous == {"__typename": "Article", "id": article_id}
    assert for_staff["node"] == {"__typename": "Announcement", "id": announcement_id}
    assert draft_for_customer.error_codes == ["NOT_FOUND"]
    assert own_file["node"] == {"__typename": "Attachment", "id": attachment_id}
    assert file_for_stranger.error_codes == ["NOT_FOUND"]
