"""Workspace subscriptions: the counts of an agent's ticket views, live."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.core.context import Info
from api.core.live import own_departments, queue_topics, stream, ticket_event_for
from api.workspace.views import TicketViewCount, TicketViewCounts, view_id
from domain.identity.access import require_staff
from domain.identity.viewer import Viewer
from domain.workspace import views


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
        yield TicketViewCounts(counts=await counts.changed(viewer))
        topics = queue_topics(own_departments(viewer))
        async for _ in stream(info, topics=topics, accepts=ticket_event_for):
            changed = await counts.changed(info.context.viewer)
            if changed:
                yield TicketViewCounts(counts=changed)
