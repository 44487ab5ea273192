"""The authorization matrix's rows for subscriptions: each is run over a WebSocket until its
first answer (an allowed subscriber resumes from the first event and answers at once)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from api.core.ids import encode_id
from domain.models import Ticket
from tests.matrix_rows import ALL, DESK, READERS, STAFF, Case, found, nothing, ticket_id
from tests.matrix_world import World

LIVE_ROWS: dict[str, list[Case]] = {
    "announcementEvents": [
        Case(
            "subscription { announcementEvents { change } }",
            ALL,
            nothing,
            found(lambda d: True),
        )
    ],
    "ticketEvents": [
        Case(
            "subscription($id: ID!, $a: ID!) { ticketEvents(ticketId: $id, after: $a) { id } }",
            READERS,
            lambda w: _from_the_start(ticket_id(w)),
            found(lambda d: True),
        )
    ],
    "queueEvents": [
        Case(
            "subscription($d: ID!, $a: ID!) { queueEvents(departmentId: $d, after: $a) { id } }",
            DESK,
            lambda w: _from_the_start(_b_department(w)),
            found(lambda d: True),
        ),
        Case(
            "subscription($a: ID!) { queueEvents(after: $a) { id } }",
            STAFF,
            lambda w: _from_the_start(nothing(w)),
            found(lambda d: True),
        ),
    ],
    "slaAlerts": [
        Case(
            "subscription($a: ID!) { slaAlerts(after: $a) { eventId } }",
            STAFF,
            lambda w: _from_the_start(nothing(w)),
            found(lambda d: True),
        )
    ],
}


async def _from_the_start(variables: Awaitable[dict[str, Any]]) -> dict[str, Any]:
    """Resume from the first event: an allowed subscriber answers at once with B's events."""
    return {**(await variables), "a": encode_id("TicketEvent", 1)}


async def _b_department(world: World) -> dict[str, Any]:
    ticket = await Ticket.get(number=(await world.b_ticket())["number"])
    return {"d": encode_id("Department", ticket.department_id)}
