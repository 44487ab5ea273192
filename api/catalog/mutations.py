"""Catalogue mutations for admins: new support levels, a level's calendar, and retiring levels,
departments and categories. Each resolver decodes its input and calls one domain action."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry

from api.catalog.types import Category, ChannelRuleInput, Department, SupportLevel
from api.core.context import Info
from api.core.errors import ConflictError, NotAllowedError, NotFoundError, ValidationError, attempt
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import decode_id, decode_optional_id
from domain import models
from domain.catalog import levels

_Failure = ValidationError | NotFoundError | NotAllowedError | ConflictError


@strawberry.type
class CreateSupportLevelSuccess:
    support_level: SupportLevel


@strawberry.type
class SetSupportLevelCalendarSuccess:
    support_level: SupportLevel


@strawberry.type
class SetSupportLevelActiveSuccess:
    support_level: SupportLevel


@strawberry.type
class SetDepartmentActiveSuccess:
    department: Department


@strawberry.type
class SetCategoryActiveSuccess:
    category: Category


CreateSupportLevelResult = Annotated[
    CreateSupportLevelSuccess | _Failure, strawberry.union("CreateSupportLevelResult")
]
SetSupportLevelCalendarResult = Annotated[
    SetSupportLevelCalendarSuccess | _Failure, strawberry.union("SetSupportLevelCalendarResult")
]
SetSupportLevelActiveResult = Annotated[
    SetSupportLevelActiveSuccess | _Failure, strawberry.union("SetSupportLevelActiveResult")
]
SetDepartmentActiveResult = Annotated[
    SetDepartmentActiveSuccess | _Failure, strawberry.union("SetDepartmentActiveResult")
]
SetCategoryActiveResult = Annotated[
    SetCategoryActiveSuccess | _Failure, strawberry.union("SetCategoryActiveResult")
]


@strawberry.input
class CreateSupportLevelInput:
    code: str
    name: str
    rank: int
    channels: list[ChannelRuleInput]
    description: str = ""
    monthly_price: Decimal | None = strawberry.field(
        default=None, description="Monthly price before taxes; give currency with it."
    )
    currency: str | None = strawberry.field(default=None, description="ISO 4217, e.g. COP.")
    calendar_id: strawberry.ID | None = strawberry.field(
        default=None, description="Where its business-hours targets are counted."
    )
    idempotency_key: str | None = idempotency_key_field("support level")


@strawberry.type
class CatalogMutation:
    @strawberry.mutation(description="Add a support level (admins); set targets with setSlaTarget.")
    async def create_support_level(
        self, info: Info, input: CreateSupportLevelInput
    ) -> CreateSupportLevelResult:
        async def run() -> models.SupportLevel:
            return await levels.create_support_level(
                viewer=info.context.viewer,
                code=input.code,
                name=input.name,
                rank=input.rank,
                channels={rule.channel: rule.condition for rule in input.channels},
                description=input.description,
                monthly_price=None if input.monthly_price is None else str(input.monthly_price),
                currency=input.currency,
                calendar_id=decode_optional_id(
                    input.calendar_id, "BusinessCalendar", field="calendarId"
                ),
            )

        return await attempt(
            lambda: create_once(
                info, input, run, lambda row_id: models.SupportLevel.get(id=row_id)
            ),
            lambda row: CreateSupportLevelSuccess(support_level=SupportLevel.from_model(row)),
        )

    @strawberry.mutation(
        description="Count a level's business hours in a calendar (null: none) (admins)."
    )
    async def set_support_level_calendar(
        self, info: Info, support_level_id: strawberry.ID, calendar_id: strawberry.ID | None
    ) -> SetSupportLevelCalendarResult:
        return await attempt(
            lambda: levels.set_support_level_calendar(
                viewer=info.context.viewer,
                support_level_id=decode_id(
                    support_level_id, "SupportLevel", field="supportLevelId"
                ),
                calendar_id=decode_optional_id(calendar_id, "BusinessCalendar", field="calendarId"),
            ),
            lambda row: SetSupportLevelCalendarSuccess(support_level=SupportLevel.from_model(row)),
        )

    @strawberry.mutation(description="Retire a support level, or bring it back (admins).")
    async def set_support_level_active(
        self, info: Info, support_level_id: strawberry.ID, is_active: bool
    ) -> SetSupportLevelActiveResult:
        async def run() -> models.SupportLevel:
            row = await levels.set_active(
                viewer=info.context.viewer,
                kind="support_level",
                entity_id=decode_id(support_level_id, "SupportLevel", field="supportLevelId"),
                is_active=is_active,
            )
            assert isinstance(row, models.SupportLevel)
            return row

        return await attempt(
            run,
            lambda row: SetSupportLevelActiveSuccess(support_level=SupportLevel.from_model(row)),
        )

    @strawberry.mutation(description="Retire a department, or bring it back (admins).")
    async def set_department_active(
        self, info: Info, department_id: strawberry.ID, is_active: bool
    ) -> SetDepartmentActiveResult:
        async def run() -> models.Department:
            row = await levels.set_active(
                viewer=info.context.viewer,
                kind="department",
                entity_id=decode_id(department_id, "Department", field="departmentId"),
                is_active=is_active,
            )
            assert isinstance(row, models.Department)
            return row

        return await attempt(
            run, lambda row: SetDepartmentActiveSuccess(department=Department.from_model(row))
        )

    @strawberry.mutation(description="Retire a category, or bring it back (admins).")
    async def set_category_active(
        self, info: Info, category_id: strawberry.ID, is_active: bool
    ) -> SetCategoryActiveResult:
        async def run() -> models.Category:
            row = await levels.set_active(
                viewer=info.context.viewer,
                kind="category",
                entity_id=decode_id(category_id, "Category", field="categoryId"),
                is_active=is_active,
            )
            assert isinstance(row, models.Category)
            return row

        return await attempt(
            run, lambda row: SetCategoryActiveSuccess(category=Category.from_model(row))
        )
