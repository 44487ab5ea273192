"""Splitting a ticket (Zammad's "split"): one of its messages becomes a new ticket of the
same requester, department, category and service, linked both ways. As in Zammad the
message is copied, not moved: the original thread stays whole, and a SPLIT event on each
ticket names the other. The new ticket's SLA runs from the moment of the split."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from domain.clock import utcnow
from domain.counters import draw
from domain.errors import InvalidTransition, NotFound
from domain.identity.access import get_visible_ticket_for_update, require_staff
from domain.identity.viewer import Viewer
from domain.models import (
    Attachment,
    AttachmentState,
    EventKind,
    Message,
    Ticket,
    TicketStatus,
)
from domain.sla.deadlines import refresh_deadlines
from domain.tickets.actions import TRACKING_ID_ATTEMPTS
from domain.tickets.changes import clean_subject, record_event
from domain.tickets.numbers import TICKET_COUNTER
from domain.tickets.search import index_ticket
from domain.tickets.tracking import new_tracking_id
from domain.uow import UnitOfWork, unit_of_work


@dataclass(frozen=True)
class Split:
    source: Ticket
    ticket: Ticket
    message: Message


async def split_ticket(
    *, viewer: Viewer | None, message_id: int, subject: str | None = None
) -> Split:
    """Make a copy of a message the first message of a new, linked ticket (staff of the
    ticket's department)."""
    viewer = require_staff(viewer)
    new_subject = clean_subject(subject) if subject is not None else None
    for attempt in range(TRACKING_ID_ATTEMPTS):
        try:
            async with unit_of_work() as uow:
                return await _split(uow, viewer, message_id, new_subject)
        except IntegrityError:
            # A tracking ID collision (about one in 10^13): draw another.
            if attempt == TRACKING_ID_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


async def _split(uow: UnitOfWork, viewer: Viewer, message_id: int, subject: str | None) -> Split:
    connection = uow.connection
    message = await Message.get_or_none(id=message_id, using_db=connection)
    try:
        if message is None:
            raise NotFound("Message not found. / Mensaje no encontrado.")
        source = await get_visible_ticket_for_update(viewer, message.ticket_id)
    except NotFound:
        raise NotFound("Message not found. / Mensaje no encontrado.", field="messageId") from None
    if source.status in (TicketStatus.MERGED, TicketStatus.SPAM):
        raise InvalidTransition(
            "A merged or spam ticket cannot be split. / Un ticket fusionado o marcado como "
            "spam no se puede dividir.",
            field="messageId",
        )
    now = utcnow()
    ticket = await Ticket.create(
        number=await draw(uow.connection, TICKET_COUNTER),
        tracking_id=new_tracking_id(),
        customer_id=source.customer_id,
        guest_name=source.guest_name,
        guest_email=source.guest_email,
        guest_language=source.guest_language,
        service_id=source.service_id,
        department_id=source.department_id,
        category_id=source.category_id,
        subject=subject or source.subject,
        priority=source.priority,
        impact=source.impact,
        status=TicketStatus.NEW,
        channel=message.channel,
        split_from_id=source.id,
        created_at=now,
        updated_at=now,
        using_db=connection,
    )
    await refresh_deadlines(uow, ticket)
    await record_event(
        uow,
        ticket,
        EventKind.CREATED,
        viewer,
        after={
            "status": ticket.status.value,
            "impact": ticket.impact.value,
            "channel": ticket.channel.value,
        },
    )
    copy = await Message.create(
        ticket_id=ticket.id,
        author_kind=message.author_kind,
        author_customer_id=message.author_customer_id,
        author_staff_id=message.author_staff_id,
        author_name=message.author_name,
        visibility=message.visibility,
        channel=message.channel,
        body=message.body,
        created_at=message.created_at,
        unverified=message.unverified,
        using_db=connection,
    )
    await _copy_attachments(uow, message, ticket, copy)
    if not copy.is_internal:
        ticket.last_message_id = copy.id
        await Ticket.filter(id=ticket.id).using_db(connection).update(last_message_id=copy.id)
    await index_ticket(connection, ticket.id)
    internal = message.is_internal
    await record_event(
        uow,
        ticket,
        EventKind.SPLIT,
        viewer,
        after={"splitFrom": source.number},
        message=copy,
        internal=internal,
    )
    await Ticket.filter(id=source.id).using_db(connection).update(updated_at=now)
    source.updated_at = now
    await record_event(
        uow,
        source,
        EventKind.SPLIT,
        viewer,
        after={"splitInto": ticket.number},
        message=message,
        internal=internal,
    )
    return Split(source, ticket, copy)


async def _copy_attachments(
    uow: UnitOfWork, message: Message, ticket: Ticket, copy: Message
) -> None:
    """The message's stored files go along; identical files share one stored copy, so the
    new rows name the same content (files still being checked or refused stay behind)."""
    now = utcnow()
    files = await Attachment.filter(message_id=message.id, state=AttachmentState.STORED).using_db(
        uow.connection
    )
    for file in files:
        await Attachment.create(
            ticket_id=ticket.id,
            message_id=copy.id,
            name=file.name,
            declared_type=file.declared_type,
            content_type=file.content_type,
            size=file.size,
            sha256=file.sha256,
            state=AttachmentState.STORED,
            quarantine_name="",
            created_at=now,
            decided_at=now,
            using_db=uow.connection,
        )
