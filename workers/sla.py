"""SLA actors: a delayed check at each warning and breach moment, and the notification of
who must act on one."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from domain.clock import utcnow
from domain.models import Staff, StaffRole, Ticket, TicketEvent
from domain.sla import deadlines, marking
from workers.outbox import outbox_actor

logger = logging.getLogger(__name__)


@outbox_actor(max_retries=5, time_limit=60_000)
async def check_ticket_sla(*, ticket_id: int, planned_for: str) -> None:
    """Record a planned warning or breach if that deadline is still current and passed."""
    moment = datetime.fromisoformat(planned_for)
    if moment > utcnow():
        # Delivered early (a clock skew between processes): check again at the moment.
        await plan_check(ticket_id, moment)
        return
    await marking.check_ticket_sla(ticket_id=ticket_id, planned_for=moment)


@outbox_actor(max_retries=5, time_limit=60_000)
async def notify_sla_alert(*, ticket_id: int, event_id: int) -> None:
    """Tell the assignee, or the department's supervisors, about a warning or a breach."""
    ticket = await Ticket.get_or_none(id=ticket_id)
    event = await TicketEvent.get_or_none(id=event_id, ticket_id=ticket_id)
    if ticket is None or event is None:
        return
    if ticket.assignee_id is not None:
        recipients = await Staff.filter(id=ticket.assignee_id, is_active=True)
    else:
        recipients = await Staff.filter(
            role=StaffRole.SUPERVISOR, is_active=True, departments__id=ticket.department_id
        )
    # Until email notifications exist this records who would be told: idempotent by nature.
    logger.info(
        "SLA %s on ticket %s: notify %s",
        event.kind.value,
        ticket.number,
        ", ".join(staff.email for staff in recipients) or "nobody",
    )


async def plan_check(ticket_id: int, moment: datetime) -> None:
    """Send a check_ticket_sla message delayed until `moment`."""
    delay_ms = max(0, int((moment - utcnow()).total_seconds() * 1000))
    # A Redis enqueue is blocking network I/O: keep it off the event loop.
    await asyncio.to_thread(
        check_ticket_sla.send_with_options,
        kwargs={"ticket_id": ticket_id, "planned_for": moment.isoformat()},
        delay=delay_ms,
    )


def install() -> None:
    """Plan a delayed check whenever a ticket's deadlines move."""
    deadlines.set_deadline_planner(plan_check)


def uninstall() -> None:
    deadlines.set_deadline_planner(None)
