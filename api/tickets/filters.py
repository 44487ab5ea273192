"""How clients filter and order tickets: the inputs `tickets` takes, and saved views too."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.core.enums import Impact, OrderDirection, TicketOrderField, TicketStatus
from api.core.ids import decode_optional_id
from api.custom_fields.types import CustomFieldCondition
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
    search: str | None = strawberry.field(
        default=None,
        description="Words in the subject, messages (internal notes for staff), requester's "
        "name or email, tracking ID or number; Spanish and English, accents ignored. Results "
        "come best match first.",
    )
    custom_fields: list[CustomFieldCondition] | None = strawberry.field(
        default=None,
        description="Tickets meeting every one of these custom field conditions.",
    )


@strawberry.input
class TicketOrder:
    field: TicketOrderField = TicketOrderField.CREATED_AT
    direction: OrderDirection = OrderDirection.DESC


def ticket_filter(value: TicketFilter | None) -> ticket_queries.TicketFilter:
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
        custom_fields=tuple(condition.to_domain() for condition in value.custom_fields or ()),
    )


def ticket_order(value: TicketOrder | None) -> tuple[ticket_queries.TicketSort, Direction]:
    order = value or TicketOrder()
    return ticket_queries.TicketSort(order.field.value), Direction(order.direction.value)
