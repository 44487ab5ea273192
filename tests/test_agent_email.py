"""Agent notifications by email (issue 19): a new ticket in my departments, the requester
replying on my or a watched ticket, a mention in an internal note — each as the agent chose,
never about their own action, never about a ticket they may not see."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from domain.models import Notification, Ticket
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

AGENT = "agent@mesa.example"
SUPERVISOR = "supervisor@mesa.example"
BILLING = "billing@mesa.example"
REPLY = """mutation($id: ID!, $m: String!, $internal: Boolean) {
  replyToTicket(input: {ticketId: $id, message: $m, internal: $internal}) { __typename } }"""
WATCH = "mutation($id: ID!) { watchTicket(ticketId: $id) { __typename } }"
PREFERENCES = """mutation($email: [AgentNotificationKind!]) {
  updateNotificationPreferences(email: $email) {
    __typename ... on UpdateNotificationPreferencesSuccess { preferences { live email } }
    ... on UserError { code field } } }"""
EVERY_KIND = ["NEW_TICKET", "CUSTOMER_REPLIED", "MENTIONED", "ASSIGNED", "SLA_ALERT"]


async def mailed(ticket: dict[str, object], kind: str) -> list[str]:
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    return sorted(
        str(recipient)
        for recipient in await Notification.filter(ticket_id=row.id, kind=kind).values_list(
            "recipient", flat=True
        )
    )


@pytest.fixture
async def agent_chooses(gql: GraphQLClient, agent_token: str) -> AsyncIterator[None]:
    yield
    restored = await gql.execute(PREFERENCES, {"email": EVERY_KIND}, token=agent_token)
    assert restored.data["updateNotificationPreferences"]["__typename"].endswith("Success")


async def test_the_department_hears_of_a_new_ticket(
    gql: GraphQLClient, customer_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    told = await mailed(ticket, "NEW_TICKET_ALERT")
    assert AGENT in told and SUPERVISOR in told
    assert BILLING not in told  # not their department


async def test_the_assignee_and_watchers_hear_the_customer_reply_but_not_their_own(
    gql: GraphQLClient, customer_token: str, agent_token: str, supervisor_token: str
) -> None:
    # Given a ticket the agent took and answered, which the supervisor follows
    ticket = await create_ticket(gql, customer_token)
    assign = """mutation($t: ID!, $a: ID) { assignTicket(input: {ticketId: $t, assigneeId: $a}) {
      __typename } }"""
    me = (await gql.execute("query { viewer { ... on Staff { id } } }", token=agent_token)).data
    taken = await gql.execute(
        assign, {"t": ticket["id"], "a": me["viewer"]["id"]}, token=agent_token
    )
    assert taken.data["assignTicket"]["__typename"] == "AssignTicketSuccess"
    assert (await gql.execute(WATCH, {"id": ticket["id"]}, token=supervisor_token)).data[
        "watchTicket"
    ]["__typename"] == "WatchTicketSuccess"
    await gql.execute(REPLY, {"id": ticket["id"], "m": "Lo reviso."}, token=agent_token)
    assert await mailed(ticket, "ASSIGNED") == []  # they took it themselves
    assert await mailed(ticket, "CUSTOMER_REPLIED") == []

    # When the customer replies
    answered = await gql.execute(
        REPLY, {"id": ticket["id"], "m": "Gracias, sigo esperando."}, token=customer_token
    )
    assert answered.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"

    # Then the assignee and the watcher are told, once each
    assert await mailed(ticket, "CUSTOMER_REPLIED") == [AGENT, SUPERVISOR]


async def test_a_mention_in_a_note_tells_the_staff_named_who_may_see_the_ticket(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    note = "@supervisor ¿lo escalamos? @billing@mesa.example no lo ve, @agent tampoco (soy yo)."
    added = await gql.execute(
        REPLY, {"id": ticket["id"], "m": note, "internal": True}, token=agent_token
    )
    assert added.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"
    assert await mailed(ticket, "MENTIONED") == [SUPERVISOR]


async def test_an_agent_chooses_what_comes_by_email(
    gql: GraphQLClient, customer_token: str, agent_token: str, agent_chooses: None
) -> None:
    chosen = (
        await gql.execute(PREFERENCES, {"email": ["ASSIGNED", "MENTIONED"]}, token=agent_token)
    ).data["updateNotificationPreferences"]
    assert chosen["preferences"]["email"] == ["MENTIONED", "ASSIGNED"]
    assert chosen["preferences"]["live"] == EVERY_KIND  # left as it was

    ticket = await create_ticket(gql, customer_token)
    assert AGENT not in await mailed(ticket, "NEW_TICKET_ALERT")

    nothing = (await gql.execute(PREFERENCES, {}, token=agent_token)).data[
        "updateNotificationPreferences"
    ]
    assert (nothing["__typename"], nothing["field"]) == ("ValidationError", "live")
