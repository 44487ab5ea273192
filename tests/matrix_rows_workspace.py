"""The authorization matrix's rows for the agent's workspace: tags and canned responses.
Customers, guests and partners reach none of it; agents tag only in their departments."""

from __future__ import annotations

from typing import Any

from api.core.ids import encode_id
from domain.clock import utcnow
from domain.models import CannedResponse, Macro, TicketView
from tests.graphql_client import GraphQLResponse
from tests.matrix_rows import ADMIN, DESK, STAFF, Case, R, found, nothing, ticket_id
from tests.matrix_world import World, unique

SUPERVISORS = frozenset({"supervisor", "admin"})
SAVE = (
    "mutation($t: String!, $p: Boolean!) { saveCannedResponse(input: {title: $t, "
    f'bodyEs: "Hola {{{{ customer_name }}}}", bodyEn: "Hi", personal: $p}}) {R} }}'
)


async def _shared_response(_: World) -> dict[str, Any]:
    now = utcnow()
    row = await CannedResponse.create(
        title=unique("Matrix "), body_es="Hola", body_en="Hi", created_at=now, updated_at=now
    )
    return {"id": encode_id("CannedResponse", row.id)}


async def _shared_view(_: World) -> dict[str, Any]:
    now = utcnow()
    row = await TicketView.create(
        name=unique("Matrix "), sort="created_at", direction="DESC", created_at=now, updated_at=now
    )
    return {"id": encode_id("TicketView", row.id)}


async def _shared_macro(_: World) -> dict[str, Any]:
    now = utcnow()
    row = await Macro.create(
        title=unique("Matrix "), actions={"add_tags": ["matrix"]}, created_at=now, updated_at=now
    )
    return {"id": encode_id("Macro", row.id)}


async def _ticket_and_macro(world: World) -> dict[str, Any]:
    return {**await ticket_id(world), "m": (await _shared_macro(world))["id"]}


def _bulk_changed(response: GraphQLResponse) -> bool:
    """Allowed: the ticket was changed; an outsider's answer names the ticket as not found."""
    result = response.data["bulkUpdateTickets"]
    if result["__typename"] != "BulkUpdateTicketsSuccess":
        assert result["__typename"] in ("NotFoundError", "NotAllowedError"), result
        return False
    outcome = result["results"][0]["outcome"]["__typename"]
    assert outcome in ("BulkTicketUpdated", "NotFoundError"), result
    return bool(outcome == "BulkTicketUpdated")


SAVE_MACRO = (
    "mutation($t: String!) { saveMacro(input: {title: $t, personal: true, "
    f'actions: {{addTags: ["matrix"]}}}}) {R} }}'
)
BULK = (
    "mutation($id: ID!) { bulkUpdateTickets(input: {ticketIds: [$id], "
    'changes: {addTags: ["matrix"]}}) { __typename ... on BulkUpdateTicketsSuccess { '
    "results { outcome { __typename } } } } }"
)


async def _macro_title(_: World) -> dict[str, Any]:
    return {"t": unique("Matrix ")}


async def _view_name(shared: bool) -> dict[str, Any]:
    return {"n": unique("Matrix "), "s": shared}


SAVE_VIEW = (
    "mutation($n: String!, $s: Boolean!) { saveTicketView(input: {name: $n, shared: $s, "
    f"filter: {{status: [OPEN]}}}}) {R} }}"
)


async def _title(personal: bool) -> dict[str, Any]:
    return {"t": unique("Matrix "), "p": personal}


WORKSPACE_ROWS: dict[str, list[Case]] = {
    "notifications": [
        Case("subscription { notifications { kind } }", STAFF, nothing, found(lambda d: True))
    ],
    "notificationPreferences": [
        Case("{ notificationPreferences { live } }", STAFF, nothing, found(lambda d: True))
    ],
    "updateNotificationPreferences": [
        Case(
            "mutation { updateNotificationPreferences(live: [NEW_TICKET, CUSTOMER_REPLIED, "
            f"MENTIONED, ASSIGNED, SLA_ALERT]) {R} }}",
            STAFF,
            nothing,
        )
    ],
    "watchTicket": [
        Case(f"mutation($id: ID!) {{ watchTicket(ticketId: $id) {R} }}", DESK, ticket_id)
    ],
    "unwatchTicket": [
        Case(f"mutation($id: ID!) {{ unwatchTicket(ticketId: $id) {R} }}", DESK, ticket_id)
    ],
    "ticketViews": [Case("{ ticketViews { id count } }", STAFF, nothing, found(lambda d: True))],
    "ticketViewCounts": [
        Case(
            "subscription { ticketViewCounts { counts { viewId count } } }",
            STAFF,
            nothing,
            found(lambda d: True),
        )
    ],
    "saveTicketView": [
        Case(SAVE_VIEW, STAFF, lambda w: _view_name(False)),
        Case(SAVE_VIEW, ADMIN, lambda w: _view_name(True)),
    ],
    "deleteTicketView": [
        Case(
            f"mutation($id: ID!) {{ deleteTicketView(ticketViewId: $id) {R} }}",
            ADMIN,
            _shared_view,
        )
    ],
    "tags": [Case("{ tags { name count } }", STAFF, nothing, found(lambda d: True))],
    "cannedResponses": [
        Case("{ cannedResponses { id title } }", STAFF, nothing, found(lambda d: True))
    ],
    "setTicketTags": [
        Case(
            f'mutation($id: ID!) {{ setTicketTags(input: {{ticketId: $id, tags: ["vip"]}}) {R} }}',
            DESK,
            ticket_id,
        )
    ],
    "saveCannedResponse": [
        Case(SAVE, STAFF, lambda w: _title(True)),
        Case(SAVE, SUPERVISORS, lambda w: _title(False)),
    ],
    "macros": [Case("{ macros { id title } }", STAFF, nothing, found(lambda d: True))],
    "saveMacro": [Case(SAVE_MACRO, STAFF, _macro_title)],
    "deleteMacro": [
        Case(f"mutation($id: ID!) {{ deleteMacro(macroId: $id) {R} }}", SUPERVISORS, _shared_macro)
    ],
    "applyMacro": [
        Case(
            "mutation($id: ID!, $m: ID!) { applyMacro(input: {ticketId: $id, macroId: $m}) "
            f"{R} }}",
            DESK,
            _ticket_and_macro,
        )
    ],
    "bulkUpdateTickets": [Case(BULK, DESK, ticket_id, _bulk_changed)],
    "reportPresence": [
        Case(f"mutation($id: ID!) {{ reportPresence(ticketId: $id) {R} }}", DESK, ticket_id)
    ],
    "ticketPresence": [
        Case(
            "subscription($id: ID!) { ticketPresence(ticketId: $id) { ticketId } }",
            DESK,
            ticket_id,
            found(lambda d: True),
        )
    ],
    "deleteCannedResponse": [
        Case(
            f"mutation($id: ID!) {{ deleteCannedResponse(cannedResponseId: $id) {R} }}",
            SUPERVISORS,
            _shared_response,
        )
    ],
}
