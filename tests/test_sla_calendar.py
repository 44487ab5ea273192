"""BusinessCalendar: properties over generated calendars, and exact Bogotá timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.sla.calendar import BusinessCalendar

BOGOTA = ZoneInfo("America/Bogota")
WEEKDAYS_8_TO_18 = {day: [(time(8), time(18))] for day in range(5)}
ZONES = ["UTC", "America/Bogota", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe"]
TINY = timedelta(microseconds=1)


@st.composite
def day_windows(draw: st.DrawFn) -> list[tuple[time, time]]:
    """Zero to three ordered, non-overlapping windows at quarter-hour steps (96 = midnight)."""
    marks = sorted(draw(st.sets(st.integers(0, 96), min_size=0, max_size=6)))
    if len(marks) % 2:
        marks = marks[:-1]
    windows = []
    for start, end in zip(marks[::2], marks[1::2], strict=True):
        end_time = time(0) if end == 96 else time(end // 4, end % 4 * 15)
        windows.append((time(start // 4, start % 4 * 15), end_time))
    return windows


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    weekly = {day: draw(day_windows()) for day in range(7)}
    if not any(weekly.values()):
        weekly[draw(st.integers(0, 6))] = [(time(9), time(17))]
    holidays = draw(st.sets(st.dates(date(2026, 1, 1), date(2027, 12, 31)), max_size=20))
    return BusinessCalendar(draw(st.sampled_from(ZONES)), weekly, holidays)


moments = st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC))
durations = st.integers(0, 5 * 24 * 60).map(lambda minutes: timedelta(minutes=minutes))
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None)


@PROPERTY_SETTINGS
@given(calendars(), moments, durations)
def test_business_time_between_undoes_add_business_time(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    end = calendar.add_business_time(start, duration)

    assert calendar.business_time_between(start, end) == duration


@PROPERTY_SETTINGS
@given(calendars(), moments, durations, durations)
def test_add_business_time_is_monotonic_in_the_duration(
    calendar: BusinessCalendar, start: datetime, first: timedelta, second: timedelta
) -> None:
    shorter, longer = sorted((first, second))

    assert calendar.add_business_time(start, shorter) <= calendar.add_business_time(start, longer)


@PROPERTY_SETTINGS
@given(calendars(), moments, durations.filter(lambda d: d > timedelta(0)))
def test_a_positive_duration_ends_inside_a_business_window(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    end = calendar.add_business_time(start, duration)

    # The last instant of business time consumed lies just before the end.
    assert end.tzinfo is UTC
    assert calendar.is_open(end - TINY)


def bogota(*args: int) -> datetime:
    return datetime(*args, tzinfo=BOGOTA)


def test_friday_evening_runs_into_monday_morning() -> None:
    # given weekdays 08-18 in Bogotá with no holiday
    calendar = BusinessCalendar("America/Bogota", WEEKDAYS_8_TO_18)
    friday = bogota(2026, 11, 20, 17, 30)

    # then 3 h and 5 h of business time end on Monday at 10:30 and 12:30
    assert calendar.add_business_time(friday, timedelta(hours=3)) == bogota(2026, 11, 23, 10, 30)
    assert calendar.add_business_time(friday, timedelta(hours=5)) == bogota(2026, 11, 23, 12, 30)


def test_a_colombian_holiday_monday_moves_the_deadline_a_day() -> None:
    # given the Colombian calendar: Monday 2026-11-16 is a public holiday
    calendar = BusinessCalendar.with_public_holidays("America/Bogota", WEEKDAYS_8_TO_18)
    friday = bogota(2026, 11, 13, 17, 30)

    # then the deadlines land on Tuesday
    assert date(2026, 11, 16) in calendar.holidays
    assert calendar.add_business_time(friday, timedelta(hours=3)) == bogota(2026, 11, 17, 10, 30)
    assert calendar.add_business_time(friday, timedelta(hours=5)) == bogota(2026, 11, 17, 12, 30)
    assert calendar.business_time_between(friday, bogota(2026, 11, 17, 8)) == timedelta(minutes=30)


def test_custom_holidays_add_to_the_country_ones() -> None:
    calendar = BusinessCalendar.with_public_holidays(
        "America/Bogota", WEEKDAYS_8_TO_18, extra_holidays=[date(2026, 11, 17)]
    )

    end = calendar.add_business_time(bogota(2026, 11, 13, 17, 30), timedelta(hours=3))

    assert end == bogota(2026, 11, 18, 10, 30)


def test_around_the_clock_is_plain_time() -> None:
    calendar = BusinessCalendar.around_the_clock("America/Bogota")
    sunday = bogota(2026, 11, 22, 3, 0)

    assert calendar.add_business_time(sunday, timedelta(hours=1)) == bogota(2026, 11, 22, 4, 0)
    assert calendar.is_open(sunday)


def test_several_windows_a_day_skip_the_lunch_break() -> None:
    calendar = BusinessCalendar("UTC", {0: [(time(14), time(18)), (time(8), time(12))]})
    monday = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)

    assert calendar.add_business_time(monday, timedelta(hours=2)) == monday.replace(hour=15)
    assert calendar.business_time_between(monday, monday.replace(hour=15)) == timedelta(hours=2)
    assert not calendar.is_open(monday.replace(hour=13))


def test_a_window_ending_at_midnight_runs_to_the_end_of_the_day() -> None:
    calendar = BusinessCalendar("UTC", {0: [(time(22), time(0))], 1: [(time(0), time(1))]})
    monday_late = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)

    end = calendar.add_business_time(monday_late, timedelta(hours=1))

    assert end == datetime(2026, 11, 24, 0, 30, tzinfo=UTC)
    assert calendar.is_open(datetime(2026, 11, 23, 23, 59, tzinfo=UTC))


def test_daylight_saving_spring_forward_shortens_the_night_not_the_window() -> None:
    # given a New York calendar 00:00-04:00 on Sunday 2026-03-08, when 02:00 jumps to 03:00
    calendar = BusinessCalendar("America/New_York", {6: [(time(0), time(4))]})
    start = datetime(2026, 3, 8, 0, 0, tzinfo=ZoneInfo("America/New_York"))

    # then that window holds 3 real hours
    end = start + timedelta(days=1)
    assert calendar.business_time_between(start, end) == timedelta(hours=3)


def test_daylight_saving_keeps_local_opening_hours() -> None:
    # given Berlin 09-17: 09:00 is 08:00 UTC in winter and 07:00 UTC in summer
    calendar = BusinessCalendar("Europe/Berlin", {day: [(time(9), time(17))] for day in range(5)})
    friday_before_switch = datetime(2026, 3, 27, 15, 0, tzinfo=UTC)  # 16:00 local

    end = calendar.add_business_time(friday_before_switch, timedelta(hours=2))

    assert end == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)  # Monday 10:00 CEST


def test_naive_datetimes_and_overlapping_windows_are_refused() -> None:
    calendar = BusinessCalendar("UTC", WEEKDAYS_8_TO_18)
    with pytest.raises(ValueError, match="timezone-aware"):
        calendar.add_business_time(datetime(2026, 1, 1), timedelta(hours=1))
    with pytest.raises(ValueError, match="overlap"):
        BusinessCalendar("UTC", {0: [(time(8), time(12)), (time(11), time(14))]})


KEPT = BusinessCalendar.with_public_holidays("America/Bogota", WEEKDAYS_8_TO_18)


@PROPERTY_SETTINGS
@given(moments, durations)
def test_a_kept_calendar_answers_as_a_new_one(start: datetime, duration: timedelta) -> None:
    # Given one calendar asked again and again (as the deadlines of every ticket ask it)
    fresh = BusinessCalendar.with_public_holidays("America/Bogota", WEEKDAYS_8_TO_18)
    # When it computes a deadline and whether a moment is open
    # Then it answers as a calendar asked for the first time
    assert KEPT.add_business_time(start, duration) == fresh.add_business_time(start, duration)
    assert KEPT.is_open(start) == fresh.is_open(start)


def test_a_calendar_keeps_a_bounded_number_of_days() -> None:
    from domain.sla import calendar

    kept = BusinessCalendar("Europe/Berlin", WEEKDAYS_8_TO_18)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for offset in range(calendar.DAYS_KEPT + 500):  # past the bound: the days are dropped
        moment = start + timedelta(days=offset, hours=9)
        assert kept.is_open(moment) == BusinessCalendar("Europe/Berlin", WEEKDAYS_8_TO_18).is_open(
            moment
        )
        assert len(kept._days) <= calendar.DAYS_KEPT
