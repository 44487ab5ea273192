"""This process's feed of committed ticket events into its hub, in commit order, without gaps.

Whatever brings events (this process's own commits, Redis from other processes), the feed
hands them to the hub by position (domain.live.positions). An event ahead of one not seen yet
brings the missing ones from the table first: positions follow commit order, so they are
already committed. A periodic poll reads what was committed by processes that publish
nowhere this process listens (embedded: `mesa smtpd`, imports; any mode: a lost message).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from domain.live.events import REPLAY_PAGE, Live, LiveEvent, snapshots
from domain.live.hub import Hub
from domain.live.positions import newest_position
from domain.models import TicketEvent

logger = logging.getLogger(__name__)


class OrderedFeed:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.position: int | None = None  # the last position handed to the hub
        self._lock = asyncio.Lock()
        self._poller: asyncio.Task[None] | None = None

    async def start(self, poll_seconds: float | None = None) -> None:
        self.position = await newest_position()
        if poll_seconds is not None and self._poller is None:
            self._poller = asyncio.create_task(self._poll_every(poll_seconds), name="mesa-feed")

    async def stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None

    async def deliver(self, events: Sequence[Live]) -> None:
        """Events as they arrive, handed over in position order, each once."""
        ordered = sorted(
            (e for e in events if isinstance(e, LiveEvent) and e.position > 0),
            key=lambda e: e.position,
        )
        others = [e for e in events if not (isinstance(e, LiveEvent) and e.position > 0)]
        if others:
            self.hub.dispatch(others)
        if not ordered:
            return
        async with self._lock:
            if self.position is None:
                self.position = ordered[0].position - 1
            for event in ordered:
                if event.position <= self.position:
                    continue  # already handed over (read from the table, or twice on the bus)
                if event.position > self.position + 1:
                    await self._read_table(upto=event.position - 1)
                self.hub.dispatch([event])
                self.position = event.position

    async def poll(self) -> None:
        """Hand over whatever was committed since the last event seen."""
        async with self._lock:
            if self.position is None:
                self.position = await newest_position()
                return
            await self._read_table(upto=None)

    def resync(self) -> None:
        self.hub.resync()

    async def _read_table(self, *, upto: int | None) -> None:
        assert self.position is not None
        while True:
            query = TicketEvent.filter(position__gt=self.position)
            if upto is not None:
                query = query.filter(position__lte=upto)
            rows = await query.order_by("position").limit(REPLAY_PAGE)
            if rows:
                self.hub.dispatch(await snapshots(rows))
                self.position = max(self.position, *(row.position or 0 for row in rows))
            if len(rows) < REPLAY_PAGE:
                if upto is not None:
                    self.position = max(self.position, upto)  # a deleted ticket's events
                return

    async def _poll_every(self, seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            if not self.hub.subscriber_count:
                # Nobody to tell: a subscription starts from the table anyway, and events
                # read later that it already has are dropped by its position.
                continue
            try:
                await self.poll()
            except Exception:
                # The database briefly away: the next poll reads from the same position.
                logger.exception("reading committed events failed")
