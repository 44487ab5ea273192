"""Contacts the desk logs on an existing ticket: a phone call, a chat or an email exchange."""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalog.entitlements import level_for, require_level_channel
from domain.clock import utcnow
from domain.errors import InvalidTransition
from domain.identity.access import TicketRef, get_visible_ticket_for_update, require_staff
from domain.identity.viewer import Viewer
from domain.models import Channel, EventKind, Message, SupportLevel, Ticket, TicketStatus
from domain.tickets.changes import add_message, clean_body
from domain.uow import unit_of_work


@dataclass(frozen=True)
class LoggedContact:
    ticket: Ticket
    message: Message


async def _require_entitled(ticket: Ticket, channel: Channel) -> None:
    """The level the ticket is held to (recorded when it opened) decides, as for its SLA."""
    level = None
    if ticket.sla_level_id is not None:
        level = await SupportLevel.get_or_none(id=ticket.sla_level_id)
    if level is None:
        level = await level_for(customer_id=ticket.customer_id, service_id=ticket.service_id)
    assert level is not None, "a ticket exists, so support levels do"
    await require_level_channel(level, channel, about_ticket=ticket.number, at=utcnow())


async def log_contact(
    *, viewer: Viewer | None, ticket_id: TicketRef, channel: Channel, summary: str
) -> LoggedContact:
    """Record an agent's contact with the customer as an internal entry on the ticket."""
    viewer = require_staff(viewer)
    body = clean_body(summary, field="summary")
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        if ticket.status is TicketStatus.MERGED:
            raise InvalidTransition("The ticket was merged into another ticket; log it there.")
        await _require_entitled(ticket, channel)
        message = await add_message(
            uow,
            ticket,
            viewer,
            body,
            internal=True,
            channel=channel,
            event=EventKind.CONTACT_LOGGED,
            event_after={"channel": channel.value},
        )
    return LoggedContact(ticket, message)
