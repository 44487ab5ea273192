"""The outbox relay: committed OutboxJob rows become dramatiq messages, and jobs mark them done.

A row is PENDING when its transaction commits, ENQUEUED once claimed for sending (written so,
where this relay is installed: domain.uow, `send_claimed`), DONE when the actor
finished, FAILED when retries or re-sends ran out. Delivery is at least once:
the sweep re-sends rows a crash or an in-memory broker lost, so every actor is idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import weakref
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import dramatiq
import redis
from dramatiq.asyncio import get_event_loop_thread
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import Middleware
from tortoise.expressions import F, Q
from tortoise.queryset import UpdateQuery

from domain import logs
from domain.clock import utcnow
from domain.config import get_settings
from domain.gather import gathered
from domain.models import OutboxJob, OutboxStatus
from domain.prepared import Argument, UpdateReturning
from domain.uow import ClaimedJob, set_outbox_dispatcher
from workers import redis_enqueue
from workers.broker import DEFAULT_QUEUE, broker, broker_url

logger = logging.getLogger(__name__)

MAX_ENQUEUES = 5
SWEEP_BATCH = 500
COURIER_LIMIT = 10_000  # commits whose jobs wait for the courier; beyond, the sweep sends them
COURIER_BATCH = 200  # commits whose jobs go in one pipeline at most

JobFunction = Callable[..., Awaitable[object]]


def install() -> None:
    """Send outbox jobs through this process's broker as soon as their transaction commits,
    written claimed by that transaction (`send_claimed`)."""
    set_outbox_dispatcher(dispatch, sender=send_claimed, sends=sends)


def uninstall() -> None:
    set_outbox_dispatcher(None)


async def stop() -> None:
    """Uninstall, hand the broker what this loop's courier still holds, and close this loop's
    connection to the broker's Redis, if one was opened."""
    uninstall()
    courier = _couriers.pop(asyncio.get_running_loop(), None)
    if courier is not None:
        await courier.close()
    await redis_enqueue.close()


class OutboxRelay(Middleware):
    """In `dramatiq` worker processes, the relay for the jobs the actors record: installed once
    the database is open (workers.middleware.DatabaseLifecycle, an earlier middleware), taken
    away before it closes. An API process installs it with its app (mesa.runtime)."""

    def before_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        install()

    def after_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        loop_thread = get_event_loop_thread()
        if loop_thread is None:
            uninstall()
        else:
            loop_thread.run_coroutine(stop())


def _claim(arguments: Sequence[Any]) -> UpdateQuery:
    """The claim of jobs that can be sent: PENDING ones, and ENQUEUED ones whose message was
    sent before `stale_before` and never done. Its arguments: the claim's moment, that moment
    `stale_before`, then the jobs' ids (ints) and the names of the actors known (strings)."""
    claimed_at, stale_before, *rest = arguments
    sendable = Q(status=OutboxStatus.PENDING) | Q(
        status=OutboxStatus.ENQUEUED, enqueued_at__lte=stale_before
    )
    return OutboxJob.filter(
        sendable,
        id__in=[value for value in rest if isinstance(value, int)],
        actor_name__in=[value for value in rest if isinstance(value, str)],
    ).update(
        status=OutboxStatus.ENQUEUED,
        enqueued_at=claimed_at,
        enqueue_count=F("enqueue_count") + 1,
    )


# What a claim reads back: all a job's message needs, and its count of enqueues.
CLAIMED_FIELDS = ("id", "actor_name", "queue_name", "kwargs", "request_id", "enqueue_count")
# Run by every dispatch and sweep: its SQL is built once per number of jobs.
_CLAIM = UpdateReturning(OutboxJob, _claim, CLAIMED_FIELDS)


async def dispatch(ids: list[int]) -> int:
    """Send the given jobs that are still PENDING (or ENQUEUED long ago and not done);
    returns how many were sent."""
    return await _dispatch(ids, now=utcnow())


def sends(actor_name: str) -> bool:
    """Whether this process sends jobs of `actor_name` (it knows the actor): the jobs it
    writes are written claimed (domain.uow)."""
    return actor_name in broker.actors


async def send_claimed(jobs: list[ClaimedJob]) -> int:
    """Send jobs their transaction wrote claimed, once it has committed (domain.uow): no
    claim of their own, so no statement follows the jobs' insert. To a Redis broker they go
    through this loop's courier, with the jobs of the other commits of a few milliseconds
    (domain.gather): one round trip for all, and none the request waits for. A crash between
    the commit and the send leaves them ENQUEUED, as a crash between a claim and its send
    does: the sweep sends them again once they are stale. Returns how many were sent, or
    handed to the courier."""
    if isinstance(broker, RedisBroker) and broker_url is not None:
        loop = asyncio.get_running_loop()
        courier = _couriers.get(loop)
        if courier is None:
            courier = _couriers[loop] = _Courier()
        return courier.take(jobs)
    return await _send(jobs)


class _Courier:
    """One event loop's sender of committed jobs to the broker's Redis, in the order of their
    commits; what the broker refuses is given back as `_send` does, for the sweep."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[Sequence[ClaimedJob]] = asyncio.Queue(COURIER_LIMIT)
        self.task = asyncio.create_task(self._run(), name="mesa-outbox-out")

    def take(self, jobs: Sequence[ClaimedJob]) -> int:
        try:
            self.queue.put_nowait(tuple(jobs))
        except asyncio.QueueFull:
            ids = [job.id for job in jobs]
            logger.warning("outbox jobs %s left for the sweep: the broker is too slow", ids)
            return 0
        return len(jobs)

    async def _run(self) -> None:
        # Started by a request's commit: its log context is not this task's.
        logs.request_id.set(None)
        logs.job_id.set(None)
        while True:
            batch = await gathered(self.queue, COURIER_BATCH)
            jobs = [job for commit in batch for job in commit]
            try:
                await _send(jobs)
            except Exception:
                # The jobs are committed; the outbox sweep sends them once they are stale.
                ids = [job.id for job in jobs]
                logger.exception("outbox dispatch failed, the sweep will retry %s", ids)
            for _ in batch:
                self.queue.task_done()

    async def close(self) -> None:
        """Send what is waiting (for two seconds at most), then stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.queue.join(), 2)
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


# One courier per event loop, as the Redis client it sends with (workers.redis_enqueue).
_couriers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Courier] = (
    weakref.WeakKeyDictionary()
)


async def _dispatch(ids: list[int], *, now: datetime) -> int:
    """Claim the jobs among `ids` that can be sent, then send them; returns how many went."""
    return await _send(await _claimed(ids, now=now))


async def _claimed(ids: list[int], *, now: datetime) -> list[OutboxJob]:
    """The jobs among `ids` that can be sent, claimed (ENQUEUED), in id order."""
    if not ids:
        return []
    # The claim comes first, as one conditional update of all the rows, so a concurrent
    # dispatch and sweep never both send a job and a fast worker's DONE is never overwritten
    # by a late ENQUEUED. A job naming an actor this process does not know stays PENDING: a
    # process that knows it (a newer deploy) can send it, and the sweep reports it.
    stale_before = now - timedelta(seconds=get_settings().outbox_stale_seconds)
    rows = await _CLAIM.rows([utcnow(), stale_before, *ids, *broker.actors])
    rows.sort(key=lambda row: row.id)
    return rows


async def _send(rows: Sequence[OutboxJob | ClaimedJob]) -> int:
    """Send claimed jobs, in order, until the broker refuses one (whose claims and the
    following ones are given back): how many went."""
    if not rows:
        return 0
    messages = [_message(row) for row in rows]
    if isinstance(broker, RedisBroker) and broker_url is not None:
        sent, error = await redis_enqueue.enqueue_all(broker, broker_url, messages)
    else:
        sent, error = _enqueue_all(messages)  # in memory: a queue's put
    if error is not None:
        await _give_back(rows[sent:], error)
    return sent


def _message(row: OutboxJob | ClaimedJob) -> dramatiq.Message[None]:
    return dramatiq.Message(
        queue_name=row.queue_name or DEFAULT_QUEUE,
        actor_name=row.actor_name,
        args=(),
        kwargs={**row.kwargs, "outbox_id": row.id, "request_id": row.request_id},
        options={},
    )


def _enqueue_all(messages: list[dramatiq.Message[None]]) -> tuple[int, Exception | None]:
    """Send the messages in order until the broker refuses one: how many went, and why not."""
    for sent, message in enumerate(messages):
        try:
            broker.enqueue(message)
        except (dramatiq.BrokerError, redis.RedisError) as error:
            return sent, error
    return len(messages), None


async def _give_back(rows: Sequence[OutboxJob | ClaimedJob], error: Exception) -> None:
    """Undo the claims of jobs the broker did not take, so an outage never uses up their
    enqueues: PENDING again, for the sweep to send once the broker is reachable."""
    logger.warning("%d outbox jobs could not be enqueued: %s", len(rows), error)
    for row in rows:
        await OutboxJob.filter(
            id=row.id, status=OutboxStatus.ENQUEUED, enqueue_count=row.enqueue_count
        ).update(
            status=OutboxStatus.PENDING,
            enqueue_count=row.enqueue_count - 1,
            last_error=f"enqueue failed: {error}",
        )


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
        .values_list("id", "actor_name")
    )
    for pk, actor_name in rows:
        if actor_name not in broker.actors:
            logger.error("outbox job %s names unknown actor %r", pk, actor_name)
    return await _dispatch([pk for pk, _ in rows], now=now)


def _done(arguments: Sequence[Argument]) -> UpdateQuery:
    """The job `arguments[0]` DONE at `arguments[1]`, unless it already is."""
    outbox_id, done_at = arguments
    return (
        OutboxJob.filter(id=outbox_id)
        .exclude(status=OutboxStatus.DONE)
        .update(status=OutboxStatus.DONE, done_at=done_at)
    )


# After every job: its SQL is built once (Tortoise built an update's query on every call).
_DONE = UpdateReturning(OutboxJob, _done, ("id",))


async def mark_done(outbox_id: int) -> None:
    """Record that the job ran; a second run of the same job leaves the first done_at."""
    await _DONE.rows([outbox_id, utcnow()])


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
