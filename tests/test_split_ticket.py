"""Splitting a ticket (issue 19, point 11): a message becomes the first message of a new
ticket of the same requester, department, category and service, linked both ways; the
message is copied (the old thread stays whole), each ticket records a SPLIT event, and the
new ticket's SLA runs from the split."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from api.core.ids import encode_id
from domain.clock import utcnow
from domain.models import Message, Ticket
from tests.factories import create_ticket, row_counts
from tests.graphql_client import GraphQLClient
from tests.test_live_updates import reply

SPLIT = """
mutation($input: SplitTicketInput!) {
  splitTicket(input: $input) {
    __typename
    ... on SplitTicketSuccess {
      ticket {
        id trackingId subject status customer { id } service { id } department { code }
        category { code } splitFrom { id } messages { body authorKind }
        events { kind internal after }
      }
      sourceTicket { id splitInto { id } messages { body } events { kind after } }
    }
    ... on UserError { code message field }
  }
}"""
SEEN = """
query($t: String!) {
  ticket(trackingId: $t) { id splitFrom { id } splitInto { id } messages { body } }
}"""


async def _split(gql: GraphQLClient, token: str, **input: Any) -> Any:
    return (await gql.execute(SPLIT, {"input": input}, token=token)).data["splitTicket"]


async def test_a_message_becomes_a_new_linked_ticket_with_its_own_sla_clock(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket opened ten days ago where the customer raised a second problem
    ticket = await create_ticket(gql, customer_token)
    await reply(gql, customer_token, ticket["id"], "Además, mi correo no recibe mensajes.")
    long_ago = utcnow() - timedelta(days=10)
    await Ticket.filter(tracking_id=ticket["trackingId"]).update(
        created_at=long_ago, first_response_due_at=long_ago + timedelta(hours=5)
    )
    source = await Ticket.get(tracking_id=ticket["trackingId"])
    second = await Message.filter(ticket_id=source.id).order_by("-id").first()
    assert second is not None

    # When an agent splits that message into its own ticket
    started = utcnow()
    split = await _split(
        gql,
        agent_token,
        messageId=encode_id("Message", second.id),
        subject="El correo no recibe mensajes",
    )

    # Then the new ticket is the same customer's, in the same place, with the message
    assert split["__typename"] == "SplitTicketSuccess", split
    new = split["ticket"]
    customer = await source.customer
    assert new["subject"] == "El correo no recibe mensajes"
    assert new["status"] == "NEW"
    assert new["customer"] == {"id": encode_id("Customer", customer.id)}
    assert new["service"] == {"id": encode_id("Service", source.service_id or 0)}
    assert (new["department"]["code"], new["category"]["code"]) == ("TECH", "dns_configuration")
    assert new["messages"] == [
        {"body": "Además, mi correo no recibe mensajes.", "authorKind": "CUSTOMER"}
    ]
    # linked both ways, with a SPLIT event on each naming the other
    assert new["splitFrom"] == {"id": ticket["id"]}
    assert split["sourceTicket"]["splitInto"] == [{"id": new["id"]}]
    created = await Ticket.get(tracking_id=new["trackingId"])
    assert {"kind": "SPLIT", "internal": False, "after": {"splitFrom": ticket["number"]}} in new[
        "events"
    ]
    assert {"kind": "SPLIT", "after": {"splitInto": created.number}} in split["sourceTicket"][
        "events"
    ]
    # and the old thread keeps the message (copied, not moved)
    assert [m["body"] for m in split["sourceTicket"]["messages"]][-1] == second.body
    # and its SLA clock started at the split, not when the old ticket was opened
    assert created.created_at > started
    assert created.first_response_due_at is not None
    assert created.first_response_due_at > created.created_at
    # and the customer sees both tickets and their link
    mine = (await gql.execute(SEEN, {"t": new["trackingId"]}, token=customer_token)).data
    assert mine["ticket"]["splitFrom"] == {"id": ticket["id"]}


async def test_splitting_without_a_subject_keeps_the_old_one_and_an_internal_note_stays_internal(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    await reply(gql, agent_token, ticket["id"], "Nota: es otro problema.", internal=True)
    source = await Ticket.get(tracking_id=ticket["trackingId"])
    note = await Message.filter(ticket_id=source.id, visibility="INTERNAL").get()

    split = await _split(gql, agent_token, messageId=encode_id("Message", note.id))

    assert split["ticket"]["subject"] == source.subject
    assert {"kind": "SPLIT", "internal": True, "after": {"splitFrom": ticket["number"]}} in split[
        "ticket"
    ]["events"]
    copied = await Ticket.get(tracking_id=split["ticket"]["trackingId"])
    seen = (await gql.execute(SEEN, {"t": copied.tracking_id}, token=customer_token)).data
    assert seen["ticket"]["messages"] == []


async def test_a_split_outside_the_agent_s_departments_or_with_bad_input_changes_nothing(
    gql: GraphQLClient, customer_token: str, billing_agent_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    message = await Message.filter(ticket__tracking_id=ticket["trackingId"]).get()
    message_id = encode_id("Message", message.id)
    before = await row_counts()

    elsewhere = await _split(gql, billing_agent_token, messageId=message_id)
    unknown = await _split(gql, agent_token, messageId=encode_id("Message", 10**8))
    empty = await _split(gql, agent_token, messageId=message_id, subject="   ")
    by_customer = await _split(gql, customer_token, messageId=message_id)

    assert (elsewhere["code"], elsewhere["field"]) == ("NOT_FOUND", "messageId")
    assert (unknown["code"], unknown["field"]) == ("NOT_FOUND", "messageId")
    assert (empty["code"], empty["field"]) == ("VALIDATION", "subject")
    assert by_customer["code"] == "NOT_ALLOWED"
    assert await row_counts() == before
