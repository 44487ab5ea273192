"""The one source of the current time, so tests and workers can agree on it.

`clock.set(moment)` freezes the time (tests, benchmarks), `clock.reset()` returns to the
system clock. Everything that reads the time calls `utcnow()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

# A moment held by one task (and the tasks it starts) only: see Clock.held.
_held: ContextVar[datetime | None] = ContextVar("held_moment", default=None)


class Clock:
    """The system clock, unless a fixed moment was set."""

    def __init__(self) -> None:
        self._fixed: datetime | None = None

    def now(self) -> datetime:
        if self._fixed is not None:
            return self._fixed
        held = _held.get()
        return held if held is not None else datetime.now(UTC)

    @contextmanager
    def held(self) -> Iterator[None]:
        """The current moment, kept for the code run inside (in this task and the tasks it
        starts), while time goes on for everyone else: what runs twice to compare its results
        (api.core.compiled's differential mode) sees the same time both times."""
        token = _held.set(self.now())
        try:
            yield
        finally:
            _held.reset(token)

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware moment")
        self._fixed = moment.astimezone(UTC)

    def reset(self) -> None:
        self._fixed = None


clock = Clock()


def utcnow() -> datetime:
    return clock.now()
