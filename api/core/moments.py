"""Moments written as their ISO 8601 text (`datetime.isoformat()`), by orjson where orjson
writes exactly that: an aware datetime whose offset is in whole minutes (every stored one
is at UTC). orjson leaves an offset's seconds out, which isoformat() keeps (a local mean
time's `+00:21:24`), so those are isoformat()'s. Each DateTime of a response and each
cursor of a page is written this way, in about half the time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from operator import attrgetter, methodcaller
from typing import Any
from zoneinfo import ZoneInfo

import orjson


def whole_minutes(offset: timedelta | None) -> bool:
    """Whether orjson writes a datetime of this offset as its isoformat() does."""
    return offset is not None and not offset.microseconds and not offset.seconds % 60


def _writes_isoformat(coerce: Callable[[Any], Any]) -> bool:
    """Whether `coerce` is `methodcaller("isoformat")` (Strawberry's DateTime, Date, Time)."""
    return isinstance(coerce, methodcaller) and coerce.__reduce__()[1:] == (("isoformat",),)


_zone = attrgetter("tzinfo")


def _fixed_whole_minutes(zone: Any) -> bool:
    """A zone whose every offset is one, in whole minutes: a fixed offset, or the IANA UTC
    (Tortoise's zone, which is not always the one instance `ZoneInfo("UTC")` caches)."""
    if type(zone) is timezone:
        return whole_minutes(zone.utcoffset(None))
    return (
        isinstance(zone, ZoneInfo)  # Tortoise's is a subclass, with pytz's `zone` name
        and type(zone).utcoffset is ZoneInfo.utcoffset
        and zone.key in ("UTC", "Etc/UTC")
    )


def iso_list_writer(coerce: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any] | None] | None:
    """For a scalar written by `methodcaller("isoformat")`, a writer of a whole list of
    values at once (a thread's or a page's moments): when every value is a datetime in a
    zone of one offset in whole minutes (Mesa's are at UTC), orjson writes them all and
    reads back the texts, which are each value's isoformat() (see the module); None, for
    the values to be written one by one, otherwise."""
    if not _writes_isoformat(coerce):
        return None

    def write_all(values: list[Any]) -> list[Any] | None:
        if not values:
            return []
        if set(map(type, values)) != {datetime}:
            return None
        if not all(map(_fixed_whole_minutes, set(map(_zone, values)))):
            return None
        written: list[Any] = orjson.loads(orjson.dumps(values))
        return written

    return write_all


def iso_writer(coerce: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`coerce` (a scalar's serializer); when it is `methodcaller("isoformat")` (Strawberry's
    DateTime, Date and Time), one writing datetimes by orjson first (see the module)."""
    if not _writes_isoformat(coerce):
        return coerce

    def isoformat(value: Any) -> Any:
        if type(value) is datetime and whole_minutes(value.utcoffset()):
            return orjson.dumps(value)[1:-1].decode()
        return coerce(value)

    return isoformat
