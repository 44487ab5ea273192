"""What only the support desk does: triage, assign, close, merge, and the automatic close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.clock import utcnow
from domain.config import get_settings
from domain.errors import NotAllowed, NotFound, ValidationFailed
from domain.identity.access import TicketRef, get_visible_ticket_for_update, require_staff
from domain.identity.viewer import SYSTEM, Viewer
from domain.models import (
    Category,
    Department,
    EventKind,
    Impact,
    Message,
    Staff,
    StaffRole,
    Ticket,
    TicketStatus,
)
from domain.sla.deadlines import refresh_deadlines
from domain.tickets import notices
from domain.tickets.changes import add_message, record_event, transition
from domain.tickets.lifecycle import Trigger, allows
from domain.tickets.search import index_ticket
from domain.uow import UnitOfWork, unit_of_work


@dataclass(frozen=True)
class Triage:
    impact: Impact | None = None
    department_id: int | None = None
    category_id: int | None = None


async def triage_ticket(*, viewer: Viewer | None, ticket_id: TicketRef, triage: Triage) -> Ticket:
    """Set the impact, department and category an agent decided on."""
    viewer = require_staff(viewer)
    if triage == Triage():
        raise ValidationFailed("Give an impact, a department or a category.", field="impact")
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        if ticket.status is TicketStatus.MERGED:
            raise ValidationFailed("A merged ticket cannot be triaged.", field="ticketId")
        department_id: int = ticket.department_id
        if triage.department_id is not None:
            if not await Department.exists(id=triage.department_id):
                raise NotFound("Unknown department.", field="departmentId")
            department_id = triage.department_id
        category_id: int | None = ticket.category_id
        if triage.category_id is not None:
            category = await Category.get_or_none(id=triage.category_id)
            if category is None:
                raise NotFound("Unknown category.", field="categoryId")
            if triage.department_id is None:
                department_id = category.department_id
            category_id = category.id
        if category_id is not None and not await Category.exists(
            id=category_id, department_id=department_id
        ):
            if triage.category_id is not None:
                raise ValidationFailed(
                    "The category belongs to another department.", field="categoryId"
                )
            category_id = None  # moved to a department where the old category does not exist
        changes: dict[str, object] = {}
        for name, key, kind, old, new in (
            (
                "impact",
                "impact",
                EventKind.IMPACT_CHANGED,
                ticket.impact,
                triage.impact or ticket.impact,
            ),
            (
                "department_id",
                "departmentId",
                EventKind.DEPARTMENT_CHANGED,
                ticket.department_id,
                department_id,
            ),
            (
                "category_id",
                "categoryId",
                EventKind.CATEGORY_CHANGED,
                ticket.category_id,
                category_id,
            ),
        ):
            if old != new:
                changes[name] = new
                await record_event(
                    uow, ticket, kind, viewer, before={key: _plain(old)}, after={key: _plain(new)}
                )
        if allows(ticket.status, Trigger.TRIAGE):
            await transition(uow, ticket, Trigger.TRIAGE, viewer, **changes)
        elif changes:
            changes["updated_at"] = utcnow()
            await Ticket.filter(id=ticket.id).using_db(uow.connection).update(**changes)
            for name, value in changes.items():
                setattr(ticket, name, value)
            await refresh_deadlines(uow, ticket)  # re-triage: recomputed from the start
    return ticket


def _plain(value: object) -> object:
    return value.value if isinstance(value, Impact) else value


async def assign_ticket(
    *, viewer: Viewer | None, ticket_id: TicketRef, assignee_id: int | None
) -> Ticket:
    """Assign a ticket to a staff member of its department, or unassign it.

    Agents take tickets for themselves or hand back their own; supervisors and admins
    assign anyone."""
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        if ticket.status is TicketStatus.MERGED:
            raise ValidationFailed("A merged ticket cannot be assigned.", field="ticketId")
        current: int | None = ticket.assignee_id
        if not viewer.sees_every_department and (
            assignee_id not in (None, viewer.staff_id) or current not in (None, viewer.staff_id)
        ):
            raise NotAllowed("Only a supervisor can assign tickets to others.", field="assigneeId")
        if assignee_id is not None:
            assignee = await Staff.get_or_none(id=assignee_id, is_active=True).prefetch_related(
                "departments"
            )
            if assignee is None:
                raise NotFound("Unknown staff member.", field="assigneeId")
            in_department = any(d.id == ticket.department_id for d in assignee.departments)
            if assignee.role is StaffRole.AGENT and not in_department:
                raise ValidationFailed(
                    "That agent does not work in the ticket's department.", field="assigneeId"
                )
        if current == assignee_id:
            return ticket
        await apply_assignment(uow, ticket, assignee_id, viewer)
    return ticket


async def apply_assignment(
    uow: UnitOfWork, ticket: Ticket, assignee_id: int | None, viewer: Viewer
) -> None:
    """Give a ticket locked in `uow` its (checked) new assignee: history, notice, status."""
    await record_event(
        uow,
        ticket,
        EventKind.ASSIGNED,
        viewer,
        before={"assigneeId": ticket.assignee_id},
        after={"assigneeId": assignee_id},
    )
    if assignee_id is not None:
        await notices.assigned(uow, ticket, assignee_id, viewer)
    if allows(ticket.status, Trigger.ASSIGN):
        await transition(uow, ticket, Trigger.ASSIGN, viewer, assignee_id=assignee_id)
    else:
        await (
            Ticket.filter(id=ticket.id)
            .using_db(uow.connection)
            .update(assignee_id=assignee_id, updated_at=utcnow())
        )
        ticket.assignee_id = assignee_id


async def close_ticket(*, viewer: Viewer | None, ticket_id: TicketRef) -> Ticket:
    """Close a ticket (staff)."""
    viewer = require_staff(viewer)
    async with unit_of_work() as uow:
        ticket = await get_visible_ticket_for_update(viewer, ticket_id)
        await transition(uow, ticket, Trigger.CLOSE, viewer, closed_at=utcnow())
    return ticket


def requester_of(ticket: Ticket) -> tuple[str, str]:
    """Who a ticket is for: a customer, or a guest known only by an email address."""
    if ticket.customer_id is not None:
        return ("customer", str(ticket.customer_id))
    return ("guest", (ticket.guest_email or "").strip().lower())


async def merge_tickets(
    *, viewer: Viewer | None, source_id: TicketRef, target_id: TicketRef
) -> Ticket:
    """Merge a duplicate into another ticket of the same customer; its thread moves along."""
    viewer = require_staff(viewer)
    if source_id == target_id:
        raise ValidationFailed("A ticket cannot be merged into itself.", field="targetTicketId")
    async with unit_of_work() as uow:
        try:
            source = await get_visible_ticket_for_update(viewer, source_id)
        except NotFound as error:
            error.field = "sourceTicketId"
            raise
        try:
            target = await get_visible_ticket_for_update(viewer, target_id)
        except NotFound as error:
            error.field = "targetTicketId"
            raise
        if source.id == target.id:  # named twice, by its tracking ID and its global ID
            raise ValidationFailed("A ticket cannot be merged into itself.", field="targetTicketId")
        if target.status is TicketStatus.MERGED:
            raise ValidationFailed("The target ticket was itself merged.", field="targetTicketId")
        if target.status is TicketStatus.SPAM:
            raise ValidationFailed(
                "The target ticket is marked as spam. / El ticket de destino está marcado como "
                "spam.",
                field="targetTicketId",
            )
        if requester_of(source) != requester_of(target):
            raise ValidationFailed(
                "Only tickets of the same requester (customer, or guest email) can be merged: "
                "each would read the other's thread. / Solo se pueden fusionar tickets del "
                "mismo solicitante (cliente, o correo del invitado): cada uno leería la "
                "conversación del otro.",
                field="targetTicketId",
            )
        await transition(uow, source, Trigger.MERGE, viewer, merged_into_id=target.id)
        await record_event(
            uow, source, EventKind.MERGED, viewer, after={"mergedInto": target.number}
        )
        await (
            Message.filter(ticket_id=source.id).using_db(uow.connection).update(ticket_id=target.id)
        )
        await index_ticket(uow.connection, target.id)  # the thread it took in is searched there
        await record_event(
            uow, target, EventKind.MERGED, viewer, after={"mergedFrom": source.number}
        )
        await add_message(
            uow,
            target,
            viewer,
            f"Ticket #{source.number} was merged into this ticket.",
            internal=True,
        )
        last = (
            await Message.filter(ticket_id=target.id, visibility="PUBLIC")
            .using_db(uow.connection)
            .order_by("-id")
            .first()
        )
        await (
            Ticket.filter(id=target.id)
            .using_db(uow.connection)
            .update(last_message_id=last.id if last else None, updated_at=utcnow())
        )
    return target


def auto_close_cutoff() -> timedelta:
    return timedelta(days=get_settings().auto_close_after_days)


async def tickets_due_for_auto_close(limit: int = 1000) -> list[int]:
    """Ids of resolved tickets whose customer has not come back within the configured days."""
    cutoff = utcnow() - auto_close_cutoff()
    ids = await (
        Ticket.filter(status=TicketStatus.RESOLVED, resolved_at__lte=cutoff)
        .order_by("resolved_at")
        .limit(limit)
        .values_list("id", flat=True)
    )
    return [int(str(i)) for i in ids]


async def auto_close_ticket(*, ticket_id: int) -> bool:
    """Close one resolved ticket past the cutoff; idempotent, False when nothing was due."""
    cutoff = utcnow() - auto_close_cutoff()
    async with unit_of_work() as uow:
        ticket = (
            await Ticket.filter(id=ticket_id, status=TicketStatus.RESOLVED, resolved_at__lte=cutoff)
            .select_for_update()
            .using_db(uow.connection)
            .first()
        )
        if ticket is None:
            return False
        await transition(uow, ticket, Trigger.AUTO_CLOSE, SYSTEM, closed_at=utcnow())
    return True
