"""The authorization matrix's rows for the desk's housekeeping: spam, blocked senders,
deleting and splitting tickets, signatures and out of office. Customers, guests and
partners reach none of it; agents mark and split only in their departments, anyone on the
staff blocks, only admins delete tickets or set a department's signature."""

from __future__ import annotations

from typing import Any

from api.core.ids import encode_id
from domain.clock import utcnow
from domain.models import BlockedSender, BlockKind, Department, Staff
from tests.matrix_rows import ADMIN, DESK, STAFF, Case, R, found, message_id, nothing, ticket_id
from tests.matrix_world import World, unique

SUPERVISORS = frozenset({"supervisor", "admin"})
MARK = "mutation($id: ID!) { markSpam(ticketId: $id) { __typename } }"


async def _spam_ticket(world: World) -> dict[str, Any]:
    ticket = await world.b_ticket()
    marked = await world.gql.execute(MARK, {"id": ticket["id"]}, token=world.admin)
    assert marked.data["markSpam"]["__typename"] == "MarkSpamSuccess", marked.body
    return {"id": ticket["id"]}


async def _address(_: World) -> dict[str, Any]:
    return {"a": f"{unique('spam-')}@matrix.example"}


async def _block(_: World) -> dict[str, Any]:
    admin = await Staff.get(email="admin@mesa.example")
    row = await BlockedSender.create(
        kind=BlockKind.ADDRESS,
        address=f"{unique('blocked-')}@matrix.example",
        reason="matrix",
        blocked_by_id=admin.id,
        created_at=utcnow(),
    )
    return {"id": encode_id("BlockedSender", row.id)}


async def _department(_: World) -> dict[str, Any]:
    department = await Department.get(code="TECH")
    return {"d": encode_id("Department", department.id)}


async def _someone_else(_: World) -> dict[str, Any]:
    """A staff member no principal is: only an admin may mark them away."""
    other = await Staff.create(
        email=f"{unique('away-')}@mesa.example", name="Matrix Away", password_hash="-"
    )
    return {"s": encode_id("Staff", other.id)}


SIGNATURE = (
    f'mutation($d: ID) {{ saveSignature(input: {{bodyEs: "", bodyEn: "", departmentId: $d}}) {R} }}'
)
AWAY = f"mutation($s: ID) {{ setAway(input: {{away: false, staffId: $s}}) {R} }}"

DESK_ROWS: dict[str, list[Case]] = {
    "markSpam": [Case(MARK, DESK, ticket_id)],
    "unmarkSpam": [
        Case(f"mutation($id: ID!) {{ unmarkSpam(ticketId: $id) {R} }}", DESK, _spam_ticket)
    ],
    "blockSender": [
        Case(
            f'mutation($a: String!) {{ blockSender(input: {{address: $a, reason: "spam"}}) {R} }}',
            STAFF,
            _address,
        )
    ],
    "unblockSender": [
        Case(
            f"mutation($id: ID!) {{ unblockSender(blockedSenderId: $id) {R} }}",
            SUPERVISORS,
            _block,
        )
    ],
    "blockedSenders": [
        Case(
            "{ blockedSenders(first: 5) { totalCount edges { node { address } } } }",
            STAFF,
            nothing,
            found(lambda d: True),
        )
    ],
    "deleteTicket": [
        Case(f"mutation($id: ID!) {{ deleteTicket(ticketId: $id) {R} }}", ADMIN, ticket_id)
    ],
    "splitTicket": [
        Case(
            f"mutation($id: ID!) {{ splitTicket(input: {{messageId: $id}}) {R} }}",
            DESK,
            message_id,
        )
    ],
    "saveSignature": [
        Case(SIGNATURE, STAFF, nothing),
        Case(SIGNATURE, ADMIN, _department),
    ],
    "setAway": [Case(AWAY, STAFF, nothing), Case(AWAY, ADMIN, _someone_else)],
}
