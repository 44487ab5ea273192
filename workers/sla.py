"""SLA actors: a delayed check at each warning and breach moment, and the notification of
who must act on one."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from domain.clock import utcnow
from domain.sla import deadlines, marking
from domain.tickets import notices
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
    told = await notices.notify_sla_alert(ticket_id=ticket_id, event_id=event_id)
    logger.info("SLA alert %s on ticket %s: notified %s", event_id, ticket_id, told or "nobody")


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
