"""Catalogue queries: support levels, departments and categories, for everyone."""

from __future__ import annotations

import strawberry

from api.catalog.types import Category, Department, SupportLevel
from api.core.ids import decode_optional_id
from domain import models


@strawberry.type
class CatalogQuery:
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
