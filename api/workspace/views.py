"""Ticket view types: a named filter, its count and its tickets."""

from __future__ import annotations

import strawberry

from api.core.context import Info
from api.core.cursors import Connection, decode_cursor, to_connection
from api.core.enums import Impact, OrderDirection, TicketOrderField, TicketStatus
from api.core.ids import decode_id, encode_id
from api.custom_fields.types import CustomFieldConditionView
from api.tickets.types import Ticket
from domain.pagination import Direction
from domain.tickets import queries as ticket_queries
from domain.workspace import views

TYPE = "TicketView"


def view_id(view: views.View) -> strawberry.ID:
    """A saved view's global ID; a built-in view's name (`mine-open`, …)."""
    if view.row_id is None:
        return strawberry.ID(view.key)
    return strawberry.ID(encode_id(TYPE, view.row_id))


def view_key(value: strawberry.ID) -> str:
    """The domain's key of a view ID: built-in names pass as they are."""
    if value in views.BUILT_IN_KEYS:
        return str(value)
    return str(decode_id(value, TYPE, field="ticketViewId"))


def _id(pk: int | None, type_name: str) -> strawberry.ID | None:
    return strawberry.ID(encode_id(type_name, pk)) if pk is not None else None


@strawberry.type(description="The filter a view applies.")
class TicketViewFilter:
    status: list[TicketStatus]
    impact: list[Impact]
    department_id: strawberry.ID | None
    category_id: strawberry.ID | None
    assignee_id: strawberry.ID | None
    unassigned: bool
    customer_id: strawberry.ID | None
    subject: str | None
    tags: list[str]
    custom_fields: list[CustomFieldConditionView]
    due_within_minutes: int | None = strawberry.field(
        description="Built-in views: tickets whose running SLA due time is this close."
    )

    @classmethod
    def from_view(cls, view: views.View) -> TicketViewFilter:
        filters = view.filters
        within = view.due_within
        return cls(
            status=list(filters.statuses),
            impact=list(filters.impacts),
            department_id=_id(filters.department_id, "Department"),
            category_id=_id(filters.category_id, "Category"),
            assignee_id=_id(filters.assignee_id, "Staff"),
            unassigned=filters.unassigned,
            customer_id=_id(filters.customer_id, "Customer"),
            subject=filters.subject_contains,
            tags=list(filters.tags),
            custom_fields=[CustomFieldConditionView.from_domain(c) for c in filters.custom_fields],
            due_within_minutes=int(within.total_seconds() // 60) if within else None,
        )


@strawberry.type(
    description="A named filter of tickets with its count: built-in, shared (admins) or the "
    "viewer's own."
)
class TicketView:
    id: strawberry.ID = strawberry.field(
        description="A saved view's global ID, or a built-in view's name."
    )
    name: str
    built_in: bool
    shared: bool
    filter: TicketViewFilter
    order_field: TicketOrderField
    order_direction: OrderDirection
    view: strawberry.Private[views.View]

    @strawberry.field(description="How many tickets the view holds for the viewer now.")
    async def count(self, info: Info) -> int:
        viewer = info.context.viewer
        assert viewer is not None  # views are listed for staff only
        return await views.count_view(viewer, self.view)

    @strawberry.field(description="The view's tickets, in its order.")
    async def tickets(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Ticket]:
        sort = self.view.sort
        page = await ticket_queries.list_tickets(
            viewer=info.context.viewer,
            filters=self.view.filters_now(),
            sort=sort,
            direction=self.view.direction,
            first=first,
            after=decode_cursor(after, sort.value),
        )
        return to_connection(page, sort.value, Ticket.from_model)

    @classmethod
    def from_view(cls, view: views.View) -> TicketView:
        return cls(
            id=view_id(view),
            name=view.name,
            built_in=view.built_in,
            shared=view.shared,
            filter=TicketViewFilter.from_view(view),
            order_field=TicketOrderField(view.sort.value),
            order_direction=OrderDirection(view.direction.value),
            view=view,
        )


@strawberry.type(description="A view whose count changed.")
class TicketViewCount:
    view_id: strawberry.ID
    count: int


@strawberry.type(description="Counts of the viewer's views: all of them first, then the changed.")
class TicketViewCounts:
    counts: list[TicketViewCount]


def order(
    field: TicketOrderField, direction: OrderDirection
) -> tuple[ticket_queries.TicketSort, Direction]:
    return ticket_queries.TicketSort(field.value), Direction(direction.value)
