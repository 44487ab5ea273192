"""Automation actors: webhook deliveries (one job per delivery, on their own queue), trigger
runs (one job per ticket event), and time rules (a job per due run, one per rule planning)."""

from __future__ import annotations

from domain.automation import assignment, deliveries, runs, time_plans, time_runs
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


@outbox_actor(max_retries=3, time_limit=300_000, min_backoff=1_000, max_backoff=30_000)
async def run_triggers(*, run_ids: list[int]) -> None:
    """Apply one ticket event's trigger runs in order; runs already taken are left alone."""
    await runs.run_triggers(run_ids)


assert run_triggers.actor_name == runs.RUN_ACTOR


@outbox_actor(max_retries=5, time_limit=60_000, min_backoff=1_000, max_backoff=30_000)
async def auto_assign_ticket(*, ticket_id: int) -> None:
    """Give a new ticket an agent by its department's mode, if it still has none."""
    await assignment.auto_assign(ticket_id)


assert auto_assign_ticket.actor_name == assignment.ASSIGN_ACTOR


@outbox_actor(max_retries=3, time_limit=300_000, min_backoff=1_000, max_backoff=30_000)
async def run_time_rule(*, run_id: int) -> None:
    """Apply one due time rule to its ticket, if the ticket still waits where it did."""
    await time_runs.run_time_rule(run_id)


assert run_time_rule.actor_name == time_plans.RUN_ACTOR


# Planning a rule for a million tickets in the status takes a while: an hour at most.
@outbox_actor(max_retries=3, time_limit=3_600_000, min_backoff=1_000, max_backoff=30_000)
async def plan_time_rule(*, rule_id: int) -> None:
    """Plan a saved or resumed time rule for the tickets already in its status."""
    await time_plans.plan_rule(rule_id)


assert plan_time_rule.actor_name == time_plans.PLAN_ACTOR
