"""Importing another helpdesk's mail (seed 004 is such a move): each message dated as it was
sent, the old helpdesk's own answers kept as agent replies, no live SLA clock on history, and,
once the mailbox is in, each ticket settled in its last known state (`settle_imported`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from domain.clock import utcnow
from domain.config import get_settings
from domain.email.parsing import ParsedMail
from domain.identity.viewer import SYSTEM, Viewer, ViewerKind
from domain.models import (
    AuthorKind,
    Channel,
    EventKind,
    Message,
    MessageVisibility,
    StaffRole,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from domain.sla.deadlines import alerts_to_mark, refresh_deadlines
from domain.sla.policy import AlertKind
from domain.tickets.changes import record_event_now
from domain.tickets.desk import auto_close_cutoff
from domain.tickets.lifecycle import ACTIVE
from domain.tickets.replies import Reply, add_reply
from domain.uow import UnitOfWork, unit_of_work

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
        await uow.flush_events()  # this import's events are among those it redates
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


async def settle_imported(*, ticket_id: int) -> TicketStatus | None:
    """The ticket's last known state, once its imported messages are all in (None: not an
    open ticket). A conversation the old helpdesk answered and that then went quiet for
    MESA_AUTO_CLOSE_AFTER_DAYS is closed, as Mesa would have closed it; any other stays open
    as it was left: waiting on the customer when support wrote last, else waiting on an agent
    with its deadlines from when the customer wrote, where what had already passed before the
    import is recorded as passed without an alert."""
    now = utcnow()
    async with unit_of_work() as uow:
        ticket = (
            await Ticket.filter(id=ticket_id, status__in=list(ACTIVE))
            .select_for_update()
            .using_db(uow.connection)
            .first()
        )
        if ticket is None:
            return None
        thread = (
            await Message.filter(ticket_id=ticket_id, visibility=MessageVisibility.PUBLIC)
            .using_db(uow.connection)
            .order_by("created_at", "id")
        )
        if not thread:
            return ticket.status
        last = thread[-1]
        answered = any(message.author_kind is AuthorKind.AGENT for message in thread)
        if answered and last.created_at <= now - auto_close_cutoff():
            await _close_as_history(uow, ticket, last.created_at)
        elif last.author_kind is not AuthorKind.AGENT:
            await _owe_an_answer(uow, ticket, thread, now)
        return ticket.status


async def _close_as_history(uow: UnitOfWork, ticket: Ticket, at: datetime) -> None:
    """Closed as of its last message: no deadline, no alert, nobody mailed."""
    before = ticket.status
    await (
        Ticket.filter(id=ticket.id, status=before)
        .using_db(uow.connection)
        .update(
            status=TicketStatus.CLOSED,
            resolved_at=at,
            closed_at=at,
            updated_at=at,
            next_response_started_at=None,
            sla_due_at=None,
            sla_check_at=None,
        )
    )
    ticket.status = TicketStatus.CLOSED
    event = await record_event_now(
        uow,
        ticket,
        EventKind.STATUS_CHANGED,
        SYSTEM,
        before={"status": before.value},
        after={"status": TicketStatus.CLOSED.value, "imported": True},
    )
    await TicketEvent.filter(id=event.id).using_db(uow.connection).update(created_at=at)


async def _owe_an_answer(
    uow: UnitOfWork, ticket: Ticket, thread: list[Message], now: datetime
) -> None:
    """The customer wrote last: the clock runs from when they wrote, as if Mesa had been
    there; a warning or breach already past at the import is history, marked but not
    raised."""
    if ticket.first_responded_at is not None:
        waiting_since = thread[-1].created_at
        for message in reversed(thread):
            if message.author_kind is AuthorKind.AGENT:
                break
            waiting_since = message.created_at
        ticket.next_response_started_at = waiting_since
    await refresh_deadlines(uow, ticket, before=ticket.status)
    passed = [alert for alert in alerts_to_mark(ticket) if alert.at <= now]
    ahead = [alert for alert in alerts_to_mark(ticket) if alert.at > now]
    marks: dict[str, datetime] = {}
    for alert in passed:
        column = "sla_warned_for" if alert.kind is AlertKind.WARNING else "sla_breached_for"
        marks[column] = max(alert.at, marks.get(column, alert.at))
    await (
        Ticket.filter(id=ticket.id)
        .using_db(uow.connection)
        .update(sla_check_at=ahead[0].at if ahead else None, **marks)
    )
