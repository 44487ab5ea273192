"""Announcements, live: published or ended, to those they concern."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from enum import StrEnum

import strawberry

from api.core.context import Info
from api.core.live import stream
from api.kb.types import Announcement
from domain.identity.viewer import Viewer
from domain.kb import announcements
from domain.live.events import ANNOUNCEMENTS_TOPIC, AnnouncementNotice, Live


@strawberry.enum
class AnnouncementChange(StrEnum):
    PUBLISHED = "PUBLISHED"
    ENDED = "ENDED"


@strawberry.type(description="An announcement published or ended, as it happens.")
class AnnouncementEvent:
    change: AnnouncementChange
    announcement: Announcement


@strawberry.type
class KbSubscription:
    @strawberry.subscription(
        description="Announcements as they are published or end, to those they concern: "
        "public ones to everyone, without a login."
    )
    async def announcement_events(self, info: Info) -> AsyncGenerator[AnnouncementEvent, None]:
        async def concerned(viewer: Viewer | None, notice: Live) -> bool:
            return isinstance(notice, AnnouncementNotice) and (
                await announcements.announcement_for(viewer, notice.id) is not None
            )

        async for notice in stream(
            info, topics=[ANNOUNCEMENTS_TOPIC], accepts=concerned, anonymous=True
        ):
            row = await announcements.announcement_for(info.context.viewer, notice.id)
            if row is not None and isinstance(notice, AnnouncementNotice):
                yield AnnouncementEvent(
                    change=AnnouncementChange(notice.change),
                    announcement=Announcement.from_model(row),
                )
