"""The people a requester copies (Cc, or other To addresses): recorded as the ticket's
contacts, so they get the agents' replies and their own replies thread into the ticket
instead of opening tickets of their own (FreeScout's and Zammad's CC handling)."""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import getaddresses

from domain.clock import utcnow
from domain.email.parsing import ParsedMail
from domain.models import Customer, Staff, Ticket, TicketContact
from domain.uow import UnitOfWork

# Contacts a ticket keeps at most: a mail to a whole list does not make a mailing list of it.
CONTACTS_MAX = 10
_ADDRESS_MAX = 254


def copied(mail: ParsedMail, *, own: set[str]) -> list[tuple[str, str]]:
    """(address, name) of everyone the mail was also sent to, but us and the sender."""
    values = [*mail.headers.get("to", []), *mail.headers.get("cc", [])]
    found: dict[str, str] = {}
    for name, address in getaddresses(values):
        address = address.strip().lower()
        if (
            "@" not in address
            or len(address) > _ADDRESS_MAX
            or address in own
            or address == mail.sender
            or any(ch.isspace() or ch in "<>\x00" for ch in address)
        ):
            continue
        found.setdefault(address, " ".join(name.replace("\x00", "").split())[:200])
    return list(found.items())


async def record_copies(
    uow: UnitOfWork, ticket: Ticket, mail: ParsedMail, *, own: set[str]
) -> list[str]:
    """Add the mail's copied addresses to the ticket's contacts (not staff, not the
    requester); returns the addresses added."""
    candidates = copied(mail, own=own)
    if not candidates:
        return []
    connection = uow.connection
    known = {
        str(email)
        for email in await TicketContact.filter(ticket_id=ticket.id)
        .using_db(connection)
        .values_list("email", flat=True)
    }
    staff = {
        str(email).lower()
        for email in await Staff.filter(email__in=[a for a, _ in candidates])
        .using_db(connection)
        .values_list("email", flat=True)
    }
    requester = (ticket.guest_email or "").strip().lower()
    if ticket.customer_id is not None:
        customer = await Customer.get_or_none(id=ticket.customer_id, using_db=connection)
        requester = customer.email.strip().lower() if customer and customer.email else ""
    added = []
    for address, name in candidates:
        if address in known or address in staff or address == requester:
            continue
        if len(known) >= CONTACTS_MAX:
            break
        await TicketContact.create(
            ticket_id=ticket.id, email=address, name=name, created_at=utcnow(), using_db=connection
        )
        known.add(address)
        added.append(address)
    return added


async def contact_on(uow: UnitOfWork, ticket: Ticket, sender: str) -> TicketContact | None:
    return (
        await TicketContact.filter(ticket_id=ticket.id, email=sender.strip().lower())
        .using_db(uow.connection)
        .first()
    )


async def contacts_by_ticket(
    viewer: object, ticket_ids: Sequence[int]
) -> dict[int, list[TicketContact]]:
    """Each ticket's contacts, oldest first (for tickets the viewer was shown)."""
    grouped: dict[int, list[TicketContact]] = {ticket_id: [] for ticket_id in ticket_ids}
    if ticket_ids:
        for row in await TicketContact.filter(ticket_id__in=list(ticket_ids)).order_by("id"):
            grouped[row.ticket_id].append(row)
    return grouped
