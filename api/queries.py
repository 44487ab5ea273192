"""The Query root: each field parses its arguments, asks the domain, maps the result."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from api.context import Info
from api.cursors import decode_cursor, to_connection
from api.enums import Impact, OrderDirection, TicketOrderField, TicketStatus
from api.ids import decode_optional_id, parse_global_id
from api.types.access import Guest, Partner
from api.types.catalog import Category, Department, SupportLevel
from api.types.people import Customer, Service, Staff
from api.types.tickets import Message, Ticket, TicketEvent
from domain import directory, models
from domain.errors import NotFound
from domain.pagination import Direction
from domain.tickets import queries as ticket_queries

Viewer = Annotated[Customer | Staff | Guest | Partner, strawberry.union("Viewer")]

NODE_TYPES = {
    "Ticket": Ticket,
    "Message": Message,
    "TicketEvent": TicketEvent,
    "Customer": Customer,
    "Service": Service,
    "Staff": Staff,
    "Department": Department,
    "Category": Category,
    "SupportLevel": SupportLevel,
}


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
    )


@strawberry.type
class TicketQuery:
    @strawberry.field(description="Any object by its global ID, if the viewer may see it.")
    async def node(self, info: Info, id: strawberry.ID) -> relay.Node | None:
        type_name, pk = parse_global_id(id) or ("", 0)
        found = None
        if type_name in NODE_TYPES:
            found = await directory.find_visible(info.context.viewer, type_name, pk)
        if found is None:
            raise NotFound("Nothing found with this ID.", field="id")
        node: relay.Node = NODE_TYPES[type_name].from_model(found)  # type: ignore[attr-defined]
        return node

    @strawberry.field(description="The customer, staff member, guest or partner behind the token.")
    async def viewer(self, info: Info) -> Viewer | None:
        current = info.context.viewer
        if current is not None and current.is_guest:
            return Guest.from_viewer(current)
        if current is not None and current.is_partner:
            return Partner.from_viewer(current)
        person = await directory.current_person(info.context.viewer)
        if isinstance(person, models.Customer):
            return Customer.from_model(person)
        if isinstance(person, models.Staff):
            return Staff.from_model(person)
        return None

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

    @strawberry.field(description="Customers, for support staff.")
    async def customers(
        self,
        info: Info,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> relay.Connection[Customer]:
        page = await directory.list_customers(
            viewer=info.context.viewer,
            search=search,
            first=first,
            after=decode_cursor(after, "id"),
        )
        return to_connection(page, "id", Customer.from_model)

    @strawberry.field(description="A customer's services; customers get their own.")
    async def services(self, info: Info, customer_id: strawberry.ID | None = None) -> list[Service]:
        rows = await directory.list_services(
            viewer=info.context.viewer,
            customer_id=decode_optional_id(customer_id, "Customer", field="customerId"),
        )
        return [Service.from_model(row) for row in rows]

    @strawberry.field
    async def support_levels(self) -> list[SupportLevel]:
        return [SupportLevel.from_model(row) for row in await models.SupportLevel.all()]

    @strawberry.field
    async def departments(self) -> list[Department]:
        return [Department.from_model(row) for row in await models.Department.all()]

    @strawberry.field
    async def categories(self, department_id: strawberry.ID | None = None) -> list[Category]:
        pk = decode_optional_id(department_id, "Department", field="departmentId")
        query = models.Category.all()
        if pk is not None:
            query = query.filter(department_id=pk)
        return [Category.from_model(row) for row in await query]
