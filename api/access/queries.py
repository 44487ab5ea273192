"""Who is behind the token."""

from __future__ import annotations

import strawberry

from api.access.types import Guest, Partner, Viewer
from api.core.context import Info
from api.people.types import Customer, Staff
from domain import models
from domain.identity import directory


@strawberry.type
class ViewerQuery:
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
