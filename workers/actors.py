"""Mesa's actors, and the periodic jobs that enqueue them.

This is the module `dramatiq workers.actors` loads: importing it configures the broker
(workers.broker), declares every actor, and (distributed) has the worker processes relay the
jobs their actors record (workers.outbox). Actors take ids, never ORM objects, and are
idempotent, because the outbox delivers at least once.
"""

from __future__ import annotations

import logging

from dramatiq.brokers.redis import RedisBroker

from domain.email import notifications
from domain.identity import passwords
from domain.tickets import desk
from domain.uow import unit_of_work
from workers import attachments, automation, email, sla  # noqa: F401  (declares their actors on the broker)
from workers.broker import broker
from workers.outbox import OutboxRelay, outbox_actor

logger = logging.getLogger(__name__)

if isinstance(broker, RedisBroker):  # embedded, the app installs the relay (mesa.runtime)
    broker.add_middleware(OutboxRelay())


@outbox_actor(max_retries=5, time_limit=60_000)
async def auto_close_ticket(*, ticket_id: int) -> None:
    """Close a resolved ticket whose customer did not come back; a no-op when not due."""
    await desk.auto_close_ticket(ticket_id=ticket_id)


# Backoff from 5 s doubling up to 1 h between tries. Once they run out (or the outbox sweep
# gave up re-sending) the outbox row is FAILED and admins see it in failedNotifications.
@outbox_actor(max_retries=20, time_limit=60_000, min_backoff=5_000, max_backoff=3_600_000)
async def deliver_notification(*, notification_id: int) -> None:
    """Render a notification in its recipient's language and send it (SMTP or maildir)."""
    await notifications.deliver(notification_id)


@outbox_actor(
    max_retries=20,
    time_limit=int(notifications.BATCH_MAX * notifications.DELIVERY_SECONDS * 1000),
    min_backoff=5_000,
    max_backoff=3_600_000,
)
async def deliver_notifications(*, notification_ids: list[int]) -> None:
    """Send a batch of notifications, each as `deliver_notification`; the retry sends the
    ones that failed (domain.email.notifications.deliver_all)."""
    await notifications.deliver_all(notification_ids)


assert deliver_notification.actor_name == notifications.DELIVER_ACTOR
assert deliver_notifications.actor_name == notifications.DELIVER_ALL_ACTOR


@outbox_actor(max_retries=5, time_limit=60_000, min_backoff=1_000, max_backoff=60_000)
async def issue_password_reset(*, client_number: str) -> None:
    """Email a reset code when the client number exists (the request answered the same)."""
    await passwords.issue_password_reset(client_number=client_number)


assert issue_password_reset.actor_name == passwords.ISSUE_RESET_ACTOR


async def enqueue_auto_closes() -> int:
    """Periodic job: one auto_close_ticket job per resolved ticket past the cutoff."""
    ticket_ids = await desk.tickets_due_for_auto_close()
    if not ticket_ids:
        return 0
    # Through the outbox, so each close is visible (and retried) like any other job.
    async with unit_of_work() as uow:
        for ticket_id in ticket_ids:
            await uow.add_job(auto_close_ticket.actor_name, ticket_id=ticket_id)
    logger.info("enqueued %d automatic closes", len(ticket_ids))
    return len(ticket_ids)
