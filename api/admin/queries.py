"""Administration queries: the audit log."""

from __future__ import annotations

import strawberry
from strawberry import relay

from api.admin.types import AuditEntry
from api.core.context import Info
from api.core.cursors import decode_cursor, to_connection
from domain.catalog import audit


@strawberry.type
class AdminQuery:
    @strawberry.field(description="Every administrative change, newest first (admins).")
    async def audit_log(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> relay.Connection[AuditEntry]:
        page = await audit.list_audit_entries(
            viewer=info.context.viewer, first=first, after=decode_cursor(after, "id")
        )
        return to_connection(page, "id", AuditEntry.from_model)
