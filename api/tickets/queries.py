"""Ticket queries: one ticket by tracking ID, and the tickets the viewer may see."""

from __future__ import annotations

import strawberry

from api.core.columns import planned_columns
from api.core.context import Info
from api.core.cursors import (
    Connection,
    decode_cursor,
    position_offset,
    to_connection,
    to_ranked_connection,
)
from api.core.ids import parse_global_id
from api.tickets.filters import TicketFilter, TicketOrder, ticket_filter, ticket_order
from api.tickets.types import Ticket
from domain.tickets import queries as ticket_queries


@strawberry.type
class TicketQuery:
    @strawberry.field
    async def ticket(self, info: Info, tracking_id: str) -> Ticket | None:
        parsed = parse_global_id(tracking_id)
        row = await ticket_queries.find_ticket_by_tracking_id(
            viewer=info.context.viewer,
            tracking_id=parsed[1] if parsed and parsed[0] == "Ticket" else tracking_id,
            columns=planned_columns(info),
        )
        return Ticket.from_model(row)

    @strawberry.field(
        description="Tickets the viewer may see, newest first by default; best match first "
        "when searching."
    )
    async def tickets(
        self,
        info: Info,
        filter: TicketFilter | None = None,
        order_by: TicketOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Ticket]:
        search = filter.search if filter is not None else None
        if search is not None and search.strip():
            offset = position_offset(after)
            found = await ticket_queries.search_tickets(
                viewer=info.context.viewer,
                filters=ticket_filter(filter),
                search=search,
                first=first,
                offset=offset,
                columns=planned_columns(info),
            )
            return to_ranked_connection(found, offset, Ticket.from_model)
        sort, direction = ticket_order(order_by)
        page = await ticket_queries.list_tickets(
            viewer=info.context.viewer,
            filters=ticket_filter(filter),
            sort=sort,
            direction=direction,
            first=first,
            after=decode_cursor(after, sort.value),
            columns=planned_columns(info),
        )
        return to_connection(page, sort.value, Ticket.from_model)
