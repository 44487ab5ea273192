"""Who hears about a ticket change, and in which language: recorded in the change's unit of
work, so the mail goes out through the outbox once the change commits."""

from __future__ import annotations

from dataclasses import dataclass

from domain.email.notifications import notify
from domain.email.signatures import render_signature
from domain.identity.viewer import Viewer
from domain.models import (
    Customer,
    Department,
    Language,
    Message,
    NotificationKind,
    Staff,
    StaffRole,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from domain.tickets.lifecycle import ACTIVE, ENDED
from domain.uow import UnitOfWork, unit_of_work

EXCERPT_MAX = 10_000


@dataclass(frozen=True)
class Contact:
    email: str
    name: str
    language: Language


async def requester_of(uow: UnitOfWork, ticket: Ticket) -> Contact | None:
    """The customer or guest a ticket belongs to, as someone to write to."""
    if ticket.customer_id is not None:
        customer = await Customer.get_or_none(id=ticket.customer_id, using_db=uow.connection)
        if customer is None or not customer.email:
            return None
        return Contact(customer.email, customer.name, customer.language)
    if ticket.guest_email:
        language = ticket.guest_language or Language.ES
        return Contact(ticket.guest_email, ticket.guest_name or "", language)
    return None


def _about(ticket: Ticket, contact: Contact) -> dict[str, object]:
    return {
        "name": contact.name,
        "tracking_id": ticket.tracking_id,
        "number": ticket.number,
        "subject": ticket.subject,
    }


async def _tell(
    uow: UnitOfWork,
    contact: Contact,
    ticket: Ticket,
    kind: NotificationKind,
    details: dict[str, object],
    *,
    dedupe_key: str | None = None,
) -> None:
    """Write to `contact` about `ticket`, in their language, once this unit of work commits."""
    await notify(
        uow,
        recipient=contact.email,
        language=contact.language,
        kind=kind,
        payload={**_about(ticket, contact), **details},
        ticket_id=ticket.id,
        dedupe_key=dedupe_key,
    )


async def acknowledge_ticket(
    uow: UnitOfWork, ticket: Ticket, *, in_reply_to: str | None = None
) -> None:
    """Tell the requester their ticket exists, with its tracking ID (seed 004 step 2)."""
    contact = await requester_of(uow, ticket)
    if contact is None:
        return
    details: dict[str, object] = {"channel": ticket.channel.value}
    if in_reply_to:
        details["in_reply_to"] = in_reply_to
    await _tell(uow, contact, ticket, NotificationKind.TICKET_CREATED, details)


async def agent_replied(uow: UnitOfWork, ticket: Ticket, message: Message, viewer: Viewer) -> None:
    """Send the requester an agent's public reply."""
    contact = await requester_of(uow, ticket)
    if contact is None:
        return
    # The signature as it is when the reply is written: a retried mail does not change.
    staff = await Staff.get_or_none(id=viewer.staff_id, using_db=uow.connection)
    department = await Department.get_or_none(id=ticket.department_id, using_db=uow.connection)
    await _tell(
        uow,
        contact,
        ticket,
        NotificationKind.AGENT_REPLIED,
        {
            "agent": viewer.name or "Mesa",
            "body": message.body[:EXCERPT_MAX],
            "signature": render_signature(staff, department, contact.language),
        },
    )


def _status_change(before: TicketStatus, after: TicketStatus) -> str | None:
    if after is before:
        return None
    if after in ENDED:
        return after.value
    if before in ENDED and after in ACTIVE:
        return "REOPENED"
    return None


async def status_changed(
    uow: UnitOfWork, ticket: Ticket, before: TicketStatus, after: TicketStatus, viewer: Viewer
) -> None:
    """Tell the requester their ticket was resolved, closed or reopened, unless they did it."""
    change = _status_change(before, after)
    if change is None or viewer.is_requester:
        return
    contact = await requester_of(uow, ticket)
    if contact is None:
        return
    await _tell(uow, contact, ticket, NotificationKind.STATUS_CHANGED, {"change": change})


async def assigned(uow: UnitOfWork, ticket: Ticket, assignee_id: int, viewer: Viewer) -> None:
    """Tell an agent a ticket is now theirs, unless they took it themselves."""
    if viewer.staff_id == assignee_id:
        return
    staff = await Staff.get_or_none(id=assignee_id, is_active=True, using_db=uow.connection)
    if staff is None:
        return
    contact = Contact(staff.email, staff.name, staff.language)
    await _tell(
        uow,
        contact,
        ticket,
        NotificationKind.ASSIGNED,
        {"by": viewer.name or "Mesa", "impact": ticket.impact.value},
    )


async def sla_alert(uow: UnitOfWork, ticket: Ticket, event: TicketEvent) -> list[str]:
    """Tell the assignee, or the department's supervisors, about a warning or a breach;
    once per person and event however often it runs. Returns who was told."""
    if ticket.assignee_id is not None:
        recipients = await Staff.filter(id=ticket.assignee_id, is_active=True).using_db(
            uow.connection
        )
    else:
        recipients = await Staff.filter(
            role=StaffRole.SUPERVISOR, is_active=True, departments__id=ticket.department_id
        ).using_db(uow.connection)
    kind = (
        NotificationKind.SLA_BREACHED
        if event.kind.value == "SLA_BREACHED"
        else NotificationKind.SLA_WARNING
    )
    due = ticket.sla_due_at or (event.after or {}).get("at")
    told = []
    for staff in recipients:
        await _tell(
            uow,
            Contact(staff.email, staff.name, staff.language),
            ticket,
            kind,
            {
                "impact": ticket.impact.value,
                "due_at": str(due)[:16].replace("T", " ") if due else "-",
                "assigned": ticket.assignee_id is not None,
            },
            dedupe_key=f"sla:{event.id}:{staff.id}",
        )
        told.append(staff.email)
    return told


async def notify_sla_alert(*, ticket_id: int, event_id: int) -> list[str]:
    """Record the notifications of one SLA warning or breach event (idempotent)."""
    async with unit_of_work() as uow:
        ticket = await Ticket.get_or_none(id=ticket_id, using_db=uow.connection)
        event = await TicketEvent.get_or_none(
            id=event_id, ticket_id=ticket_id, using_db=uow.connection
        )
        if ticket is None or event is None or ticket.status is TicketStatus.SPAM:
            return []
        return await sla_alert(uow, ticket, event)
