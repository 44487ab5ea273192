"""Who hears about an SLA warning or breach on a ticket: its assignee (unassigned, the
department's supervisors) and the agents following it, as each chose, once per person and
event (the workers' notify_sla_alert job)."""

from __future__ import annotations

from tortoise.expressions import Q

from domain.identity.viewer import SYSTEM
from domain.models import (
    NotificationKind,
    Staff,
    StaffRole,
    Ticket,
    TicketEvent,
    TicketStatus,
    TicketWatcher,
)
from domain.tickets.notices import Contact, staff_to_tell, tell
from domain.uow import UnitOfWork, unit_of_work
from domain.workspace.notifications import AgentNotificationKind


async def sla_alert(uow: UnitOfWork, ticket: Ticket, event: TicketEvent) -> list[str]:
    """Tell the assignee (or, unassigned, the department's supervisors) and the agents
    following the ticket about a warning or a breach, as each chose; once per person and
    event however often it runs. Returns who was told."""
    if ticket.assignee_id is not None:
        responsible = Q(id=ticket.assignee_id)
    else:
        responsible = Q(role=StaffRole.SUPERVISOR, departments__id=ticket.department_id)
    watchers = await (
        TicketWatcher.filter(ticket_id=ticket.id)
        .using_db(uow.connection)
        .values_list("staff_id", flat=True)
    )
    recipients = await staff_to_tell(
        uow,
        Staff.filter(responsible | Q(id__in=list(watchers))),
        AgentNotificationKind.SLA_ALERT,
        SYSTEM,
    )
    kind = (
        NotificationKind.SLA_BREACHED
        if event.kind.value == "SLA_BREACHED"
        else NotificationKind.SLA_WARNING
    )
    due = ticket.sla_due_at or (event.after or {}).get("at")
    told = []
    for staff in recipients:
        await tell(
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
