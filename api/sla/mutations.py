"""SLA settings for admins: support levels' targets and business calendars."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated

import strawberry

from api.catalog.types import BusinessCalendar, SlaTarget
from api.core.context import Info
from api.core.enums import Impact, SlaClock
from api.core.errors import (
    ConflictError,
    NotAllowedError,
    NotFoundError,
    ValidationError,
    attempt,
)
from api.core.idempotency import create_once, idempotency_key_field
from api.core.ids import decode_id
from domain import models
from domain.errors import ValidationFailed
from domain.sla import admin


@strawberry.input
class OpeningWindowInput:
    weekday: int
    start: str = strawberry.field(description="HH:MM, local time.")
    end: str = strawberry.field(description="HH:MM, local time; 00:00 means midnight.")


@strawberry.input
class SaveBusinessCalendarInput:
    calendar_id: strawberry.ID | None = strawberry.field(
        default=None, description="Leave out to create a calendar."
    )
    name: str
    timezone: str = strawberry.field(description="IANA name, e.g. America/Bogota.")
    weekly_hours: list[OpeningWindowInput]
    holiday_country: str | None = strawberry.field(
        default=None, description="ISO country whose public holidays close the calendar."
    )
    idempotency_key: str | None = idempotency_key_field("calendar (when creating one)")


@strawberry.input
class SetSlaTargetInput:
    support_level_id: strawberry.ID
    impact: Impact
    clock: SlaClock
    first_response_expected_minutes: int
    first_response_due_minutes: int
    resolution_due_minutes: int | None = None


@strawberry.type
class SaveBusinessCalendarSuccess:
    calendar: BusinessCalendar


@strawberry.type
class SetSlaTargetSuccess:
    target: SlaTarget


_Failure = ValidationError | NotFoundError | NotAllowedError | ConflictError
SaveBusinessCalendarResult = Annotated[
    SaveBusinessCalendarSuccess | _Failure, strawberry.union("SaveBusinessCalendarResult")
]
SetSlaTargetResult = Annotated[
    SetSlaTargetSuccess | _Failure, strawberry.union("SetSlaTargetResult")
]


def _weekly_hours(windows: list[OpeningWindowInput]) -> dict[int, list[tuple[time, time]]]:
    hours: dict[int, list[tuple[time, time]]] = {}
    try:
        for window in windows:
            span = (time.fromisoformat(window.start), time.fromisoformat(window.end))
            hours.setdefault(window.weekday, []).append(span)
    except ValueError:
        raise ValidationFailed("Times are written HH:MM.", field="weeklyHours") from None
    return hours


def _calendar_input(value: SaveBusinessCalendarInput) -> admin.CalendarInput:
    calendar_id = value.calendar_id
    return admin.CalendarInput(
        calendar_id=(
            decode_id(calendar_id, "BusinessCalendar", field="calendarId")
            if calendar_id is not None
            else None
        ),
        name=value.name,
        timezone=value.timezone,
        weekly_hours=_weekly_hours(value.weekly_hours),
        holiday_country=value.holiday_country,
    )


def _calendar_id(value: strawberry.ID) -> int:
    return decode_id(value, "BusinessCalendar", field="calendarId")


@strawberry.type
class SlaMutation:
    @strawberry.mutation(description="Create or change a support level's target (admins).")
    async def set_sla_target(self, info: Info, input: SetSlaTargetInput) -> SetSlaTargetResult:
        async def run() -> models.SlaTarget:
            target = admin.TargetInput(
                support_level_id=decode_id(
                    input.support_level_id, "SupportLevel", field="supportLevelId"
                ),
                impact=input.impact,
                clock=input.clock,
                expected_minutes=input.first_response_expected_minutes,
                due_minutes=input.first_response_due_minutes,
                resolution_due_minutes=input.resolution_due_minutes,
            )
            return await admin.set_sla_target(viewer=info.context.viewer, target=target)

        return await attempt(run, lambda row: SetSlaTargetSuccess(target=SlaTarget.from_model(row)))

    @strawberry.mutation(description="Create or change a business calendar (admins).")
    async def save_business_calendar(
        self, info: Info, input: SaveBusinessCalendarInput
    ) -> SaveBusinessCalendarResult:
        return await attempt(
            lambda: create_once(
                info,
                input,
                lambda: admin.save_business_calendar(
                    viewer=info.context.viewer, data=_calendar_input(input)
                ),
                lambda row_id: models.BusinessCalendar.get(id=row_id),
            ),
            lambda row: SaveBusinessCalendarSuccess(calendar=BusinessCalendar.from_model(row)),
        )

    @strawberry.mutation(description="Close a calendar on a custom date (admins).")
    async def add_calendar_holiday(
        self, info: Info, calendar_id: strawberry.ID, date: date, name: str
    ) -> SaveBusinessCalendarResult:
        return await attempt(
            lambda: admin.add_calendar_holiday(
                viewer=info.context.viewer,
                calendar_id=_calendar_id(calendar_id),
                day=date,
                name=name,
            ),
            lambda row: SaveBusinessCalendarSuccess(calendar=BusinessCalendar.from_model(row)),
        )

    @strawberry.mutation(description="Remove a custom holiday from a calendar (admins).")
    async def remove_calendar_holiday(
        self, info: Info, calendar_id: strawberry.ID, date: date
    ) -> SaveBusinessCalendarResult:
        return await attempt(
            lambda: admin.remove_calendar_holiday(
                viewer=info.context.viewer, calendar_id=_calendar_id(calendar_id), day=date
            ),
            lambda row: SaveBusinessCalendarSuccess(calendar=BusinessCalendar.from_model(row)),
        )
