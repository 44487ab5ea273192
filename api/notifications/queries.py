"""Mail that could not be delivered: the admins' list of notifications that gave up."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.core.context import Info
from api.core.ids import encode_id
from domain.email import notifications


@strawberry.type(description="A notification whose delivery failed after every retry.")
class FailedNotification:
    id: strawberry.ID
    recipient: str
    kind: str
    language: str
    ticket_id: strawberry.ID | None
    attempts: int
    last_error: str
    created_at: datetime
    failed_at: datetime | None


@strawberry.type
class NotificationQuery:
    @strawberry.field(description="Notifications that gave up after their retries (admins).")
    async def failed_notifications(self, info: Info, first: int = 50) -> list[FailedNotification]:
        rows = await notifications.failed_notifications(viewer=info.context.viewer, limit=first)
        return [
            FailedNotification(
                id=strawberry.ID(encode_id("Notification", row.notification.id)),
                recipient=row.notification.recipient,
                kind=row.notification.kind.value,
                language=row.notification.language.value,
                ticket_id=(
                    strawberry.ID(encode_id("Ticket", row.notification.ticket_id))
                    if row.notification.ticket_id is not None
                    else None
                ),
                attempts=row.notification.attempts,
                last_error=row.error,
                created_at=row.notification.created_at,
                failed_at=row.failed_at,
            )
            for row in rows
        ]
