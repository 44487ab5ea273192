"""The process's fan-out of live events to its subscribers, each with a bounded queue."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from typing import Final

from domain.live.events import Live

logger = logging.getLogger(__name__)


class Overflow(Exception):
    """The subscriber fell too far behind: events were dropped, it must resume from the
    table."""


class Resync(Exception):
    """The process's feed was interrupted: events may have been missed, read the table."""


_OVERFLOW: Final = object()
_RESYNC: Final = object()


class Subscriber:
    """One subscription's queue. It never holds more than `maxsize` events: when a consumer
    stalls, the queue is emptied, the consumer gets `Overflow`, and `on_overflow` runs."""

    def __init__(
        self, topics: frozenset[str], maxsize: int, on_overflow: Callable[[], None] | None
    ) -> None:
        self.topics = topics
        self.maxsize = maxsize
        self.on_overflow = on_overflow
        self.overflowed = False
        self._queue: asyncio.Queue[object] = asyncio.Queue(maxsize + 1)

    def offer(self, event: Live) -> None:
        self._put(event)

    def resync(self) -> None:
        self._put(_RESYNC)

    def _put(self, item: object) -> None:
        if self.overflowed:
            return
        if self._queue.qsize() < self.maxsize:
            self._queue.put_nowait(item)
            return
        self.overflowed = True
        self.clear()
        self._queue.put_nowait(_OVERFLOW)
        if self.on_overflow is not None:
            # Out of the hub at once, even while its consumer is stuck in a send.
            self.on_overflow()

    async def get(self, within: float | None = None) -> Live | None:
        """The next event; None when `within` seconds pass first."""
        try:
            item = await asyncio.wait_for(self._queue.get(), within)
        except TimeoutError:
            return None
        if item is _OVERFLOW:
            raise Overflow
        if item is _RESYNC:
            raise Resync
        return item  # type: ignore[return-value]

    def clear(self) -> None:
        while not self._queue.empty():
            self._queue.get_nowait()

    def restart(self) -> None:
        """Forget an overflow (the consumer is about to catch up from the table)."""
        self.clear()
        self.overflowed = False

    @property
    def pending(self) -> int:
        return self._queue.qsize()


class Hub:
    """Subscribers indexed by topic; `dispatch` hands each event to every subscriber of any of
    its topics, once. Runs on one event loop and never blocks."""

    def __init__(self) -> None:
        self._by_topic: dict[str, set[Subscriber]] = {}
        self.dispatched = 0

    def subscribe(
        self,
        topics: Iterable[str],
        *,
        maxsize: int,
        on_overflow: Callable[[], None] | None = None,
    ) -> Subscriber:
        subscriber = Subscriber(frozenset(topics), maxsize, on_overflow)
        for topic in subscriber.topics:
            self._by_topic.setdefault(topic, set()).add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        for topic in subscriber.topics:
            subscribers = self._by_topic.get(topic)
            if subscribers is None:
                continue
            subscribers.discard(subscriber)
            if not subscribers:
                del self._by_topic[topic]

    def dispatch(self, events: Iterable[Live]) -> None:
        for event in events:
            self.dispatched += 1
            reached: set[Subscriber] = set()
            for topic in event.topics:
                reached.update(self._by_topic.get(topic, ()))
            for subscriber in reached:
                subscriber.offer(event)

    def resync(self) -> None:
        """Tell every subscriber its feed was interrupted (it catches up from the table)."""
        for subscriber in {s for subscribers in self._by_topic.values() for s in subscribers}:
            subscriber.resync()

    @property
    def subscriber_count(self) -> int:
        return len({s for subscribers in self._by_topic.values() for s in subscribers})


HUB = Hub()
