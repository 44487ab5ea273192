"""Catalogue queries: support levels, departments and categories, for everyone."""

from __future__ import annotations

import strawberry

from api.catalog.types import Category, Department, SupportLevel
from api.core.ids import decode_optional_id
from domain import models


@strawberry.type
class CatalogQuery:
    @strawberry.field(description="Support levels; retired ones only with includeInactive.")
    async def support_levels(self, include_inactive: bool = False) -> list[SupportLevel]:
        query = models.SupportLevel.all()
        if not include_inactive:
            query = query.filter(is_active=True)
        return [SupportLevel.from_model(row) for row in await query]

    @strawberry.field(description="Departments; retired ones only with includeInactive.")
    async def departments(self, include_inactive: bool = False) -> list[Department]:
        query = models.Department.all()
        if not include_inactive:
            query = query.filter(is_active=True)
        return [Department.from_model(row) for row in await query]

    @strawberry.field(description="Categories; retired ones only with includeInactive.")
    async def categories(
        self, department_id: strawberry.ID | None = None, include_inactive: bool = False
    ) -> list[Category]:
        pk = decode_optional_id(department_id, "Department", field="departmentId")
        query = models.Category.all()
        if pk is not None:
            query = query.filter(department_id=pk)
        if not include_inactive:
            query = query.filter(is_active=True)
        return [Category.from_model(row) for row in await query]
