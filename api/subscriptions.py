"""The Subscription root: a ticket's events, a queue's events, and SLA alerts, live."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from enum import StrEnum
from typing import Annotated

import strawberry

from api.context import Info
from api.ids import decode_id, decode_optional_id, encode_id
from api.live import stream, ticket_event_for
from api.types.kb import Announcement
from api.types.tickets import Ticket, TicketEvent
from domain import live
from domain.access import get_visible_ticket, may_see_ticket, require_staff, require_viewer
from domain.errors import NotFound
from domain.kb import announcements
from domain.live import LiveEvent
from domain.live.events import (
    ALL_QUEUES_TOPIC,
    ANNOUNCEMENTS_TOPIC,
    SLA_KINDS,
    SLA_TOPIC,
    AnnouncementNotice,
    Live,
    queue_topic,
    ticket_topic,
)
from domain.models import EventKind
from domain.viewer import Viewer

Resume = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description="The last event id the client saw: what it missed since comes first."
    ),
]


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


@strawberry.enum
class AnnouncementChange(StrEnum):
    PUBLISHED = "PUBLISHED"
    ENDED = "ENDED"


@strawberry.type(description="An announcement published or ended, as it happens.")
class AnnouncementEvent:
    change: AnnouncementChange
    announcement: Announcement


def _ticket_events(event: Live) -> LiveEvent:
    assert isinstance(event, LiveEvent)
    return event


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Every change to a ticket the viewer may see; customers and guests never "
        "receive internal notes or internal events."
    )
    async def ticket_events(
        self,
        info: Info,
        ticket_id: strawberry.ID,
        after: Resume = None,
    ) -> AsyncGenerator[TicketEvent, None]:
        viewer = require_viewer(info.context.viewer)
        pk = decode_id(ticket_id, "Ticket", field="ticketId")
        after_pk = decode_optional_id(after, "TicketEvent", field="after")
        await get_visible_ticket(viewer, pk)

        async def page(viewer: Viewer | None, after_id: int) -> list[LiveEvent]:
            return await live.replay(require_viewer(viewer), after_id=after_id, ticket_id=pk)

        async for event in stream(
            info,
            topics=[ticket_topic(pk)],
            accepts=ticket_event_for,
            replay_page=page,
            after=after_pk,
        ):
            yield TicketEvent.from_live(_ticket_events(event))

    @strawberry.subscription(
        description="Agents: every change to the tickets of a department, or of all theirs."
    )
    async def queue_events(
        self,
        info: Info,
        department_id: strawberry.ID | None = None,
        after: Resume = None,
    ) -> AsyncGenerator[TicketEvent, None]:
        viewer = require_staff(info.context.viewer)
        department = decode_optional_id(department_id, "Department", field="departmentId")
        after_pk = decode_optional_id(after, "TicketEvent", field="after")
        if department is not None and not viewer.works_in(department):
            raise NotFound("Department not found.", field="departmentId")
        departments = None if department is None else {department}
        topics = _queue_topics(departments)

        async def accepts(viewer: Viewer | None, event: Live) -> bool:
            return await ticket_event_for(viewer, event) and (
                departments is None
                or not departments.isdisjoint(_ticket_events(event).department_ids)
            )

        async def page(viewer: Viewer | None, after_id: int) -> list[LiveEvent]:
            staff = require_viewer(viewer)
            return await live.replay(
                staff, after_id=after_id, department_ids=departments or _own_departments(staff)
            )

        async for event in stream(
            info, topics=topics, accepts=accepts, replay_page=page, after=after_pk
        ):
            yield TicketEvent.from_live(_ticket_events(event))

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

        async def page(viewer: Viewer | None, after_id: int) -> list[LiveEvent]:
            staff = require_viewer(viewer)
            return await live.replay(
                staff, after_id=after_id, department_ids=_own_departments(staff), kinds=SLA_KINDS
            )

        async for event in stream(
            info, topics=[SLA_TOPIC], accepts=ticket_event_for, replay_page=page, after=after_pk
        ):
            yield SlaAlert.from_live(_ticket_events(event))

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


def _queue_topics(departments: set[int] | None) -> list[str]:
    """One department's queue, or every queue: each event is then checked against the
    departments the agent works in at that moment (they may join or leave one meanwhile)."""
    if departments is not None:
        return [queue_topic(department) for department in departments]
    return [ALL_QUEUES_TOPIC]


def _own_departments(viewer: Viewer) -> set[int] | None:
    """None for those who work across every department."""
    return None if viewer.sees_every_department else set(viewer.department_ids)
