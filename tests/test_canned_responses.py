"""Canned responses (issue 19): agents keep replies ready, personal or shared per department,
in Spanish and English, with placeholders filled in from the ticket; a reply can be one."""

from __future__ import annotations

import uuid
from typing import Any

from domain.models import CannedResponse, Customer, Language, Message
from tests.access_helpers import new_customer
from tests.conftest import LOGIN, token_for
from tests.factories import create_ticket, department_id
from tests.graphql_client import GraphQLClient

SAVE = """
mutation($input: SaveCannedResponseInput!) {
  saveCannedResponse(input: $input) {
    __typename
    ... on SaveCannedResponseSuccess {
      cannedResponse { id title bodyEs bodyEn personal department { code } }
    }
    ... on UserError { code message field }
  }
}"""
LIST = "query($d: ID) { cannedResponses(departmentId: $d) { id title } }"
RENDERED = """
query($t: ID!) { cannedResponses { id title rendered(ticketId: $t) } }"""
REPLY = """
mutation($id: ID!, $m: String!, $c: ID) {
  replyToTicket(input: {ticketId: $id, message: $m, cannedResponseId: $c}) {
    __typename
    ... on ReplyToTicketSuccess { sent: reply { body } }
    ... on UserError { code message field }
  }
}"""
DELETE = """
mutation($id: ID!) { deleteCannedResponse(cannedResponseId: $id) {
  __typename ... on UserError { code } } }"""
GREETING_ES = (
    "Hola {{ customer_name }}, su caso {{tracking_id}} ({{ ticket_subject }}) está en "
    "revisión. {{ agent_name }}"
)
GREETING_EN = "Hello {{ customer_name }}, case {{ tracking_id }} is under review. {{ agent_name }}"


def title() -> str:
    return f"Saludo {uuid.uuid4().hex[:8]}"


async def save(gql: GraphQLClient, token: str, **fields: Any) -> dict[str, Any]:
    values = {"title": title(), "bodyEs": GREETING_ES, "bodyEn": GREETING_EN, **fields}
    result: dict[str, Any] = (await gql.execute(SAVE, {"input": values}, token=token)).data[
        "saveCannedResponse"
    ]
    return result


async def rendered(gql: GraphQLClient, token: str, ticket: dict[str, Any], pk: str) -> str:
    rows = (await gql.execute(RENDERED, {"t": ticket["id"]}, token=token)).data
    return str(next(r["rendered"] for r in rows["cannedResponses"] if r["id"] == pk))


async def test_a_personal_response_is_rendered_in_the_requesters_language(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given an agent's personal response, and tickets of a Spanish and an English customer
    saved = await save(gql, agent_token, personal=True)
    assert saved["__typename"] == "SaveCannedResponseSuccess", saved
    pk = saved["cannedResponse"]["id"]
    spanish = await create_ticket(gql, customer_token)
    number = f"C-{uuid.uuid4().int % 10**8:08d}"
    await new_customer(number, language=Language.EN)
    english_token = await token_for(gql, LOGIN, {"n": number, "p": "first-password"})
    english = await create_ticket(gql, english_token)

    # When the agent fetches it rendered for each ticket
    for_spanish = await rendered(gql, agent_token, spanish, pk)
    for_english = await rendered(gql, agent_token, english, pk)

    # Then each is in the requester's language, with the ticket's values filled in
    assert for_spanish == (
        f"Hola Comercial Andina SAS, su caso {spanish['trackingId']} (Los registros DNS no "
        "propagan) está en revisión. Ana Agent"
    )
    assert for_english == (
        f"Hello Cliente {number}, case {english['trackingId']} is under review. Ana Agent"
    )


async def test_a_reply_can_be_a_canned_response_after_the_agents_words(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    saved = await save(gql, agent_token, personal=True, bodyEs="Gracias, {{ customer_name }}.")
    pk = saved["cannedResponse"]["id"]
    ticket = await create_ticket(gql, customer_token)

    only = await gql.execute(REPLY, {"id": ticket["id"], "m": "", "c": pk}, token=agent_token)
    both = await gql.execute(REPLY, {"id": ticket["id"], "m": "Listo.", "c": pk}, token=agent_token)

    assert only.data["replyToTicket"]["sent"] == {"body": "Gracias, Comercial Andina SAS."}
    assert both.data["replyToTicket"]["sent"] == {
        "body": "Listo.\n\nGracias, Comercial Andina SAS."
    }


async def test_a_value_that_looks_like_a_placeholder_is_not_expanded(
    gql: GraphQLClient, agent_token: str
) -> None:
    # Given a customer whose name is itself a placeholder
    number = f"C-{uuid.uuid4().int % 10**8:08d}"
    customer = await new_customer(number)
    await Customer.filter(id=customer.id).update(name="{{ agent_name }}")
    token = await token_for(gql, LOGIN, {"n": number, "p": "first-password"})
    ticket = await create_ticket(gql, token)
    saved = await save(gql, agent_token, personal=True, bodyEs="Hola {{ customer_name }}")

    text = await rendered(gql, agent_token, ticket, saved["cannedResponse"]["id"])

    assert text == "Hola {{ agent_name }}"


async def test_unknown_placeholders_and_empty_bodies_are_refused(
    gql: GraphQLClient, agent_token: str
) -> None:
    before = await CannedResponse.all().count()
    for fields, field in (
        ({"bodyEs": "Hola {{ customer.password }}"}, "bodyEs"),
        ({"bodyEn": "Hi {{ secret }}"}, "bodyEn"),
        ({"bodyEs": "   "}, "bodyEs"),
        ({"title": ""}, "title"),
    ):
        result = await save(gql, agent_token, personal=True, **fields)

        assert (result["__typename"], result["field"]) == ("ValidationError", field), result
    assert await CannedResponse.all().count() == before


async def test_shared_responses_are_kept_by_supervisors_for_a_department(
    gql: GraphQLClient, agent_token: str, billing_agent_token: str, supervisor_token: str
) -> None:
    # Given a supervisor's shared response for Technical Support
    technical = await department_id(gql, "TECH")
    refused = await save(gql, agent_token, departmentId=technical)
    saved = await save(gql, supervisor_token, departmentId=technical)
    assert refused["__typename"] == "NotAllowedError"
    assert saved["cannedResponse"]["department"] == {"code": "TECH"}
    assert saved["cannedResponse"]["personal"] is False
    pk = saved["cannedResponse"]["id"]

    # When the technical agent and a billing agent list their responses
    def ids(response: Any) -> set[str]:
        return {row["id"] for row in response.data["cannedResponses"]}

    technical_list = ids(await gql.execute(LIST, token=agent_token))
    billing_list = ids(await gql.execute(LIST, token=billing_agent_token))

    # Then only the technical agent has it, and cannot delete it; the supervisor can
    assert pk in technical_list
    assert pk not in billing_list
    denied = await gql.execute(DELETE, {"id": pk}, token=agent_token)
    assert denied.data["deleteCannedResponse"] == {
        "__typename": "NotAllowedError",
        "code": "NOT_ALLOWED",
    }
    deleted = await gql.execute(DELETE, {"id": pk}, token=supervisor_token)
    assert deleted.data["deleteCannedResponse"] == {"__typename": "DeleteCannedResponseSuccess"}


async def test_personal_responses_are_their_owners_alone(
    gql: GraphQLClient, agent_token: str, supervisor_token: str
) -> None:
    saved = await save(gql, agent_token, personal=True)
    pk = saved["cannedResponse"]["id"]

    listed = await gql.execute(LIST, token=supervisor_token)
    changed = await save(gql, supervisor_token, personal=True, cannedResponseId=pk)

    assert pk not in {row["id"] for row in listed.data["cannedResponses"]}
    assert (changed["__typename"], changed["field"]) == ("NotFoundError", "cannedResponseId")


async def test_customers_cannot_reply_with_a_canned_response(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    saved = await save(gql, agent_token, personal=True)
    ticket = await create_ticket(gql, customer_token)
    messages = await Message.all().count()

    result = await gql.execute(
        REPLY,
        {"id": ticket["id"], "m": "", "c": saved["cannedResponse"]["id"]},
        token=customer_token,
    )

    assert result.data["replyToTicket"]["__typename"] == "NotAllowedError"
    assert await Message.all().count() == messages
