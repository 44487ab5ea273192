"""The catalogue as code: a TOML file of business calendars, support levels, departments,
categories and custom fields, read into plain values with every problem found at once, each
with its line."""

from __future__ import annotations

import re
import tomllib
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as public_holidays

from domain.catalog.config_fields import custom_field
from domain.catalog.config_lines import PathPart
from domain.catalog.config_reader import Reader
from domain.catalog.config_specs import (
    CalendarSpec,
    Catalogue,
    CategorySpec,
    ConfigInvalid,
    DepartmentSpec,
    LevelSpec,
    Problem,
    TargetSpec,
)
from domain.models import Channel, ChannelCondition, Impact, SlaClock
from domain.sla.calendar import BusinessCalendar

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WINDOW = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_DURATION = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def parse_catalogue(text: str) -> Catalogue:
    """The catalogue a TOML text describes, or ConfigInvalid naming every problem and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise ConfigInvalid([Problem(int(match.group(1)) if match else 1, str(error))]) from None
    reader = Reader(text)
    reader.table(
        data, (), {"calendars", "support_levels", "departments", "categories", "custom_fields"}
    )
    calendars = [_calendar(reader, path, item) for path, item in reader.entries(data, "calendars")]
    departments = [
        _department(reader, path, item) for path, item in reader.entries(data, "departments")
    ]
    categories = [
        _category(reader, path, item) for path, item in reader.entries(data, "categories")
    ]
    levels = [_level(reader, path, item) for path, item in reader.entries(data, "support_levels")]
    fields = [
        custom_field(reader, path, item) for path, item in reader.entries(data, "custom_fields")
    ]
    catalogue = Catalogue(calendars, levels, departments, categories, fields)
    _cross_check(reader, catalogue)
    if reader.problems:
        raise ConfigInvalid(reader.problems)
    return catalogue


def _calendar(reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any]) -> CalendarSpec:
    reader.table(item, path, {"name", "timezone", "hours", "holiday_country", "extra_holidays"})
    name = reader.text(item, path, "name")
    timezone = reader.text(item, path, "timezone", limit=64)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        if timezone:
            reader.fail((*path, "timezone"), f"unknown time zone `{timezone}`")
        timezone = ""
    hours = _hours(reader, (*path, "hours"), item.get("hours"))
    if timezone and hours:
        try:
            BusinessCalendar(
                timezone,
                {
                    int(day): [(time.fromisoformat(a), time.fromisoformat(b)) for a, b in windows]
                    for day, windows in hours.items()
                },
            )
        except ValueError as error:
            reader.fail((*path, "hours"), f"invalid opening hours: {error}")
    country = item.get("holiday_country")
    if country is not None and country not in public_holidays.list_supported_countries():
        reader.fail((*path, "holiday_country"), f"unknown holiday country `{country}`")
    return CalendarSpec(
        name=name,
        timezone=timezone,
        weekly_hours=hours,
        holiday_country=country if isinstance(country, str) else None,
        extra_holidays=_extra_holidays(reader, (*path, "extra_holidays"), item),
    )


def _hours(reader: Reader, path: tuple[PathPart, ...], value: object) -> dict[str, list[list[str]]]:
    if not isinstance(value, dict) or not value:
        reader.fail(path, '`hours` must list opening windows, e.g. monday = ["08:00-18:00"]')
        return {}
    hours: dict[str, list[list[str]]] = {}
    for day, windows in value.items():
        if day not in WEEKDAYS:
            reader.fail((*path, day), f"unknown weekday `{day}` (use {', '.join(WEEKDAYS)})")
            continue
        if isinstance(windows, str):
            windows = [windows]
        parsed = [_WINDOW.match(w) if isinstance(w, str) else None for w in windows]
        if not isinstance(windows, list) or not all(parsed):
            reader.fail((*path, day), f'`{day}` must be windows like "08:00-18:00"')
            continue
        try:
            hours[str(WEEKDAYS.index(day))] = sorted(
                [
                    time(int(m[1]), int(m[2])).isoformat("minutes"),
                    time(int(m[3]), int(m[4])).isoformat("minutes"),
                ]
                for m in parsed
                if m
            )
        except ValueError:
            reader.fail((*path, day), f"`{day}` has a time that does not exist")
    return dict(sorted(hours.items()))


def _extra_holidays(
    reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any]
) -> dict[date, str] | None:
    if "extra_holidays" not in item:
        return None
    days: dict[date, str] = {}
    value = item["extra_holidays"]
    for entry in value if isinstance(value, list) else [None]:
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("date"), date)
            or not isinstance(entry.get("name", ""), str)
        ):
            reader.fail(path, 'each extra holiday is { date = 2026-12-24, name = "..." }')
            continue
        days[entry["date"]] = str(entry.get("name", "")).strip()[:100]
    return days


def _level(reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any]) -> LevelSpec:
    reader.table(
        item,
        path,
        {
            "code",
            "name",
            "rank",
            "description",
            "calendar",
            "monthly_price",
            "currency",
            "channels",
            "targets",
            "active",
        },
    )
    code = _code(reader, path, item)
    rank = item.get("rank", 1)
    if not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= 1000:
        reader.fail((*path, "rank"), "`rank` must be a whole number from 1 to 1000")
        rank = 1
    price, currency = _price(reader, path, item)
    channels: dict[str, str] = {}
    raw_channels = item.get("channels")
    if not isinstance(raw_channels, dict) or not raw_channels:
        reader.fail(
            (*path, "channels"),
            "`channels` must map channels to conditions, e.g. "
            '{ WEB = "ALWAYS", PHONE = "BUSINESS_HOURS" }',
        )
        raw_channels = {}
    for channel, condition in raw_channels.items():
        known = reader.choice(channel, (*path, "channels", channel), "channel", Channel)
        rule = reader.choice(
            condition, (*path, "channels", channel), "channel condition", ChannelCondition
        )
        if known is not None and rule is not None:
            channels[known.value] = rule.value
    description = item.get("description", "")
    if not isinstance(description, str) or len(description) > 2000:
        reader.fail(
            (*path, "description"), "`description` must be a text of at most 2000 characters"
        )
        description = ""
    return LevelSpec(
        code=code,
        name=reader.text(item, path, "name"),
        rank=rank,
        description=description.strip(),
        calendar=reader.text(item, path, "calendar", required=False) or None,
        monthly_price=price,
        currency=currency,
        channels=list(channels),
        channel_conditions={c: r for c, r in channels.items() if r != ChannelCondition.ALWAYS},
        targets=_targets(reader, (*path, "targets"), item.get("targets")),
        active=reader.flag(item, path, "active"),
    )


def _code(reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any]) -> str:
    code = reader.text(item, path, "code", limit=32)
    if code and not _CODE.match(code):
        reader.fail((*path, "code"), "`code` may hold letters, digits, `_` and `-` only")
    return code


def _price(
    reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any]
) -> tuple[Decimal | None, str | None]:
    raw_price, currency = item.get("monthly_price"), item.get("currency")
    if raw_price is None and currency is None:
        return None, None
    price: Decimal | None = None
    try:
        if isinstance(raw_price, bool):
            raise InvalidOperation
        price = Decimal(str(raw_price)).quantize(Decimal("0.01"))
        if price < 0 or price >= Decimal("1e12"):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        reader.fail((*path, "monthly_price"), "`monthly_price` must be an amount, e.g. 120900")
    if not isinstance(currency, str) or not _CURRENCY.match(currency):
        reader.fail((*path, "currency"), '`currency` must be an ISO 4217 code, e.g. "COP"')
        currency = None
    return price, currency


def _targets(reader: Reader, path: tuple[PathPart, ...], value: object) -> list[TargetSpec]:
    if value is None:
        return []
    if not isinstance(value, dict):
        reader.fail(path, '`targets` maps impacts to { clock, first_response = "3h..5h" }')
        return []
    targets = []
    for impact_name, target in value.items():
        where = (*path, impact_name)
        impact = reader.choice(impact_name, where, "impact", Impact)
        if not isinstance(target, dict):
            reader.fail(
                where, 'a target is { clock = "BUSINESS_HOURS", first_response = "3h..5h" }'
            )
            continue
        reader.table(target, where, {"clock", "first_response", "resolution"})
        clock = reader.choice(target.get("clock", "ALWAYS"), (*where, "clock"), "clock", SlaClock)
        expected, due = _range(reader, (*where, "first_response"), target.get("first_response"))
        resolution = None
        if "resolution" in target:
            _, resolution = _range(reader, (*where, "resolution"), target["resolution"])
            if resolution is not None and due is not None and resolution < due:
                reader.fail(
                    (*where, "resolution"), "the resolution cannot be due before the first response"
                )
        if impact is not None and clock is not None and expected is not None and due:
            targets.append(TargetSpec(impact, clock, expected, due, resolution))
    return targets


def _range(
    reader: Reader, path: tuple[PathPart, ...], value: object
) -> tuple[int | None, int | None]:
    """ "3h..5h" (expected..due) or "1h" (both) as minutes."""
    text = value if isinstance(value, str) else ""
    low, _, high = text.partition("..")
    expected, due = _minutes(low), _minutes(high or low)
    if expected is None or due is None:
        reader.fail(path, f'`{path[-1]}` must be a range like "3h..5h" or "30m", not {value!r}')
        return None, None
    if expected > due:
        reader.fail(
            path, f"the expected time ({low.strip()}) is after the due time ({high.strip()})"
        )
        return None, None
    return expected, due


def _minutes(text: str) -> int | None:
    match = _DURATION.match(text.strip())
    if not text.strip() or match is None:
        return None
    minutes = int(match[1] or 0) * 60 + int(match[2] or 0)
    return minutes if 0 < minutes <= 60 * 24 * 365 else None


def _department(reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any]) -> DepartmentSpec:
    reader.table(item, path, {"code", "name", "name_es", "active"})
    return DepartmentSpec(
        code=_code(reader, path, item).upper(),
        name=reader.text(item, path, "name"),
        name_es=reader.text(item, path, "name_es"),
        active=reader.flag(item, path, "active"),
    )


def _category(reader: Reader, path: tuple[PathPart, ...], item: dict[str, Any]) -> CategorySpec:
    reader.table(item, path, {"code", "department", "name", "name_es", "default_impact", "active"})
    impact = reader.choice(item.get("default_impact"), (*path, "default_impact"), "impact", Impact)
    return CategorySpec(
        code=_code(reader, path, item),
        department=reader.text(item, path, "department", limit=32).upper(),
        name=reader.text(item, path, "name"),
        name_es=reader.text(item, path, "name_es"),
        default_impact=impact or Impact.LOW,
        active=reader.flag(item, path, "active"),
    )


def _cross_check(reader: Reader, catalogue: Catalogue) -> None:
    """Names that must exist in the file (or, for departments, in the file)."""
    calendars = {c.name for c in catalogue.calendars}
    departments = {d.code for d in catalogue.departments}
    for kind, keys in (
        ("calendars", [c.name for c in catalogue.calendars]),
        ("support_levels", [lv.code for lv in catalogue.support_levels]),
        ("departments", [d.code for d in catalogue.departments]),
        ("categories", [c.code for c in catalogue.categories]),
        ("custom_fields", [f.key for f in catalogue.custom_fields]),
    ):
        seen: set[str] = set()
        for index, key in enumerate(keys):
            if key and key in seen:
                reader.fail((kind, index), f"`{key}` appears twice in [[{kind}]]")
            seen.add(key)
    for index, level in enumerate(catalogue.support_levels):
        path: tuple[PathPart, ...] = ("support_levels", index)
        if level.calendar is not None and level.calendar not in calendars:
            reader.fail(
                (*path, "calendar"),
                f"unknown calendar `{level.calendar}` (declare it in [[calendars]])",
            )
        if level.calendar is None and any(
            t.clock is SlaClock.BUSINESS_HOURS for t in level.targets
        ):
            reader.fail((*path, "targets"), "business-hours targets need a `calendar`")
    for index, category in enumerate(catalogue.categories):
        if category.department and category.department not in departments:
            reader.fail(
                ("categories", index, "department"),
                f"unknown department `{category.department}` (declare it in [[departments]])",
            )
    categories = {c.code for c in catalogue.categories}
    for index, spec in enumerate(catalogue.custom_fields):
        where: tuple[PathPart, ...] = ("custom_fields", index)
        if spec.department and spec.department not in departments:
            reader.fail(
                (*where, "department"),
                f"unknown department `{spec.department}` (declare it in [[departments]])",
            )
        if spec.category and spec.category not in categories:
            reader.fail(
                (*where, "category"),
                f"unknown category `{spec.category}` (declare it in [[categories]])",
            )
