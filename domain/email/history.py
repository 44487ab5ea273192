"""Importing another helpdesk's mail (seed 004 is such a move): each message dated as it was
sent, the old helpdesk's own answers kept as agent replies, and no live SLA clock on history."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from domain.clock import utcnow
from domain.config import get_settings
from domain.email.parsing import ParsedMail
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import Channel, Message, StaffRole, Ticket, TicketEvent
from domain.tickets.actions import Reply, add_reply
from domain.uow import UnitOfWork

# A Date header from the future (a wrong clock) is taken as the import's moment.
FUTURE_SLACK = timedelta(minutes=5)


def sent_at(mail: ParsedMail) -> datetime | None:
    """When the message says it was sent, if it says so sensibly."""
    value = mail.header("date")
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None or moment > utcnow() + FUTURE_SLACK:
        return None
    return moment


def from_support(mail: ParsedMail) -> bool:
    """Sent by one of our support addresses: in an import, the old helpdesk's answer."""
    return mail.sender.lower() in {a.lower() for a in get_settings().support_address_list}


async def add_answer(uow: UnitOfWork, ticket: Ticket, mail: ParsedMail, body: str) -> Reply:
    """The old helpdesk's answer as an agent's reply, without mailing the requester again."""
    agent = Viewer(
        kind=ViewerKind.STAFF,
        name=(mail.sender_name or mail.sender)[:200],
        role=StaffRole.AGENT,
    )
    return await add_reply(uow, agent, ticket, body, channel=Channel.EMAIL, tell_requester=False)


async def date_as_sent(
    uow: UnitOfWork,
    *,
    ticket_id: int,
    message_id: int | None,
    created: bool,
    since: datetime,
    sent: datetime | None,
) -> None:
    """Give what this import wrote the message's own date, and stop the live SLA clock: the
    ticket carries its last known state, and history raises no alert."""
    connection = uow.connection
    if sent is not None:
        if message_id is not None:
            await Message.filter(id=message_id).using_db(connection).update(created_at=sent)
        await (
            TicketEvent.filter(ticket_id=ticket_id, created_at__gte=since)
            .using_db(connection)
            .update(created_at=sent)
        )
        await (
            Ticket.filter(id=ticket_id, first_responded_at__gte=since)
            .using_db(connection)
            .update(first_responded_at=sent)
        )
        dates = {"created_at": sent, "updated_at": sent} if created else {"updated_at": sent}
        await Ticket.filter(id=ticket_id).using_db(connection).update(**dates)
    await (
        Ticket.filter(id=ticket_id)
        .using_db(connection)
        .update(
            first_response_expected_at=None,
            first_response_due_at=None,
            next_response_started_at=None,
            next_response_expected_at=None,
            next_response_due_at=None,
            resolution_due_at=None,
            sla_due_at=None,
            sla_check_at=None,
        )
    )
