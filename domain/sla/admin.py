"""What admins change in the SLA engine: targets, calendars and their holidays.

New values apply to deadlines computed from then on (a ticket's next change or triage);
deadlines already stored stay as they were promised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as public_holidays
from tortoise.exceptions import IntegrityError

from domain.catalog import audit
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import require_staff, require_viewer
from domain.identity.viewer import Viewer
from domain.models import BusinessCalendar as CalendarRow
from domain.models import CalendarHoliday, Impact, SlaClock, SlaTarget, StaffRole, SupportLevel
from domain.sla.calendar import BusinessCalendar, WeeklyHours
from domain.uow import unit_of_work


def require_admin(viewer: Viewer | None) -> Viewer:
    viewer = require_viewer(viewer)
    if not viewer.is_staff or viewer.role is not StaffRole.ADMIN:
        raise NotAllowed("Only administrators can change SLA settings.")
    return viewer


@dataclass(frozen=True)
class TargetInput:
    support_level_id: int
    impact: Impact
    clock: SlaClock
    expected_minutes: int
    due_minutes: int
    resolution_due_minutes: int | None = None


async def set_sla_target(*, viewer: Viewer | None, target: TargetInput) -> SlaTarget:
    """Create or change a support level's promise for one impact."""
    viewer = require_admin(viewer)
    if not 0 < target.expected_minutes <= target.due_minutes:
        raise ValidationFailed(
            "The expected time must be positive and not after the due time.",
            field="firstResponseExpectedMinutes",
        )
    if target.resolution_due_minutes is not None and (
        target.resolution_due_minutes < target.due_minutes
    ):
        raise ValidationFailed(
            "The resolution cannot be due before the first response.",
            field="resolutionDueMinutes",
        )
    level = await SupportLevel.get_or_none(id=target.support_level_id)
    if level is None:
        raise NotFound("Unknown support level.", field="supportLevelId")
    if target.clock is SlaClock.BUSINESS_HOURS and level.calendar_id is None:
        raise ValidationFailed(
            f"{level.name} has no business calendar, so business hours cannot be counted: "
            "attach a calendar to the level or use a 24/7 clock. / "
            f"{level.name} no tiene calendario laboral y no se pueden contar horas hábiles: "
            "asigne un calendario al nivel o use un reloj 24/7.",
            field="clock",
        )
    values = {
        "clock": target.clock,
        "first_response_expected_minutes": target.expected_minutes,
        "first_response_due_minutes": target.due_minutes,
        "resolution_due_minutes": target.resolution_due_minutes,
    }
    async with unit_of_work():
        old = await SlaTarget.get_or_none(
            support_level_id=target.support_level_id, impact=target.impact
        )
        before = None if old is None else audit.snapshot(old, tuple(values))
        row, _ = await SlaTarget.update_or_create(
            support_level_id=target.support_level_id, impact=target.impact, defaults=values
        )
        await audit.record(
            None,
            actor=viewer,
            action="sla_target.set",
            entity="sla_target",
            entity_id=row.id,
            before=before,
            after={
                "support_level_id": target.support_level_id,
                "impact": target.impact.value,
                **audit.plain(values),
            },
        )
    return row


@dataclass(frozen=True)
class CalendarInput:
    name: str
    timezone: str
    weekly_hours: WeeklyHours
    holiday_country: str | None = None
    calendar_id: int | None = None


def _validate_calendar(data: CalendarInput) -> None:
    try:
        ZoneInfo(data.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed("Unknown time zone.", field="timezone") from None
    try:
        BusinessCalendar(data.timezone, data.weekly_hours)
    except ValueError as error:
        raise ValidationFailed(f"Invalid opening hours: {error}.", field="weeklyHours") from None
    supported = public_holidays.list_supported_countries()
    if data.holiday_country is not None and data.holiday_country not in supported:
        raise ValidationFailed("Unknown holiday country.", field="holidayCountry")


def _stored_hours(weekly_hours: WeeklyHours) -> dict[str, list[list[str]]]:
    def text(moment: time) -> str:
        return moment.isoformat(timespec="minutes")

    return {
        str(day): [[text(start), text(end)] for start, end in sorted(windows)]
        for day, windows in sorted(weekly_hours.items())
        if windows
    }


async def save_business_calendar(*, viewer: Viewer | None, data: CalendarInput) -> CalendarRow:
    """Create a calendar, or change one's name, time zone, hours and holiday country."""
    viewer = require_admin(viewer)
    _validate_calendar(data)
    values: dict[str, Any] = {
        "name": data.name.strip()[:100],
        "timezone": data.timezone,
        "weekly_hours": _stored_hours(data.weekly_hours),
        "holiday_country": data.holiday_country,
    }
    if not values["name"]:
        raise ValidationFailed("The name cannot be empty.", field="name")
    try:
        async with unit_of_work():
            if data.calendar_id is None:
                row, before = await CalendarRow.create(**values), None
            else:
                row = await _calendar(data.calendar_id)
                before = audit.snapshot(row, tuple(values))
                await row.update_from_dict(values).save()
            await audit.record(
                None,
                actor=viewer,
                action="calendar.create" if before is None else "calendar.update",
                entity="calendar",
                entity_id=row.id,
                before=before,
                after=audit.plain(values),
            )
        return row
    except IntegrityError:
        raise ValidationFailed("Another calendar has that name.", field="name") from None


async def _calendar(calendar_id: int) -> CalendarRow:
    row = await CalendarRow.get_or_none(id=calendar_id)
    if row is None:
        raise NotFound("Unknown calendar.", field="calendarId")
    return row


async def add_calendar_holiday(
    *, viewer: Viewer | None, calendar_id: int, day: date, name: str
) -> CalendarRow:
    """Close a calendar on one more date (adding it twice changes nothing)."""
    viewer = require_admin(viewer)
    row = await _calendar(calendar_id)
    async with unit_of_work():
        _, created = await CalendarHoliday.get_or_create(
            calendar_id=row.id, date=day, defaults={"name": name.strip()[:100]}
        )
        if created:
            await audit.record(
                None,
                actor=viewer,
                action="calendar.add_holiday",
                entity="calendar",
                entity_id=row.id,
                before=None,
                after={"date": day.isoformat(), "name": name.strip()[:100]},
            )
    return row


async def remove_calendar_holiday(
    *, viewer: Viewer | None, calendar_id: int, day: date
) -> CalendarRow:
    """Open a calendar again on a custom holiday."""
    viewer = require_admin(viewer)
    row = await _calendar(calendar_id)
    async with unit_of_work():
        removed = await CalendarHoliday.filter(calendar_id=row.id, date=day).delete()
        if removed:
            await audit.record(
                None,
                actor=viewer,
                action="calendar.remove_holiday",
                entity="calendar",
                entity_id=row.id,
                before={"date": day.isoformat()},
                after=None,
            )
    return row


async def list_business_calendars(*, viewer: Viewer | None) -> list[CalendarRow]:
    require_staff(viewer)
    return await CalendarRow.all().order_by("name")
