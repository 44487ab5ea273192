"""Live updates over a real WebSocket, in both modes: who receives which ticket events, how a
connection authenticates, and resuming after a reconnect."""

from __future__ import annotations

import uuid
from typing import Any

from api.core.ids import encode_id
from domain.models import TicketEvent
from tests.conftest import AGENT_LOGIN, DEMO_PASSWORD, token_for
from tests.factories import create_ticket, department_id
from tests.graphql_client import GraphQLClient
from tests.live_client import LEGACY_WS, LiveClient, live_client
from tests.test_guest_access import guest_access

TICKET_EVENTS = """
subscription($id: ID!, $after: ID) {
  ticketEvents(ticketId: $id, after: $after) {
    id kind internal actorName ticketId message { body internal }
  }
}"""
QUEUE_EVENTS = """
subscription($department: ID, $after: ID) {
  queueEvents(departmentId: $department, after: $after) { id kind ticketId ticket { subject } }
}"""
REPLY = """
mutation($id: ID!, $m: String!, $internal: Boolean) {
  replyToTicket(input: {ticketId: $id, message: $m, internal: $internal}) {
    __typename ... on UserError { code message }
  }
}"""
EVENTS = "query($t: String!) { ticket(trackingId: $t) { events { id internal } } }"
LOGOUT = "mutation { logout { __typename } }"
UPDATE_STAFF = """
mutation($input: UpdateStaffInput!) {
  updateStaff(input: $input) { __typename ... on UserError { code message } }
}"""
NOTE = "Nota interna: revisar la zona DNS del cliente."
ANSWER = "Ya corregimos el registro A; puede tardar unos minutos."


async def reply(gql: GraphQLClient, token: str, ticket_id: str, body: str, **extra: Any) -> None:
    result = await gql.execute(REPLY, {"id": ticket_id, "m": body, **extra}, token=token)
    assert result.data["replyToTicket"]["__typename"] == "ReplyToTicketSuccess", result.body


async def subscribe(client: LiveClient, query: str, **variables: Any) -> None:
    """Subscribe from now on: passing the newest event id as `after` means nothing committed
    while the subscription starts is missed (the server replays it), as a real client does."""
    newest = await TicketEvent.all().order_by("-position").first()
    after = encode_id("TicketEvent", newest.id) if newest else None
    await client.subscribe(query, {"after": after, **variables})


async def next_event(client: LiveClient, field: str = "ticketEvents") -> dict[str, Any]:
    event: dict[str, Any] = (await client.next_data())[field]
    return event


async def rest(client: LiveClient, quiet: float = 0.3) -> list[dict[str, Any]]:
    """Every event that arrives until none has for `quiet` seconds."""
    events = []
    while True:
        try:
            events.append((await client.next_data(within=quiet))["ticketEvents"])
        except TimeoutError:
            return events


async def by_kind(client: LiveClient, count: int) -> dict[str, dict[str, Any]]:
    """The next `count` events, by kind (one commit's events may come in any order)."""
    events = [await next_event(client) for _ in range(count)]
    return {event["kind"]: event for event in events}


async def test_customer_and_agent_both_receive_the_agents_reply(
    server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a customer's ticket, watched by the customer and by an agent
    ticket = await create_ticket(gql, customer_token)
    async with (
        live_client(server, customer_token) as customer,
        live_client(server, agent_token) as agent,
    ):
        for client in (customer, agent):
            await subscribe(client, TICKET_EVENTS, id=ticket["id"])

        # When the agent replies
        await reply(gql, agent_token, ticket["id"], ANSWER)

        # Then both receive the message, with its text and the agent's name, and the status
        # change the reply caused
        for client in (customer, agent):
            events = await by_kind(client, 2)
            assert set(events) == {"MESSAGE_ADDED", "STATUS_CHANGED"}
            message = events["MESSAGE_ADDED"]
            assert message["ticketId"] == ticket["id"]
            assert message["message"] == {"body": ANSWER, "internal": False}
            assert message["actorName"] == "Ana Agent"


async def test_internal_notes_reach_the_agent_and_never_the_customer_or_a_guest(
    server: str,
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    reset_rate_limits: None,
) -> None:
    # Given a ticket watched by its customer, a guest holding its pass, and an agent
    ticket = await create_ticket(gql, customer_token)
    guest_token = (await guest_access(gql, ticket["trackingId"], "cliente1001@example.com"))[
        "token"
    ]
    async with (
        live_client(server, customer_token) as customer,
        live_client(server, guest_token) as guest,
        live_client(server, agent_token) as agent,
    ):
        for client in (customer, guest, agent):
            await subscribe(client, TICKET_EVENTS, id=ticket["id"])

        # When the agent writes an internal note, then a public answer
        await reply(gql, agent_token, ticket["id"], NOTE, internal=True)
        await reply(gql, agent_token, ticket["id"], ANSWER)

        # Then the agent receives the note, the answer and the status change
        events = await by_kind(agent, 3)
        assert set(events) == {"NOTE_ADDED", "MESSAGE_ADDED", "STATUS_CHANGED"}
        assert events["NOTE_ADDED"]["internal"] is True
        assert events["NOTE_ADDED"]["message"] == {"body": NOTE, "internal": True}
        # And the customer and the guest only the answer and the status change
        for client in (customer, guest):
            events = await by_kind(client, 2)
            assert set(events) == {"MESSAGE_ADDED", "STATUS_CHANGED"}
            assert events["MESSAGE_ADDED"]["message"]["body"] == ANSWER
            assert await client.nothing_within(0.3)


async def test_a_bad_token_is_refused_with_the_protocols_close_code(server: str) -> None:
    # When a connection initialises with a token nobody issued
    async with live_client(server, "mesa_c_not-a-real-token", acknowledged=False) as client:
        # Then the server closes it as Forbidden
        assert await client.closed_with() == 4403


async def test_subscribing_needs_a_login_and_a_visible_ticket(
    server: str, gql: GraphQLClient, customer_token: str, other_customer_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)

    # An anonymous connection is accepted, its subscription refused as unauthenticated
    async with live_client(server) as anonymous:
        await subscribe(anonymous, TICKET_EVENTS, id=ticket["id"])
        errors = await anonymous.errors()
        assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"

    # Another customer learns nothing: not found, as for a ticket that does not exist
    async with live_client(server, other_customer_token) as other:
        await subscribe(other, TICKET_EVENTS, id=ticket["id"])
        assert (await other.errors())[0]["extensions"]["code"] == "NOT_FOUND"
        await subscribe(other, TICKET_EVENTS, id="not-an-id")
        assert (await other.errors())[0]["extensions"]["code"] == "VALIDATION"


async def test_a_reconnecting_client_receives_what_it_missed_exactly_once(
    server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    # Given a customer who saw the first reply on their ticket, then lost the connection
    ticket = await create_ticket(gql, customer_token)
    async with live_client(server, customer_token) as client:
        await subscribe(client, TICKET_EVENTS, id=ticket["id"])
        await reply(gql, agent_token, ticket["id"], "Primera respuesta")
        seen = [await next_event(client) for _ in range(2)]
    last_seen = seen[-1]["id"]

    # When more happens while they are away (with an internal note among it)
    await reply(gql, agent_token, ticket["id"], NOTE, internal=True)
    await reply(gql, customer_token, ticket["id"], "Sigue igual")
    await reply(gql, agent_token, ticket["id"], "Segunda respuesta")

    # Then reconnecting after the last event seen delivers every public event missed since,
    # once, in order, and live events follow
    async with live_client(server, customer_token) as client:
        await client.subscribe(TICKET_EVENTS, {"id": ticket["id"], "after": last_seen})
        await reply(gql, agent_token, ticket["id"], "Tercera respuesta")
        received = [await next_event(client)]
        while not _says(received[-1], "Tercera respuesta"):
            received.append(await next_event(client))
        received += await rest(client)

    history = await gql.execute(EVENTS, {"t": ticket["trackingId"]}, token=customer_token)
    stored = [e["id"] for e in history.data["ticket"]["events"]]
    missed = stored[stored.index(last_seen) + 1 :]
    assert sorted(event["id"] for event in received) == sorted(missed)  # each exactly once
    assert all(not event["internal"] for event in received)
    bodies = [event["message"]["body"] for event in received if event["message"]]
    assert bodies == ["Sigue igual", "Segunda respuesta", "Tercera respuesta"]


def _says(event: dict[str, Any], body: str) -> bool:
    return bool(event["message"]) and event["message"]["body"] == body


async def test_agents_follow_their_queue_and_not_other_departments(
    server: str,
    gql: GraphQLClient,
    customer_token: str,
    agent_token: str,
    billing_agent_token: str,
) -> None:
    technical = await department_id(gql, "TECH")
    async with (
        live_client(server, agent_token) as agent,
        live_client(server, billing_agent_token) as billing,
    ):
        # Given an agent watching all of their queues, and a billing agent watching theirs
        await subscribe(agent, QUEUE_EVENTS, department=technical)
        await subscribe(billing, QUEUE_EVENTS)

        # When a customer opens a technical ticket
        ticket = await create_ticket(gql, customer_token, subject="Sin acceso al DNS")

        # Then the technical agent sees it arrive, the billing agent nothing
        event = await next_event(agent, "queueEvents")
        assert (event["kind"], event["ticketId"]) == ("CREATED", ticket["id"])
        assert event["ticket"] == {"subject": "Sin acceso al DNS"}
        assert await billing.nothing_within(0.3)

        # And a billing agent cannot watch the technical queue at all
        await subscribe(billing, QUEUE_EVENTS, department=technical)
        assert (await billing.errors())[0]["extensions"]["code"] == "NOT_FOUND"


async def test_an_agent_taken_off_a_department_stops_receiving_its_events(
    server: str, gql: GraphQLClient, customer_token: str, admin_token: str
) -> None:
    # Given a new technical agent watching a technical ticket
    technical = await department_id(gql, "TECH")
    billing = await department_id(gql, "BILLING")
    staff_id, token = await _new_agent(gql, admin_token, [technical])
    ticket = await create_ticket(gql, customer_token)
    async with live_client(server, token) as agent:
        await subscribe(agent, TICKET_EVENTS, id=ticket["id"])
        await reply(gql, customer_token, ticket["id"], "¿Alguna novedad?")
        assert (await next_event(agent))["kind"] == "MESSAGE_ADDED"

        # When an admin moves the agent to billing only
        moved = await gql.execute(
            UPDATE_STAFF,
            {"input": {"staffId": staff_id, "departmentIds": [billing]}},
            token=admin_token,
        )
        assert moved.data["updateStaff"]["__typename"] == "StaffSuccess", moved.body

        # Then the ticket's next events no longer reach them
        assert await agent.nothing_within(0.3)  # (the move itself is not the ticket's)
        await reply(gql, customer_token, ticket["id"], "¿Hola?")
        assert await agent.nothing_within(0.5)


async def test_logging_out_ends_the_connections_subscriptions(
    server: str, gql: GraphQLClient, customer_token: str, admin_token: str
) -> None:
    # Given an agent's connection watching a ticket
    technical = await department_id(gql, "TECH")
    _, token = await _new_agent(gql, admin_token, [technical])
    ticket = await create_ticket(gql, customer_token)
    async with live_client(server, token) as agent:
        await subscribe(agent, TICKET_EVENTS, id=ticket["id"])

        # When the session ends and the ticket changes
        assert (await gql.execute(LOGOUT, token=token)).data["logout"]["__typename"]
        await reply(gql, customer_token, ticket["id"], "¿Hola?")

        # Then the event is not delivered: the connection is closed as Forbidden
        assert await agent.closed_with() == 4403


async def test_the_legacy_graphql_ws_protocol_is_spoken_too(
    server: str, gql: GraphQLClient, customer_token: str, agent_token: str
) -> None:
    ticket = await create_ticket(gql, customer_token)
    async with live_client(server, customer_token, protocol=LEGACY_WS) as client:
        await subscribe(client, TICKET_EVENTS, id=ticket["id"])
        await reply(gql, agent_token, ticket["id"], ANSWER)
        events = await by_kind(client, 2)
        assert events["MESSAGE_ADDED"]["message"]["body"] == ANSWER


CREATE_STAFF = """
mutation($input: CreateStaffInput!) {
  createStaff(input: $input) {
    __typename ... on StaffSuccess { staff { id } } ... on UserError { code message }
  }
}"""


async def _new_agent(
    gql: GraphQLClient, admin_token: str, departments: list[str]
) -> tuple[str, str]:
    email = f"live-{uuid.uuid4().hex[:8]}@mesa.example"
    created = await gql.execute(
        CREATE_STAFF,
        {
            "input": {
                "name": "Agente en vivo",
                "email": email,
                "password": DEMO_PASSWORD,
                "role": "AGENT",
                "departmentIds": departments,
            }
        },
        token=admin_token,
    )
    staff = created.data["createStaff"]
    assert staff["__typename"] == "StaffSuccess", created.body
    token = await token_for(gql, AGENT_LOGIN, {"e": email, "p": DEMO_PASSWORD})
    return staff["staff"]["id"], token
