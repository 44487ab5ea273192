"""Business-time arithmetic over opening hours and holidays: pure, no I/O.

Every datetime in is timezone-aware; every datetime out is aware and in UTC. Opening windows
are local wall-clock times of the calendar's timezone, converted day by day, so daylight-saving
changes and holidays fall where they really are. A window ending at 00:00 runs to midnight.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays as public_holidays

WeeklyHours = Mapping[int, Sequence[tuple[time, time]]]

# A calendar with no opening hour for this long is broken, not merely closed for a while.
MAX_CLOSED_DAYS = 3660
ZERO = timedelta(0)
DAYS_KEPT = 4096  # a calendar's days with their windows worked out (about 11 years)


@functools.cache
def country_holiday_dates(country: str, years: tuple[int, ...]) -> frozenset[date]:
    """A country's public holidays in those years (cached: the package is slow to expand)."""
    return frozenset(public_holidays.country_holidays(country, years=years).keys())


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("business-time arithmetic needs timezone-aware datetimes")


class BusinessCalendar:
    """Opening hours of a support team in one timezone, minus its holidays."""

    def __init__(
        self,
        timezone: str,
        weekly_hours: WeeklyHours,
        holidays: Iterable[date] = (),
        *,
        always_open: bool = False,
    ) -> None:
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)
        self.weekly_hours: dict[int, tuple[tuple[time, time], ...]] = {
            day: tuple(sorted(windows)) for day, windows in weekly_hours.items() if windows
        }
        for day, windows in self.weekly_hours.items():
            if not 0 <= day <= 6:
                raise ValueError(f"weekday {day} is not between 0 (Monday) and 6 (Sunday)")
            previous_end: time | None = None
            for start, end in windows:
                if end != time(0) and end <= start:
                    raise ValueError(f"window {start}-{end} ends before it starts")
                # Overlapping windows would count the shared time twice.
                if previous_end is not None and (previous_end == time(0) or start < previous_end):
                    raise ValueError(f"windows on weekday {day} overlap")
                previous_end = end
        self.holidays = frozenset(holidays)
        self.always_open = always_open
        # Each day's windows, as `_windows_on` works them out: a calendar is kept and asked
        # about the same few days by every ticket (its deadlines, is_open).
        self._days: dict[date, tuple[tuple[datetime, datetime], ...]] = {}
        if not always_open and not self.weekly_hours:
            raise ValueError("a business calendar needs at least one opening window")

    @classmethod
    def around_the_clock(cls, timezone: str = "UTC") -> BusinessCalendar:
        """24/7: business time is plain elapsed time."""
        return cls(timezone, {}, always_open=True)

    @classmethod
    def with_public_holidays(
        cls,
        timezone: str,
        weekly_hours: WeeklyHours,
        *,
        country: str = "CO",
        years: Iterable[int] | None = None,
        extra_holidays: Iterable[date] = (),
    ) -> BusinessCalendar:
        """A calendar closed on a country's public holidays (Colombia by default) and on
        custom dates."""
        span = tuple(years) if years is not None else tuple(range(2020, 2041))
        return cls(timezone, weekly_hours, {*country_holiday_dates(country, span), *extra_holidays})

    def _windows_on(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """The day's opening windows as UTC instants (empty on holidays)."""
        found = self._days.get(day)
        if found is None:
            if len(self._days) >= DAYS_KEPT:
                self._days.clear()
            found = self._days[day] = tuple(self._windows_worked_out(day))
        return found

    def _windows_worked_out(self, day: date) -> list[tuple[datetime, datetime]]:
        if day in self.holidays:
            return []
        result = []
        for start, end in self.weekly_hours.get(day.weekday(), ()):
            local_start = datetime.combine(day, start, tzinfo=self.zone)
            end_day = day + timedelta(days=1) if end == time(0) else day
            local_end = datetime.combine(end_day, end, tzinfo=self.zone)
            utc_start, utc_end = local_start.astimezone(UTC), local_end.astimezone(UTC)
            if utc_end > utc_start:
                result.append((utc_start, utc_end))
        return result

    def _windows_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Opening windows, in order, that end after `moment` (the first may contain it)."""
        day = moment.astimezone(self.zone).date() - timedelta(days=1)
        closed_days = 0
        while closed_days <= MAX_CLOSED_DAYS:
            windows = [w for w in self._windows_on(day) if w[1] > moment]
            closed_days = 0 if windows else closed_days + 1
            yield from windows
            day += timedelta(days=1)
        raise ValueError(f"the calendar stays closed for {MAX_CLOSED_DAYS} days")

    def is_open(self, moment: datetime) -> bool:
        _require_aware(moment)
        if self.always_open:
            return True
        moment = moment.astimezone(UTC)
        day = moment.astimezone(self.zone).date()
        return any(
            start <= moment < end
            for d in (day - timedelta(days=1), day)
            for start, end in self._windows_on(d)
        )

    def add_business_time(self, start: datetime, duration: timedelta) -> datetime:
        """The moment `duration` of business time after `start`."""
        _require_aware(start)
        start = start.astimezone(UTC)
        if duration < ZERO:
            raise ValueError("duration must not be negative")
        if self.always_open:
            return start + duration
        remaining = duration
        for window_start, window_end in self._windows_from(start):
            begin = max(window_start, start)
            available = window_end - begin
            if remaining <= available:
                return begin + remaining if remaining > ZERO or begin == start else begin
            remaining -= available
        raise AssertionError("unreachable: _windows_from raises when it runs out")

    def business_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Business time elapsed from `start` to `end` (negative if `end` is earlier)."""
        _require_aware(start)
        _require_aware(end)
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        if end < start:
            return -self.business_time_between(end, start)
        if self.always_open:
            return end - start
        total = ZERO
        for window_start, window_end in self._windows_from(start):
            if window_start >= end:
                break
            total += min(window_end, end) - max(window_start, start)
        return total
