"""Automation actors: webhook deliveries, one job per delivery on their own queue."""

from __future__ import annotations

from domain.automation import deliveries
from workers.outbox import outbox_actor


# One attempt per job, bounded by the endpoint's timeout (at most 30 s); the domain plans
# the retries (exponential backoff, the scheduler's retry sweep), so dramatiq retries only
# when the attempt itself could not be recorded (the database was away).
@outbox_actor(
    max_retries=3,
    time_limit=60_000,
    queue_name=deliveries.QUEUE,
    min_backoff=1_000,
    max_backoff=30_000,
)
async def deliver_webhook(*, delivery_id: int) -> None:
    """Send one webhook delivery (one attempt); a no-op when it is not queued any more."""
    await deliveries.deliver(delivery_id)


assert deliver_webhook.actor_name == deliveries.DELIVER_ACTOR
