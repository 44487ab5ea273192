"""Workspace queries: ticket views with their counts, tags with theirs, and the canned
responses an agent may use."""

from __future__ import annotations

import strawberry

from api.core.context import Info
from api.core.ids import decode_optional_id
from api.workspace.types import CannedResponse, NotificationPreferences, TagCount
from api.workspace.views import TicketView
from domain.identity.access import require_staff
from domain.workspace import canned, notifications, tags, views


@strawberry.type
class WorkspaceQuery:
    @strawberry.field(
        description="The viewer's ticket views with their counts: built-in ones first, then the "
        "shared ones, then their own (staff)."
    )
    async def ticket_views(self, info: Info) -> list[TicketView]:
        return [
            TicketView.from_view(view)
            for view in await views.list_views(viewer=info.context.viewer)
        ]

    @strawberry.field(
        description="Tags on the tickets the viewer may see, most used first (staff)."
    )
    async def tags(self, info: Info, search: str | None = None, first: int = 50) -> list[TagCount]:
        rows = await tags.tag_counts(viewer=info.context.viewer, search=search, first=first)
        return [TagCount(name=name, count=count) for name, count in rows]

    @strawberry.field(
        description="Canned responses the viewer may use: their personal ones and the shared "
        "ones of their departments (staff)."
    )
    async def canned_responses(
        self, info: Info, department_id: strawberry.ID | None = None, search: str | None = None
    ) -> list[CannedResponse]:
        rows = await canned.list_canned_responses(
            viewer=info.context.viewer,
            department_id=decode_optional_id(department_id, "Department", field="departmentId"),
            search=search,
        )
        return [CannedResponse.from_model(row) for row in rows]

    @strawberry.field(description="What the viewer is told about, live and by email (agents).")
    async def notification_preferences(self, info: Info) -> NotificationPreferences:
        viewer = require_staff(info.context.viewer)
        return NotificationPreferences.from_preferences(await notifications.all_preferences(viewer))
