"""Collision detection, live: `ticketPresence` (who else is on a ticket's page, and typing)
and `reportPresence` (I am typing, or stopped)."""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Annotated

import strawberry

from api.core.context import Info
from api.core.errors import NotAllowedError, NotFoundError, ValidationError, attempt
from api.core.ids import decode_ticket_ref, encode_id
from api.core.live import current_viewer
from domain import live
from domain.config import get_settings
from domain.identity.access import may_see_ticket
from domain.live import presence
from domain.live.events import PresenceNotice, presence_topic
from domain.uow import relay_now


@strawberry.type(description="An agent on a ticket's page.")
class PresentAgent:
    agent_id: strawberry.ID = strawberry.field(description="Their Staff ID.")
    name: str
    typing: bool = strawberry.field(description="Writing a reply or a note right now.")
    since: datetime = strawberry.field(description="When this subscription first saw them.")


@strawberry.type(description="Who else is on a ticket's page.")
class TicketPresence:
    ticket_id: strawberry.ID
    agents: list[PresentAgent] = strawberry.field(
        description="Other agents viewing it, longest there first; never the viewer."
    )


@strawberry.type
class ReportPresenceSuccess:
    ticket_id: strawberry.ID


ReportPresenceResult = Annotated[
    ReportPresenceSuccess | ValidationError | NotFoundError | NotAllowedError,
    strawberry.union("ReportPresenceResult"),
]


def _snapshot(ticket_id: strawberry.ID, agents: list[presence.Present]) -> TicketPresence:
    return TicketPresence(
        ticket_id=ticket_id,
        agents=[
            PresentAgent(
                agent_id=strawberry.ID(encode_id("Staff", agent.staff_id)),
                name=agent.name,
                typing=agent.typing,
                since=agent.since,
            )
            for agent in agents
        ],
    )


@strawberry.type
class PresenceSubscription:
    @strawberry.subscription(
        description="Agents: who else views a ticket and who is typing, first now, then on "
        "every change. Subscribing is being there: the others see you until you unsubscribe."
    )
    async def ticket_presence(
        self, info: Info, ticket_id: strawberry.ID
    ) -> AsyncGenerator[TicketPresence, None]:
        ref = decode_ticket_ref(ticket_id, field="ticketId")
        viewer, ticket = await presence.visible_page(info.context.viewer, ref)
        given = strawberry.ID(encode_id("Ticket", ticket.id))
        board = presence.PresenceBoard()
        subscriber = live.HUB.subscribe(
            [presence_topic(ticket.id)], maxsize=get_settings().live_queue_size
        )
        try:
            await relay_now([presence.notice(ticket.id, viewer, hello=True)])
            sent: list[presence.Present] | None = None
            beat = time.monotonic() + presence.HEARTBEAT
            while True:
                now = time.monotonic()
                agents = board.current(now, excluding=viewer.staff_id)
                if agents != sent:
                    yield _snapshot(given, agents)
                    sent = agents
                wake = min(beat, board.next_change(now) or beat)
                try:
                    arrived = await subscriber.get(within=max(wake - time.monotonic(), 0.01))
                except (live.Overflow, live.Resync):
                    subscriber.restart()  # notices repeat every heartbeat: nothing to replay
                    arrived = None
                if isinstance(arrived, PresenceNotice) and arrived.ticket_id == ticket.id:
                    board.learn(arrived, time.monotonic())
                    if arrived.hello and arrived.staff_id != viewer.staff_id:
                        await relay_now([presence.notice(ticket.id, viewer)])
                if time.monotonic() >= beat:
                    current = await current_viewer(info)
                    if current is None or not may_see_ticket(current, ticket):
                        return  # the session ended, or they left the ticket's department
                    await relay_now([presence.notice(ticket.id, viewer)])
                    beat = time.monotonic() + presence.HEARTBEAT
        finally:
            live.HUB.unsubscribe(subscriber)
            await relay_now([presence.notice(ticket.id, viewer, viewing=False)])


@strawberry.type
class PresenceMutation:
    @strawberry.mutation(
        description="Agents: tell the others on a ticket's page you are typing (repeat it "
        "every few seconds while you type), or that you stopped."
    )
    async def report_presence(
        self, info: Info, ticket_id: strawberry.ID, typing: bool = True
    ) -> ReportPresenceResult:
        return await attempt(
            lambda: presence.report_presence(
                viewer=info.context.viewer,
                ticket_id=decode_ticket_ref(ticket_id, field="ticketId"),
                typing=typing,
            ),
            lambda ticket: ReportPresenceSuccess(
                ticket_id=strawberry.ID(encode_id("Ticket", ticket.id))
            ),
        )
