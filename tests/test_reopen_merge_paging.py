"""Reopening within and past the window, merging duplicates, and keyset pagination."""

from __future__ import annotations

from datetime import timedelta

from api.core.ids import decode_id
from domain.clock import utcnow
from domain.models import Message, Ticket
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

RESOLVE = """mutation($id: ID!) { resolveTicket(ticketId: $id) { __typename } }"""
REOPEN = """mutation($id: ID!) { reopenTicket(ticketId: $id) {
  __typename ... on ReopenTicketSuccess { ticket { status } } ... on UserError { code } } }"""
REPLY = """
mutation($id: ID!, $m: String!) {
  replyToTicket(input: {ticketId: $id, message: $m}) {
    __typename
    ... on ReplyToTicketSuccess {
      ticket { id trackingId status subject followUpOf { trackingId } }
      reply { body }
    }
    ... on UserError { code message }
  }
}"""
MERGE = """
mutation($s: ID!, $t: ID!) {
  mergeTickets(input: {sourceTicketId: $s, targetTicketId: $t}) {
    __typename
    ... on MergeTicketsSuccess { ticket { trackingId messages { body internal } } }
    ... on UserError { code field }
  }
}"""
STATUS = "query($t: String!) { ticket(trackingId: $t) { status mergedInto { trackingId } } }"
PAGE = """
query($after: String) {
  tickets(first: 2, after: $after, orderBy: {field: CREATED_AT, direction: ASC}) {
    edges { node { trackingId } cursor }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def _age_resolution(ticket_id: str, days: int) -> None:
    pk = decode_id(ticket_id, "Ticket", field="ticketId")
    await Ticket.filter(id=pk).update(resolved_at=utcnow() - timedelta(days=days))


async def test_a_reply_within_the_window_reopens_the_ticket(
    gql: GraphQLClient, customer_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    await gql.execute(RESOLVE, {"id": ticket["id"]}, token=customer_token)
    await _age_resolution(ticket["id"], days=13)

    reply = (
        await gql.execute(REPLY, {"id": ticket["id"], "m": "Sigue fallando"}, token=customer_token)
    ).data["replyToTicket"]

    assert reply["ticket"]["id"] == ticket["id"]
    assert reply["ticket"]["status"] == "WAITING_ON_AGENT"


async def test_past_the_window_a_reply_opens_a_linked_follow_up(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket resolved 15 days ago (the window is 14 days)
    ticket = await create_ticket(gql, customer_token, subject="Certificado vencido")
    await gql.execute(RESOLVE, {"id": ticket["id"]}, token=customer_token)
    await _age_resolution(ticket["id"], days=15)

    # When the customer asks to reopen it, they are told to reply instead
    refused = (await gql.execute(REOPEN, {"id": ticket["id"]}, token=customer_token)).data
    assert refused["reopenTicket"] == {
        "__typename": "InvalidTransitionError",
        "code": "REOPEN_WINDOW_EXPIRED",
    }

    # And a reply opens a new ticket linked to the old one, which stays resolved
    reply = (
        await gql.execute(REPLY, {"id": ticket["id"], "m": "Volvió a vencer"}, token=customer_token)
    ).data["replyToTicket"]
    follow_up = reply["ticket"]
    assert follow_up["id"] != ticket["id"]
    assert follow_up["status"] == "NEW"
    assert follow_up["subject"] == "Re: Certificado vencido"
    assert follow_up["followUpOf"] == {"trackingId": ticket["trackingId"]}
    assert reply["reply"] == {"body": "Volvió a vencer"}
    old = (await gql.execute(STATUS, {"t": ticket["trackingId"]}, token=customer_token)).data
    assert old["ticket"]["status"] == "RESOLVED"


async def test_merging_moves_the_thread_to_the_target(
    gql: GraphQLClient, customer_token: str, other_customer_token: str, agent_token: str
) -> None:
    # Given two tickets of C-1001 about the same problem, and one of C-1002
    target = await create_ticket(gql, customer_token, message="Mi sitio no carga")
    duplicate = await create_ticket(gql, customer_token, message="Sigue sin cargar")
    stranger = await create_ticket(gql, other_customer_token, message="Otro problema")

    # When the agent merges the duplicate into the first
    merged = (
        await gql.execute(MERGE, {"s": duplicate["id"], "t": target["id"]}, token=agent_token)
    ).data["mergeTickets"]

    # Then the target holds both messages and the duplicate points to it
    bodies = [m["body"] for m in merged["ticket"]["messages"] if not m["internal"]]
    assert bodies == ["Mi sitio no carga", "Sigue sin cargar"]
    old = (await gql.execute(STATUS, {"t": duplicate["trackingId"]}, token=customer_token)).data
    assert old["ticket"] == {"status": "MERGED", "mergedInto": {"trackingId": target["trackingId"]}}
    # And tickets of different customers are never merged
    pk = decode_id(target["id"], "Ticket", field="id")
    before = await Message.filter(ticket_id=pk).count()
    refused = (
        await gql.execute(MERGE, {"s": stranger["id"], "t": target["id"]}, token=agent_token)
    ).data["mergeTickets"]
    assert refused == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "targetTicketId",
    }
    assert await Message.filter(ticket_id=pk).count() == before


async def test_tickets_of_two_different_guests_are_never_merged(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given two guest tickets (opened by mail) of two different addresses, and two of one
    tickets = [await create_ticket(gql, customer_token, message=f"Guest {n}") for n in range(4)]
    emails = ["ana@example.com", "beto@example.com", "carla@example.com", " Carla@Example.com"]
    for ticket, email in zip(tickets, emails, strict=True):
        await Ticket.filter(id=decode_id(ticket["id"], "Ticket", field="id")).update(
            customer_id=None, guest_name="Invitado", guest_email=email
        )
    target_pk = decode_id(tickets[0]["id"], "Ticket", field="id")
    before = await Message.filter(ticket_id=target_pk).count()

    # When an agent merges one guest's ticket into the other's
    refused = (
        await gql.execute(MERGE, {"s": tickets[1]["id"], "t": tickets[0]["id"]}, token=agent_token)
    ).data["mergeTickets"]

    # Then it is refused and nothing moved: neither guest reads the other's thread
    assert refused == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "targetTicketId",
    }
    assert await Message.filter(ticket_id=target_pk).count() == before
    state = (await gql.execute(STATUS, {"t": tickets[1]["trackingId"]}, token=agent_token)).data
    assert state["ticket"]["mergedInto"] is None

    # While one guest's two tickets merge
    merged = (
        await gql.execute(MERGE, {"s": tickets[3]["id"], "t": tickets[2]["id"]}, token=agent_token)
    ).data["mergeTickets"]
    assert merged["__typename"] == "MergeTicketsSuccess"


async def test_pages_follow_each_other_without_gaps_or_repeats(
    gql: GraphQLClient, other_customer_token: str
) -> None:
    for number in range(5):
        await create_ticket(gql, other_customer_token, subject=f"Consulta {number}")
    expected = [
        t.tracking_id
        for t in await Ticket.filter(customer__client_number="C-1002").order_by("created_at", "id")
    ]

    seen: list[str] = []
    after = None
    while True:
        page = (await gql.execute(PAGE, {"after": after}, token=other_customer_token)).data
        seen += [edge["node"]["trackingId"] for edge in page["tickets"]["edges"]]
        if not page["tickets"]["pageInfo"]["hasNextPage"]:
            break
        after = page["tickets"]["pageInfo"]["endCursor"]

    assert seen == expected
    assert len(seen) >= 5
