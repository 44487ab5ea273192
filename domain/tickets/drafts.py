"""A new ticket before it is written (`TicketDraft`: the requester and placement resolved),
its row, and the write of that row with its first message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.attachments.quarantine import IncomingFile
from domain.clock import utcnow
from domain.custom_fields.values import CleanValue, write_values
from domain.frozen_init import fast_init
from domain.models import (
    Category,
    Channel,
    Customer,
    Department,
    Impact,
    Language,
    Message,
    Service,
    SupportLevel,
    Ticket,
    TicketStatus,
)
from domain.rows import insert_all, parent_later, update_where_unread, write_later
from domain.sla.deadlines import first_deadlines
from domain.tickets.numbers import (
    DRAWN_NUMBER,
    drawing,
    drawn_late,
    first_number,
    insert_numbered,
    settle_number,
)
from domain.tickets.search import index_new_ticket, new_ticket_words
from domain.tickets.tracking import new_tracking_id
from domain.uow import UnitOfWork


@fast_init
@dataclass(frozen=True)
class TicketDraft:
    """Everything a new ticket row needs, once the requester and placement are resolved."""

    customer: Customer | None
    service: Service | None
    department: Department
    category: Category | None
    subject: str
    body: str
    priority: Impact
    impact: Impact
    channel: Channel
    guest_name: str | None = None
    guest_email: str | None = None
    guest_language: Language | None = None
    follow_up_of: Ticket | None = None
    acknowledge: bool = True
    in_reply_to: str | None = None  # the mail that opened it, for the acknowledgement's thread
    attachments: Sequence[IncomingFile] = ()  # files on the first message
    alert_staff: bool = True  # tell the department's staff (not for imported history)
    custom_values: Sequence[CleanValue] = ()  # checked against the fields that apply
    level: SupportLevel | None = None  # the SLA level (`level_for`), when already read


async def create_ticket_row(
    uow: UnitOfWork, draft: TicketDraft, *, held_until: datetime | None = None
) -> Ticket:
    """The ticket's row with its number and tracking ID, and its custom field values (held
    ones: domain.tickets.held)."""
    ticket = _new_row(draft, held_until)
    await _save_row(uow, ticket, draft)
    await settle_number(uow.connection, ticket)
    return ticket


def _new_row(draft: TicketDraft, held_until: datetime | None) -> Ticket:
    now = utcnow()
    return Ticket(
        tracking_id=new_tracking_id(),
        customer=draft.customer,
        guest_name=draft.guest_name,
        guest_email=draft.guest_email,
        guest_language=draft.guest_language,
        service=draft.service,
        department=draft.department,
        category=draft.category,
        subject=draft.subject,
        priority=draft.priority,
        impact=draft.impact,
        status=TicketStatus.NEW,
        channel=draft.channel,
        follow_up_of=draft.follow_up_of,
        created_at=now,
        updated_at=now,
        held_until=held_until,
    )


async def _save_row(uow: UnitOfWork, ticket: Ticket, draft: TicketDraft) -> None:
    """The row, with its number or a stand-in for it (domain.tickets.numbers)."""
    ticket.number = await first_number(uow.connection)
    await ticket.save(using_db=uow.connection, force_create=True)
    await write_values(uow.connection, ticket, draft.custom_values)


async def new_ticket_row(draft: TicketDraft) -> Ticket:
    """A new ticket's row, not saved yet, with its deadlines (so its insert carries them: no
    update after it). Built in memory from the catalogue's cache, so a caller can build it
    before its transaction begins, which on SQLite holds the process's one writer."""
    ticket = _new_row(draft, held_until=None)
    await first_deadlines(ticket, draft.level)
    return ticket


async def insert_with_first_message(
    uow: UnitOfWork, ticket: Ticket, message: Message, draft: TicketDraft, *, last: bool = False
) -> None:
    """Write a new ticket's row (from `new_ticket_row`) with its number, its first message
    (from domain.tickets.changes.new_message), the row naming it its last, and its search
    row. `last`: the unit of work writes nothing else but its events and notifications, and
    reads nothing after: on PostgreSQL the rows go with its last statement (their ids and the
    number are Drawn values until then: domain.rows.drawn)."""
    if drawn_late(uow.connection):
        # One statement (PostgreSQL, domain.rows): the number's draw, the row with its
        # number and naming its first message as its last, the message, the search row.
        written = parent_later(
            uow.connection,
            ticket,
            message,
            "ticket_id",
            first=drawing(),
            parent_sql={"number": DRAWN_NUMBER},
            back="last_message_id",
            alongs=[new_ticket_words(ticket, draft.customer, draft.body)],
            drawn=last,
        )
        if last:
            await uow.write_last(written)
        else:
            await write_later(uow.connection, [written])
    else:
        await insert_numbered(uow.connection, ticket)
        message.ticket_id = ticket.pk
        await insert_all(uow.connection, [message])
        await index_new_ticket(uow.connection, ticket, draft.customer, draft.body)
        await update_where_unread(
            uow.connection, Ticket, {"id": ticket.id}, {"last_message_id": message.id}
        )
        ticket.last_message_id = message.id
