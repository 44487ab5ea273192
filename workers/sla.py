"""SLA actors: the notification of who must act on a warning or breach (marking it is the
scheduler's sweep, which needs no message to arrive on time)."""

from __future__ import annotations

import logging

from domain.sla import marking
from domain.tickets import sla_notices
from workers.outbox import outbox_actor

logger = logging.getLogger(__name__)


@outbox_actor(max_retries=5, time_limit=60_000)
async def check_ticket_sla(*, ticket_id: int, planned_for: str | None = None) -> None:
    """A delayed check planned by an earlier version and still queued: check the ticket now.
    Warnings and breaches are marked by the scheduler's sweep (domain.sla.marking)."""
    await marking.check_ticket_sla(ticket_id=ticket_id)


@outbox_actor(max_retries=5, time_limit=60_000)
async def notify_sla_alert(*, ticket_id: int, event_id: int) -> None:
    """Tell the assignee, or the department's supervisors, about a warning or a breach."""
    told = await sla_notices.notify_sla_alert(ticket_id=ticket_id, event_id=event_id)
    logger.info("SLA alert %s on ticket %s: notified %s", event_id, ticket_id, told or "nobody")
