"""Partners: API keys shown once and stored hashed, scopes, tickets for their own customers,
idempotent createTicket under concurrent retries, and per-key rate limits."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from domain.models import Customer, PartnerKey, Ticket
from tests.access_helpers import new_customer
from tests.factories import category_id
from tests.graphql_client import GraphQLClient

CREATE_PARTNER = """mutation($n: String!) { createPartner(name: $n) {
  __typename ... on CreatePartnerSuccess { partnerId } ... on UserError { code } } }"""
CREATE_KEY = """mutation($input: CreatePartnerKeyInput!) { createPartnerKey(input: $input) {
  __typename ... on CreatePartnerKeySuccess { key apiKey { id prefix scopes } }
  ... on UserError { code message } } }"""
REVOKE_KEY = """mutation($id: ID!) { revokePartnerKey(keyId: $id) {
  __typename ... on RevokePartnerKeySuccess { apiKey { revokedAt } } } }"""
CREATE_TICKET = """mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  __typename ... on CreateTicketSuccess { ticket { id number channel } }
  ... on UserError { code message } } }"""
VIEWER = "query { viewer { __typename ... on Partner { name scopes } } }"


async def new_partner(
    gql: GraphQLClient, admin_token: str, name: str, scopes: list[str], per_minute: int = 120
) -> tuple[str, str, int]:
    """(API key, key global id, partner pk) of a new partner with one key."""
    made = (await gql.execute(CREATE_PARTNER, {"n": name}, token=admin_token)).data
    partner_id = made["createPartner"]["partnerId"]
    key_input = {
        "partnerId": partner_id,
        "name": "integration",
        "scopes": scopes,
        "requestsPerMinute": per_minute,
    }
    issued = (await gql.execute(CREATE_KEY, {"input": key_input}, token=admin_token)).data
    payload = issued["createPartnerKey"]
    assert payload["__typename"] == "CreatePartnerKeySuccess", payload
    row = await PartnerKey.get(prefix=payload["apiKey"]["prefix"])
    return payload["key"], payload["apiKey"]["id"], row.partner_id


async def partner_customer(number: str, partner_pk: int) -> Customer:
    customer = await new_customer(number)
    await Customer.filter(id=customer.id).update(partner_id=partner_pk)
    return customer


async def ticket_input(gql: GraphQLClient, customer: Customer, **extra: Any) -> dict[str, Any]:
    from api.core.ids import encode_id

    return {
        "subject": "Caída del servidor",
        "message": "El sitio no responde desde las 9.",
        "categoryId": await category_id(gql, "service_down"),
        "customerId": encode_id("Customer", customer.id),
        **extra,
    }


async def test_an_api_key_is_shown_once_stored_hashed_and_carries_its_scopes(
    gql: GraphQLClient, admin_token: str, agent_token: str, fresh_rate_limits: None
) -> None:
    # When an admin issues a key
    key, _, partner_pk = await new_partner(gql, admin_token, "Hosting Reseller", ["tickets:read"])

    # Then only its hash is stored, and the key identifies the partner and its scopes
    row = await PartnerKey.get(partner_id=partner_pk)
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(await PartnerKey.filter(id=row.id).values())
    viewer = (await gql.execute(VIEWER, token=key)).data["viewer"]
    assert viewer == {
        "__typename": "Partner",
        "name": "Hosting Reseller",
        "scopes": ["tickets:read"],
    }

    # And only admins issue keys, with known scopes
    by_agent = await gql.execute(CREATE_PARTNER, {"n": "Nope"}, token=agent_token)
    assert by_agent.data["createPartner"] == {
        "__typename": "NotAllowedError",
        "code": "NOT_ALLOWED",
    }
    bad_scope = {"partnerId": "UGFydG5lcjox", "name": "k", "scopes": ["admin:all"]}
    refused = (await gql.execute(CREATE_KEY, {"input": bad_scope}, token=admin_token)).data
    assert refused["createPartnerKey"]["code"] == "VALIDATION"


async def test_a_partner_opens_tickets_for_its_own_customers_only_with_the_write_scope(
    gql: GraphQLClient, admin_token: str, fresh_rate_limits: None
) -> None:
    # Given a partner with a writing key and a reading key, its customer and someone else's
    writer, _, partner_pk = await new_partner(
        gql, admin_token, "Writer", ["tickets:read", "tickets:write"]
    )
    reader, _, _ = await new_partner(gql, admin_token, "Reader", ["tickets:read"])
    own = await partner_customer("C-9301", partner_pk)
    stranger = await new_customer("C-9302")

    # When the partner opens tickets
    created = await gql.execute(
        CREATE_TICKET, {"input": await ticket_input(gql, own)}, token=writer
    )
    foreign = await gql.execute(
        CREATE_TICKET, {"input": await ticket_input(gql, stranger)}, token=writer
    )
    unscoped = await gql.execute(
        CREATE_TICKET, {"input": await ticket_input(gql, own)}, token=reader
    )

    # Then only the write key, for its own customer, succeeds, through the API channel
    assert created.data["createTicket"]["__typename"] == "CreateTicketSuccess"
    assert created.data["createTicket"]["ticket"]["channel"] == "API"
    assert foreign.data["createTicket"]["code"] == "NOT_FOUND"
    assert unscoped.data["createTicket"]["code"] == "NOT_ALLOWED"
    assert await Ticket.filter(customer_id=stranger.id).count() == 0


async def test_ten_concurrent_retries_with_one_idempotency_key_create_one_ticket(
    gql: GraphQLClient, admin_token: str, fresh_rate_limits: None
) -> None:
    # Given a partner's customer
    key, _, partner_pk = await new_partner(gql, admin_token, "Retrier", ["tickets:write"])
    customer = await partner_customer("C-9303", partner_pk)
    payload = {"query": CREATE_TICKET, "variables": {"input": await ticket_input(gql, customer)}}
    headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": "order-7781"}

    # When the same call is sent ten times at once with one Idempotency-Key header
    responses = await asyncio.gather(
        *(gql.http.post("/graphql", json=payload, headers=headers) for _ in range(10))
    )

    # Then one ticket exists and every call returned it
    tickets = {r.json()["data"]["createTicket"]["ticket"]["id"] for r in responses}
    assert len(tickets) == 1
    assert await Ticket.filter(customer_id=customer.id).count() == 1

    # And the key in the input works the same, while a new key opens a new ticket
    same = await ticket_input(gql, customer, idempotencyKey="order-7781")
    again = (await gql.execute(CREATE_TICKET, {"input": same}, token=key)).data
    assert again["createTicket"]["ticket"]["id"] in tickets
    other = await ticket_input(gql, customer, idempotencyKey="order-7782")
    fresh = (await gql.execute(CREATE_TICKET, {"input": other}, token=key)).data
    assert fresh["createTicket"]["ticket"]["id"] not in tickets
    assert await Ticket.filter(customer_id=customer.id).count() == 2


async def test_a_key_past_its_allowance_is_told_when_to_retry(
    gql: GraphQLClient, admin_token: str, fresh_rate_limits: None
) -> None:
    # Given a key allowed three operations a minute
    key, _, _ = await new_partner(gql, admin_token, "Chatty", ["tickets:read"], per_minute=3)

    # When it makes four, two of them as aliases in one request
    first = await gql.execute(VIEWER, token=key)
    second = await gql.execute(
        "query { a: viewer { __typename } b: viewer { __typename } }", token=key
    )
    fourth = await gql.execute(VIEWER, token=key)

    # Then the fourth is refused with RATE_LIMITED and when to retry
    assert first.data["viewer"]["__typename"] == "Partner"
    assert second.data == {"a": {"__typename": "Partner"}, "b": {"__typename": "Partner"}}
    assert fourth.error_codes == ["RATE_LIMITED"]
    retry_after = int(fourth.errors[0]["extensions"]["retryAfterSeconds"])
    assert 0 < retry_after <= 60


async def test_a_revoked_key_is_refused(
    gql: GraphQLClient, admin_token: str, fresh_rate_limits: None
) -> None:
    key, key_id, _ = await new_partner(gql, admin_token, "Former", ["tickets:read"])

    revoked = (await gql.execute(REVOKE_KEY, {"id": key_id}, token=admin_token)).data
    response = await gql.execute(VIEWER, token=key)

    assert revoked["revokePartnerKey"]["apiKey"]["revokedAt"] is not None
    assert response.error_codes == ["UNAUTHENTICATED"]
    assert response.errors[0]["message"] == "The API key has been revoked."
