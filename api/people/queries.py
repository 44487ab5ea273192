"""People queries: customers (for staff) and their services."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.core.context import Info
from api.core.cursors import Connection, decode_cursor, to_connection
from api.core.ids import decode_optional_id
from api.people.types import Customer, Service, Staff
from domain.identity import directory


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="Customers, for support staff.")
    async def customers(
        self,
        info: Info,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Customer]:
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


@strawberry.type
class StaffQuery:
    @strawberry.field(description="Staff members for assign pickers, by name (staff).")
    async def staff(
        self,
        info: Info,
        department_id: strawberry.ID | None = None,
        include_inactive: bool = False,
        available: Annotated[
            bool, strawberry.argument(description="Only those not away (out of office) now.")
        ] = False,
    ) -> list[Staff]:
        rows = await directory.list_staff(
            viewer=info.context.viewer,
            department_id=decode_optional_id(department_id, "Department", field="departmentId"),
            include_inactive=include_inactive,
            available_only=available,
        )
        return [Staff.from_model(row) for row in rows]
