"""Custom field queries: the fields a form asks for, or an administrator manages."""

from __future__ import annotations

import strawberry

from api.core.context import Info
from api.core.ids import decode_optional_id
from api.custom_fields.types import CustomField
from domain.custom_fields import definitions


@strawberry.type
class CustomFieldQuery:
    @strawberry.field(
        description="Custom fields in display order: with a department or category, those a "
        "new ticket there asks for. Anyone may ask (a guest's form needs them); customers, "
        "guests and partners see the CUSTOMERS ones, staff every one (retired ones too with "
        "includeInactive)."
    )
    async def custom_fields(
        self,
        info: Info,
        department_id: strawberry.ID | None = None,
        category_id: strawberry.ID | None = None,
        include_inactive: bool = False,
    ) -> list[CustomField]:
        rows = await definitions.list_fields(
            viewer=info.context.viewer,
            department_id=decode_optional_id(department_id, "Department", field="departmentId"),
            category_id=decode_optional_id(category_id, "Category", field="categoryId"),
            include_inactive=include_inactive,
        )
        return [CustomField.from_model(row) for row in rows]
