"""Guest tickets held until their address is confirmed (MESA_GUEST_CONFIRMATION=new-addresses).

A guest writing from an address Mesa has never seen (no ticket was opened from it or for it,
no customer has it) gets the tracking ID at once, but the ticket waits outside the queue: it
has no history, no SLA clock, no search entry, and the model's queries leave it out
(domain.models.tickets.QueuedTickets), so no view, count, report or agent sees it. A
single-use link, mailed in the guest's language, confirms the address: then the ticket enters
the queue as if opened at that moment (its SLA starts there), with the usual tracking-ID
mail. A ticket still held when its link expires is deleted by the retention sweep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.expressions import Q

from domain.clock import utcnow
from domain.config import GuestConfirmation, get_settings
from domain.email.notifications import notify
from domain.errors import NotFound
from domain.identity.auth import digest, issue_token
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import (
    AuthToken,
    Customer,
    EventKind,
    Language,
    Message,
    MessageVisibility,
    NotificationKind,
    Ticket,
    TicketStatus,
    TokenKind,
)
from domain.sla.deadlines import refresh_deadlines
from domain.tickets import notices
from domain.tickets.changes import author_kind, record_event
from domain.tickets.search import index_ticket
from domain.uow import UnitOfWork, unit_of_work

INVALID_LINK = (
    "This confirmation link is not valid or has expired: send the ticket again. / Este enlace "
    "de confirmación no es válido o caducó: envíe el ticket de nuevo."
)


@dataclass(frozen=True)
class Held:
    """What a held ticket needs besides its row: the guest who wrote it."""

    name: str
    email: str
    language: Language


def confirmation_ttl() -> timedelta:
    return timedelta(hours=get_settings().guest_confirmation_hours)


async def needs_confirmation(email: str) -> bool:
    """Whether a guest's ticket from `email` (normalised) waits for a confirmed address."""
    if get_settings().guest_confirmation is GuestConfirmation.NEVER:
        return False
    seen_on_ticket = await Ticket.filter(
        Q(guest_email=email) | Q(customer__email__iexact=email)
    ).exists()
    return not seen_on_ticket and not await Customer.filter(email__iexact=email).exists()


async def hold_ticket(uow: UnitOfWork, ticket: Ticket, guest: Held, body: str) -> Ticket:
    """Store the held ticket's row and first message, and mail the confirmation link."""
    now = utcnow()
    message = await Message.create(
        ticket_id=ticket.id,
        author_kind=author_kind(_guest(guest)),
        author_name=guest.name,
        visibility=MessageVisibility.PUBLIC,
        channel=ticket.channel,
        body=body,
        created_at=now,
        using_db=uow.connection,
    )
    await (
        Ticket.held_rows()
        .filter(id=ticket.id)
        .using_db(uow.connection)
        .update(last_message_id=message.id)
    )
    ticket.last_message_id = message.id
    raw, record = await issue_token(TokenKind.GUEST_CONFIRM, ticket=ticket, ttl=confirmation_ttl())
    # Not threaded with the ticket (ticket_id unset): the mail must not carry the tracking
    # tag a reply would be filed under before the ticket is in the queue.
    await notify(
        uow,
        recipient=guest.email,
        language=guest.language,
        kind=NotificationKind.GUEST_CONFIRMATION,
        payload={
            "name": guest.name,
            "subject": ticket.subject,
            "token": raw,
            "expires_at": record.expires_at.strftime("%Y-%m-%d %H:%M"),
        },
    )
    return ticket


def held_until() -> datetime:
    return utcnow() + confirmation_ttl()


async def confirm_guest_ticket(*, token: str) -> Ticket:
    """The guest followed the link: the ticket enters the queue now, and is acknowledged."""
    now = utcnow()
    record = await AuthToken.get_or_none(
        token_hash=digest(token.strip()[:200]), kind=TokenKind.GUEST_CONFIRM
    )
    if record is None or record.expires_at <= now or record.ticket_id is None:
        raise NotFound(INVALID_LINK, field="token")
    async with unit_of_work() as uow:
        # Single use: of two clicks, one takes the token.
        taken = await (
            AuthToken.filter(id=record.id, revoked_at=None)
            .using_db(uow.connection)
            .update(revoked_at=now)
        )
        ticket = (
            await Ticket.held_rows()
            .filter(id=record.ticket_id)
            .using_db(uow.connection)
            .select_for_update()
            .first()
        )
        if not taken or ticket is None:
            raise NotFound(INVALID_LINK, field="token")
        # The queue's clock starts now: the SLA counts from the confirmation.
        await (
            Ticket.held_rows()
            .filter(id=ticket.id)
            .using_db(uow.connection)
            .update(held_until=None, created_at=now, updated_at=now)
        )
        ticket.held_until, ticket.created_at, ticket.updated_at = None, now, now
        await _enter_queue(uow, ticket)
    return ticket


async def _enter_queue(uow: UnitOfWork, ticket: Ticket) -> None:
    """What opening a ticket records (domain.tickets.actions.insert_ticket), done now."""
    guest = _guest(
        Held(
            name=ticket.guest_name or "",
            email=ticket.guest_email or "",
            language=ticket.guest_language or Language.ES,
        )
    )
    await refresh_deadlines(uow, ticket)
    await record_event(
        uow,
        ticket,
        EventKind.CREATED,
        guest,
        after={
            "status": TicketStatus.NEW.value,
            "impact": ticket.impact.value,
            "channel": ticket.channel.value,
        },
    )
    first = (
        await Message.filter(ticket_id=ticket.id).using_db(uow.connection).order_by("id").first()
    )
    if first is not None:
        await record_event(uow, ticket, EventKind.MESSAGE_ADDED, guest, message=first)
    await index_ticket(uow.connection, ticket.id)
    await notices.acknowledge_ticket(uow, ticket)
    if first is not None:
        await notices.new_ticket(uow, ticket, first, guest)  # the department hears of it now


async def delete_expired_held_tickets(now: datetime) -> int:
    """Held tickets whose confirmation link expired, deleted with their message and link."""
    return await Ticket.held_rows().filter(held_until__lt=now).delete()


def _guest(guest: Held) -> Viewer:
    return Viewer(
        kind=ViewerKind.GUEST,
        name=guest.name,
        language=guest.language,
        saved_language=guest.language,
    )
