"""Spam: a ticket marked spam leaves every view, count, queue list, search and the SLA (its
clock pauses, no alert falls due) until unmarked, when it gets back the status it had.
Marking may also block the requester's address (domain.email.senders)."""

from __future__ import annotations

from domain.clock import utcnow
from domain.email.senders import block_in
from domain.errors import Conflict, InvalidTransition
from domain.identity.access import TicketRef, get_visible_ticket_for_update, require_staff
from domain.identity.viewer import Viewer
from domain.models import Customer, EventKind, Ticket, TicketStatus
from domain.sla.deadlines import refresh_deadlines
from domain.tickets.changes import record_event
from domain.uow import UnitOfWork, unit_of_work

# A merged ticket lives on in its target; a spam one is marked already.
_NOT_MARKABLE = (TicketStatus.MERGED, TicketStatus.SPAM)


async def mark_spam(
    *, viewer: Viewer | None, ticket_id: TicketRef, block_sender: bool = False
) -> Ticket:
    """Mark a ticket spam (staff of its department); with `block_sender`, its requester's
    address is blocked too, in the same transaction."""
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        if ticket.status in _NOT_MARKABLE:
            raise InvalidTransition(
                "Only a ticket that is not merged nor spam already can be marked spam. / "
                "Solo se marca como spam un ticket que no esté fusionado ni ya marcado.",
                field="ticketId",
            )
        before = ticket.status
        await _set_status(uow, ticket, before, TicketStatus.SPAM, status_before_spam=before)
        await record_event(
            uow,
            ticket,
            EventKind.MARKED_SPAM,
            viewer,
            before={"status": before.value},
            after={"status": TicketStatus.SPAM.value},
            internal=True,
        )
        await refresh_deadlines(uow, ticket, before=before)
        if block_sender:
            address = await _requester_address(uow, ticket)
            if address:
                await block_in(uow, viewer, address, reason=f"Ticket #{ticket.number} marked spam")
    return ticket


async def unmark_spam(*, viewer: Viewer | None, ticket_id: TicketRef) -> Ticket:
    """Put a spam ticket back in the status it had; its SLA resumes, the spam time paused."""
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        if ticket.status is not TicketStatus.SPAM:
            raise InvalidTransition(
                "The ticket is not marked as spam. / El ticket no está marcado como spam.",
                field="ticketId",
            )
        back = ticket.status_before_spam or TicketStatus.OPEN
        await _set_status(uow, ticket, TicketStatus.SPAM, back, status_before_spam=None)
        await record_event(
            uow,
            ticket,
            EventKind.UNMARKED_SPAM,
            viewer,
            before={"status": TicketStatus.SPAM.value},
            after={"status": back.value},
            internal=True,
        )
        await refresh_deadlines(uow, ticket, before=TicketStatus.SPAM)
    return ticket


async def _set_status(
    uow: UnitOfWork,
    ticket: Ticket,
    before: TicketStatus,
    after: TicketStatus,
    *,
    status_before_spam: TicketStatus | None,
) -> None:
    now = utcnow()
    updated = await (
        Ticket.filter(id=ticket.id, status=before)
        .using_db(uow.connection)
        .update(status=after, status_before_spam=status_before_spam, updated_at=now)
    )
    if updated != 1:
        raise Conflict("The ticket changed meanwhile. Reload it and try again.")
    ticket.status = after
    ticket.status_before_spam = status_before_spam  # type: ignore[assignment]
    ticket.updated_at = now


async def _requester_address(uow: UnitOfWork, ticket: Ticket) -> str | None:
    if ticket.customer_id is not None:
        customer = await Customer.get_or_none(id=ticket.customer_id, using_db=uow.connection)
        return customer.email if customer else None
    return ticket.guest_email
