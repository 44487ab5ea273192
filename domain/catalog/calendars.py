"""Stored business calendars, read in one statement and built once per content.

A calendar is read with its holidays on every use (one statement, joined), and the built
`BusinessCalendar` is cached by what was read: an edit of the hours, the timezone, the
country or a holiday is a different key, so every process sees it on its next read and no
invalidation message is needed. What the cache saves is the building (expanding the country's
public holidays, converting the weekly hours), never the read.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from tortoise.connection import get_connection

from domain.catalog.cache import cached
from domain.sla.calendar import BusinessCalendar, country_holiday_dates

HOLIDAY_YEARS = tuple(range(2020, 2041))
CACHED_CALENDARS = 64


@dataclass(frozen=True)
class StoredCalendar:
    """A calendar row and its holidays as read, hashable: the key of the built calendar."""

    timezone: str
    weekly_hours: str  # the stored JSON, keys sorted
    holiday_country: str | None
    holidays: tuple[date, ...]

    def built(self) -> BusinessCalendar:
        """The calendar (cached per content: see the module's docstring)."""
        return _build(self)


@dataclass(frozen=True)
class LevelCalendar:
    """A support level's code and its stored calendar (None: the level has none)."""

    level_id: int
    level_code: str
    calendar: StoredCalendar | None


@functools.lru_cache(maxsize=CACHED_CALENDARS)
def _build(stored: StoredCalendar) -> BusinessCalendar:
    raw: dict[str, list[list[str]]] = json.loads(stored.weekly_hours)
    weekly = {
        int(day): [(time.fromisoformat(start), time.fromisoformat(end)) for start, end in spans]
        for day, spans in raw.items()
    }
    days = set(stored.holidays)
    if stored.holiday_country:
        days |= country_holiday_dates(stored.holiday_country, HOLIDAY_YEARS)
    return BusinessCalendar(stored.timezone, weekly, days)


def _json_text(value: Any) -> str:
    loaded = json.loads(value) if isinstance(value, str) else value
    return json.dumps(loaded, sort_keys=True)


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _stored(rows: list[dict[str, Any]]) -> StoredCalendar | None:
    first = rows[0]
    if first["timezone"] is None:
        return None
    return StoredCalendar(
        timezone=first["timezone"],
        weekly_hours=_json_text(first["weekly_hours"]),
        holiday_country=first["holiday_country"],
        holidays=tuple(sorted(_date(row["holiday"]) for row in rows if row["holiday"])),
    )


# The calendar's columns and the join that brings its holidays (one row per holiday).
_CALENDAR = "c.timezone, c.weekly_hours, c.holiday_country, h.date AS holiday"
_HOLIDAYS = "LEFT JOIN calendar_holiday h ON h.calendar_id = c.id"


async def stored_calendar(calendar_id: int) -> StoredCalendar | None:
    """The calendar with its holidays, in one statement (None: no such calendar)."""
    rows = await get_connection("default").execute_query_dict(
        f"SELECT {_CALENDAR} FROM business_calendar c {_HOLIDAYS} WHERE c.id = {int(calendar_id)}"
    )
    return _stored(rows) if rows else None


async def level_calendar(level_id: int) -> LevelCalendar | None:
    """A support level with its calendar and the calendar's holidays, in one statement."""
    return await cached("level_calendar", level_id, lambda: _level_calendar(level_id))


async def _level_calendar(level_id: int) -> LevelCalendar | None:
    rows = await get_connection("default").execute_query_dict(
        f"SELECT l.id AS level_id, l.code AS level_code, {_CALENDAR} FROM support_level l "
        f"LEFT JOIN business_calendar c ON c.id = l.calendar_id {_HOLIDAYS} "
        f"WHERE l.id = {int(level_id)}"
    )
    if not rows:
        return None
    first = rows[0]
    return LevelCalendar(int(first["level_id"]), str(first["level_code"]), _stored(rows))
