"""The rows of the authorization matrix: for each query, mutation and subscription, the
operations to run, the variables they need from the world, and who is allowed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from api.core.ids import encode_id
from domain.models import (
    Message,
    Staff,
    SupportLevel,
    Ticket,
)
from tests.graphql_client import GraphQLResponse
from tests.matrix_world import (
    B_NUMBER,
    PASSWORD,
    PRINCIPALS,
    World,
    unique,
)

ALL = frozenset(PRINCIPALS)
STAFF = frozenset({"agent_outside", "agent", "supervisor", "admin"})
DESK = frozenset({"agent", "supervisor", "admin"})  # staff working B's ticket's department
READERS = DESK | {"partner"}
ADMIN = frozenset({"admin"})
SESSIONS = ALL - {"anonymous", "partner", "partner_unscoped"}
DENIAL_CODES = {"NOT_FOUND", "NOT_ALLOWED", "UNAUTHENTICATED"}

Variables = Callable[[World], Awaitable[dict[str, Any]]]
Outcome = Callable[[GraphQLResponse], bool]


def mutation_succeeded(response: GraphQLResponse) -> bool:
    result = next(iter(response.data.values()))
    if result["__typename"].endswith("Success"):
        return True
    assert result["__typename"] in ("NotFoundError", "NotAllowedError"), result
    return False


def changed_or_refused(response: GraphQLResponse) -> bool:
    """Like mutation_succeeded, and a wrong current password is a refusal too."""
    result = next(iter(response.data.values()))
    if result["__typename"] == "InvalidCredentialsError":
        return False
    return mutation_succeeded(response)


def reached_the_password_check(response: GraphQLResponse) -> bool:
    """Allowed to try: the answer is about the password, not about who is asking."""
    result = next(iter(response.data.values()))
    if result["__typename"] == "InvalidCredentialsError":
        return True
    return mutation_succeeded(response)


def found(path: Callable[[dict[str, Any]], bool]) -> Outcome:
    """A query succeeded when it answered and the target is in the answer."""

    def outcome(response: GraphQLResponse) -> bool:
        if response.errors:
            assert set(response.error_codes) <= DENIAL_CODES, response.errors
            return False
        return path(response.data)

    return outcome


@dataclass(frozen=True)
class Case:
    operation: str
    allowed: frozenset[str]
    variables: Variables
    outcome: Outcome = mutation_succeeded
    ends_sessions: bool = False  # run with fresh tokens, so the shared ones stay valid


async def nothing(_: World) -> dict[str, Any]:
    return {}


async def ticket_id(world: World) -> dict[str, Any]:
    return {"id": (await world.b_ticket())["id"]}


async def resolved_ticket_id(world: World) -> dict[str, Any]:
    ticket = await world.b_ticket()
    resolve = "mutation($id: ID!) { resolveTicket(ticketId: $id) { __typename } }"
    await world.gql.execute(resolve, {"id": ticket["id"]}, token=world.b_token)
    return {"id": ticket["id"]}


async def message_id(world: World) -> dict[str, Any]:
    ticket = await world.b_ticket()
    pk = int(str(ticket["number"]))
    message = await Message.filter(ticket__number=pk).first()
    assert message is not None
    return {"id": encode_id("Message", message.id)}


def fixed(**values: Any) -> Variables:
    async def variables(world: World) -> dict[str, Any]:
        return {key: (value(world) if callable(value) else value) for key, value in values.items()}

    return variables


def b_id(world: World) -> str:
    return world.b_id


R = "{ __typename }"
ROWS: dict[str, list[Case]] = {
    "failedNotifications": [
        Case("{ failedNotifications { id recipient } }", ADMIN, nothing, found(lambda d: True))
    ],
    "node": [
        Case("query($id: ID!) { node(id: $id) { id } }", READERS, ticket_id, found(lambda d: True)),
        Case(
            "query($id: ID!) { node(id: $id) { id } }",
            READERS,
            message_id,
            found(lambda d: True),
        ),
        Case(
            "query($id: ID!) { node(id: $id) { id } }",
            STAFF | {"partner"},
            fixed(id=b_id),
            found(lambda d: True),
        ),
    ],
    "viewer": [Case("{ viewer { __typename } }", ALL, nothing, found(lambda d: True))],
    "ticket": [
        Case(
            "query($t: String!) { ticket(trackingId: $t) { id } }",
            READERS,
            lambda w: _tracking_id(w),
            found(lambda d: True),
        )
    ],
    "tickets": [
        Case(
            "query($c: ID) { tickets(filter: {customerId: $c}, first: 5) "
            "{ edges { node { customer { clientNumber } } } } }",
            READERS,
            fixed(c=b_id),
            found(lambda d: len(d["tickets"]["edges"]) > 0),
        )
    ],
    "customers": [
        Case(
            "query($s: String) { customers(search: $s) { edges { node { id } } } }",
            STAFF,
            fixed(s=B_NUMBER),
            found(lambda d: len(d["customers"]["edges"]) == 1),
        )
    ],
    "services": [
        Case(
            "query($c: ID) { services(customerId: $c) { id } }",
            STAFF | {"partner"},
            fixed(c=b_id),
            found(lambda d: len(d["services"]) >= 1),
        )
    ],
    "supportLevels": [Case("{ supportLevels { id } }", ALL, nothing, found(lambda d: True))],
    "departments": [Case("{ departments { id } }", ALL, nothing, found(lambda d: True))],
    "categories": [Case("{ categories { id } }", ALL, nothing, found(lambda d: True))],
    "login": [
        Case(
            f"mutation($n: String!, $p: String!) {{ login(clientNumber: $n, password: $p) {R} }}",
            ALL,
            fixed(n=B_NUMBER, p=PASSWORD),
        )
    ],
    "agentLogin": [
        Case(
            f'mutation($e: String!) {{ agentLogin(email: $e, password: "demo-password") {R} }}',
            ALL,
            fixed(e="agent@mesa.example"),
        )
    ],
    "guestAccess": [
        Case(
            f"mutation($t: String!, $e: String!) {{ guestAccess(trackingId: $t, email: $e) {R} }}",
            ALL,
            lambda w: _guest_credentials(w),
        )
    ],
    "confirmGuestTicket": [
        Case(
            f"mutation($t: String!) {{ confirmGuestTicket(token: $t) {R} }}",
            ALL,
            lambda w: _guest_confirmation_code(w),
        )
    ],
    "remindTrackingIds": [
        Case(
            f"mutation($e: String!) {{ remindTrackingIds(email: $e) {R} }}",
            ALL,
            fixed(e="c-9601@example.com"),
        )
    ],
    "requestPasswordReset": [
        Case(
            f"mutation($n: String!) {{ requestPasswordReset(clientNumber: $n) {R} }}",
            ALL,
            fixed(n=B_NUMBER),
        )
    ],
    "resetPassword": [
        Case(
            "mutation($t: String!) { resetPassword(token: $t, "
            f'newPassword: "new-password-1") {R} }}',
            ALL,
            lambda w: _reset_code(w),
        )
    ],
    # Customers and staff change their own password (each knows only their own).
    "changePassword": [
        Case(
            f"mutation($p: String!) {{ changePassword(currentPassword: $p, newPassword: $p) {R} }}",
            frozenset({"customer_a"}),
            fixed(p=PASSWORD),
            changed_or_refused,
        ),
        # A staff member's real change would end the suite's other sessions of that account:
        # with a wrong current password, being let through to the check is the allowed outcome.
        Case(
            f"mutation($p: String!) {{ changePassword(currentPassword: $p, newPassword: $p) {R} }}",
            STAFF | {"customer_a"},
            fixed(p="not-anyones-password"),
            reached_the_password_check,
        ),
    ],
    "logout": [Case(f"mutation {{ logout {R} }}", SESSIONS, nothing, ends_sessions=True)],
    "createTicket": [
        Case(
            f"mutation($input: CreateTicketInput!) {{ createTicket(input: $input) {R} }}",
            READERS,
            lambda w: _new_ticket_input(w),
        )
    ],
    "replyToTicket": [
        Case(
            'mutation($id: ID!) { replyToTicket(input: {ticketId: $id, message: "Hola"}) '
            f"{R} }}",
            READERS,
            ticket_id,
        )
    ],
    "logContact": [
        Case(
            "mutation($id: ID!) { logContact(input: {ticketId: $id, channel: EMAIL, "
            f'summary: "Llamó el cliente"}}) {R} }}',
            DESK,
            ticket_id,
        )
    ],
    "triageTicket": [
        Case(
            f"mutation($id: ID!) {{ triageTicket(input: {{ticketId: $id, impact: HIGH}}) {R} }}",
            DESK,
            ticket_id,
        )
    ],
    "assignTicket": [
        Case(
            "mutation($id: ID!, $a: ID) { assignTicket(input: {ticketId: $id, assigneeId: $a}) "
            f"{R} }}",
            DESK,
            lambda w: _assign_to_agent(w),
        )
    ],
    "resolveTicket": [
        Case(f"mutation($id: ID!) {{ resolveTicket(ticketId: $id) {R} }}", READERS, ticket_id)
    ],
    "closeTicket": [
        Case(f"mutation($id: ID!) {{ closeTicket(ticketId: $id) {R} }}", DESK, ticket_id)
    ],
    "reopenTicket": [
        Case(
            f"mutation($id: ID!) {{ reopenTicket(ticketId: $id) {R} }}",
            READERS,
            resolved_ticket_id,
        )
    ],
    "mergeTickets": [
        Case(
            "mutation($s: ID!, $t: ID!) { mergeTickets(input: "
            f"{{sourceTicketId: $s, targetTicketId: $t}}) {R} }}",
            DESK,
            lambda w: _two_tickets(w),
        )
    ],
    "createPartner": [
        Case(f'mutation {{ createPartner(name: "Otro socio") {R} }}', ADMIN, nothing)
    ],
    "createPartnerKey": [
        Case(
            "mutation($p: ID!) { createPartnerKey(input: "
            f'{{partnerId: $p, name: "k", scopes: ["tickets:read"]}}) {R} }}',
            ADMIN,
            lambda w: _partner(w),
        )
    ],
    "revokePartnerKey": [
        Case(
            f"mutation($k: ID!) {{ revokePartnerKey(keyId: $k) {R} }}",
            ADMIN,
            lambda w: _spare_key(w),
        )
    ],
    "createStaff": [
        Case(
            f"mutation($input: CreateStaffInput!) {{ createStaff(input: $input) {R} }}",
            ADMIN,
            lambda w: _new_staff(w),
        )
    ],
    "updateStaff": [
        Case(
            f'mutation($s: ID!) {{ updateStaff(input: {{staffId: $s, name: "Ana Agent"}}) {R} }}',
            ADMIN,
            lambda w: _agent_id(w),
        )
    ],
    "saveDepartment": [
        Case(
            f'mutation($c: String!) {{ saveDepartment(code: $c, name: "X", nameEs: "X") {R} }}',
            ADMIN,
            lambda w: _code(),
        )
    ],
    "saveCategory": [
        Case(
            f"mutation($input: CategoryInput!) {{ saveCategory(input: $input) {R} }}",
            ADMIN,
            lambda w: _new_category(w),
        )
    ],
    "updateSupportLevel": [
        Case(
            "mutation($l: ID!) { updateSupportLevel(input: {supportLevelId: $l, "
            f'name: "Nivel 3 Premium"}}) {R} }}',
            ADMIN,
            lambda w: n3_level(),
        )
    ],
    "createCustomer": [
        Case(
            f"mutation($input: CreateCustomerInput!) {{ createCustomer(input: $input) {R} }}",
            frozenset({"admin", "partner"}),
            lambda w: _new_customer(),
        )
    ],
    "updateCustomer": [
        Case(
            "mutation($c: ID!) { updateCustomer(input: {customerId: $c, "
            f'name: "Cliente C-9601"}}) {R} }}',
            ADMIN,
            fixed(c=b_id),
        )
    ],
    "addService": [
        Case(
            "mutation($c: ID!, $l: ID!) { addService(input: "
            f'{{customerId: $c, name: "Extra", supportLevelId: $l}}) {R} }}',
            frozenset({"admin", "partner"}),
            lambda w: _service_for_b(w),
        )
    ],
    "updateService": [
        Case(
            f'mutation($s: ID!) {{ updateService(input: {{serviceId: $s, name: "Hosting"}}) {R} }}',
            ADMIN,
            lambda w: _b_service(w),
        )
    ],
}


async def _tracking_id(world: World) -> dict[str, Any]:
    return {"t": (await world.b_ticket())["trackingId"]}


async def _guest_credentials(world: World) -> dict[str, Any]:
    return {"t": (await world.b_ticket())["trackingId"], "e": "c-9601@example.com"}


async def _guest_confirmation_code(world: World) -> dict[str, Any]:
    return {"t": await world.guest_confirmation_code()}


async def _reset_code(world: World) -> dict[str, Any]:
    return {"t": await world.reset_code()}


async def _new_ticket_input(world: World) -> dict[str, Any]:
    ticket = await world.b_ticket()
    row = await Ticket.get(number=ticket["number"])
    return {
        "input": {
            "subject": "Ticket abierto por otro",
            "message": "Hola",
            "departmentId": encode_id("Department", row.department_id),
            "customerId": world.b_id,
            "serviceId": world.b_service,
            "channel": "EMAIL",  # open on every level at any hour (staff default to PHONE)
        }
    }


async def _assign_to_agent(world: World) -> dict[str, Any]:
    agent = await Staff.get(email="agent@mesa.example")
    return {**(await ticket_id(world)), "a": encode_id("Staff", agent.id)}


async def _two_tickets(world: World) -> dict[str, Any]:
    return {"s": (await world.b_ticket())["id"], "t": (await world.b_ticket())["id"]}


async def _partner(world: World) -> dict[str, Any]:
    return {"p": world.partner_id}


async def _spare_key(world: World) -> dict[str, Any]:
    issued = await world.gql.execute(
        'mutation($p: ID!) { createPartnerKey(input: {partnerId: $p, name: "spare", '
        "scopes: []}) { ... on CreatePartnerKeySuccess { apiKey { id } } } }",
        {"p": world.partner_id},
        token=world.admin,
    )
    return {"k": issued.data["createPartnerKey"]["apiKey"]["id"]}


async def _new_staff(world: World) -> dict[str, Any]:
    return {
        "input": {
            "email": f"{unique('staff')}@mesa.example",
            "name": "Nuevo",
            "role": "AGENT",
            "password": "staff-password",
            "departmentIds": [],
        }
    }


async def _agent_id(world: World) -> dict[str, Any]:
    return {"s": encode_id("Staff", (await Staff.get(email="agent@mesa.example")).id)}


async def _code() -> dict[str, Any]:
    return {"c": unique("D").upper()}


async def _new_category(world: World) -> dict[str, Any]:
    ticket = await Ticket.filter(customer_id=world.b_pk).first()
    department = ticket.department_id if ticket else 1
    return {
        "input": {
            "code": unique("cat_"),
            "departmentId": encode_id("Department", department),
            "name": "X",
            "nameEs": "X",
            "defaultImpact": "LOW",
        }
    }


async def n3_level() -> dict[str, Any]:
    return {"l": encode_id("SupportLevel", (await SupportLevel.get(code="N3")).id)}


async def _new_customer() -> dict[str, Any]:
    return {"input": {"clientNumber": unique("M-"), "name": "Nuevo", "email": "nuevo@example.com"}}


async def _service_for_b(world: World) -> dict[str, Any]:
    return {"c": world.b_id, **{"l": (await n3_level())["l"]}}


async def _b_service(world: World) -> dict[str, Any]:
    return {"s": world.b_service}
