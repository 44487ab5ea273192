"""Which ticket a received message answers: our Message-IDs in In-Reply-To/References,
then the `[#ABC-DEF-GHIJ]` tag in the subject, and only a ticket the sender is on."""

from __future__ import annotations

from domain.email.parsing import ParsedMail
from domain.models import (
    Customer,
    InboundMail,
    Notification,
    Ticket,
    TicketContact,
    TicketStatus,
)
from domain.uow import UnitOfWork

MAX_IDS = 50
MAX_MERGE_HOPS = 5


async def sender_is_on(uow: UnitOfWork, ticket: Ticket, sender: str) -> bool:
    """The ticket's customer or guest wrote it, or one of its contacts (addresses compared
    case-insensitively): anyone else is a stranger to the ticket."""
    if ticket.guest_email and ticket.guest_email.strip().lower() == sender:
        return True
    if await TicketContact.exists(ticket_id=ticket.id, email=sender, using_db=uow.connection):
        return True
    if ticket.customer_id is None:
        return False
    customer = await Customer.get_or_none(id=ticket.customer_id, using_db=uow.connection)
    return customer is not None and customer.email.strip().lower() == sender


async def _candidates(uow: UnitOfWork, mail: ParsedMail) -> list[int]:
    ids = mail.thread_ids[:MAX_IDS]
    found: list[int] = []
    if ids:
        ours = await (
            Notification.filter(message_id__in=ids, ticket_id__not_isnull=True)
            .using_db(uow.connection)
            .values_list("message_id", "ticket_id")
        )
        theirs = await (
            InboundMail.filter(message_id__in=ids, ticket_id__not_isnull=True)
            .using_db(uow.connection)
            .values_list("message_id", "ticket_id")
        )
        by_id = {str(m): int(str(t)) for m, t in [*theirs, *ours]}
        found.extend(by_id[i] for i in ids if i in by_id)
    tag = mail.tracking_id_in_subject
    if tag is not None:
        tagged = await (
            Ticket.filter(tracking_id=tag).using_db(uow.connection).values_list("id", flat=True)
        )
        found.extend(int(str(t)) for t in tagged)
    return list(dict.fromkeys(found))


async def _follow_merges(uow: UnitOfWork, ticket: Ticket) -> Ticket:
    for _ in range(MAX_MERGE_HOPS):
        if ticket.status is not TicketStatus.MERGED or ticket.merged_into_id is None:
            break
        target = await Ticket.get_or_none(id=ticket.merged_into_id, using_db=uow.connection)
        if target is None:
            break
        ticket = target
    return ticket


async def find_ticket(
    uow: UnitOfWork, mail: ParsedMail, *, from_support: bool = False
) -> Ticket | None:
    """The ticket this message continues, locked for update, or None for a new ticket.
    `from_support`: an answer the old helpdesk sent (an import), on whoever's ticket."""
    for ticket_id in await _candidates(uow, mail):
        ticket = await Ticket.get_or_none(id=ticket_id, using_db=uow.connection)
        if ticket is None:
            continue
        if not from_support and not await sender_is_on(uow, ticket, mail.sender):
            continue
        ticket = await _follow_merges(uow, ticket)
        return (
            await Ticket.filter(id=ticket.id).using_db(uow.connection).select_for_update().first()
        )
    return None
