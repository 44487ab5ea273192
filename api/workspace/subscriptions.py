"""Workspace subscriptions: an agent's notifications and the counts of their views, live."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.core.context import Info
from api.core.ids import encode_id
from api.core.live import (
    own_departments,
    queue_topics,
    stream,
    stream_after_snapshot,
    ticket_event,
    ticket_event_for,
)
from api.workspace.types import AgentNotification
from api.workspace.views import TicketViewCount, TicketViewCounts, view_id
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.live.events import SLA_TOPIC, Live
from domain.workspace import notifications, views


class _Counts:
    """The counts last sent, to send only the ones that changed."""

    def __init__(self) -> None:
        self.sent: dict[str, int] = {}

    async def changed(self, viewer: Viewer | None) -> list[TicketViewCount]:
        viewer = require_staff(viewer)
        current = {
            str(view_id(view)): await views.count_view(viewer, view)
            for view in await views.list_views(viewer=viewer)
        }
        changed = [
            TicketViewCount(view_id=strawberry.ID(key), count=count)
            for key, count in current.items()
            if self.sent.get(key) != count
        ]
        self.sent = current
        return changed


@strawberry.type
class WorkspaceSubscription:
    @strawberry.subscription(
        description="Agents: the counts of their ticket views, all of them first, then the ones "
        "that changed after each change to a ticket of their departments."
    )
    async def ticket_view_counts(self, info: Info) -> AsyncGenerator[TicketViewCounts, None]:
        viewer = require_staff(info.context.viewer)
        counts = _Counts()
        topics = queue_topics(own_departments(viewer))
        # All the counts first, counted once the subscription listens (then every change
        # after them arrives); then the ones each change moved.
        async for arrived in stream_after_snapshot(info, topics=topics, accepts=ticket_event_for):
            changed = await counts.changed(info.context.viewer)
            if changed or arrived is None:
                yield TicketViewCounts(counts=changed)

    @strawberry.subscription(
        description="Agents: what concerns them, as it happens (see AgentNotificationKind); "
        "never their own actions."
    )
    async def notifications(self, info: Info) -> AsyncGenerator[AgentNotification, None]:
        viewer = require_staff(info.context.viewer)
        topics = [*queue_topics(own_departments(viewer)), SLA_TOPIC]

        async def accepts(current: Viewer | None, event: Live) -> bool:
            return await ticket_event_for(current, event)

        async for arrived in stream(info, topics=topics, accepts=accepts):
            event = ticket_event(arrived)
            current = info.context.viewer
            kind = await notifications.concern(current, event) if current else None
            if kind is not None:
                yield AgentNotification(
                    kind=kind,
                    event_id=strawberry.ID(encode_id("TicketEvent", event.id)),
                    actor_name=event.actor_name,
                    created_at=event.created_at,
                    ticket_pk=event.ticket_id,
                )
