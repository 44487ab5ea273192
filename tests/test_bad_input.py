"""Bad ticket input gets a typed error with the right code and field, changes nothing, and
never a 500: invalid fields, unknown references, malformed IDs, refused transitions."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from api.core.ids import encode_id
from domain.tickets.changes import BODY_MAX, SUBJECT_MAX
from tests.factories import (
    category_id,
    create_ticket,
    department_id,
    in_spanish,
    own_service_id,
    row_counts,
    ticket_state,
)
from tests.graphql_client import GraphQLClient

OUTCOME = "__typename ... on UserError { code error: message field }"
CREATE = f"""
mutation($input: CreateTicketInput!) {{
  result: createTicket(input: $input) {{
    {OUTCOME} ... on CreateTicketSuccess {{ ticket {{ subject }} }}
  }}
}}"""
REPLY = f"""
mutation($id: ID!, $m: String!, $internal: Boolean) {{
  result: replyToTicket(input: {{ticketId: $id, message: $m, internal: $internal}}) {{ {OUTCOME} }}
}}"""
REOPEN = f"""
mutation($id: ID!, $m: String) {{
  result: reopenTicket(ticketId: $id, message: $m) {{ {OUTCOME} }}
}}"""
RESOLVE = f"mutation($id: ID!) {{ result: resolveTicket(ticketId: $id) {{ {OUTCOME} }} }}"
CLOSE = f"mutation($id: ID!) {{ result: closeTicket(ticketId: $id) {{ {OUTCOME} }} }}"
MERGE = f"""
mutation($s: ID!, $t: ID!) {{
  result: mergeTickets(input: {{sourceTicketId: $s, targetTicketId: $t}}) {{ {OUTCOME} }}
}}"""
NODE = "query($id: ID!) { node(id: $id) { id } }"

# Every mutation that takes a ticket id, with the input field that carries it.
TICKET_ID_MUTATIONS = {
    "replyToTicket": ('replyToTicket(input: {ticketId: $id, message: "Hola"})', "ticketId"),
    "resolveTicket": ("resolveTicket(ticketId: $id)", "ticketId"),
    "reopenTicket": ("reopenTicket(ticketId: $id)", "ticketId"),
    "closeTicket": ("closeTicket(ticketId: $id)", "ticketId"),
    "triageTicket": ("triageTicket(input: {ticketId: $id, impact: LOW})", "ticketId"),
    "assignTicket": ("assignTicket(input: {ticketId: $id})", "ticketId"),
    "mergeTickets source": (
        "mergeTickets(input: {sourceTicketId: $id, targetTicketId: $ok})",
        "sourceTicketId",
    ),
    "mergeTickets target": (
        "mergeTickets(input: {sourceTicketId: $ok, targetTicketId: $id})",
        "targetTicketId",
    ),
}


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _error(typename: str, code: str, message: str, field: str | None) -> dict[str, Any]:
    # Every viewer here (C-1001, C-1002, the demo staff) saved Spanish: they read it.
    return {"__typename": typename, "code": code, "error": in_spanish(message), "field": field}


def _validation(message: str, field: str | None) -> dict[str, Any]:
    return _error("ValidationError", "VALIDATION", message, field)


async def _run(
    gql: GraphQLClient, document: str, variables: dict[str, Any], token: str
) -> dict[str, Any]:
    outcome: dict[str, Any] = (await gql.execute(document, variables, token=token)).data["result"]
    return outcome


async def _ticket_input(gql: GraphQLClient, token: str, **fields: Any) -> dict[str, Any]:
    return {
        "subject": "No puedo entrar al panel",
        "message": "La contraseña no funciona desde ayer.",
        "categoryId": await category_id(gql, "password_panel_access"),
        "serviceId": await own_service_id(gql, token),
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        pytest.param({"subject": ""}, "subject", "The subject cannot be empty.", id="empty"),
        pytest.param({"subject": " \t\n  "}, "subject", "The subject cannot be empty.", id="blank"),
        pytest.param(
            {"subject": "x" * (SUBJECT_MAX + 1)},
            "subject",
            f"The subject is longer than {SUBJECT_MAX} characters.",
            id="subject one too long",
        ),
        pytest.param(
            {"subject": "x" * 100_000},
            "subject",
            f"The subject is longer than {SUBJECT_MAX} characters.",
            id="100 kB subject",
        ),
        pytest.param({"message": ""}, "message", "The message cannot be empty.", id="no message"),
        pytest.param(
            {"message": "\n \u00a0 \t"}, "message", "The message cannot be empty.", id="blank msg"
        ),
        pytest.param(
            {"message": "x" * (BODY_MAX + 1)},
            "message",
            f"The message is longer than {BODY_MAX} characters.",
            id="message one too long",
        ),
        pytest.param(
            {"message": "x" * 100_000},
            "message",
            f"The message is longer than {BODY_MAX} characters.",
            id="100 kB message",
        ),
        pytest.param(
            {"categoryId": None},
            "categoryId",
            "Choose a category or a department.",
            id="no category",
        ),
    ],
)
async def test_invalid_ticket_fields_are_refused(
    gql: GraphQLClient, customer_token: str, fields: dict[str, Any], field: str, message: str
) -> None:
    # Given a valid new ticket with one field made invalid
    payload = await _ticket_input(gql, customer_token, **fields)
    before = await row_counts()

    # When C-1001 submits it
    outcome = await _run(gql, CREATE, {"input": payload}, customer_token)

    # Then it is refused on that field, and nothing was written
    assert outcome == _validation(message, field)
    assert await row_counts() == before


async def test_fields_at_their_limits_are_accepted(gql: GraphQLClient, customer_token: str) -> None:
    # Given a subject and a message exactly at their limits, padded with whitespace
    subject, body = "s" * SUBJECT_MAX, "m" * BODY_MAX
    payload = await _ticket_input(
        gql, customer_token, subject=f"  {subject}\n", message=f"\n{body}  "
    )
    before = await row_counts()

    # When C-1001 submits it
    outcome = await _run(gql, CREATE, {"input": payload}, customer_token)

    # Then the ticket is created with the trimmed subject, one message and one event each
    assert outcome == {"__typename": "CreateTicketSuccess", "ticket": {"subject": subject}}
    tickets, messages, events = before
    assert await row_counts() == (tickets + 1, messages + 1, events + 2)


async def test_unknown_or_foreign_references_are_refused(
    gql: GraphQLClient, customer_token: str, other_customer_token: str
) -> None:
    # Given IDs of a category that does not exist, of a department, and of C-1002's service
    department = await department_id(gql, "TECH")
    foreign_service = await own_service_id(gql, other_customer_token)
    other_customer = (
        await gql.execute("query { viewer { ... on Customer { id } } }", token=other_customer_token)
    ).data["viewer"]["id"]
    cases = [
        (
            {"categoryId": encode_id("Category", 2_000_000_000)},
            _error("NotFoundError", "NOT_FOUND", "Unknown category.", "categoryId"),
        ),
        (
            {"categoryId": department},
            _validation("categoryId is not a valid Category ID.", "categoryId"),
        ),
        (
            {"serviceId": foreign_service},
            _error("NotFoundError", "NOT_FOUND", "Unknown service.", "serviceId"),
        ),
        (
            {"serviceId": "garbage"},
            _validation("serviceId is not a valid Service ID.", "serviceId"),
        ),
        (
            {"customerId": other_customer},
            _error("NotFoundError", "NOT_FOUND", "Unknown customer.", "customerId"),
        ),
        (
            {"departmentId": encode_id("Department", 2_000_000_000), "categoryId": None},
            _error("NotFoundError", "NOT_FOUND", "Unknown department.", "departmentId"),
        ),
    ]
    before = await row_counts()
    for fields, expected in cases:
        # When C-1001 opens a ticket with one of them
        payload = await _ticket_input(gql, customer_token, **fields)
        outcome = await _run(gql, CREATE, {"input": payload}, customer_token)

        # Then it is refused on that field
        assert outcome == expected, fields

    # And nothing was written
    assert await row_counts() == before


@pytest.mark.parametrize(
    "bad_id",
    [
        pytest.param("garbage", id="garbage"),
        pytest.param("", id="empty"),
        pytest.param(_b64("Ticket:abc"), id="Ticket:abc"),
        pytest.param(_b64("Ticket:-1"), id="Ticket:-1"),
        pytest.param(_b64("Ticket:0"), id="Ticket:0"),
        pytest.param(_b64("Ticket: 1"), id="Ticket: 1"),
        pytest.param(_b64("Ticket:1:2"), id="Ticket:1:2"),
        pytest.param(_b64("Ticket:" + "9" * 30), id="Ticket:999…"),
        pytest.param(_b64("Ticket:9223372036854775808"), id="Ticket:2^63"),
        pytest.param(_b64("Message:2000000000"), id="a Message ID"),
        pytest.param("x" * 10_000, id="10 kB"),
    ],
)
async def test_malformed_ticket_ids_are_validation_errors(
    gql: GraphQLClient, customer_token: str, agent_token: str, bad_id: str
) -> None:
    # Given a real ticket, used where a mutation needs a second, valid ticket ID
    ticket = await create_ticket(gql, customer_token)
    before = await row_counts()

    for name, (call, field) in TICKET_ID_MUTATIONS.items():
        # When an agent passes the malformed ID to a mutation that takes a ticket ID
        declared = "$id: ID!, $ok: ID!" if "$ok" in call else "$id: ID!"
        document = f"mutation({declared}) {{ result: {call} {{ {OUTCOME} }} }}"
        outcome = await _run(gql, document, {"id": bad_id, "ok": ticket["id"]}, agent_token)

        # Then it is a validation error on that field
        assert outcome == _validation(f"{field} is not a valid Ticket ID.", field), name

    # And `node` finds nothing, and nothing was written
    by_node = await gql.execute(NODE, {"id": bad_id}, token=agent_token)
    assert by_node.body["data"] == {"node": None}
    assert by_node.error_codes == ["NOT_FOUND"]
    assert await row_counts() == before


async def test_a_customer_cannot_close_a_ticket(gql: GraphQLClient, customer_token: str) -> None:
    # Given a new ticket of C-1001
    ticket = await create_ticket(gql, customer_token)
    state, before = await ticket_state(gql, ticket, customer_token), await row_counts()

    # When C-1001 tries to close it
    outcome = await _run(gql, CLOSE, {"id": ticket["id"]}, customer_token)

    # Then only staff may, and nothing changed
    assert outcome == _error(
        "NotAllowedError", "NOT_ALLOWED", "Only support staff can do this.", None
    )
    assert await ticket_state(gql, ticket, customer_token) == state
    assert await row_counts() == before


async def test_resolving_a_resolved_ticket_is_an_invalid_transition(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket C-1001 marked resolved
    ticket = await create_ticket(gql, customer_token)
    resolved = await _run(gql, RESOLVE, {"id": ticket["id"]}, customer_token)
    assert resolved == {"__typename": "ResolveTicketSuccess"}
    state, before = await ticket_state(gql, ticket, agent_token), await row_counts()
    assert state["status"] == "RESOLVED"

    # When the customer or an agent resolves it again
    for token in (customer_token, agent_token):
        outcome = await _run(gql, RESOLVE, {"id": ticket["id"]}, token)

        # Then the state machine refuses it
        assert outcome == _error(
            "InvalidTransitionError",
            "INVALID_TRANSITION",
            "The ticket is resolved. resolve is not possible now.",
            None,
        )

    # And nothing changed, not even when it was resolved
    assert await ticket_state(gql, ticket, agent_token) == state
    assert await row_counts() == before


async def test_nobody_can_reply_to_a_merged_ticket(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a duplicate ticket the agent merged into another
    duplicate = await create_ticket(gql, customer_token, subject="Duplicado")
    original = await create_ticket(gql, customer_token, subject="Original")
    merged = await _run(gql, MERGE, {"s": duplicate["id"], "t": original["id"]}, agent_token)
    assert merged == {"__typename": "MergeTicketsSuccess"}
    states = [await ticket_state(gql, t, agent_token) for t in (duplicate, original)]
    assert states[0]["status"] == "MERGED"
    before = await row_counts()
    refused = _error(
        "InvalidTransitionError",
        "INVALID_TRANSITION",
        "The ticket was merged into another ticket; reply there.",
        None,
    )

    # When the customer replies to the merged ticket, or the agent replies or adds a note
    attempts = [(customer_token, False), (agent_token, False), (agent_token, True)]
    for token, internal in attempts:
        variables = {"id": duplicate["id"], "m": "¿Alguna novedad?", "internal": internal}
        outcome = await _run(gql, REPLY, variables, token)

        # Then each is refused
        assert outcome == refused, (token, internal)

    # And neither ticket changed
    assert [await ticket_state(gql, t, agent_token) for t in (duplicate, original)] == states
    assert await row_counts() == before


async def test_an_agent_cannot_reply_to_a_closed_ticket(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a ticket the agent closed
    ticket = await create_ticket(gql, customer_token)
    closed = await _run(gql, CLOSE, {"id": ticket["id"]}, agent_token)
    assert closed == {"__typename": "CloseTicketSuccess"}
    state, before = await ticket_state(gql, ticket, agent_token), await row_counts()

    # When the agent replies to it
    outcome = await _run(gql, REPLY, {"id": ticket["id"], "m": "Una cosa más"}, agent_token)

    # Then the state machine refuses it, and nothing changed
    assert outcome == _error(
        "InvalidTransitionError",
        "INVALID_TRANSITION",
        "The ticket is closed. agent reply is not possible now.",
        None,
    )
    assert await ticket_state(gql, ticket, agent_token) == state
    assert await row_counts() == before


async def test_a_customer_cannot_add_an_internal_note(
    gql: GraphQLClient, customer_token: str
) -> None:
    # Given a ticket of C-1001
    ticket = await create_ticket(gql, customer_token)
    state, before = await ticket_state(gql, ticket, customer_token), await row_counts()

    # When C-1001 sends a reply marked internal
    variables = {"id": ticket["id"], "m": "Solo para el equipo", "internal": True}
    outcome = await _run(gql, REPLY, variables, customer_token)

    # Then it is refused on the `internal` field, and nothing changed
    assert outcome == _error(
        "NotAllowedError", "NOT_ALLOWED", "Only support staff can add internal notes.", "internal"
    )
    assert await ticket_state(gql, ticket, customer_token) == state
    assert await row_counts() == before


async def test_empty_and_oversized_replies_are_refused(
    gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a resolved ticket of C-1001
    ticket = await create_ticket(gql, customer_token)
    await _run(gql, RESOLVE, {"id": ticket["id"]}, customer_token)
    state, before = await ticket_state(gql, ticket, agent_token), await row_counts()
    empty = _validation("The message cannot be empty.", "message")
    too_long = _validation(f"The message is longer than {BODY_MAX} characters.", "message")

    # When a reply, a note or a reopening carries an empty or a 100 kB message
    for token in (customer_token, agent_token):
        for body, expected in (("", empty), ("  \n\t ", empty), ("x" * 100_000, too_long)):
            variables = {"id": ticket["id"], "m": body, "internal": False}
            assert await _run(gql, REPLY, variables, token) == expected
        reopen = {"id": ticket["id"], "m": "x" * 100_000}
        assert await _run(gql, REOPEN, reopen, token) == too_long
    note = {"id": ticket["id"], "m": "x" * 100_000, "internal": True}
    assert await _run(gql, REPLY, note, agent_token) == too_long

    # Then nothing changed: the ticket is still resolved
    assert await ticket_state(gql, ticket, agent_token) == state
    assert await row_counts() == before
