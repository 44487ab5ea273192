"""Logged contacts (issue 3, seed 001): the desk notes a call, chat or email exchange on an
existing ticket, as an internal entry, only through a channel the customer's support level
includes at that moment; a refusal is CHANNEL_NOT_INCLUDED naming the lowest level."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.clock import clock, utcnow
from domain.demo import DEMO_PASSWORD
from domain.models import Channel, Department, Impact, Ticket, TicketEvent, TicketStatus
from domain.tickets.tracking import new_tracking_id
from tests.conftest import LOGIN, token_for
from tests.factories import create_ticket
from tests.graphql_client import GraphQLClient

# America/Bogota is UTC-5 all year. In the past, so the session's tokens are still valid.
TUESDAY_10_AM = datetime(2026, 11, 17, 15, 0, tzinfo=UTC)
TUESDAY_8_PM = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)
LOG_CONTACT = """
mutation($id: ID!, $c: Channel!, $s: String!) {
  logContact(input: {ticketId: $id, channel: $c, summary: $s}) {
    __typename
    ... on LogContactSuccess { ticket { id } entry: contact { body internal channel authorKind } }
    ... on UserError { code message field }
    ... on ChannelNotIncludedError { lowestLevel }
  }
}"""
TICKET_VIEW = """
query($t: String!) {
  ticket(trackingId: $t) {
    messages { body internal channel }
    events { kind internal after actorKind }
  }
}"""
SUMMARY = "El cliente llamó para confirmar el cambio de DNS."


@pytest.fixture(autouse=True)
def real_clock_afterwards() -> Iterator[None]:
    yield
    clock.reset()


async def log_contact(
    gql: GraphQLClient, token: str, ticket: dict[str, Any], channel: str
) -> dict[str, Any]:
    variables = {"id": ticket["id"], "c": channel, "s": SUMMARY}
    result: dict[str, Any] = (await gql.execute(LOG_CONTACT, variables, token=token)).data[
        "logContact"
    ]
    return result


async def test_level_1_phone_about_the_ticket_is_logged_as_an_internal_entry(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket of C-1001 (Nivel 1)
    ticket = await create_ticket(gql, customer_token)

    # When an agent logs a phone call about it
    logged = await log_contact(gql, agent_token, ticket, "PHONE")

    # Then it is an internal agent message with the summary and the channel, and an event
    assert logged["__typename"] == "LogContactSuccess"
    assert logged["entry"] == {
        "body": SUMMARY,
        "internal": True,
        "channel": "PHONE",
        "authorKind": "AGENT",
    }
    seen = (await gql.execute(TICKET_VIEW, {"t": ticket["trackingId"]}, token=agent_token)).data
    contact_events = [e for e in seen["ticket"]["events"] if e["kind"] == "CONTACT_LOGGED"]
    assert contact_events == [
        {
            "kind": "CONTACT_LOGGED",
            "internal": True,
            "after": {"channel": "PHONE"},
            "actorKind": "AGENT",
        }
    ]
    assert "NOTE_ADDED" not in [e["kind"] for e in seen["ticket"]["events"]]
    assert {"body": SUMMARY, "internal": True, "channel": "PHONE"} in seen["ticket"]["messages"]


async def test_level_1_chat_is_refused_naming_level_2_and_nothing_is_logged(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket of C-1001 (Nivel 1)
    ticket = await create_ticket(gql, customer_token)
    row = await Ticket.get(tracking_id=ticket["trackingId"])
    events_before = await TicketEvent.filter(ticket_id=row.id).count()

    # When an agent logs a chat on it
    refused = await log_contact(gql, agent_token, ticket, "CHAT")

    # Then it is refused naming Nivel 2, and the ticket is unchanged
    assert (refused["code"], refused["field"], refused["lowestLevel"]) == (
        "CHANNEL_NOT_INCLUDED",
        "channel",
        "Nivel 2",
    )
    # (Nivel 2 takes chats in business hours: out of them the message says so)
    assert refused["message"] in {
        "Nivel 1 does not include CHAT; Nivel 2 includes it. / Nivel 1 no incluye CHAT; "
        "Nivel 2 lo incluye.",
        "Nivel 1 does not include CHAT; Nivel 2 includes it in business hours. / Nivel 1 no "
        "incluye CHAT; Nivel 2 lo incluye en horario laboral.",
    }
    assert await TicketEvent.filter(ticket_id=row.id).count() == events_before
    assert (await log_contact(gql, agent_token, ticket, "EMAIL"))["__typename"] == (
        "LogContactSuccess"
    )


async def test_level_2_chat_and_phone_are_logged_in_business_hours_only(
    gql: GraphQLClient, other_customer_token: str, agent_token: str, in_process_server: str
) -> None:
    # Given a ticket of C-1002 (Nivel 2), opened on a Tuesday evening in Bogotá
    clock.set(TUESDAY_8_PM)
    ticket = await create_ticket(gql, other_customer_token)

    # A chat and a call are logged on a Tuesday at 10 a.m.
    clock.set(TUESDAY_10_AM)
    for channel in ("CHAT", "PHONE"):
        logged = await log_contact(gql, agent_token, ticket, channel)
        assert logged["__typename"] == "LogContactSuccess", channel

    # But at 8 p.m. both are refused: no level takes them after hours (seed 001)
    clock.set(TUESDAY_8_PM)
    refused = await log_contact(gql, agent_token, ticket, "PHONE")
    assert (refused["code"], refused["lowestLevel"]) == ("CHANNEL_NOT_INCLUDED", None)
    assert refused["message"] == (
        "Nivel 2 includes PHONE only in business hours. / "
        "Nivel 2 incluye PHONE solo en horario laboral."
    )
    assert (await log_contact(gql, agent_token, ticket, "CHAT"))["code"] == ("CHANNEL_NOT_INCLUDED")


async def test_level_3_logs_tickets_and_email_after_hours_chat_and_phone_in_business_hours(
    gql: GraphQLClient, agent_token: str, in_process_server: str
) -> None:
    # Given a ticket of C-1003 (Nivel 3) opened on a Tuesday evening
    token = await token_for(gql, LOGIN, {"n": "C-1003", "p": DEMO_PASSWORD})
    clock.set(TUESDAY_8_PM)
    ticket = await create_ticket(gql, token)

    # Then web, email and API contacts are logged at once, chat and phone the next morning
    for channel in ("EMAIL", "WEB", "API"):
        logged = await log_contact(gql, agent_token, ticket, channel)
        assert logged["__typename"] == "LogContactSuccess", channel
    for channel in ("PHONE", "CHAT"):
        refused = await log_contact(gql, agent_token, ticket, channel)
        assert refused["message"] == (
            f"Nivel 3 Premium includes {channel} only in business hours. / "
            f"Nivel 3 Premium incluye {channel} solo en horario laboral."
        )
    clock.set(TUESDAY_10_AM)
    for channel in ("PHONE", "CHAT"):
        logged = await log_contact(gql, agent_token, ticket, channel)
        assert logged["__typename"] == "LogContactSuccess", channel


async def test_customers_cannot_log_contacts_nor_see_the_logged_ones(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket of C-1001 with a logged phone call
    ticket = await create_ticket(gql, customer_token)
    assert (await log_contact(gql, agent_token, ticket, "PHONE"))["__typename"] == (
        "LogContactSuccess"
    )

    # When the customer tries to log one
    refused = await log_contact(gql, customer_token, ticket, "EMAIL")

    # Then it is not allowed, and the customer sees neither the entry nor its event
    assert refused["code"] == "NOT_ALLOWED"
    seen = (await gql.execute(TICKET_VIEW, {"t": ticket["trackingId"]}, token=customer_token)).data
    assert [m["body"] for m in seen["ticket"]["messages"]] == [
        "Cambié el registro A de mi dominio y no se actualiza."
    ]
    assert [e["kind"] for e in seen["ticket"]["events"]] == ["CREATED", "MESSAGE_ADDED"]


async def test_a_guest_ticket_follows_the_lowest_level(
    gql: GraphQLClient, agent_token: str
) -> None:
    # Given a ticket a guest opened (no customer, no service)
    ticket = await _guest_ticket(gql)

    # Then a call about it is logged (Nivel 1), a chat refused naming Nivel 2
    assert (await log_contact(gql, agent_token, ticket, "PHONE"))["__typename"] == (
        "LogContactSuccess"
    )
    assert (await log_contact(gql, agent_token, ticket, "CHAT"))["lowestLevel"] == "Nivel 2"


async def _guest_ticket(gql: GraphQLClient) -> dict[str, Any]:
    """A ticket a guest opened in Technical Support, numbered far past the counter."""
    now = utcnow()
    row = await Ticket.create(
        number=10**12 + await Ticket.all().count(),
        tracking_id=new_tracking_id(),
        department=await Department.get(code="TECH"),
        guest_name="Invitado",
        guest_email="invitado@example.com",
        subject="Consulta de invitado",
        priority=Impact.MEDIUM,
        impact=Impact.MEDIUM,
        status=TicketStatus.NEW,
        channel=Channel.WEB,
        created_at=now,
        updated_at=now,
    )
    return {"id": encode_id("Ticket", row.id), "trackingId": row.tracking_id}
