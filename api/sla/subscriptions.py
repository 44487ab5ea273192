"""SLA alerts, live: warnings and breaches on the tickets of the agent's departments."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import StrEnum

import strawberry

from api.core.context import Info
from api.core.ids import decode_optional_id, encode_id
from api.core.live import Resume, own_departments, stream, ticket_event, ticket_event_for
from api.tickets.types import Ticket
from domain import live
from domain.identity.access import may_see_ticket, require_staff, require_viewer
from domain.identity.viewer import Viewer
from domain.live import LiveEvent
from domain.live.events import SLA_KINDS, SLA_TOPIC
from domain.models import EventKind


@strawberry.enum
class SlaAlertKind(StrEnum):
    WARNING = "WARNING"
    BREACH = "BREACH"


@strawberry.type(description="An SLA warning or breach on a ticket, as it happens.")
class SlaAlert:
    event_id: strawberry.ID = strawberry.field(description="Pass as `after` to resume.")
    kind: SlaAlertKind
    deadline: str = strawberry.field(description="firstResponse, next or resolution.")
    due_at: datetime | None
    created_at: datetime
    ticket_pk: strawberry.Private[int]

    @strawberry.field
    async def ticket(self, info: Info) -> Ticket | None:
        row = await info.context.loaders.ticket_by_id.load(self.ticket_pk)
        if row is None or not may_see_ticket(info.context.viewer, row):
            return None
        return Ticket.from_model(row)

    @classmethod
    def from_live(cls, event: LiveEvent) -> SlaAlert:
        after = event.after if isinstance(event.after, dict) else {}
        due = after.get("at")
        return cls(
            event_id=strawberry.ID(encode_id("TicketEvent", event.id)),
            kind=SlaAlertKind.WARNING
            if event.kind is EventKind.SLA_WARNING
            else SlaAlertKind.BREACH,
            deadline=str(after.get("deadline", "")),
            due_at=datetime.fromisoformat(due) if isinstance(due, str) else None,
            created_at=event.created_at,
            ticket_pk=event.ticket_id,
        )


@strawberry.type
class SlaSubscription:
    @strawberry.subscription(
        description="Agents: SLA warnings and breaches on their departments' tickets."
    )
    async def sla_alerts(
        self,
        info: Info,
        after: Resume = None,
    ) -> AsyncGenerator[SlaAlert, None]:
        require_staff(info.context.viewer)
        after_pk = decode_optional_id(after, "TicketEvent", field="after")

        async def page(viewer: Viewer | None, after: int) -> list[LiveEvent]:
            staff = require_viewer(viewer)
            return await live.replay(
                staff,
                after_position=after,
                department_ids=own_departments(staff),
                kinds=SLA_KINDS,
            )

        async for event in stream(
            info, topics=[SLA_TOPIC], accepts=ticket_event_for, replay_page=page, after=after_pk
        ):
            yield SlaAlert.from_live(ticket_event(event))
