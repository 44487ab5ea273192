"""Channel entitlements (seed 001), one test per rule and level: Nivel 1 web, email, API, and
phone only about an existing ticket; Nivel 2 adds chat and phone in business hours; Nivel 3
tickets and email around the clock, chat and phone in business hours. A refusal is
CHANNEL_NOT_INCLUDED naming the lowest level that includes it then (or, when none does then,
the lowest that includes it on other terms)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.catalog.entitlements import require_channel
from domain.errors import ChannelNotIncluded
from domain.models import Channel, Customer, Service, Ticket
from tests.factories import CREATE_TICKET, category_id, create_ticket, own_service_id
from tests.graphql_client import GraphQLClient

# America/Bogota is UTC-5 all year.
TUESDAY_10_AM = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
TUESDAY_8_PM = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)
SUNDAY_3_AM = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
HOLIDAY_10_AM = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)  # Inmaculada Concepción, a Tuesday
CREATE_WITH_LEVEL = CREATE_TICKET.replace(
    "... on UserError { code message field }",
    "... on UserError { code message field } ... on ChannelNotIncludedError { lowestLevel }",
)


async def customer(number: str) -> tuple[Customer, Service]:
    row = await Customer.get(client_number=number)
    return row, await Service.get(customer_id=row.id)


async def refusal(
    number: str, channel: Channel, at: datetime, about: int | None = None
) -> str | None:
    """The lowest level named when the contact is refused, or "allowed"."""
    row, service = await customer(number)
    try:
        await require_channel(
            customer=row, service=service, channel=channel, about_ticket=about, at=at
        )
    except ChannelNotIncluded as error:
        return error.lowest_level
    return "allowed"


async def refusal_message(number: str, channel: Channel, at: datetime) -> str | None:
    row, service = await customer(number)
    try:
        await require_channel(customer=row, service=service, channel=channel, at=at)
    except ChannelNotIncluded as error:
        return error.message
    return None


async def open_through(
    gql: GraphQLClient, token: str, channel: str, **extra: object
) -> dict[str, object]:
    payload = {
        "subject": "Consulta por canal",
        "message": "Necesito ayuda con mi servicio.",
        "categoryId": await category_id(gql, "dns_configuration"),
        "serviceId": await own_service_id(gql, token),
        "channel": channel,
        **extra,
    }
    result: dict[str, object] = (
        await gql.execute(CREATE_WITH_LEVEL, {"input": payload}, token=token)
    ).data["createTicket"]
    return result


async def test_level_1_includes_web_email_and_api_and_refuses_chat_naming_level_2(
    gql: GraphQLClient, customer_token: str
) -> None:
    for channel in ("WEB", "EMAIL", "API"):
        assert (await open_through(gql, customer_token, channel))["__typename"] == (
            "CreateTicketSuccess"
        )

    chat = await open_through(gql, customer_token, "CHAT")

    assert chat["__typename"] == "ChannelNotIncludedError"
    assert (chat["code"], chat["field"], chat["lowestLevel"]) == (
        "CHANNEL_NOT_INCLUDED",
        "channel",
        "Nivel 2",
    )
    assert await refusal_message("C-1001", Channel.CHAT, TUESDAY_10_AM) == (
        "Nivel 1 does not include CHAT; Nivel 2 includes it. / Nivel 1 no incluye CHAT; "
        "Nivel 2 lo incluye."
    )
    assert await refusal_message("C-1001", Channel.CHAT, TUESDAY_8_PM) == (
        "Nivel 1 does not include CHAT; Nivel 2 includes it in business hours. / Nivel 1 no "
        "incluye CHAT; Nivel 2 lo incluye en horario laboral."
    )


async def test_level_1_takes_a_phone_call_only_about_an_existing_ticket(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given an existing ticket of C-1001
    existing = await create_ticket(gql, customer_token)
    number = (await Ticket.get(tracking_id=existing["trackingId"])).number

    # A call about it is taken, with its number, at any hour
    about = await open_through(gql, customer_token, "PHONE", aboutTicket=number)
    assert about["__typename"] == "CreateTicketSuccess"
    assert await refusal("C-1001", Channel.PHONE, SUNDAY_3_AM, about=number) == "allowed"

    # A call without a ticket number is refused, naming the lowest level taking it then
    assert await refusal("C-1001", Channel.PHONE, TUESDAY_10_AM) == "Nivel 2"
    assert await refusal("C-1001", Channel.PHONE, TUESDAY_8_PM) == "Nivel 2"
    without = await open_through(gql, customer_token, "PHONE")
    assert without["code"] == "CHANNEL_NOT_INCLUDED"

    # And a number that is not the customer's own ticket is no way round it
    unknown = await open_through(gql, customer_token, "PHONE", aboutTicket=999_999)
    assert (unknown["code"], unknown["field"]) == ("VALIDATION", "aboutTicket")


async def test_level_2_takes_chats_and_phone_calls_in_business_hours_only(
    gql: GraphQLClient, other_customer_token: str
) -> None:
    for channel in (Channel.WEB, Channel.EMAIL, Channel.API):
        for moment in (TUESDAY_10_AM, TUESDAY_8_PM, SUNDAY_3_AM, HOLIDAY_10_AM):
            assert await refusal("C-1002", channel, moment) == "allowed"
    for channel in (Channel.CHAT, Channel.PHONE):
        assert await refusal("C-1002", channel, TUESDAY_10_AM) == "allowed"
        for moment in (TUESDAY_8_PM, SUNDAY_3_AM, HOLIDAY_10_AM):
            assert await refusal("C-1002", channel, moment) is None
    assert await refusal_message("C-1002", Channel.CHAT, SUNDAY_3_AM) == (
        "Nivel 2 includes CHAT only in business hours. / "
        "Nivel 2 incluye CHAT solo en horario laboral."
    )


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.EMAIL, Channel.API])
async def test_level_3_takes_tickets_and_email_at_any_hour(
    gql: GraphQLClient, channel: Channel
) -> None:
    for moment in (TUESDAY_10_AM, TUESDAY_8_PM, SUNDAY_3_AM, HOLIDAY_10_AM):
        assert await refusal("C-1003", channel, moment) == "allowed"


@pytest.mark.parametrize("channel", [Channel.CHAT, Channel.PHONE])
async def test_level_3_takes_chat_and_phone_in_business_hours(
    gql: GraphQLClient, channel: Channel
) -> None:
    assert await refusal("C-1003", channel, TUESDAY_10_AM) == "allowed"
    for moment in (TUESDAY_8_PM, SUNDAY_3_AM, HOLIDAY_10_AM):
        assert await refusal("C-1003", channel, moment) is None


async def test_staff_logging_a_contact_follow_the_customer_level(
    gql: GraphQLClient, agent_token: str
) -> None:
    # Given the agent logs a chat for C-1001 (Nivel 1)
    from api.core.ids import encode_id

    row, service = await customer("C-1001")
    payload = {
        "subject": "Chat registrado",
        "message": "El cliente escribió por chat.",
        "categoryId": await category_id(gql, "dns_configuration"),
        "customerId": encode_id("Customer", row.id),
        "serviceId": encode_id("Service", service.id),
        "channel": "CHAT",
    }

    result = (await gql.execute(CREATE_WITH_LEVEL, {"input": payload}, token=agent_token)).data

    assert result["createTicket"]["lowestLevel"] == "Nivel 2"
