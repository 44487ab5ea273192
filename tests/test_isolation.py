"""Who may see and change what: another customer, an agent of another department and an
anonymous caller can neither see nor change a ticket, by any path, and cannot even learn
that it exists; supervisors see every department."""

from __future__ import annotations

from typing import Any

from api.core.ids import encode_id
from tests.factories import create_ticket, department_id, in_spanish
from tests.graphql_client import GraphQLClient, GraphQLResponse

VIEW = """
query($t: String!) {
  ticket(trackingId: $t) {
    id number trackingId subject status impact priority createdAt updatedAt
    customer { id } service { id } department { code } assignee { name }
    messages { id body internal authorKind }
    events { id kind before after internal }
  }
}"""
NODE = "query($id: ID!) { node(id: $id) { __typename id } }"
LIST = """
query($f: TicketFilter) {
  tickets(filter: $f, first: 100) {
    edges { node { trackingId customer { id } department { code } } }
  }
}"""
ME = "query { viewer { ... on Customer { id services { id } } ... on Staff { id } } }"
SERVICES = "query($c: ID) { services(customerId: $c) { id } }"
CUSTOMERS = "query { customers(first: 100) { edges { node { clientNumber } } } }"
REPLY = """
mutation($id: ID!) {
  replyToTicket(input: {ticketId: $id, message: "¿Qué servidor de correo usa?"}) {
    __typename
  }
}"""
CREATE = """
mutation($input: CreateTicketInput!) {
  result: createTicket(input: $input) { __typename ... on UserError { code error: message field } }
}"""

# Every mutation that takes a ticket id; `$other` is a ticket the caller may see, if any.
TICKET_MUTATIONS = {
    "replyToTicket": 'replyToTicket(input: {ticketId: $id, message: "Déjenme ver"})',
    "replyToTicket internal": (
        'replyToTicket(input: {ticketId: $id, message: "Nota", internal: true})'
    ),
    "resolveTicket": "resolveTicket(ticketId: $id)",
    "reopenTicket": 'reopenTicket(ticketId: $id, message: "Reabro")',
    "closeTicket": "closeTicket(ticketId: $id)",
    "triageTicket": "triageTicket(input: {ticketId: $id, impact: HIGH})",
    "assignTicket": "assignTicket(input: {ticketId: $id})",
    "mergeTickets source": "mergeTickets(input: {sourceTicketId: $id, targetTicketId: $other})",
    "mergeTickets target": "mergeTickets(input: {sourceTicketId: $other, targetTicketId: $id})",
}
OUTCOME = "__typename ... on UserError { code error: message field }"

# A well-formed Ticket ID no ticket has: the answer for it is the answer for "not yours".
MISSING_TICKET = encode_id("Ticket", 2_000_000_000)
MISSING_TRACKING_ID = "AAA-AAA-AAAA"


def _error(typename: str, code: str, message: str, field: str | None) -> dict[str, Any]:
    return {"__typename": typename, "code": code, "error": message, "field": field}


# Signed-in viewers here (C-1001, C-1002, the demo staff) saved Spanish and read it; an
# anonymous request without Accept-Language reads the message as written.
NOT_FOUND = _error("NotFoundError", "NOT_FOUND", in_spanish("Ticket not found."), "ticketId")
STAFF_ONLY = _error(
    "NotAllowedError", "NOT_ALLOWED", in_spanish("Only support staff can do this."), None
)
NOTES_STAFF_ONLY = _error(
    "NotAllowedError",
    "NOT_ALLOWED",
    in_spanish("Only support staff can add internal notes."),
    "internal",
)
LOG_IN = _error("NotAllowedError", "UNAUTHENTICATED", "Log in to do this.", None)


def _mutation(call: str) -> str:
    declared = "$id: ID!, $other: ID!" if "$other" in call else "$id: ID!"
    return f"mutation({declared}) {{ result: {call} {{ {OUTCOME} }} }}"


async def _attempt(
    gql: GraphQLClient, name: str, ticket_id: str, other_id: str, token: str | None
) -> dict[str, Any]:
    result = await gql.execute(
        _mutation(TICKET_MUTATIONS[name]), {"id": ticket_id, "other": other_id}, token=token
    )
    outcome: dict[str, Any] = result.data["result"]
    return outcome


async def _victim(gql: GraphQLClient, customer_token: str, agent_token: str) -> dict[str, Any]:
    """A Technical Support ticket of C-1001 with an agent's reply, as C-1001 sees it."""
    created = await create_ticket(gql, customer_token, subject="El correo rebota")
    replied = (await gql.execute(REPLY, {"id": created["id"]}, token=agent_token)).data
    assert replied["replyToTicket"]["__typename"] == "ReplyToTicketSuccess"
    view = await gql.execute(VIEW, {"t": created["trackingId"]}, token=customer_token)
    ticket: dict[str, Any] = view.data["ticket"]
    assert ticket["status"] == "WAITING_ON_CUSTOMER"
    assert len(ticket["messages"]) == 2
    return ticket


async def _raw_view(gql: GraphQLClient, tracking_id: str, token: str) -> bytes:
    """The ticket exactly as the server sends it, to compare byte for byte."""
    response = await gql.http.post(
        "/graphql",
        json={"query": VIEW, "variables": {"t": tracking_id}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    assert b'"errors"' not in response.content
    return response.content


async def _tracking_ids(
    gql: GraphQLClient, token: str | None, filter: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    result = await gql.execute(LIST, {"f": filter}, token=token)
    return [edge["node"] for edge in result.data["tickets"]["edges"]]


def _assert_not_found(result: GraphQLResponse, field: str) -> None:
    assert result.body["data"] == {field: None}
    assert result.error_codes == ["NOT_FOUND"]


async def test_another_customer_cannot_see_the_ticket(
    gql: GraphQLClient, customer_token: str, other_customer_token: str, agent_token: str
) -> None:
    # Given a ticket of C-1001 with a thread and a history
    ticket = await _victim(gql, customer_token, agent_token)
    c1002 = (await gql.execute(ME, token=other_customer_token)).data["viewer"]["id"]

    # When C-1002 asks for it by tracking ID, it is not found, exactly like a made-up one
    by_tracking = await gql.execute(VIEW, {"t": ticket["trackingId"]}, token=other_customer_token)
    _assert_not_found(by_tracking, "ticket")
    made_up = await gql.execute(VIEW, {"t": MISSING_TRACKING_ID}, token=other_customer_token)
    assert by_tracking.body == made_up.body
    lower_case = ticket["trackingId"].lower()
    _assert_not_found(
        await gql.execute(VIEW, {"t": lower_case}, token=other_customer_token), "ticket"
    )

    # And by global ID the ticket, one of its messages and one of its events are not found
    missing_node = await gql.execute(NODE, {"id": MISSING_TICKET}, token=other_customer_token)
    for node_id in (ticket["id"], ticket["messages"][1]["id"], ticket["events"][0]["id"]):
        by_node = await gql.execute(NODE, {"id": node_id}, token=other_customer_token)
        _assert_not_found(by_node, "node")
        assert by_node.body == missing_node.body

    # And no list shows it, not even one filtered on C-1001
    listed = await _tracking_ids(gql, other_customer_token)
    assert ticket["trackingId"] not in [node["trackingId"] for node in listed]
    assert {node["customer"]["id"] for node in listed} <= {c1002}
    customer_filter = {"customerId": ticket["customer"]["id"]}
    assert await _tracking_ids(gql, other_customer_token, customer_filter) == []
    subject_filter = {"subject": ticket["subject"]}
    assert await _tracking_ids(gql, other_customer_token, subject_filter) == []

    # While C-1001 does see it in their list
    own = await _tracking_ids(gql, customer_token, customer_filter)
    assert ticket["trackingId"] in [node["trackingId"] for node in own]


async def test_another_customer_cannot_change_the_ticket(
    gql: GraphQLClient,
    customer_token: str,
    other_customer_token: str,
    agent_token: str,
    supervisor_token: str,
) -> None:
    # Given a ticket of C-1001, and one of C-1002's own
    ticket = await _victim(gql, customer_token, agent_token)
    own = await create_ticket(gql, other_customer_token, subject="Mi VPS no arranca")
    customer_view = await _raw_view(gql, ticket["trackingId"], customer_token)
    desk_view = await _raw_view(gql, ticket["trackingId"], supervisor_token)
    own_view = await _raw_view(gql, own["trackingId"], supervisor_token)

    # When C-1002 tries every mutation that takes a ticket id on it
    expected = {
        "replyToTicket": NOT_FOUND,
        "replyToTicket internal": NOTES_STAFF_ONLY,
        "resolveTicket": NOT_FOUND,
        "reopenTicket": NOT_FOUND,
        "closeTicket": STAFF_ONLY,
        "triageTicket": STAFF_ONLY,
        "assignTicket": STAFF_ONLY,
        "mergeTickets source": STAFF_ONLY,
        "mergeTickets target": STAFF_ONLY,
    }
    for name, error in expected.items():
        outcome = await _attempt(gql, name, ticket["id"], own["id"], other_customer_token)
        # Then each answers a typed error, the same as for a ticket that does not exist
        assert outcome == error, name
        missing = await _attempt(gql, name, MISSING_TICKET, own["id"], other_customer_token)
        assert missing == outcome, name

    # And nothing changed, for C-1001, for the desk, or on C-1002's own ticket
    assert await _raw_view(gql, ticket["trackingId"], customer_token) == customer_view
    assert await _raw_view(gql, ticket["trackingId"], supervisor_token) == desk_view
    assert await _raw_view(gql, own["trackingId"], supervisor_token) == own_view


async def test_an_agent_of_another_department_can_neither_see_nor_change_the_ticket(
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    billing_agent_token: str,
    supervisor_token: str,
) -> None:
    # Given a Technical Support ticket of C-1001, and a Billing one of the same customer
    ticket = await _victim(gql, customer_token, agent_token)
    billing = await create_ticket(
        gql, customer_token, category="payment_renewal", subject="Pago de renovación"
    )
    desk_view = await _raw_view(gql, ticket["trackingId"], supervisor_token)
    billing_view = await _raw_view(gql, billing["trackingId"], supervisor_token)

    # When the Billing agent asks for it, by tracking ID and by global ID, it is not found
    by_tracking = await gql.execute(VIEW, {"t": ticket["trackingId"]}, token=billing_agent_token)
    _assert_not_found(by_tracking, "ticket")
    made_up = await gql.execute(VIEW, {"t": MISSING_TRACKING_ID}, token=billing_agent_token)
    assert by_tracking.body == made_up.body
    missing_node = await gql.execute(NODE, {"id": MISSING_TICKET}, token=billing_agent_token)
    for node_id in (ticket["id"], ticket["messages"][1]["id"], ticket["events"][0]["id"]):
        by_node = await gql.execute(NODE, {"id": node_id}, token=billing_agent_token)
        _assert_not_found(by_node, "node")
        assert by_node.body == missing_node.body

    # And their lists hold Billing tickets only, even filtered on the customer or on TECH
    listed = await _tracking_ids(gql, billing_agent_token)
    assert billing["trackingId"] in [node["trackingId"] for node in listed]
    assert ticket["trackingId"] not in [node["trackingId"] for node in listed]
    assert {node["department"]["code"] for node in listed} == {"BILLING"}
    by_customer = await _tracking_ids(
        gql, billing_agent_token, {"customerId": ticket["customer"]["id"]}
    )
    assert billing["trackingId"] in [node["trackingId"] for node in by_customer]
    assert ticket["trackingId"] not in [node["trackingId"] for node in by_customer]
    tech = await department_id(gql, "TECH")
    assert await _tracking_ids(gql, billing_agent_token, {"departmentId": tech}) == []

    # And every mutation on it answers NOT_FOUND, exactly as for a ticket that does not exist
    fields = {"mergeTickets source": "sourceTicketId", "mergeTickets target": "targetTicketId"}
    for name in TICKET_MUTATIONS:
        outcome = await _attempt(gql, name, ticket["id"], billing["id"], billing_agent_token)
        assert outcome == {**NOT_FOUND, "field": fields.get(name, "ticketId")}, name
        missing = await _attempt(gql, name, MISSING_TICKET, billing["id"], billing_agent_token)
        assert missing == outcome, name

    # Then neither ticket changed
    assert await _raw_view(gql, ticket["trackingId"], supervisor_token) == desk_view
    assert await _raw_view(gql, billing["trackingId"], supervisor_token) == billing_view


async def test_a_supervisor_sees_tickets_of_every_department(
    gql: GraphQLClient, customer_token: str, agent_token: str, supervisor_token: str
) -> None:
    # Given a Technical Support ticket and a Billing ticket of C-1001
    ticket = await _victim(gql, customer_token, agent_token)
    billing = await create_ticket(gql, customer_token, category="payment_renewal")

    # When the supervisor asks for them, by tracking ID, by global ID and in a list
    seen = (await gql.execute(VIEW, {"t": ticket["trackingId"]}, token=supervisor_token)).data
    assert seen["ticket"]["id"] == ticket["id"]
    assert seen["ticket"]["department"] == {"code": "TECH"}
    assert seen["ticket"]["messages"] == ticket["messages"]
    nodes = [ticket["id"], ticket["messages"][1]["id"], ticket["events"][0]["id"], billing["id"]]
    for node_id in nodes:
        found = (await gql.execute(NODE, {"id": node_id}, token=supervisor_token)).data
        assert found["node"]["id"] == node_id
    listed = await _tracking_ids(gql, supervisor_token, {"customerId": ticket["customer"]["id"]})

    # Then both departments' tickets are there
    tracking_ids = [node["trackingId"] for node in listed]
    assert {ticket["trackingId"], billing["trackingId"]} <= set(tracking_ids)
    assert {"TECH", "BILLING"} <= {node["department"]["code"] for node in listed}


async def test_an_anonymous_request_sees_nothing_and_changes_nothing(
    gql: GraphQLClient, customer_token: str, agent_token: str, supervisor_token: str
) -> None:
    # Given a ticket of C-1001
    ticket = await _victim(gql, customer_token, agent_token)
    desk_view = await _raw_view(gql, ticket["trackingId"], supervisor_token)

    # When nobody is logged in, lists are empty and the ticket is not found by any path
    assert await _tracking_ids(gql, None) == []
    assert await _tracking_ids(gql, None, {"customerId": ticket["customer"]["id"]}) == []
    _assert_not_found(await gql.execute(VIEW, {"t": ticket["trackingId"]}), "ticket")
    for node_id in (ticket["id"], ticket["messages"][0]["id"], ticket["customer"]["id"]):
        _assert_not_found(await gql.execute(NODE, {"id": node_id}), "node")
    assert (await gql.execute(ME)).data == {"viewer": None}
    services = await gql.execute(SERVICES, {"c": ticket["customer"]["id"]})
    assert (services.body["data"], services.error_codes) == (None, ["UNAUTHENTICATED"])

    # And every mutation asks to log in, whether or not the ticket exists
    for name in TICKET_MUTATIONS:
        assert await _attempt(gql, name, ticket["id"], ticket["id"], None) == LOG_IN, name
        assert await _attempt(gql, name, MISSING_TICKET, ticket["id"], None) == LOG_IN, name
    tech = await department_id(gql, "TECH")
    payload = {"subject": "Hola", "message": "Soy anónimo", "departmentId": tech}
    created = (await gql.execute(CREATE, {"input": payload})).data
    assert created["result"] == LOG_IN

    # Then nothing changed
    assert await _raw_view(gql, ticket["trackingId"], supervisor_token) == desk_view


async def test_the_customer_directory_is_for_staff_only(
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    billing_agent_token: str,
    supervisor_token: str,
) -> None:
    # When a customer or nobody asks for the customer list, they are refused
    refused = await gql.execute(CUSTOMERS, token=customer_token)
    assert refused.body["data"] is None
    assert [(e["message"], e["extensions"]) for e in refused.errors] == [
        (in_spanish("Only support staff can do this."), {"code": "NOT_ALLOWED"})
    ]
    anonymous = await gql.execute(CUSTOMERS)
    assert (anonymous.body["data"], anonymous.error_codes) == (None, ["UNAUTHENTICATED"])

    # Then staff get it
    for token in (agent_token, billing_agent_token, supervisor_token):
        edges = (await gql.execute(CUSTOMERS, token=token)).data["customers"]["edges"]
        numbers = [edge["node"]["clientNumber"] for edge in edges]
        assert numbers[:3] == ["C-1001", "C-1002", "C-1003"]


async def test_a_customer_sees_only_their_own_customer_record_and_services(
    gql: GraphQLClient, customer_token: str, other_customer_token: str, agent_token: str
) -> None:
    # Given C-1001's customer and service IDs, and the agent's staff ID
    me = (await gql.execute(ME, token=customer_token)).data["viewer"]
    customer_id, service_id = me["id"], me["services"][0]["id"]
    staff_id = (await gql.execute(ME, token=agent_token)).data["viewer"]["id"]
    other = (await gql.execute(ME, token=other_customer_token)).data["viewer"]

    # When C-1002 asks for C-1001's services, they get none
    listed = await gql.execute(SERVICES, {"c": customer_id}, token=other_customer_token)
    assert listed.data == {"services": []}
    assert (await gql.execute(SERVICES, token=other_customer_token)).data == {
        "services": other["services"]
    }
    assert service_id not in [s["id"] for s in other["services"]]

    # And C-1001's customer record, service and the staff member are not found by global ID
    for node_id, type_name in (
        (customer_id, "Customer"),
        (service_id, "Service"),
        (staff_id, "Staff"),
    ):
        by_node = await gql.execute(NODE, {"id": node_id}, token=other_customer_token)
        _assert_not_found(by_node, "node")
        missing = encode_id(type_name, 2_000_000_000)
        assert (
            by_node.body
            == (await gql.execute(NODE, {"id": missing}, token=other_customer_token)).body
        )

    # Then C-1001 and the agent do see them
    for node_id, type_name in ((customer_id, "Customer"), (service_id, "Service")):
        own = (await gql.execute(NODE, {"id": node_id}, token=customer_token)).data
        assert own["node"] == {"__typename": type_name, "id": node_id}
    by_agent = await gql.execute(SERVICES, {"c": customer_id}, token=agent_token)
    assert by_agent.data == {"services": [{"id": service_id}]}
