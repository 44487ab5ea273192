"""The core lifecycle end to end over HTTP: create, triage, assign, reply, note, resolve,
reopen, close — with what the customer may and may not see."""

from __future__ import annotations

import re

from tests.factories import create_ticket, department_id
from tests.graphql_client import GraphQLClient

TICKET_VIEW = """
query($t: String!) {
  ticket(trackingId: $t) {
    id status impact
    messages { body internal authorKind }
    events { kind internal before after actorKind }
  }
}"""
QUEUE = """
query($d: ID!) {
  tickets(filter: {departmentId: $d, status: [NEW]}, first: 100) {
    edges { node { id trackingId } }
  }
}"""
TRIAGE = """
mutation($id: ID!) {
  triageTicket(input: {ticketId: $id, impact: HIGH}) {
    __typename ... on TriageTicketSuccess { ticket { status impact } }
  }
}"""
ASSIGN_SELF = """
mutation($id: ID!, $a: ID) {
  assignTicket(input: {ticketId: $id, assigneeId: $a}) {
    __typename ... on AssignTicketSuccess { ticket { status assignee { name } } }
    ... on UserError { code }
  }
}"""
REPLY = """
mutation($id: ID!, $m: String!, $internal: Boolean) {
  replyToTicket(input: {ticketId: $id, message: $m, internal: $internal}) {
    __typename
    ... on ReplyToTicketSuccess { ticket { id status } reply { id internal } }
    ... on UserError { code message field }
  }
}"""
RESOLVE = """mutation($id: ID!) { resolveTicket(ticketId: $id) {
  __typename ... on ResolveTicketSuccess { ticket { status } } ... on UserError { code } } }"""
REOPEN = """mutation($id: ID!) { reopenTicket(ticketId: $id, message: "Volvió a fallar") {
  __typename ... on ReopenTicketSuccess { ticket { status } } ... on UserError { code } } }"""
CLOSE = """mutation($id: ID!) { closeTicket(ticketId: $id) {
  __typename ... on CloseTicketSuccess { ticket { status } } ... on UserError { code } } }"""
NODE = """query($id: ID!) { node(id: $id) { __typename id ... on Message { body } } }"""
VIEWER = "query { viewer { ... on Staff { id } ... on Customer { id } } }"

LOOK_ALIKES = set("01OILZ2S5B8")
NOTE = "Internal: customer's DNS zone is on the legacy cluster"


async def test_customer_and_agent_take_a_ticket_from_creation_to_closure(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given C-1001 opens a ticket in "DNS configuration" for their own service
    ticket = await create_ticket(gql, customer_token)
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{4}", ticket["trackingId"])
    assert not LOOK_ALIKES & set(ticket["trackingId"].replace("-", ""))
    assert (ticket["status"], ticket["impact"], ticket["priority"]) == ("NEW", "MEDIUM", "MEDIUM")
    ticket_id, tracking_id = ticket["id"], ticket["trackingId"]

    # When the agent lists the Technical Support queue, it is there
    tech = await department_id(gql, "TECH")
    queue = (await gql.execute(QUEUE, {"d": tech}, token=agent_token)).data["tickets"]
    assert tracking_id in [edge["node"]["trackingId"] for edge in queue["edges"]]

    # The agent triages, assigns it to themselves, replies and adds a note
    triaged = (await gql.execute(TRIAGE, {"id": ticket_id}, token=agent_token)).data
    assert triaged["triageTicket"]["ticket"] == {"status": "OPEN", "impact": "HIGH"}
    me = (await gql.execute(VIEWER, token=agent_token)).data["viewer"]["id"]
    assigned = (await gql.execute(ASSIGN_SELF, {"id": ticket_id, "a": me}, token=agent_token)).data
    assert assigned["assignTicket"]["ticket"]["assignee"] == {"name": "Ana Agent"}
    reply = (
        await gql.execute(
            REPLY, {"id": ticket_id, "m": "¿Puede confirmar el dominio?"}, token=agent_token
        )
    ).data["replyToTicket"]
    assert reply["ticket"]["status"] == "WAITING_ON_CUSTOMER"
    note = (
        await gql.execute(REPLY, {"id": ticket_id, "m": NOTE, "internal": True}, token=agent_token)
    ).data["replyToTicket"]
    assert note["reply"]["internal"] is True
    assert note["ticket"]["status"] == "WAITING_ON_CUSTOMER"

    # Then the customer sees the reply but never the note, by any path
    seen = (await gql.execute(TICKET_VIEW, {"t": tracking_id}, token=customer_token)).data
    bodies = [m["body"] for m in seen["ticket"]["messages"]]
    assert bodies == [
        "Cambié el registro A de mi dominio y no se actualiza.",
        "¿Puede confirmar el dominio?",
    ]
    assert all(not e["internal"] for e in seen["ticket"]["events"])
    assert "NOTE_ADDED" not in [e["kind"] for e in seen["ticket"]["events"]]
    assert NOTE not in str(seen)
    by_node = await gql.execute(NODE, {"id": note["reply"]["id"]}, token=customer_token)
    assert by_node.body["data"] == {"node": None}
    assert by_node.error_codes == ["NOT_FOUND"]
    agent_sees = await gql.execute(NODE, {"id": note["reply"]["id"]}, token=agent_token)
    assert agent_sees.data["node"]["body"] == NOTE

    # The customer replies, marks it resolved, then reopens it
    answered = (
        await gql.execute(
            REPLY, {"id": ticket_id, "m": "Es midominio.com.co"}, token=customer_token
        )
    ).data["replyToTicket"]
    assert answered["ticket"]["status"] == "WAITING_ON_AGENT"
    resolved = (await gql.execute(RESOLVE, {"id": ticket_id}, token=customer_token)).data
    assert resolved["resolveTicket"]["ticket"]["status"] == "RESOLVED"
    reopened = (await gql.execute(REOPEN, {"id": ticket_id}, token=customer_token)).data
    assert reopened["reopenTicket"]["ticket"]["status"] == "WAITING_ON_AGENT"

    # The agent closes it, and sees the whole history
    closed = (await gql.execute(CLOSE, {"id": ticket_id}, token=agent_token)).data
    assert closed["closeTicket"]["ticket"]["status"] == "CLOSED"
    history = (await gql.execute(TICKET_VIEW, {"t": tracking_id}, token=agent_token)).data
    statuses = [
        (e["before"]["status"], e["after"]["status"])
        for e in history["ticket"]["events"]
        if e["kind"] == "STATUS_CHANGED"
    ]
    assert statuses == [
        ("NEW", "OPEN"),
        ("OPEN", "WAITING_ON_CUSTOMER"),
        ("WAITING_ON_CUSTOMER", "WAITING_ON_AGENT"),
        ("WAITING_ON_AGENT", "RESOLVED"),
        ("RESOLVED", "WAITING_ON_AGENT"),
        ("WAITING_ON_AGENT", "CLOSED"),
    ]
    kinds = [e["kind"] for e in history["ticket"]["events"]]
    assert kinds.count("NOTE_ADDED") == 1
    assert {"CREATED", "IMPACT_CHANGED", "ASSIGNED", "MESSAGE_ADDED"} <= set(kinds)
