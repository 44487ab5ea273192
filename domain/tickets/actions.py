"""What customers and agents do with a ticket's conversation: create, reply, resolve, reopen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError

from domain.attachments.pipeline import accept_attachments
from domain.attachments.quarantine import IncomingFile
from domain.catalog.entitlements import require_channel
from domain.clock import utcnow
from domain.custom_fields.values import (
    CleanValue,
    FieldValueInput,
    clean_new_ticket_values,
    write_values,
)
from domain.email.notifications import Notice
from domain.errors import (
    NotAllowed,
    NotFound,
    ReopenWindowExpired,
    ValidationFailed,
)
from domain.frozen_init import fast_init
from domain.identity.access import (
    TICKETS_WRITE,
    TicketRef,
    get_visible_ticket_for_update,
    may_see_ticket,
    require_scope,
    require_viewer,
)
from domain.identity.auth import session_customer
from domain.identity.viewer import Viewer
from domain.models import (
    Category,
    Channel,
    Customer,
    Department,
    EventKind,
    Impact,
    Service,
    SupportLevel,
    Ticket,
)
from domain.prepared import by_id
from domain.tickets import notices
from domain.tickets.changes import (
    add_message,
    clean_body,
    clean_subject,
    message_written,
    new_message,
    record_event,
    transition,
)
from domain.tickets.drafts import TicketDraft, insert_with_first_message, new_ticket_row
from domain.tickets.lifecycle import ENDED, Trigger
from domain.tickets.permissions import within_reopen_window
from domain.tickets.placement import resolve_placement, resolve_service
from domain.uow import UnitOfWork, unit_of_work

TRACKING_ID_ATTEMPTS = 5


@fast_init
@dataclass(frozen=True)
class NewTicket:
    subject: str
    message: str
    priority: Impact = Impact.MEDIUM
    category_id: int | None = None
    department_id: int | None = None
    service_id: int | None = None
    customer_id: int | None = None  # staff opening a ticket on a customer's behalf
    channel: Channel | None = None
    about_ticket: int | None = None  # number of the existing ticket a phone contact is about
    attachments: tuple[IncomingFile, ...] = ()  # files on the first message
    custom_fields: tuple[FieldValueInput, ...] = ()  # values by field key


async def _resolve_requester(viewer: Viewer, data: NewTicket) -> tuple[Customer, Channel]:
    if viewer.is_customer:
        if data.customer_id not in (None, viewer.customer_id):
            raise NotFound("Unknown customer.", field="customerId")
        # The viewer's own row: as the session read it, else by the by-id query built once.
        session = session_customer(viewer)
        if session is not None:
            return session, data.channel or Channel.WEB
        own = [viewer.customer_id] if viewer.customer_id is not None else []
        found = await by_id(Customer).fetch(own)
        if not found:
            raise NotFound("Unknown customer.", field="customerId")
        return found[0], data.channel or Channel.WEB
    if not (viewer.is_staff or viewer.is_partner):
        raise NotAllowed("A guest pass opens one ticket; log in to open another.")
    require_scope(viewer, TICKETS_WRITE)
    if data.customer_id is None:
        raise ValidationFailed("Choose the customer the ticket is for.", field="customerId")
    customers = Customer.filter(id=data.customer_id, is_active=True)
    if viewer.is_partner:
        customers = customers.filter(partner_id=viewer.partner_id)
    customer = await customers.first()
    if customer is None:
        raise NotFound("Unknown customer.", field="customerId")
    if viewer.is_partner:
        return customer, Channel.API
    return customer, data.channel or Channel.PHONE


async def create_ticket(*, viewer: Viewer | None, data: NewTicket) -> Ticket:
    """Open a ticket for a customer, with its first message."""
    viewer = require_viewer(viewer)
    subject = clean_subject(data.subject)
    body = clean_body(data.message)
    customer, channel = await _resolve_requester(viewer, data)
    service = await resolve_service(customer, data.service_id)
    department, category = await resolve_placement(data.category_id, data.department_id)
    if viewer.is_staff and not viewer.works_in(department.id):
        raise NotAllowed("You do not work in that department.", field="departmentId")
    custom_values = await clean_new_ticket_values(
        viewer,
        department_id=department.id,
        category_id=category.id if category else None,
        inputs=data.custom_fields,
    )
    # After the viewer's own rights: a refusal must not depend on the hour of the request.
    level = await require_channel(
        customer=customer, service=service, channel=channel, about_ticket=data.about_ticket
    )
    impact = category.default_impact if category else Impact.MEDIUM
    for attempt in range(TRACKING_ID_ATTEMPTS):
        try:
            return await _insert_ticket(
                viewer,
                customer,
                service,
                department,
                category,
                subject,
                body,
                data.priority,
                impact,
                channel,
                attachments=data.attachments,
                custom_values=custom_values,
                level=level,
            )
        except IntegrityError:
            # A tracking ID collision (about one in 10^13): draw another.
            if attempt == TRACKING_ID_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


async def _insert_ticket(
    viewer: Viewer,
    customer: Customer,
    service: Service | None,
    department: Department,
    category: Category | None,
    subject: str,
    body: str,
    priority: Impact,
    impact: Impact,
    channel: Channel,
    follow_up_of: Ticket | None = None,
    attachments: Sequence[IncomingFile] = (),
    custom_values: Sequence[CleanValue] = (),
    level: SupportLevel | None = None,
) -> Ticket:
    draft = TicketDraft(
        customer,
        service,
        department,
        category,
        subject,
        body,
        priority,
        impact,
        channel,
        follow_up_of=follow_up_of,
        attachments=attachments,
        custom_values=custom_values,
        level=level,
    )
    ticket = await new_ticket_row(draft)  # before the transaction: it holds SQLite's writer
    staff = await staff_to_alert(draft)  # and its reads would begin PostgreSQL's
    async with unit_of_work() as uow:
        return await insert_ticket(uow, viewer, draft, ticket, last=True, staff=staff)


async def insert_ticket(
    uow: UnitOfWork,
    viewer: Viewer,
    draft: TicketDraft,
    ticket: Ticket | None = None,
    *,
    last: bool = False,
    staff: list[dict[str, Any]] | None = None,
) -> Ticket:
    """Write a ticket, its history, its first message and the acknowledgement, in `uow`;
    `ticket`: its row from `new_ticket_row`, when the caller built it already. `last`: the
    unit of work does nothing after, so on PostgreSQL a ticket without files or custom
    values is written by its last statement, with its events and notifications
    (domain.tickets.drafts.insert_with_first_message). `staff`: `staff_to_alert`, when the
    caller read it before its unit of work began."""
    if ticket is None:
        ticket = await new_ticket_row(draft)
    message = new_message(ticket, viewer, draft.body, channel=draft.channel)
    ticket.updated_at = message.created_at
    # Whom the alerts go to, read before the number's draw: what follows it holds the
    # number's row, which the next new ticket waits for (domain.tickets.numbers).
    if staff is None:
        staff = await staff_to_alert(draft)
    alone = last and not draft.attachments and not draft.custom_values
    await insert_with_first_message(uow, ticket, message, draft, last=alone)
    await write_values(uow.connection, ticket, draft.custom_values)
    await record_event(
        uow,
        ticket,
        EventKind.CREATED,
        viewer,
        after={
            "status": ticket.status.value,
            "impact": draft.impact.value,
            "channel": draft.channel.value,
        },
    )
    if draft.follow_up_of is not None:
        await record_event(
            uow, ticket, EventKind.LINKED, viewer, after={"followUpOf": draft.follow_up_of.number}
        )
    await message_written(uow, ticket, viewer, message)
    await accept_attachments(uow, ticket, message, draft.attachments, viewer)
    told: list[Notice] = []  # the requester's acknowledgement and the staff's alerts, at once
    if draft.acknowledge:
        await notices.acknowledge_ticket(
            uow, ticket, in_reply_to=draft.in_reply_to, customer=draft.customer, batch=told
        )
    if draft.alert_staff:
        await notices.new_ticket(
            uow, ticket, message, viewer, draft.department, batch=told, staff_of_department=staff
        )
    await notices.record(uow, told)
    return ticket


async def staff_to_alert(draft: TicketDraft) -> list[dict[str, Any]] | None:
    """Whom a new ticket's alerts may go to (domain.tickets.notices.department_staff)."""
    if not draft.alert_staff:
        return None
    return await notices.department_staff(draft.department.id)


async def resolve_ticket(*, viewer: Viewer | None, ticket_id: TicketRef) -> Ticket:
    """Mark a ticket resolved, by its customer or an agent."""
    viewer = require_scope(viewer, TICKETS_WRITE)
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        await transition(uow, ticket, Trigger.RESOLVE, viewer, resolved_at=utcnow())
    return ticket


async def reopen_ticket(
    *, viewer: Viewer | None, ticket_id: TicketRef, message: str | None = None
) -> Ticket:
    """Reopen a resolved or closed ticket; customers only within the reopen window."""
    viewer = require_scope(viewer, TICKETS_WRITE)
    body = clean_body(message) if message is not None and message.strip() else None
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        if viewer.is_requester:
            if ticket.status in ENDED and not within_reopen_window(ticket):
                raise ReopenWindowExpired(
                    "This ticket can no longer be reopened. Reply to it to open a follow-up "
                    "ticket linked to it."
                )
            trigger = Trigger.REOPEN_BY_CUSTOMER
        else:
            trigger = Trigger.REOPEN_BY_AGENT
        await transition(uow, ticket, trigger, viewer, resolved_at=None, closed_at=None)
        if body is not None:
            await add_message(uow, ticket, viewer, body)
    return ticket


async def get_ticket(*, viewer: Viewer | None, ticket_id: int) -> Ticket:
    ticket = await Ticket.get_or_none(id=ticket_id)
    if ticket is None or not may_see_ticket(viewer, ticket):
        raise NotFound("Ticket not found.", field="ticketId")
    return ticket
