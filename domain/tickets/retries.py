"""What a retried ticket create gets back (api.core.idempotency): the ticket, reply or logged
contact the first call made, loaded by the id recorded with its idempotency key."""

from __future__ import annotations

from domain.models import Message, Ticket
from domain.tickets import contacts, replies


async def ticket_by_id(ticket_id: int) -> Ticket:
    return await Ticket.get(id=ticket_id)


async def reply_by_message_id(message_id: int) -> replies.Reply:
    message = await Message.get(id=message_id)
    return replies.Reply(ticket=await Ticket.get(id=message.ticket_id), message=message)


async def contact_by_message_id(message_id: int) -> contacts.LoggedContact:
    message = await Message.get(id=message_id)
    return contacts.LoggedContact(ticket=await Ticket.get(id=message.ticket_id), message=message)
