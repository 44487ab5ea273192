"""Live updates: committed ticket events, fanned out to subscribers in every API process."""

from __future__ import annotations

from domain.live.bus import EventBus, InProcessBus, RedisBus
from domain.live.events import LiveEvent, LiveMessage, may_receive, replay
from domain.live.feed import OrderedFeed
from domain.live.hub import HUB, Hub, Overflow, Resync, Subscriber
from domain.live.positions import newest_position, position_of


def bus_for(redis_url: str | None, feed: OrderedFeed | None) -> EventBus:
    """The embedded bus without Redis; with it, Redis pub/sub (listening only with a feed)."""
    if redis_url is None:
        if feed is None:
            raise ValueError("the in-process bus needs this process's feed")
        return InProcessBus(feed)
    return RedisBus(redis_url, feed)


__all__ = [
    "HUB",
    "EventBus",
    "Hub",
    "InProcessBus",
    "LiveEvent",
    "LiveMessage",
    "OrderedFeed",
    "Overflow",
    "RedisBus",
    "Resync",
    "Subscriber",
    "bus_for",
    "may_receive",
    "newest_position",
    "position_of",
    "replay",
]
