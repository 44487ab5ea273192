"""Desk queries: the blocked senders."""

from __future__ import annotations

import strawberry

from api.core.context import Info
from api.core.cursors import Connection, decode_cursor, to_connection
from api.desk.types import BlockedSender
from domain.email import senders


@strawberry.type
class DeskQuery:
    @strawberry.field(description="Blocked addresses and domains, newest first (staff).")
    async def blocked_senders(
        self,
        info: Info,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[BlockedSender]:
        page = await senders.list_blocked_senders(
            viewer=info.context.viewer,
            search=search,
            first=first,
            after=decode_cursor(after, "id"),
        )
        return to_connection(page, "id", BlockedSender.from_model)
