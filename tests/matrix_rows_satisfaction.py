"""The authorization matrix's rows for customer satisfaction: rating a resolved ticket (by
the mailed link's token, or logged in by its ID), the page a link opens, and the report."""

from __future__ import annotations

from typing import Any

from domain.models import Notification, NotificationKind, Ticket, TicketRating
from tests.matrix_rows import ALL, Case, R, fixed, found, resolved_ticket_id
from tests.matrix_world import World

SATISFACTION_ROWS: dict[str, list[Case]] = {
    "rateTicket": [
        # Logged in, only the ticket's own customer or guest rates it: no principal is B.
        Case(
            f"mutation($id: ID!) {{ rateTicket(ticketId: $id, rating: GOOD) {R} }}",
            frozenset(),
            lambda w: resolved_ticket_id(w),
        ),
        # The mailed link's token rates that one ticket, whoever holds it.
        Case(
            "mutation($t: String!) { rateTicket(token: $t, rating: BAD, "
            f'comment: "Tardaron mucho") {R} }}',
            ALL,
            lambda w: _rating_link(w),
        ),
    ],
    "satisfactionSurvey": [
        Case(
            "query($t: String!) { satisfactionSurvey(token: $t) { ticketNumber subject } }",
            ALL,
            lambda w: _rating_link(w),
            found(lambda d: d["satisfactionSurvey"]["subject"] != ""),
        )
    ],
    "satisfactionReport": [
        Case(
            "query($f: DateTime!, $t: DateTime!) "
            "{ satisfactionReport(from: $f, to: $t) { total { total } } }",
            frozenset({"supervisor", "admin"}),
            fixed(f="2026-01-01T00:00:00+00:00", t="2026-12-31T00:00:00+00:00"),
            found(lambda d: True),
        )
    ],
}


async def _rating_link(world: World) -> dict[str, Any]:
    """The token of the rating links mailed when B's fresh ticket was resolved."""
    ticket = await world.b_ticket()
    resolve = "mutation($id: ID!) { resolveTicket(ticketId: $id) { __typename } }"
    await world.gql.execute(resolve, {"id": ticket["id"]}, token=world.b_token)
    row = await Ticket.get(number=ticket["number"])
    mail = await Notification.get(ticket_id=row.id, kind=NotificationKind.STATUS_CHANGED)
    return {"t": mail.payload["rating_token"]}


async def snapshot() -> dict[str, Any]:
    return {"ratings": await TicketRating.all().order_by("id").values()}
