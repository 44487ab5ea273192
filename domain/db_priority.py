"""Requests before background work, where one connection serves the whole process (SQLite).

An embedded install runs its workers (mail deliveries, SLA alerts, the scheduler's sweeps) in
the API's process, on the one SQLite connection Tortoise keeps for writing, whose lock every
write takes in turn (and every read of background work, though reads run on a connection of
their own, domain.sqlite_engine: so that background work reads after the requests too).
Under a burst of requests the background's statements took more of that lock than the
requests did (a new ticket's four staff alerts are about thirty statements of delivery
against its own fourteen), and the requests waited behind them. The lock here serves a
request's waiter before a background task's, unless the background one has waited
`BACKGROUND_MAX_WAIT` already: background work is delayed under load, never stopped, and
nothing it does is lost (its jobs stay in the outbox until done). A task is background inside
`background()` (the embedded workers' actors, the scheduler), and so are the tasks it starts.

The lock has asyncio.Lock's acquire, release and locked, and hands itself to the waiter it
chooses (no task can take it in between).

The writes in flight (`serving_write`: the API's mutations being executed) tell a unit of
work that ends whether others may come to commit with it (domain.sqlite_groups).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

BACKGROUND_MAX_WAIT = 0.1  # seconds a background waiter yields to requests, at most
REQUESTS_QUIET = 0.005  # seconds without a request at the lock before background may take it

_background: ContextVar[bool] = ContextVar("mesa_background_work", default=False)


@contextmanager
def background() -> Iterator[None]:
    """Mark the current task (and the tasks it starts) as background work."""
    token = _background.set(True)
    try:
        yield
    finally:
        _background.reset(token)


def is_background() -> bool:
    return _background.get()


_writes_in_flight = 0


@contextmanager
def serving_write() -> Iterator[None]:
    """A client's request that may write is being served (the API's mutations): while it
    is, a unit of work that ends may wait for its to commit with it (domain.sqlite_groups)."""
    global _writes_in_flight
    _writes_in_flight += 1
    try:
        yield
    finally:
        _writes_in_flight -= 1


def writes_in_flight() -> int:
    return _writes_in_flight


class PriorityLock:
    """A lock whose requests' waiters go before background waiters (see the module).

    A background waiter takes the lock when no request has used it for `quiet` seconds, or
    once it has waited `max_wait`: requests come in bursts of statements with a little work
    between them, and a background transaction taking the lock in such a gap would hold up
    the whole burst."""

    def __init__(
        self, max_wait: float = BACKGROUND_MAX_WAIT, quiet: float = REQUESTS_QUIET
    ) -> None:
        self._locked = False
        self._requests: deque[asyncio.Future[None]] = deque()
        self._background: deque[tuple[float, asyncio.Future[None]]] = deque()
        self._max_wait = max_wait
        self._quiet = quiet
        self._last_request = -float("inf")  # when a request last held the lock
        self._timer: asyncio.TimerHandle | None = None
        self._held_by_request = False

    def locked(self) -> bool:
        return self._locked

    def waiting(self) -> bool:
        """Whether any task waits for the lock."""
        return bool(self._requests or self._background)

    async def acquire(self) -> bool:
        in_background = _background.get()
        if not self._locked and (
            not in_background or (not self._background and self._background_may_go())
        ):
            self._take(in_background)
            return True
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        if in_background:
            self._background.append((time.monotonic(), waiter))
            if not self._locked:
                self._wake_later()
        else:
            self._requests.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # handed the lock just as it was cancelled: pass it on
            raise
        return True

    def release(self) -> None:
        if not self._locked:
            raise RuntimeError("Lock is not acquired.")
        if self._held_by_request:
            self._last_request = time.monotonic()
        self._locked = False
        self._hand_on()

    def _take(self, in_background: bool) -> None:
        self._locked = True
        self._held_by_request = not in_background

    def _background_may_go(self) -> bool:
        now = time.monotonic()
        if now - self._last_request >= self._quiet and not self._requests:
            return True
        return bool(self._background) and now - self._background[0][0] >= self._max_wait

    def _hand_on(self) -> None:
        """Give the free lock to the waiter whose turn it is, if any may have it now."""
        while True:
            if self._background and self._background_may_go():
                in_background, waiter = True, self._background.popleft()[1]
            elif self._requests:
                in_background, waiter = False, self._requests.popleft()
            else:
                break
            if not waiter.done():
                self._take(in_background)
                waiter.set_result(None)  # the lock passes to it, still locked
                return
        if self._background:
            self._wake_later()

    def _wake_later(self) -> None:
        """Look again once the quiet time or the oldest background wait has run out (on the
        waiters' loop: a release may come from anywhere)."""
        if self._timer is not None:
            self._timer.cancel()
        since, oldest = self._background[0]
        until = min(self._last_request + self._quiet, since + self._max_wait)
        delay = max(0.0, until - time.monotonic())
        self._timer = oldest.get_loop().call_later(delay, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        if not self._locked:
            self._hand_on()

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(self, *exc: Any) -> None:
        self.release()
