"""An admin's edit of a business calendar (hours, holidays) counts from the very next ticket:
built calendars are cached by what was read, never kept past an edit. On SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date, time

import pytest

from domain.clock import clock
from domain.identity.auth import viewer_for_staff
from domain.identity.viewer import Viewer
from domain.models import BusinessCalendar, Staff, SupportLevel
from domain.sla.admin import (
    CalendarInput,
    add_calendar_holiday,
    remove_calendar_holiday,
    save_business_calendar,
)
from tests.own_database import demo_database
from tests.sla_support import bogota, open_ticket_at

FRIDAY_EVENING = bogota(2026, 11, 20, 17, 30)
MONDAY = date(2026, 11, 23)


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


@pytest.fixture(autouse=True)
def real_clock_afterwards() -> Iterator[None]:
    yield
    clock.reset()


async def _admin() -> Viewer:
    return await viewer_for_staff(await Staff.get(email="admin@mesa.example"))


async def _save_hours(calendar: BusinessCalendar, opens: time) -> None:
    await save_business_calendar(
        viewer=await _admin(),
        data=CalendarInput(
            name=calendar.name,
            timezone=calendar.timezone,
            weekly_hours={day: [(opens, time(18, 0))] for day in range(5)},
            holiday_country=calendar.holiday_country,
            calendar_id=calendar.id,
        ),
    )


async def test_the_next_ticket_counts_on_the_calendar_as_just_edited(database: str) -> None:
    # Given Nivel 1's calendar (Monday to Friday 08:00-18:00 in Bogotá) and a MEDIUM ticket
    # opened on Friday at 17:30: expected three business hours later, Monday at 10:30
    level = await SupportLevel.get(code="N1")
    assert level.calendar_id is not None
    calendar = await BusinessCalendar.get(id=level.calendar_id)
    first = await open_ticket_at(FRIDAY_EVENING, "backup_restore")
    assert first.first_response_expected_at == bogota(2026, 11, 23, 10, 30)

    # When an admin closes that Monday, the next ticket skips it
    await add_calendar_holiday(viewer=await _admin(), calendar_id=calendar.id, day=MONDAY, name="X")
    after_holiday = await open_ticket_at(FRIDAY_EVENING, "backup_restore")
    assert after_holiday.first_response_expected_at == bogota(2026, 11, 24, 10, 30)

    # When the admin opens at 09:00 instead of 08:00, the next ticket counts from 09:00
    await _save_hours(calendar, time(9, 0))
    later_hours = await open_ticket_at(FRIDAY_EVENING, "backup_restore")
    assert later_hours.first_response_expected_at == bogota(2026, 11, 24, 11, 30)

    # When the holiday is removed and the hours put back, the next ticket is as the first
    await remove_calendar_holiday(viewer=await _admin(), calendar_id=calendar.id, day=MONDAY)
    await _save_hours(calendar, time(8, 0))
    again = await open_ticket_at(FRIDAY_EVENING, "backup_restore")
    assert again.first_response_expected_at == bogota(2026, 11, 23, 10, 30)
