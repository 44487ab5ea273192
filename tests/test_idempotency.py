"""Idempotency keys from every viewer on create mutations: a retry whose first answer was lost
gets the first result, never a second ticket or reply; keys are scoped to the viewer; the same
key with another request is a typed CONFLICT."""

from __future__ import annotations

import uuid
from typing import Any

from api.core.ids import encode_id
from tests.access_helpers import new_customer
from tests.factories import CREATE_TICKET, category_id, own_service_id, row_counts
from tests.graphql_client import GraphQLClient

REPLY = """
mutation($input: ReplyToTicketInput!) { replyToTicket(input: $input) {
  __typename ... on ReplyToTicketSuccess { reply { id body } }
  ... on UserError { code message field } } }"""


async def _input(gql: GraphQLClient, token: str, **fields: Any) -> dict[str, Any]:
    return {
        "subject": "No carga el correo",
        "message": "Desde esta mañana no recibo mensajes.",
        "categoryId": await category_id(gql, "dns_configuration"),
        "serviceId": await own_service_id(gql, token),
        **fields,
    }


async def _create(
    gql: GraphQLClient, token: str, payload: dict[str, Any], key: str
) -> dict[str, Any]:
    response = await gql.http.post(
        "/graphql",
        json={"query": CREATE_TICKET, "variables": {"input": payload}},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
    )
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()["data"]["createTicket"]
    return created


async def test_a_customers_retried_create_ticket_creates_one_ticket(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a createTicket with an Idempotency-Key whose answer the customer never saw
    payload, key = await _input(gql, customer_token), str(uuid.uuid4())
    before = await row_counts()
    first = await _create(gql, customer_token, payload, key)

    # When the customer's client retries it twice
    retries = [await _create(gql, customer_token, payload, key) for _ in range(2)]

    # Then every answer is the first ticket, and only one was created
    assert first["__typename"] == "CreateTicketSuccess"
    assert retries == [first, first]
    assert (await row_counts())[0] == before[0] + 1


async def test_the_same_key_with_another_request_is_a_conflict(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket created with a key
    key = str(uuid.uuid4())
    first = await _create(gql, customer_token, await _input(gql, customer_token), key)
    assert first["__typename"] == "CreateTicketSuccess"
    before = await row_counts()

    # When the key comes back with another subject (in the input field this time)
    other = await _input(gql, customer_token, subject="Otro asunto", idempotencyKey=key)
    result = (await gql.execute(CREATE_TICKET, {"input": other}, token=customer_token)).data

    # Then it is a typed conflict, in Spanish and English, and nothing was created
    conflict = result["createTicket"]
    assert (conflict["__typename"], conflict["code"], conflict["field"]) == (
        "ConflictError",
        "CONFLICT",
        "idempotencyKey",
    )
    assert " / " in conflict["message"]
    assert await row_counts() == before


async def test_keys_belong_to_their_viewer(
    gql: GraphQLClient, customer_token: str, other_customer_token: str, agent_token: str
) -> None:
    # Given a key a customer used
    key = str(uuid.uuid4())
    mine = await _create(gql, customer_token, await _input(gql, customer_token), key)

    # When another customer, and an agent, send the same key with their own requests
    theirs = await _create(gql, other_customer_token, await _input(gql, other_customer_token), key)

    # Then each gets a ticket of their own: a key never reveals another viewer's result
    assert theirs["__typename"] == "CreateTicketSuccess"
    assert theirs["ticket"]["id"] != mine["ticket"]["id"]


async def test_a_retried_reply_adds_one_message(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket, and an agent's reply sent with a key
    ticket = await _create(
        gql, customer_token, await _input(gql, customer_token), "t-" + str(uuid.uuid4())
    )
    reply = {
        "ticketId": ticket["ticket"]["id"],
        "message": "Revisamos el registro MX.",
        "idempotencyKey": str(uuid.uuid4()),
    }
    before = await row_counts()

    # When it is sent three times
    answers = [
        (await gql.execute(REPLY, {"input": reply}, token=agent_token)).data["replyToTicket"]
        for _ in range(3)
    ]

    # Then the thread holds one reply, and every answer names it
    assert answers[0]["__typename"] == "ReplyToTicketSuccess"
    assert answers == [answers[0]] * 3
    assert (await row_counts())[1] == before[1] + 1


LOG_CONTACT = """
mutation($input: LogContactInput!) { logContact(input: $input) {
  __typename ... on LogContactSuccess { entry: contact { id } } ... on UserError { code } } }"""
ADD_SERVICE = """
mutation($input: AddServiceInput!) { addService(input: $input) {
  __typename ... on ServiceSuccess { service { id } } ... on UserError { code } } }"""


async def test_a_retried_log_contact_and_add_service_create_once(
    gql: GraphQLClient, customer_token: str, agent_token: str, admin_token: str
) -> None:
    # Given a ticket an agent logs a call on, and a service an admin adds, each with a key
    ticket = await _create(
        gql, customer_token, await _input(gql, customer_token), "t-" + str(uuid.uuid4())
    )
    contact = {
        "ticketId": ticket["ticket"]["id"],
        "channel": "EMAIL",
        "summary": "Llamé al cliente.",
        "idempotencyKey": str(uuid.uuid4()),
    }
    levels = (await gql.execute("{ supportLevels { id } }")).data["supportLevels"]
    # (a customer of the test's own: the demo customers' services stay as other tests expect)
    customer = await new_customer(f"C-{uuid.uuid4().int % 10**8:08d}")
    service = {
        "customerId": encode_id("Customer", customer.id),
        "name": f"Hosting {uuid.uuid4().hex[:6]}",
        "supportLevelId": levels[0]["id"],
        "idempotencyKey": str(uuid.uuid4()),
    }

    # When each is sent twice
    logged = [
        (await gql.execute(LOG_CONTACT, {"input": contact}, token=agent_token)).data["logContact"]
        for _ in range(2)
    ]
    added = [
        (await gql.execute(ADD_SERVICE, {"input": service}, token=admin_token)).data["addService"]
        for _ in range(2)
    ]

    # Then each retry returned the first result
    assert logged[0]["__typename"] == "LogContactSuccess" and logged[1] == logged[0]
    assert added[0]["__typename"] == "ServiceSuccess" and added[1] == added[0]
