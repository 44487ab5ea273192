"""Ticket subscriptions: a ticket's events and a queue's events, live."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.core.context import Info
from api.core.ids import decode_optional_id, decode_ticket_ref
from api.core.live import (
    Resume,
    own_departments,
    queue_topics,
    stream,
    ticket_event,
    ticket_event_for,
)
from api.tickets.types import TicketEvent
from domain import live
from domain.errors import NotFound
from domain.identity.access import get_visible_ticket, require_staff, require_viewer
from domain.identity.viewer import Viewer
from domain.live import LiveEvent
from domain.live.events import (
    Live,
    ticket_topic,
)


@strawberry.type
class TicketSubscription:
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
        ref = decode_ticket_ref(ticket_id, field="ticketId")
        after_pk = decode_optional_id(after, "TicketEvent", field="after")
        pk = (await get_visible_ticket(viewer, ref)).id

        async def page(viewer: Viewer | None, after: int) -> list[LiveEvent]:
            return await live.replay(require_viewer(viewer), after_position=after, ticket_id=pk)

        async for event in stream(
            info,
            topics=[ticket_topic(pk)],
            accepts=ticket_event_for,
            replay_page=page,
            after=after_pk,
        ):
            yield TicketEvent.from_live(ticket_event(event))

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
        topics = queue_topics(departments)

        async def accepts(viewer: Viewer | None, event: Live) -> bool:
            return await ticket_event_for(viewer, event) and (
                departments is None
                or not departments.isdisjoint(ticket_event(event).department_ids)
            )

        async def page(viewer: Viewer | None, after: int) -> list[LiveEvent]:
            staff = require_viewer(viewer)
            return await live.replay(
                staff, after_position=after, department_ids=departments or own_departments(staff)
            )

        async for event in stream(
            info, topics=topics, accepts=accepts, replay_page=page, after=after_pk
        ):
            yield TicketEvent.from_live(ticket_event(event))
