"""The authorization matrix's rows for the SLA engine: calendars, targets and the report."""

from __future__ import annotations

from datetime import date
from typing import Any

from api.core.ids import encode_id
from domain.models import BusinessCalendar, CalendarHoliday
from tests.matrix_rows import ADMIN, STAFF, Case, R, fixed, found, n3_level, nothing
from tests.matrix_world import unique

SLA_ROWS: dict[str, list[Case]] = {
    "businessCalendars": [
        Case("{ businessCalendars { id } }", STAFF, nothing, found(lambda d: True))
    ],
    "slaReport": [
        Case(
            "query($f: DateTime!, $t: DateTime!) "
            "{ slaReport(from: $f, to: $t) { rows { tickets } } }",
            frozenset({"supervisor", "admin"}),
            fixed(f="2026-01-01T00:00:00+00:00", t="2026-12-31T00:00:00+00:00"),
            found(lambda d: True),
        )
    ],
    "setSlaTarget": [
        Case(
            "mutation($l: ID!) { setSlaTarget(input: {supportLevelId: $l, impact: MEDIUM, "
            "clock: ALWAYS, firstResponseExpectedMinutes: 60, "
            f"firstResponseDueMinutes: 60}}) {R} }}",
            ADMIN,
            lambda w: n3_level(),
        )
    ],
    "saveBusinessCalendar": [
        Case(
            "mutation($n: String!) { saveBusinessCalendar(input: {name: $n, timezone: "
            '"America/Bogota", weeklyHours: [{weekday: 0, start: "08:00", end: "18:00"}]}) '
            f"{R} }}",
            ADMIN,
            lambda w: _calendar_name(),
        )
    ],
    "addCalendarHoliday": [
        Case(
            'mutation($c: ID!) { addCalendarHoliday(calendarId: $c, date: "2026-12-24", '
            f'name: "Nochebuena") {R} }}',
            ADMIN,
            lambda w: _throwaway_calendar(),
        )
    ],
    "removeCalendarHoliday": [
        Case(
            "mutation($c: ID!) { removeCalendarHoliday(calendarId: $c, "
            f'date: "2026-12-24") {R} }}',
            ADMIN,
            lambda w: _throwaway_calendar(holiday=True),
        )
    ],
}


async def _calendar_name() -> dict[str, Any]:
    return {"n": unique("Calendario ")}


async def _throwaway_calendar(*, holiday: bool = False) -> dict[str, Any]:
    calendar = await BusinessCalendar.create(
        name=unique("Calendario "), timezone="America/Bogota", weekly_hours={}
    )
    if holiday:
        await CalendarHoliday.create(calendar=calendar, date=date(2026, 12, 24), name="Nochebuena")
    return {"c": encode_id("BusinessCalendar", calendar.id)}
