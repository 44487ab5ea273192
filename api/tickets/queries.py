"""Ticket queries: one ticket by tracking ID, and the tickets the viewer may see."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from api.core.context import Info
from api.core.cursors import decode_cursor, to_connection
from api.core.enums import Impact, OrderDirection, TicketOrderField, TicketStatus
from api.core.ids import decode_optional_id
from api.tickets.types import Ticket
from domain.pagination import Direction
from domain.tickets import queries as ticket_queries


@strawberry.input
class TicketFilter:
    status: list[TicketStatus] | None = None
    impact: list[Impact] | None = None
    department_id: strawberry.ID | None = None
    category_id: strawberry.ID | None = None
    assignee_id: strawberry.ID | None = None
    unassigned: bool = False
    customer_id: strawberry.ID | None = None
    subject: str | None = strawberry.field(default=None, description="Text in the subject.")
    due_before: datetime | None = strawberry.field(
        default=None, description="Tickets whose running SLA due time is at or before this."
    )
    tags: list[str] | None = strawberry.field(
        default=None, description="Tickets carrying every one of these tags (staff)."
    )


@strawberry.input
class TicketOrder:
    field: TicketOrderField = TicketOrderField.CREATED_AT
    direction: OrderDirection = OrderDirection.DESC


def _ticket_filter(value: TicketFilter | None) -> ticket_queries.TicketFilter:
    if value is None:
        return ticket_queries.TicketFilter()
    return ticket_queries.TicketFilter(
        statuses=tuple(value.status or ()),
        impacts=tuple(value.impact or ()),
        department_id=decode_optional_id(value.department_id, "Department", field="departmentId"),
        category_id=decode_optional_id(value.category_id, "Category", field="categoryId"),
        assignee_id=decode_optional_id(value.assignee_id, "Staff", field="assigneeId"),
        unassigned=value.unassigned,
        customer_id=decode_optional_id(value.customer_id, "Customer", field="customerId"),
        subject_contains=value.subject,
        due_before=value.due_before,
        tags=tuple(value.tags or ()),
    )


@strawberry.type
class TicketQuery:
    @strawberry.field
    async def ticket(self, info: Info, tracking_id: str) -> Ticket | None:
        row = await ticket_queries.find_ticket_by_tracking_id(
            viewer=info.context.viewer, tracking_id=tracking_id
        )
        return Ticket.from_model(row)

    @strawberry.field(description="Tickets the viewer may see, newest first by default.")
    async def tickets(
        self,
        info: Info,
        filter: TicketFilter | None = None,
        order_by: TicketOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> relay.Connection[Ticket]:
        order = order_by or TicketOrder()
        sort = ticket_queries.TicketSort(order.field.value)
        page = await ticket_queries.list_tickets(
            viewer=info.context.viewer,
            filters=_ticket_filter(filter),
            sort=sort,
            direction=Direction(order.direction.value),
            first=first,
            after=decode_cursor(after, sort.value),
        )
        return to_connection(page, sort.value, Ticket.from_model)
