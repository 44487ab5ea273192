"""The authorization matrix's rows for the agent's workspace: tags and canned responses.
Customers, guests and partners reach none of it; agents tag only in their departments."""

from __future__ import annotations

from typing import Any

from api.core.ids import encode_id
from domain.clock import utcnow
from domain.models import CannedResponse
from tests.matrix_rows import DESK, STAFF, Case, R, found, nothing, ticket_id
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


async def _title(personal: bool) -> dict[str, Any]:
    return {"t": unique("Matrix "), "p": personal}


WORKSPACE_ROWS: dict[str, list[Case]] = {
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
    "deleteCannedResponse": [
        Case(
            f"mutation($id: ID!) {{ deleteCannedResponse(cannedResponseId: $id) {R} }}",
            SUPERVISORS,
            _shared_response,
        )
    ],
}
