"""Delivering live events to WebSocket subscribers: the process's bus, per-event
re-authentication, resuming from the event table, and disconnecting stalled clients."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Annotated, cast

import strawberry

from api.core.context import Context, Info
from api.core.metrics import LIVE_SUBSCRIPTIONS
from domain import live
from domain.config import get_settings
from domain.errors import Unauthenticated
from domain.identity import auth
from domain.identity.access import require_viewer
from domain.identity.viewer import Viewer
from domain.live import LiveEvent
from domain.live.events import ALL_QUEUES_TOPIC, REPLAY_PAGE, Live, queue_topic
from domain.uow import set_event_publisher

logger = logging.getLogger(__name__)

# RFC 6455 "Try Again Later": clients reconnect, passing the last event id they saw.
CLOSE_TOO_SLOW = 1013
TOO_SLOW_REASON = "Too slow: events were dropped. Reconnect and resume from your last event."
RETRY_REASON = "Could not check your session. Reconnect and resume from your last event."
# Times a subscription may fall behind again while it catches up before it is let go.
CATCH_UP_RESTARTS = 3
# As a refused connection_init: the session behind the token ended.
CLOSE_SESSION_ENDED = 4403
SESSION_ENDED_REASON = "Forbidden: the session behind this connection has ended."

# A page of stored events after the resume point: (viewer, after id) -> events, oldest first.
ReplayPage = Callable[[Viewer | None, int], Awaitable[list[LiveEvent]]]
# Whether the viewer, as it is at that moment, receives the event.
Accepts = Callable[[Viewer | None, Live], Awaitable[bool]]


Resume = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description="The last event id the client saw: what it missed since comes first."
    ),
]


async def _nothing_stored(_: Viewer | None, __: int) -> list[LiveEvent]:
    return []


@contextlib.asynccontextmanager
async def live_updates() -> AsyncIterator[None]:
    """This API process's bus: publishes what its requests commit, and feeds its hub."""
    settings = get_settings()
    feed = live.OrderedFeed(live.HUB)
    await feed.start(poll_seconds=settings.live_poll_seconds)
    bus = live.bus_for(settings.redis_url, feed)
    await bus.start()
    set_event_publisher(bus.publish)
    try:
        yield
    finally:
        set_event_publisher(None)
        await bus.stop()
        await feed.stop()


class Sessions:
    """Re-authentication of the tokens behind subscriptions, once per token and event however
    many subscriptions of this process share the token."""

    LIMIT = 10_000

    def __init__(self) -> None:
        self._recent: dict[str, tuple[object, asyncio.Future[Viewer]]] = {}

    async def viewer(self, token: str, event_id: object) -> Viewer:
        entry = self._recent.get(token)
        if entry is None or event_id is None or entry[0] != event_id:
            future: asyncio.Future[Viewer] = asyncio.ensure_future(auth.authenticate(token))
            self._recent.pop(token, None)
            self._recent[token] = (event_id, future)
            if len(self._recent) > self.LIMIT:
                del self._recent[next(iter(self._recent))]
        else:
            future = entry[1]
        return await asyncio.shield(future)


SESSIONS = Sessions()


_closing: set[asyncio.Task[None]] = set()


def _close_soon(context: Context, code: int, reason: str) -> None:
    task = asyncio.ensure_future(_close(context, code, reason))
    _closing.add(task)
    task.add_done_callback(_closing.discard)


def _let_go(subscriber: live.Subscriber, context: Context) -> None:
    """A stalled subscriber: out of the hub now (it holds nothing more), and disconnected."""
    live.HUB.unsubscribe(subscriber)
    _close_soon(context, CLOSE_TOO_SLOW, TOO_SLOW_REASON)


async def _close(context: Context, code: int, reason: str) -> None:
    if context.close_connection is None:  # over HTTP: the response ends by itself
        return
    with contextlib.suppress(Exception):  # already closed by the other side
        await context.close_connection(code, reason)


async def _current_viewer(info: Info, event_id: object) -> Viewer | None:
    """The connection's viewer as it is now; None after closing a connection whose session
    ended (or could not be checked)."""
    context = info.context
    if context.token is None:
        return context.viewer
    try:
        viewer = await SESSIONS.viewer(context.token, event_id)
    except Unauthenticated:
        await _close(context, CLOSE_SESSION_ENDED, SESSION_ENDED_REASON)
        return None
    except Exception:
        logger.exception("re-authenticating a subscription failed")
        await _close(context, CLOSE_TOO_SLOW, RETRY_REASON)
        return None
    context.act_as(viewer)
    return viewer


async def current_viewer(info: Info) -> Viewer | None:
    """The connection's viewer, re-authenticated now; None once its session ended (the
    connection is then closed)."""
    return await _current_viewer(info, None)


def stream(
    info: Info,
    *,
    topics: Iterable[str],
    accepts: Accepts,
    replay_page: ReplayPage = _nothing_stored,
    after: int | None = None,
    anonymous: bool = False,
) -> AsyncIterator[Live]:
    """Events for one subscription: first those stored after `after` (when resuming), then
    live ones, each once, each only if the viewer may receive it at that moment. When the
    process's feed was interrupted (Redis went away), it catches up from the table."""
    events = _events(info, topics, accepts, replay_page, after, anonymous, opened=False)
    return cast(AsyncIterator[Live], events)  # without `opened`, never None


def stream_after_snapshot(
    info: Info, *, topics: Iterable[str], accepts: Accepts
) -> AsyncIterator[Live | None]:
    """`stream`, with None first, once the subscription listens: a subscription that starts
    with a snapshot (its view counts) takes it then, so no change committed after the
    snapshot is missed (taken before, the changes of the moment in between were lost)."""
    return _events(info, topics, accepts, _nothing_stored, None, False, opened=True)


async def _events(
    info: Info,
    topics: Iterable[str],
    accepts: Accepts,
    replay_page: ReplayPage,
    after: int | None,
    anonymous: bool,
    *,
    opened: bool,
) -> AsyncIterator[Live | None]:
    if not anonymous:
        require_viewer(info.context.viewer)
    settings = get_settings()
    subscriber = live.HUB.subscribe(topics, maxsize=settings.live_queue_size)
    LIVE_SUBSCRIPTIONS.inc()
    try:
        viewer = await _current_viewer(info, None)  # the session may have ended since
        if viewer is None and info.context.token is not None:
            return
        # Positions, not ids, follow commit order: resume after the event the client saw.
        position = await _resume_position(after)
        replayed: set[int] = set()
        catching_up = after is not None
        if opened:
            yield None
        while True:
            if catching_up:
                try:
                    async for event in _catch_up(subscriber, replay_page, viewer, position):
                        replayed.add(event.id)
                        position = max(position, event.position)
                        if await accepts(viewer, event):
                            yield event
                except live.Overflow:
                    _let_go(subscriber, info.context)
                    return
                catching_up = False
            subscriber.on_overflow = lambda: _let_go(subscriber, info.context)
            try:
                arrived = await subscriber.get(within=settings.live_session_check_seconds)
            except live.Overflow:
                return
            except live.Resync:
                subscriber.on_overflow = None
                catching_up = True
                continue
            key = (type(arrived).__name__, arrived.id) if arrived else None
            viewer = await _current_viewer(info, key)
            if viewer is None and info.context.token is not None:
                return
            if arrived is None:
                continue
            if isinstance(arrived, LiveEvent):
                if arrived.id in replayed or 0 < arrived.position <= position:
                    continue  # replayed already, or from before this subscription started
                position = max(position, arrived.position)
            if await accepts(viewer, arrived):
                yield arrived
    finally:
        live.HUB.unsubscribe(subscriber)
        LIVE_SUBSCRIPTIONS.dec()


async def ticket_event_for(viewer: Viewer | None, event: Live) -> bool:
    """A ticket event the viewer may receive (the rule every ticket subscription applies)."""
    return (
        viewer is not None
        and isinstance(event, LiveEvent)
        and await live.may_receive(viewer, event)
    )


async def _resume_position(after: int | None) -> int:
    """After the event the client saw (an id it knows); without one, from now on."""
    if after is None:
        return await live.newest_position()
    position = await live.position_of(after)
    return position if position is not None else after  # unknown: ids were positions once


async def _catch_up(
    subscriber: live.Subscriber, replay_page: ReplayPage, viewer: Viewer | None, position: int
) -> AsyncIterator[LiveEvent]:
    """Stored events after `position`, page by page. The subscriber was listening all along,
    so nothing committed meanwhile is missed; its queue filling up while this reads means
    reading the table further, but only a few times: a client that falls behind even that is
    stalled (Overflow)."""
    restarts = 0
    while True:
        page = await replay_page(viewer, position)
        for event in page:
            position = event.position
            yield event
        if len(page) == REPLAY_PAGE:
            continue
        if not subscriber.overflowed:
            return
        restarts += 1
        if restarts > CATCH_UP_RESTARTS:
            raise live.Overflow
        subscriber.restart()


def ticket_event(event: Live) -> LiveEvent:
    """The ticket event a ticket topic delivers (its topics carry nothing else)."""
    assert isinstance(event, LiveEvent)
    return event


def own_departments(viewer: Viewer) -> set[int] | None:
    """None for those who work across every department."""
    return None if viewer.sees_every_department else set(viewer.department_ids)


def queue_topics(departments: set[int] | None) -> list[str]:
    """One department's queue, or every queue: each event is then checked against the
    departments the agent works in at that moment (they may join or leave one meanwhile)."""
    if departments is not None:
        return [queue_topic(department) for department in departments]
    return [ALL_QUEUES_TOPIC]
