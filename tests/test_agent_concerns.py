"""What a live event is to an agent (domain.workspace.notifications.concern): a customer's
message on a ticket assigned to them is a reply, but not the message a new ticket is opened
with, even when its event reaches them after the ticket was assigned to them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from domain.live.events import snapshots
from domain.models import EventKind, Staff, Ticket, TicketEvent
from domain.tickets.actions import create_ticket
from domain.tickets.replies import reply_to_ticket
from domain.workspace.notifications import AgentNotificationKind, concern
from tests.own_database import demo_database
from tests.sla_support import agent_viewer, new_ticket_of


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    async with demo_database(request) as url:
        yield url


async def _message_events(ticket_id: int) -> list[TicketEvent]:
    return await TicketEvent.filter(ticket_id=ticket_id, kind=EventKind.MESSAGE_ADDED).order_by(
        "position", "id"
    )


async def test_a_new_tickets_first_message_is_no_reply_to_its_assignee(database: str) -> None:
    # Given a customer's new ticket, assigned to an agent before its events reached them
    customer, data = await new_ticket_of("C-1001", "backup_restore")
    ticket = await create_ticket(viewer=customer, data=data)
    agent = await agent_viewer()
    await Ticket.filter(id=ticket.id).update(
        assignee_id=(await Staff.get(email="agent@mesa.example")).id
    )

    # When the message it was opened with reaches the agent
    [opened] = await snapshots(await _message_events(ticket.id))

    # Then it is nothing to them (they were told of the new ticket); a reply is
    assert await concern(agent, opened) is None
    await reply_to_ticket(viewer=customer, ticket_id=ticket.id, body="¿Alguna novedad?")
    _, replied = await snapshots(await _message_events(ticket.id))
    assert await concern(agent, replied) is AgentNotificationKind.CUSTOMER_REPLIED
