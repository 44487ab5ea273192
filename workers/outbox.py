"""The outbox relay: committed OutboxJob rows become dramatiq messages, and jobs mark them done.

A row is PENDING when its transaction commits, ENQUEUED once a message was sent for it, DONE
when the actor finished, FAILED when retries or re-sends ran out. Delivery is at least once:
the sweep re-sends rows a crash or an in-memory broker lost, so every actor is idempotent.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import dramatiq
import redis
from tortoise.expressions import Q

from domain import logs
from domain.clock import utcnow
from domain.config import get_settings
from domain.models import OutboxJob, OutboxStatus
from domain.uow import set_outbox_dispatcher
from workers.broker import DEFAULT_QUEUE, broker

logger = logging.getLogger(__name__)

MAX_ENQUEUES = 5
SWEEP_BATCH = 500

JobFunction = Callable[..., Awaitable[object]]


def install() -> None:
    """Send outbox jobs through this process's broker as soon as their transaction commits."""
    set_outbox_dispatcher(dispatch)


def uninstall() -> None:
    set_outbox_dispatcher(None)


def _sendable(now: datetime) -> Q:
    stale_before = now - timedelta(seconds=get_settings().outbox_stale_seconds)
    return Q(status=OutboxStatus.PENDING) | Q(
        status=OutboxStatus.ENQUEUED, enqueued_at__lte=stale_before
    )


async def dispatch(ids: list[int]) -> None:
    """Send the given jobs that are still PENDING (or ENQUEUED long ago and not done)."""
    await _dispatch(ids, now=utcnow())


async def _dispatch(ids: list[int], *, now: datetime) -> int:
    rows = await OutboxJob.filter(_sendable(now), id__in=ids).order_by("id")
    sent = 0
    for row in rows:
        sent += await _send(row)
    return sent


async def _send(row: OutboxJob) -> bool:
    if row.actor_name not in broker.actors:
        # Left PENDING, not FAILED: a process that knows the actor (a newer deploy) can send it.
        logger.error("outbox job %s names unknown actor %r", row.id, row.actor_name)
        return False
    # Claim the row first with a conditional update, so a concurrent dispatch and sweep never
    # both send it, and a fast worker's DONE is never overwritten by a late ENQUEUED.
    claim = {"status": OutboxStatus.ENQUEUED, "enqueue_count": row.enqueue_count + 1}
    claimed = await OutboxJob.filter(
        id=row.id, status=row.status, enqueue_count=row.enqueue_count
    ).update(enqueued_at=utcnow(), **claim)
    if claimed != 1:
        return False
    message: dramatiq.Message[None] = dramatiq.Message(
        queue_name=row.queue_name or DEFAULT_QUEUE,
        actor_name=row.actor_name,
        args=(),
        kwargs={**row.kwargs, "outbox_id": row.id, "request_id": row.request_id},
        options={},
    )
    try:
        # Redis enqueue is blocking network I/O: keep it off the event loop.
        await asyncio.to_thread(broker.enqueue, message)
    except (dramatiq.BrokerError, redis.RedisError) as error:
        # Give the claim back untouched, so a broker outage never uses up the job's enqueues;
        # the sweep sends it once the broker is reachable again.
        await OutboxJob.filter(id=row.id, **claim).update(
            status=row.status,
            enqueue_count=row.enqueue_count,
            enqueued_at=row.enqueued_at,
            last_error=f"enqueue failed: {error}",
        )
        logger.warning("outbox job %s could not be enqueued: %s", row.id, error)
        return False
    return True


async def sweep(now: datetime | None = None) -> int:
    """Re-send jobs a crash or a lost message left behind; returns how many were sent."""
    now = now or utcnow()
    settings = get_settings()
    # PENDING rows younger than the grace period are still being sent by their writer.
    due = Q(
        status=OutboxStatus.PENDING,
        created_at__lte=now - timedelta(seconds=settings.outbox_grace_seconds),
    ) | Q(
        status=OutboxStatus.ENQUEUED,
        enqueued_at__lte=now - timedelta(seconds=settings.outbox_stale_seconds),
    )
    given_up = await OutboxJob.filter(due, enqueue_count__gte=MAX_ENQUEUES).update(
        status=OutboxStatus.FAILED, last_error=f"not done after {MAX_ENQUEUES} enqueues"
    )
    if given_up:
        logger.error("%d outbox jobs marked FAILED after %d enqueues", given_up, MAX_ENQUEUES)
    rows = await (
        OutboxJob.filter(due, enqueue_count__lt=MAX_ENQUEUES)
        .order_by("id")
        .limit(SWEEP_BATCH)
        .only("id")
    )
    return await _dispatch([row.id for row in rows], now=now)


async def mark_done(outbox_id: int) -> None:
    """Record that the job ran; a second run of the same job leaves the first done_at."""
    await (
        OutboxJob.filter(id=outbox_id)
        .exclude(status=OutboxStatus.DONE)
        .update(status=OutboxStatus.DONE, done_at=utcnow())
    )


def outbox_actor(
    *,
    max_retries: int,
    time_limit: int,
    queue_name: str = DEFAULT_QUEUE,
    **options: Any,
) -> Callable[[JobFunction], dramatiq.Actor[..., None]]:
    """Declare `async def fn(**ids)` as an actor that marks its outbox row DONE after it ran.

    `time_limit` is in milliseconds, as in dramatiq; the actor's name is the function's.
    """

    def decorator(fn: JobFunction) -> dramatiq.Actor[..., None]:
        @functools.wraps(fn)
        async def run(
            *, outbox_id: int | None = None, request_id: str | None = None, **kwargs: Any
        ) -> None:
            # Every log line of the job names it and the request that recorded it, and the
            # jobs it records in turn carry the same request id.
            job_token = logs.job_id.set(outbox_id)
            request_token = logs.request_id.set(request_id)
            try:
                logger.info("job %s %s started", fn.__name__, outbox_id)
                await fn(**kwargs)
                if outbox_id is not None:
                    await mark_done(outbox_id)
            finally:
                logs.request_id.reset(request_token)
                logs.job_id.reset(job_token)

        declare = dramatiq.actor(
            actor_name=fn.__name__,
            queue_name=queue_name,
            broker=broker,
            max_retries=max_retries,
            time_limit=time_limit,
            **options,
        )
        return declare(run)

    return decorator
