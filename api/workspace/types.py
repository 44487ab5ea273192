"""Workspace types: tag counts and canned responses."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from api.catalog.types import Department
from api.core.context import Info
from api.core.ids import decode_id, encode_id
from api.tickets.types import Ticket
from domain import models
from domain.workspace import canned, notifications
from domain.workspace.notifications import AgentNotificationKind

strawberry.enum(
    AgentNotificationKind,
    description="What an agent is told about: a new ticket in their departments, a customer "
    "replying on their or a watched ticket, a mention (@name) in an internal note, an "
    "assignment to them, an SLA warning or breach on their or a watched ticket.",
)


@strawberry.type(description="Something an agent is told about, as it happens.")
class AgentNotification:
    kind: AgentNotificationKind
    event_id: strawberry.ID
    actor_name: str
    created_at: datetime
    ticket_pk: strawberry.Private[int]

    @strawberry.field
    async def ticket(self, info: Info) -> Ticket | None:
        row = await info.context.loaders.ticket_by_id.load(self.ticket_pk)
        return Ticket.from_model(row) if row else None


@strawberry.type(description="The kinds an agent is told about, live and by email.")
class NotificationPreferences:
    live: list[AgentNotificationKind]
    email: list[AgentNotificationKind] = strawberry.field(
        description="By email: never about their own actions; SLA alerts of unassigned "
        "tickets go to the department's supervisors."
    )

    @classmethod
    def from_preferences(cls, chosen: notifications.Preferences) -> Self:
        return cls(live=list(chosen.live), email=list(chosen.email))


@strawberry.type(description="A tag and how many of the tickets the viewer may see carry it.")
class TagCount:
    name: str
    count: int


@strawberry.type(
    description="A reply kept ready (Spanish and English). Placeholders: {{ customer_name }}, "
    "{{ tracking_id }}, {{ agent_name }}, {{ ticket_subject }}, {{ sla_due_at }}."
)
class CannedResponse:
    id: strawberry.ID
    title: str
    body_es: str
    body_en: str
    personal: bool = strawberry.field(description="Only its owner sees and uses it.")
    updated_at: datetime
    row: strawberry.Private[models.CannedResponse]

    @strawberry.field(description="The department it is for; null for every department.")
    async def department(self, info: Info) -> Department | None:
        pk = self.row.department_id
        row = await info.context.loaders.department_by_id.load(pk) if pk else None
        return Department.from_model(row) if row else None

    @strawberry.field(
        description="The body for a ticket: in its requester's language, placeholders filled in."
    )
    async def rendered(self, info: Info, ticket_id: strawberry.ID) -> str:
        return await canned.render_canned_response(
            viewer=info.context.viewer,
            canned_response_id=self.row.id,
            ticket_id=decode_id(ticket_id, "Ticket", field="ticketId"),
        )

    @classmethod
    def from_model(cls, row: models.CannedResponse) -> Self:
        return cls(
            id=strawberry.ID(encode_id("CannedResponse", row.id)),
            title=row.title,
            body_es=row.body_es,
            body_en=row.body_en,
            personal=row.owner_id is not None,
            updated_at=row.updated_at,
            row=row,
        )
