"""Guests open tickets on the web (seed 002 "Enviar un ticket"): anonymous createTicket with
`guest: {name, email, language}`, the tracking ID mailed and a guest pass returned; floods
held back by a honeypot and per-address and per-email limits. Bad input changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.access_helpers import body_of, wait_for_mail
from tests.factories import category_id, department_id, own_service_id, row_counts
from tests.graphql_client import GraphQLClient
from tests.rate_limits import reset_rate_limits
from tests.test_guest_access import guest_access

CREATE = """
mutation($input: CreateTicketInput!) {
  createTicket(input: $input) {
    __typename
    ... on CreateTicketSuccess {
      ticket { id trackingId channel guestName guestEmail }
      guestPass { token viewer { ... on Guest { name ticket { trackingId subject } } } }
    }
    ... on RateLimitedError { retryAfterSeconds }
    ... on UserError { code message field }
  }
}"""


@pytest.fixture
async def fresh_limits(server: str) -> AsyncIterator[None]:
    await reset_rate_limits()
    yield
    await reset_rate_limits()


def new_email() -> str:
    return f"visitante-{uuid.uuid4().hex[:10]}@example.org"


async def guest_input(gql: GraphQLClient, email: str, **overrides: Any) -> dict[str, Any]:
    return {
        "subject": "No puedo entrar al panel",
        "message": "Desde ayer el panel de control me dice que la contraseña es incorrecta.",
        "departmentId": await department_id(gql, "TECH"),
        "priority": "LOW",
        "guest": {"name": "Valentina Ruiz", "email": email, "language": "EN"},
        **overrides,
    }


async def create(gql: GraphQLClient, payload: dict[str, Any], token: str | None = None) -> Any:
    return (await gql.execute(CREATE, {"input": payload}, token=token)).data["createTicket"]


async def test_a_guest_opens_a_ticket_and_reads_it_with_the_pass(
    gql: GraphQLClient, fresh_limits: None
) -> None:
    email = new_email()

    created = await create(gql, await guest_input(gql, email))

    assert created["__typename"] == "CreateTicketSuccess", created
    ticket = created["ticket"]
    assert (ticket["channel"], ticket["guestName"]) == ("WEB", "Valentina Ruiz")
    assert created["guestPass"]["viewer"] == {
        "name": "Valentina Ruiz",
        "ticket": {"trackingId": ticket["trackingId"], "subject": "No puedo entrar al panel"},
    }
    seen = await gql.execute(
        "{ viewer { ... on Guest { ticket { trackingId } } } }",
        token=created["guestPass"]["token"],
    )
    assert seen.data["viewer"]["ticket"]["trackingId"] == ticket["trackingId"]
    opened = await guest_access(gql, ticket["trackingId"], email.upper())
    assert opened["__typename"] == "LoginSuccess", opened


async def test_the_guest_receives_the_tracking_id_by_mail_in_their_language(
    gql: GraphQLClient, mail_delivery: Path, fresh_limits: None
) -> None:
    email = new_email()
    payload = await guest_input(
        gql, email, categoryId=await category_id(gql, "password_panel_access")
    )
    payload.pop("departmentId")

    created = await create(gql, payload)
    mail = await wait_for_mail(mail_delivery, email)

    tracking_id = created["ticket"]["trackingId"]
    assert str(mail[0]["Subject"]).startswith(f"[#{tracking_id}] We received your request")
    body = body_of(mail[0])
    assert f"Your tracking ID is: {tracking_id}" in body
    assert "Valentina Ruiz" in body
    opened = await guest_access(gql, tracking_id, email)
    assert opened["__typename"] == "LoginSuccess"


async def test_a_filled_honeypot_is_refused_and_nothing_is_written(
    gql: GraphQLClient, fresh_limits: None
) -> None:
    before = await row_counts()

    refused = await create(gql, await guest_input(gql, new_email(), honeypot="http://spam"))

    assert (refused["code"], refused["field"]) == ("VALIDATION", "honeypot")
    assert await row_counts() == before


@pytest.mark.parametrize(
    ("guest", "field"),
    [
        ({"name": "Ana", "email": "no-es-un-correo"}, "guest.email"),
        ({"name": "Ana", "email": "ana@"}, "guest.email"),
        ({"name": "   ", "email": "ana@example.org"}, "guest.name"),
        ({"name": "A" * 201, "email": "ana@example.org"}, "guest.name"),
    ],
)
async def test_a_bad_guest_is_a_field_error_in_both_languages(
    gql: GraphQLClient, fresh_limits: None, guest: dict[str, str], field: str
) -> None:
    before = await row_counts()

    refused = await create(gql, await guest_input(gql, "x@example.org", guest=guest))

    assert (refused["__typename"], refused["field"]) == ("ValidationError", field)
    assert " / " in refused["message"]
    assert await row_counts() == before


async def test_what_only_a_customer_chooses_is_refused_for_a_guest(
    gql: GraphQLClient, customer_token: str, fresh_limits: None
) -> None:
    service = await own_service_id(gql, customer_token)
    before = await row_counts()

    with_service = await create(gql, await guest_input(gql, new_email(), serviceId=service))
    by_phone = await create(gql, await guest_input(gql, new_email(), channel="PHONE"))
    signed_in = await create(gql, await guest_input(gql, new_email()), token=customer_token)

    assert with_service["field"] == "serviceId"
    assert by_phone["field"] == "channel"
    assert signed_in["field"] == "guest"
    assert await row_counts() == before


async def test_one_address_opens_a_few_tickets_an_hour(
    gql: GraphQLClient, fresh_limits: None
) -> None:
    email = new_email()
    answers = [await create(gql, await guest_input(gql, email)) for _ in range(6)]

    assert [a["__typename"] for a in answers[:5]] == ["CreateTicketSuccess"] * 5
    assert answers[5]["code"] == "RATE_LIMITED"
    assert answers[5]["retryAfterSeconds"] > 0
    other = await create(gql, await guest_input(gql, new_email()))
    assert other["__typename"] == "CreateTicketSuccess"
