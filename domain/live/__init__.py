"""Live updates: committed ticket events, fanned out to subscribers in every API process."""

from __future__ import annotations

from domain.live.bus import EventBus, InProcessBus, RedisBus
from domain.live.events import LiveEvent, LiveMessage, may_receive, newest_event_id, replay
from domain.live.hub import HUB, Hub, Overflow, Resync, Subscriber


def bus_for(redis_url: str | None, hub: Hub | None) -> EventBus:
    """The embedded bus without Redis; with it, Redis pub/sub (listening only with a hub)."""
    if redis_url is None:
        if hub is None:
            raise ValueError("the in-process bus needs this process's hub")
        return InProcessBus(hub)
    return RedisBus(redis_url, hub)


__all__ = [
    "HUB",
    "EventBus",
    "Hub",
    "InProcessBus",
    "LiveEvent",
    "LiveMessage",
    "Overflow",
    "RedisBus",
    "Resync",
    "Subscriber",
    "bus_for",
    "may_receive",
    "newest_event_id",
    "replay",
]
