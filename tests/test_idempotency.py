"""Idempotency keys from every viewer on every create mutation: a retry whose first answer was
lost gets the first result, never a second ticket, reply, article or key; keys are scoped to
the viewer (an anonymous guest's to their email); the same key with another request is a
typed CONFLICT; a schema walk keeps every future create taking the key."""

from __future__ import annotations

import base64
import uuid
from typing import Any

from graphql import GraphQLField, GraphQLInputObjectType, get_named_type

from api.core.ids import encode_id
from api.schema import schema
from domain.models import (
    Article,
    Notification,
    Partner,
    PartnerKey,
    Ticket,
    TicketView,
    TimeRule,
    TimeRulePlan,
)
from tests.access_helpers import new_customer
from tests.factories import CREATE_TICKET, category_id, department_id, own_service_id, row_counts
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


# Mutations that only ever change what exists, though their names say "save" or "create".
# Sets the one signature of an agent or a department: a retry writes the same again.
NEVER_CREATE: frozenset[str] = frozenset({"saveSignature"})


def _creates() -> dict[str, GraphQLField]:
    mutation = schema._schema.mutation_type
    assert mutation is not None
    return {
        name: field
        for name, field in mutation.fields.items()
        if (name.startswith(("create", "save")) and name not in NEVER_CREATE)
        or name in ("addService", "replyToTicket", "logContact")
    }


def test_every_create_mutation_takes_an_idempotency_key() -> None:
    # Given every mutation that creates something
    creates = _creates()
    assert {"createTicket", "createPartnerKey", "saveTicketView", "createSupportLevel"} <= set(
        creates
    )

    # Then each takes an optional String `idempotencyKey`, as an argument or in its input
    lacking = []
    for name, field in creates.items():
        places = [field.args]
        if "input" in field.args:
            input_type = get_named_type(field.args["input"].type)
            assert isinstance(input_type, GraphQLInputObjectType)
            places.append(input_type.fields)  # type: ignore[arg-type]
        keys = [place["idempotencyKey"] for place in places if "idempotencyKey" in place]
        if len(keys) != 1 or str(keys[0].type) != "String":
            lacking.append(name)
    assert lacking == []


CREATE_ARTICLE = """mutation($input: ArticleInput!) { createArticle(input: $input) {
  __typename ... on ArticleSuccess { article { id title } } ... on UserError { code field } } }"""


def _article(key: str, title: str = "Configurar el correo en Outlook") -> dict[str, Any]:
    return {
        "title": title,
        "bodyMarkdown": "1. Abra Outlook.\n2. Agregue la cuenta.",
        "language": "ES",
        "idempotencyKey": key,
    }


async def test_a_retried_create_article_creates_one_and_another_payload_conflicts(
    gql: GraphQLClient, agent_token: str
) -> None:
    # Given an article created with a key
    key = str(uuid.uuid4())
    before = await Article.all().count()
    first = (await gql.execute(CREATE_ARTICLE, {"input": _article(key)}, token=agent_token)).data

    # When the same request comes again, and then the key with another title
    again = (await gql.execute(CREATE_ARTICLE, {"input": _article(key)}, token=agent_token)).data
    other = (
        await gql.execute(CREATE_ARTICLE, {"input": _article(key, "Otro")}, token=agent_token)
    ).data

    # Then the retry names the first article, the other request is a typed conflict, and one
    # article exists
    assert first["createArticle"]["__typename"] == "ArticleSuccess"
    assert again == first
    assert other["createArticle"] == {
        "__typename": "ConflictError",
        "code": "CONFLICT",
        "field": "idempotencyKey",
    }
    assert await Article.all().count() == before + 1


async def test_article_keys_belong_to_their_viewer(
    gql: GraphQLClient, agent_token: str, admin_token: str
) -> None:
    # Given a key an agent used
    key = str(uuid.uuid4())
    mine = (await gql.execute(CREATE_ARTICLE, {"input": _article(key)}, token=agent_token)).data

    # When an admin sends the same request with the same key
    theirs = (await gql.execute(CREATE_ARTICLE, {"input": _article(key)}, token=admin_token)).data

    # Then the admin gets an article of their own
    assert theirs["createArticle"]["__typename"] == "ArticleSuccess"
    assert theirs["createArticle"]["article"]["id"] != mine["createArticle"]["article"]["id"]


CREATE_PARTNER = """mutation($name: String!, $key: String) {
  createPartner(name: $name, idempotencyKey: $key) {
    __typename ... on CreatePartnerSuccess { partnerId } } }"""
CREATE_PARTNER_KEY = """mutation($input: CreatePartnerKeyInput!) { createPartnerKey(input: $input) {
  __typename ... on CreatePartnerKeySuccess { key apiKey { id name } }
  ... on UserError { code field } } }"""


async def test_a_retried_partner_key_is_the_first_key_without_its_secret(
    gql: GraphQLClient, admin_token: str
) -> None:
    # Given a partner created with a key (an argument: createPartner has no input object)
    name, partner_key = f"Socio {uuid.uuid4().hex[:6]}", str(uuid.uuid4())
    partners = [
        (
            await gql.execute(CREATE_PARTNER, {"name": name, "key": partner_key}, token=admin_token)
        ).data["createPartner"]
        for _ in range(2)
    ]
    assert partners[0]["__typename"] == "CreatePartnerSuccess" and partners[1] == partners[0]
    assert await Partner.filter(name=name).count() == 1

    # When an API key is issued with an idempotency key, and the call is retried
    payload = {
        "partnerId": partners[0]["partnerId"],
        "name": "Integración",
        "scopes": ["tickets:read"],
        "idempotencyKey": str(uuid.uuid4()),
    }
    first, retry = [
        (await gql.execute(CREATE_PARTNER_KEY, {"input": payload}, token=admin_token)).data[
            "createPartnerKey"
        ]
        for _ in range(2)
    ]

    # Then the retry names the same key but cannot show its secret again (it is not kept);
    # the first secret works, and only one key exists
    assert first["key"].startswith("mesa_pk_")
    assert retry == {**first, "key": None}
    partner_id = int(base64.b64decode(partners[0]["partnerId"]).decode().split(":")[1])
    assert await PartnerKey.filter(partner_id=partner_id).count() == 1
    seen = await gql.execute("{ viewer { __typename } }", token=first["key"])
    assert seen.data["viewer"]["__typename"] == "Partner"


SAVE_VIEW = """mutation($input: SaveTicketViewInput!) { saveTicketView(input: $input) {
  __typename ... on SaveTicketViewSuccess { ticketView { id name } } } }"""


async def test_a_retried_save_ticket_view_creates_one_view(
    gql: GraphQLClient, supervisor_token: str
) -> None:
    # Given a new view saved with the Idempotency-Key header
    payload = {"name": f"Urgentes {uuid.uuid4().hex[:6]}", "filter": {"impact": ["HIGH"]}}
    headers = {
        "Authorization": f"Bearer {supervisor_token}",
        "Idempotency-Key": "v-" + payload["name"],
    }
    before = await TicketView.all().count()

    # When it is sent twice
    answers = [
        (
            await gql.http.post(
                "/graphql",
                json={"query": SAVE_VIEW, "variables": {"input": payload}},
                headers=headers,
            )
        ).json()["data"]["saveTicketView"]
        for _ in range(2)
    ]

    # Then both answers name one new view
    assert answers[0]["__typename"] == "SaveTicketViewSuccess" and answers[1] == answers[0]
    assert await TicketView.all().count() == before + 1


SAVE_TIME_RULE = """mutation($input: SaveTimeRuleInput!) { saveTimeRule(input: $input) {
  __typename ... on SaveTimeRuleSuccess { timeRule { id name } }
  ... on UserError { code message field } } }"""


async def test_a_retried_save_time_rule_creates_one_rule_and_another_payload_conflicts(
    gql: GraphQLClient, admin_token: str
) -> None:
    # Given a new (paused) time rule sent with an idempotency key
    name = f"Recordatorio {uuid.uuid4().hex[:6]}"
    payload: dict[str, Any] = {
        "name": name,
        "status": "WAITING_ON_CUSTOMER",
        "afterMinutes": 3 * 24 * 60,
        "clock": "CALENDAR",
        "isActive": False,
        "actions": [{"type": "ADD_TAGS", "tags": ["recordatorio"]}],
        "idempotencyKey": "tr-" + name,
    }
    before = await TimeRule.all().count()

    # When it is sent twice, then once more with the same key and another wait
    answers = [
        (await gql.execute(SAVE_TIME_RULE, {"input": payload}, token=admin_token)).data[
            "saveTimeRule"
        ]
        for _ in range(2)
    ]
    other = {**payload, "afterMinutes": 60}
    conflict = (await gql.execute(SAVE_TIME_RULE, {"input": other}, token=admin_token)).data[
        "saveTimeRule"
    ]

    # Then both answers name one new rule, and the changed retry is a typed conflict
    assert answers[0]["__typename"] == "SaveTimeRuleSuccess" and answers[1] == answers[0]
    assert await TimeRule.all().count() == before + 1
    assert conflict["__typename"] == "ConflictError" and conflict["code"] == "CONFLICT"
    assert await TimeRulePlan.filter(rule__name=name).count() == 0


GUEST_CREATE = """mutation($input: CreateTicketInput!) { createTicket(input: $input) {
  __typename
  ... on CreateTicketSuccess { ticket { trackingId } guestPass { token } }
  ... on UserError { code field } } }"""


async def _guest_payload(gql: GraphQLClient, email: str, key: str) -> dict[str, Any]:
    return {
        "subject": "No puedo entrar al panel",
        "message": "Desde ayer el panel me dice que la contraseña es incorrecta.",
        "departmentId": await department_id(gql, "TECH"),
        "guest": {"name": "Valentina Ruiz", "email": email, "language": "ES"},
        "idempotencyKey": key,
    }


async def test_a_guest_s_retried_create_ticket_returns_the_first_ticket_and_mails_once(
    gql: GraphQLClient, reset_rate_limits: None
) -> None:
    # Given an anonymous guest's createTicket with a key, whose answer was lost
    email, key = f"visitante-{uuid.uuid4().hex[:10]}@example.org", str(uuid.uuid4())
    payload = await _guest_payload(gql, email, key)
    first = (await gql.execute(GUEST_CREATE, {"input": payload})).data["createTicket"]

    # When the page retries it
    retry = (await gql.execute(GUEST_CREATE, {"input": payload})).data["createTicket"]

    # Then the retry names the same ticket, with a pass of its own that opens it, and the
    # tracking ID was mailed once
    assert first["__typename"] == retry["__typename"] == "CreateTicketSuccess"
    assert retry["ticket"] == first["ticket"]
    assert retry["guestPass"]["token"] != first["guestPass"]["token"]
    seen = await gql.execute(
        "{ viewer { ... on Guest { ticket { trackingId } } } }", token=retry["guestPass"]["token"]
    )
    assert seen.data["viewer"]["ticket"] == first["ticket"]
    assert await Ticket.filter(guest_email=email).count() == 1
    assert await Notification.filter(recipient=email).count() == 1


async def test_a_guest_s_key_is_scoped_to_the_email_and_must_be_long(
    gql: GraphQLClient, reset_rate_limits: None
) -> None:
    # Given a guest's ticket created with a key
    key = str(uuid.uuid4())
    mine = f"visitante-{uuid.uuid4().hex[:10]}@example.org"
    theirs = f"visitante-{uuid.uuid4().hex[:10]}@example.org"
    first = (await gql.execute(GUEST_CREATE, {"input": await _guest_payload(gql, mine, key)})).data

    # When another address sends the same key, and a guest sends a short (guessable) key
    other = (
        await gql.execute(GUEST_CREATE, {"input": await _guest_payload(gql, theirs, key)})
    ).data
    short = (
        await gql.execute(GUEST_CREATE, {"input": await _guest_payload(gql, theirs, "1")})
    ).data

    # Then the other address gets its own ticket, and the short key is refused
    assert other["createTicket"]["ticket"] != first["createTicket"]["ticket"]
    assert short["createTicket"] == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "idempotencyKey",
    }
    assert await Ticket.filter(guest_email=theirs).count() == 1
