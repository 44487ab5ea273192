"""Who hears about a ticket change, and in which language: recorded in the change's unit of
work, so the mail goes out through the outbox once the change commits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from domain.catalog.cache import cached
from domain.email.notifications import Notice, notify, notify_all
from domain.email.signatures import render_signature, signing_staff
from domain.frozen_init import fast_init
from domain.identity.viewer import Viewer
from domain.models import (
    AgentPreferences,
    Customer,
    Department,
    Language,
    Message,
    NotificationKind,
    Staff,
    StaffRole,
    Ticket,
    TicketContact,
    TicketStatus,
    TicketWatcher,
)
from domain.prepared import Prepared
from domain.rows import Along
from domain.satisfaction import survey
from domain.tickets.lifecycle import ACTIVE, ENDED
from domain.tickets.placement import department_by_id
from domain.uow import UnitOfWork
from domain.workspace.notifications import (
    AgentNotificationKind,
    email_wanted,
    mentioned,
    mentions,
    wants_email,
)

EXCERPT_MAX = 10_000
# What an agent's alert quotes of the message that caused it.
ALERT_EXCERPT_MAX = 2_000


@fast_init
@dataclass(frozen=True)
class Contact:
    email: str
    name: str
    language: Language


async def requester_of(
    uow: UnitOfWork, ticket: Ticket, customer: Customer | None = None
) -> Contact | None:
    """The customer or guest a ticket belongs to, as someone to write to (`customer`: the
    ticket's customer, when the caller read it in this action)."""
    if ticket.customer_id is not None:
        if customer is None or customer.id != ticket.customer_id:
            customer = await Customer.get_or_none(id=ticket.customer_id, using_db=uow.connection)
        if customer is None or not customer.email:
            return None
        return Contact(customer.email, customer.name, customer.language)
    return _guest(ticket)


def _guest(ticket: Ticket) -> Contact | None:
    if not ticket.guest_email:
        return None
    language = ticket.guest_language or Language.ES
    return Contact(ticket.guest_email, ticket.guest_name or "", language)


def _requester_read(ticket: Ticket, customer: Along | None) -> Contact | None:
    """`requester_of`, from the customer's row read along another statement."""
    if ticket.customer_id is None:
        return _guest(ticket)
    found = customer.returned if customer is not None else None
    if not found or not found[0][0]:
        return None
    email, name, language = found[0]
    return Contact(email, name, Language(language))


def _about(ticket: Ticket, contact: Contact) -> dict[str, object]:
    return {
        "name": contact.name,
        "tracking_id": ticket.tracking_id,
        "number": ticket.number,
        "subject": ticket.subject,
    }


async def tell(
    uow: UnitOfWork,
    contact: Contact,
    ticket: Ticket,
    kind: NotificationKind,
    details: dict[str, object],
    *,
    dedupe_key: str | None = None,
    batch: list[Notice] | None = None,
) -> None:
    """Write to `contact` about `ticket`, in their language, once this unit of work commits
    (into `batch`, when given, which the caller records with `notify_all`)."""
    if batch is not None and dedupe_key is None:
        payload = {**_about(ticket, contact), **details}
        batch.append(Notice(contact.email, contact.language, kind, payload, ticket.id))
        return
    await notify(
        uow,
        recipient=contact.email,
        language=contact.language,
        kind=kind,
        payload={**_about(ticket, contact), **details},
        ticket_id=ticket.id,
        dedupe_key=dedupe_key,
    )


async def record(uow: UnitOfWork, batch: list[Notice]) -> None:
    """Record a batch of notices `_tell` collected: one at a time when there is one (the
    plain path, unless rows wait for the unit of work's last statement: a reply's, a new
    ticket's), else with that statement on PostgreSQL, two statements elsewhere."""
    if len(batch) == 1 and not uow.later:
        (notice,) = batch
        await notify(
            uow,
            recipient=notice.recipient,
            language=notice.language,
            kind=notice.kind,
            payload=notice.payload,
            ticket_id=notice.ticket_id,
        )
    else:
        await notify_all(uow, batch)


async def acknowledge_ticket(
    uow: UnitOfWork,
    ticket: Ticket,
    *,
    in_reply_to: str | None = None,
    customer: Customer | None = None,
    batch: list[Notice] | None = None,
) -> None:
    """Tell the requester their ticket exists, with its tracking ID (seed 004 step 2)."""
    contact = await requester_of(uow, ticket, customer)
    if contact is None:
        return
    details: dict[str, object] = {"channel": ticket.channel.value}
    if in_reply_to:
        details["in_reply_to"] = in_reply_to
    await tell(uow, contact, ticket, NotificationKind.TICKET_CREATED, details, batch=batch)


@dataclass(frozen=True)
class Addressees:
    """The reads `agent_replied` needs, for the reply's statement to carry on PostgreSQL
    (domain.rows.Along): the ticket's customer (none for a guest's ticket), the people the
    requester copied. Each row comes back as an array of its columns."""

    customer: Along | None
    copied: Along

    @property
    def alongs(self) -> list[Along]:
        return [along for along in (self.customer, self.copied) if along is not None]


def addressees(connection: BaseDBAsyncClient, ticket: Ticket) -> Addressees | None:
    """`Addressees` of an agent's reply on `ticket`; None where no statement carries them
    (SQLite)."""
    if connection.capabilities.dialect != "postgres":
        return None
    customer = None
    if ticket.customer_id is not None:
        customer = Along(
            "SELECT ARRAY[email::text, name::text, language::text] FROM customer WHERE id = $1",
            [ticket.customer_id],
        )
    copied = Along(
        "SELECT ARRAY[email::text, name::text] FROM ticket_contact WHERE ticket_id = $1 "
        "ORDER BY id",
        [ticket.id],
    )
    return Addressees(customer, copied)


async def agent_replied(
    uow: UnitOfWork,
    ticket: Ticket,
    message: Message,
    viewer: Viewer,
    read: Addressees | None = None,
) -> None:
    """Send an agent's public reply to the requester and to the people they copied; `read`:
    whom, when another statement read it already."""
    requester: Contact | None
    copied: list[tuple[str, str | None]]
    if read is not None and read.copied.returned is not None:
        requester = _requester_read(ticket, read.customer)
        copied = [(email, name) for email, name in read.copied.returned]
    else:
        requester = await requester_of(uow, ticket)
        rows = TicketContact.filter(ticket_id=ticket.id).using_db(uow.connection).order_by("id")
        copied = [(row.email, row.name) for row in await rows]
    if requester is None:
        return
    # The signature as it is when the reply is written: a retried mail does not change.
    staff = await signing_staff(viewer.staff_id)
    department = await department_by_id(ticket.department_id)
    batch: list[Notice] = []
    for contact in [
        requester,
        *(Contact(email, name or email, requester.language) for email, name in copied),
    ]:
        await tell(
            uow,
            contact,
            ticket,
            NotificationKind.AGENT_REPLIED,
            {
                "agent": viewer.name or "Mesa",
                "body": message.body[:EXCERPT_MAX],
                "signature": render_signature(staff, department, contact.language),
            },
            batch=batch,
        )
    await record(uow, batch)


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
    """Tell the requester their ticket was resolved, closed or reopened, unless they did it.
    A resolution's mail carries the satisfaction survey's rating links, and goes out even
    when the requester resolved the ticket themselves (then it is the survey)."""
    change = _status_change(before, after)
    if change is None or (viewer.is_requester and change != TicketStatus.RESOLVED.value):
        return
    contact = await requester_of(uow, ticket)
    if contact is None:
        return
    details: dict[str, object] = {"change": change}
    if change == TicketStatus.RESOLVED.value:
        details.update(await survey.invitation(uow, ticket))
        if viewer.is_requester and "rating_token" not in details:
            return
    await tell(uow, contact, ticket, NotificationKind.STATUS_CHANGED, details)


async def staff_to_tell(
    uow: UnitOfWork,
    query: QuerySet[Staff],
    kind: AgentNotificationKind,
    viewer: Viewer,
    *,
    departments: bool = True,
) -> list[Staff]:
    """The active staff of `query` who want `kind` by email, never the one who acted (with
    their departments fetched, unless the caller does not look at them)."""
    # Their preferences joined: one statement for who they are and what they want.
    query = query.filter(is_active=True).using_db(uow.connection).distinct()
    query = query.select_related("preferences")
    if departments:
        query = query.prefetch_related("departments")
    staff = await query
    wanted = (s for s in staff if s.id != viewer.staff_id and wants_email(_preferences(s), kind))
    return sorted(wanted, key=lambda s: s.id)


def _preferences(staff: Staff) -> AgentPreferences | None:
    """What `select_related("preferences")` put on the agent's row (None: never chose); the
    model leaves the reverse relation undeclared, so its type is said here."""
    return cast("AgentPreferences | None", getattr(staff, "preferences"))  # noqa: B009


def _who(viewer: Viewer) -> str:
    return viewer.name or "Mesa"


async def department_staff(department_id: int) -> list[dict[str, Any]]:
    """A department's active staff and the kinds each chose by email: whom `new_ticket` may
    tell, for a caller that reads them earlier in its transaction. From the catalogue's cache
    (its stamp advances when the staff change: migration 0029); shared, never changed."""
    return await cached(
        "department_staff", department_id, lambda: _DEPARTMENT_STAFF.fetch(department_id)
    )


async def new_ticket(
    uow: UnitOfWork,
    ticket: Ticket,
    message: Message,
    viewer: Viewer,
    department: Department | None = None,
    batch: list[Notice] | None = None,
    staff_of_department: list[dict[str, Any]] | None = None,
) -> None:
    """Tell the department's staff a ticket arrived (osTicket's new-ticket alert);
    `department`: the ticket's, when the caller read it in this action, and
    `staff_of_department` its `department_staff`."""
    if department is None or department.id != ticket.department_id:
        department = await department_by_id(ticket.department_id)
    if staff_of_department is None:
        staff_of_department = await department_staff(ticket.department_id)
    for staff in staff_of_department:
        wanted = email_wanted(staff["preferences__email_kinds"], AgentNotificationKind.NEW_TICKET)
        if staff["id"] == viewer.staff_id or not wanted:
            continue
        language = staff["language"]
        await tell(
            uow,
            Contact(staff["email"], staff["name"], language),
            ticket,
            NotificationKind.NEW_TICKET_ALERT,
            {
                "requester": _who(viewer),
                "department": _department_name(department, language),
                "impact": ticket.impact.value,
                "excerpt": message.body[:ALERT_EXCERPT_MAX],
            },
            batch=batch,
        )


# A department's active staff and the kinds each chose by email, in one statement built once
# (every new ticket reads it); the rule for who is told is `email_wanted`, as for the others.
_DEPARTMENT_STAFF = Prepared(
    lambda department_id: (
        Staff.filter(departments__id=department_id, is_active=True)
        .distinct()
        .order_by("id")
        .values("id", "email", "name", "language", "preferences__email_kinds")
    ),
    arity=1,
)


# Who follows a ticket: read on every reply of its requester, so built once.
_WATCHERS = Prepared(
    lambda ticket_id: TicketWatcher.filter(ticket_id=ticket_id).values("staff_id"), arity=1
)


# Who follows a ticket, as a column of the ticket's own row: a subquery of "ticket", which a
# read of the row carries (domain.identity.access.get_visible_ticket_versioned's `reads`).
WATCHERS_OF_TICKET_ROW = (
    'ARRAY(SELECT "staff_id" FROM "ticket_watcher" WHERE "ticket_id" = "ticket"."id")'
)


# The same on SQLite, which has no arrays: a JSON array of the ids.
WATCHERS_OF_TICKET_ROW_JSON = (
    '(SELECT json_group_array("staff_id") FROM "ticket_watcher" WHERE "ticket_id" = "ticket"."id")'
)


def watchers_with_row(connection: BaseDBAsyncClient) -> tuple[str, ...]:
    """The read of who follows a ticket for the locked read of its row to carry, where no
    later statement can carry it (SQLite: domain.tickets.replies); none elsewhere."""
    if connection.capabilities.dialect != "sqlite":
        return ()
    return (WATCHERS_OF_TICKET_ROW_JSON,)


def watchers_from_row(
    connection: BaseDBAsyncClient, ticket_id: int, found: Sequence[Any]
) -> Along | None:
    """The read of who follows a ticket, done already by the read of its row (`found`, the
    values of `watchers_with_row`'s reads); None when that read carried none."""
    if not found:
        return None
    return Along(*_WATCHERS.statement(connection, ticket_id), returned=json.loads(found[0]))


def watching(connection: BaseDBAsyncClient, ticket_id: int) -> Along | None:
    """The read of who follows a ticket, for a statement to carry on PostgreSQL
    (domain.rows.Along); None where none can (SQLite)."""
    if connection.capabilities.dialect != "postgres":
        return None
    return Along(*_WATCHERS.statement(connection, ticket_id))


async def requester_replied(
    uow: UnitOfWork,
    ticket: Ticket,
    message: Message,
    viewer: Viewer,
    watchers_read: Along | None = None,
) -> None:
    """Tell the ticket's assignee and the agents following it that the requester replied;
    `watchers_read`: who follows it (`watching`), when another statement read it already."""
    if watchers_read is not None and watchers_read.returned is not None:
        watchers = set(watchers_read.returned)
    else:
        watchers = {row["staff_id"] for row in await _WATCHERS.fetch(ticket.id)}
    ids = {*watchers, *([ticket.assignee_id] if ticket.assignee_id else [])}
    if not ids:
        return
    recipients = Staff.filter(id__in=list(ids))
    for staff in await staff_to_tell(
        uow, recipients, AgentNotificationKind.CUSTOMER_REPLIED, viewer
    ):
        if not _works_on(staff, ticket):
            continue
        await tell(
            uow,
            Contact(staff.email, staff.name, staff.language),
            ticket,
            NotificationKind.CUSTOMER_REPLIED,
            {
                "requester": _who(viewer),
                "watching": staff.id != ticket.assignee_id,
                "excerpt": message.body[:ALERT_EXCERPT_MAX],
            },
        )


async def mentioned_in_note(
    uow: UnitOfWork, ticket: Ticket, message: Message, viewer: Viewer
) -> None:
    """Tell the staff an internal note names (`@ana` or `@ana@mesa.example`), if they may
    see the ticket."""
    names = mentions(message.body)
    if not names:
        return
    condition = Q(email__in=[name for name in names if "@" in name])
    for name in (name for name in names if "@" not in name):
        condition |= Q(email__istartswith=f"{name}@")
    recipients = Staff.filter(condition)
    for staff in await staff_to_tell(uow, recipients, AgentNotificationKind.MENTIONED, viewer):
        if not (mentioned(message.body, staff) and _works_on(staff, ticket)):
            continue  # a longer name that starts the same, or outside the ticket's department
        await tell(
            uow,
            Contact(staff.email, staff.name, staff.language),
            ticket,
            NotificationKind.MENTIONED,
            {"by": _who(viewer), "excerpt": message.body[:ALERT_EXCERPT_MAX]},
        )


def _department_name(department: Department | None, language: Language) -> str:
    if department is None:
        return ""
    return (department.name_es if language is Language.ES else "") or department.name


def _works_on(staff: Staff, ticket: Ticket) -> bool:
    """Whether the staff member (departments fetched) may see the ticket."""
    if staff.role is not StaffRole.AGENT:
        return True  # supervisors and admins work across departments
    return any(department.id == ticket.department_id for department in staff.departments)


async def assigned(uow: UnitOfWork, ticket: Ticket, assignee_id: int, viewer: Viewer) -> None:
    """Tell an agent a ticket is now theirs, unless they took it themselves."""
    if viewer.staff_id == assignee_id:
        return
    found = await staff_to_tell(
        uow, Staff.filter(id=assignee_id), AgentNotificationKind.ASSIGNED, viewer
    )
    if not found:
        return
    staff = found[0]
    contact = Contact(staff.email, staff.name, staff.language)
    await tell(
        uow,
        contact,
        ticket,
        NotificationKind.ASSIGNED,
        {"by": viewer.name or "Mesa", "impact": ticket.impact.value},
    )
