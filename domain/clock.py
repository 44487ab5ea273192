"""The one source of the current time, so tests and workers can agree on it.

`clock.set(moment)` freezes the time (tests, benchmarks), `clock.reset()` returns to the
system clock. Everything that reads the time calls `utcnow()`.
"""

from __future__ import annotations

from datetime import UTC, datetime


class Clock:
    """The system clock, unless a fixed moment was set."""

    def __init__(self) -> None:
        self._fixed: datetime | None = None

    def now(self) -> datetime:
        return self._fixed if self._fixed is not None else datetime.now(UTC)

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware moment")
        self._fixed = moment.astimezone(UTC)

    def reset(self) -> None:
        self._fixed = None


clock = Clock()


def utcnow() -> datetime:
    return clock.now()
