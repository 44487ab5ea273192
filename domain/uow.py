"""Unit of work: one transaction, with outbox jobs and callbacks run only after it commits."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain import logs
from domain.catalog import cache as catalogue_cache
from domain.clock import utcnow
from domain.live.events import Live, LiveEvent
from domain.live.positions import insert_positioned, stamp_positions
from domain.models import OutboxJob, TicketEvent
from domain.rows import insert_all, insert_values

logger = logging.getLogger(__name__)

OutboxDispatcher = Callable[[list[int]], Awaitable[object]]
# Run in the writing transaction, before it commits: claims the jobs (by id) this process
# sends, and gives back what sends them once the transaction has committed.
OutboxClaim = Callable[[list[int]], Awaitable[Callable[[], Awaitable[object]]]]
AfterCommit = Callable[[], Awaitable[None]]
EventPublisher = Callable[[list[Live]], Awaitable[None]]

_dispatcher: OutboxDispatcher | None = None
_claim: OutboxClaim | None = None
_publisher: EventPublisher | None = None


def set_outbox_dispatcher(
    dispatcher: OutboxDispatcher | None, *, claim: OutboxClaim | None = None
) -> None:
    """Register what sends outbox jobs after commit (the workers' relay), or nothing.

    With `claim`, a unit of work claims its jobs in its own transaction, as its last
    statement, and sends them after the commit with what the claim gave back; the dispatcher
    is then not called. A claim made after the commit was a second write transaction for
    every write that records a job: on SQLite a second commit (and its wait for the disk)
    holding the process's one connection (a tenth of createTicket's throughput under load)."""
    global _dispatcher, _claim
    _dispatcher = dispatcher
    _claim = claim if dispatcher is not None else None


def set_event_publisher(publisher: EventPublisher | None) -> None:
    """Register what publishes ticket events after commit (the live bus), or nothing."""
    global _publisher
    _publisher = publisher


@dataclass
class UnitOfWork:
    connection: BaseDBAsyncClient
    outbox_ids: list[int] = field(default_factory=list)
    callbacks: list[AfterCommit] = field(default_factory=list)
    live_events: list[Live] = field(default_factory=list)
    # Ticket events not inserted yet, each with its live entry (its id still to come).
    pending_events: list[tuple[TicketEvent, LiveEvent]] = field(default_factory=list)

    async def add_job(self, actor_name: str, *, queue_name: str = "default", **kwargs: Any) -> int:
        """Record a side effect in this transaction; it is sent once the transaction commits."""
        job = await OutboxJob.create(
            actor_name=actor_name,
            queue_name=queue_name,
            kwargs=kwargs,
            created_at=utcnow(),
            request_id=logs.request_id.get(),
            using_db=self.connection,
        )
        self.outbox_ids.append(job.id)
        return job.id

    async def add_jobs(
        self, actor_name: str, each: Sequence[dict[str, Any]], *, queue_name: str = "default"
    ) -> list[int]:
        """`add_job` for several jobs of one actor (one kwargs each), in one statement."""
        jobs = self.job_rows(actor_name, len(each), queue_name=queue_name)
        for job, kwargs in zip(jobs, each, strict=True):
            job["kwargs"] = kwargs
        ids = await insert_values(self.connection, OutboxJob, jobs)
        self.outbox_ids.extend(ids)
        return ids

    def job_rows(
        self, actor_name: str, count: int, *, queue_name: str = "default"
    ) -> list[dict[str, Any]]:
        """The outbox rows of `count` jobs of one actor, but their kwargs: for a caller that
        inserts them itself, and then gives their ids to `added_jobs`."""
        now, request_id = utcnow(), logs.request_id.get()
        job = {
            "actor_name": actor_name,
            "queue_name": queue_name,
            "created_at": now,
            "request_id": request_id,
        }
        return [dict(job) for _ in range(count)]

    def added_jobs(self, ids: Sequence[int]) -> None:
        """Jobs inserted in this transaction by the caller (rows from `job_rows`): sent once
        it commits."""
        self.outbox_ids.extend(ids)

    def after_commit(self, callback: AfterCommit) -> None:
        self.callbacks.append(callback)

    def add_event(self, event: TicketEvent, live: LiveEvent) -> None:
        """Record a ticket event (a new row): it is inserted with the transaction's last
        statement, all of its events at once and with their positions, unless something
        needs the rows earlier (`flush_events`)."""
        self.pending_events.append((event, live))

    async def flush_events(self) -> None:
        """Insert the events recorded so far, now: before this transaction reads or changes
        ticket_event, or inserts an event whose id it needs."""
        if not self.pending_events:
            return
        pending, self.pending_events = self.pending_events, []
        await insert_all(self.connection, [event for event, _ in pending])
        self.live_events.extend(replace(live, id=event.id) for event, live in pending)

    async def write_events(self) -> None:
        """The transaction's last statements: its events' positions follow commit order
        (domain.live.positions). Events none of which is in the table yet are inserted with
        them; otherwise the rest are inserted, then all are stamped."""
        inserted = any(isinstance(live, LiveEvent) for live in self.live_events)
        if self.pending_events and not inserted:
            pending, self.pending_events = self.pending_events, []
            await insert_positioned(self.connection, [event for event, _ in pending])
            self.live_events.extend(
                replace(live, id=event.id, position=event.position) for event, live in pending
            )
            return
        await self.flush_events()
        self.live_events = await stamp_positions(self.connection, self.live_events)


# The unit of work of `atomic()`, which every unit of work begun inside it joins.
_joined: ContextVar[UnitOfWork | None] = ContextVar("mesa_joined_unit_of_work", default=None)


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[UnitOfWork]:
    joined = _joined.get()
    if joined is not None:
        yield joined  # part of an atomic() whole: it commits (and publishes) once, at its end
        return
    send: Callable[[], Awaitable[object]] | None = None
    async with in_transaction() as connection:
        uow = UnitOfWork(connection=connection)
        yield uow
        await uow.write_events()
        if uow.outbox_ids and _claim is not None:
            send = await _claim(list(uow.outbox_ids))
    # Only reached once the transaction has committed: a change to the catalogue with it.
    catalogue_cache.forget_stamp()
    await _run_after_commit(uow, send)


@asynccontextmanager
async def snapshot() -> AsyncIterator[None]:
    """Reads that all see one state of the database, whatever commits meanwhile: on
    PostgreSQL a read-only REPEATABLE READ transaction (a write in it is refused); on
    SQLite a transaction on the process's one connection, which other tasks wait for."""
    async with in_transaction() as connection:
        if connection.capabilities.dialect == "postgres":
            await connection.execute_script(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
            )
        yield


async def relay_now(notices: list[Live]) -> None:
    """Hand what is relayed but never stored (presence) to every API process, now."""
    if _publisher is not None:
        await _publisher(notices)


@asynccontextmanager
async def atomic() -> AsyncIterator[UnitOfWork]:
    """Several actions as one (a macro, one ticket of a bulk update): every unit of work the
    actions begin joins this one, so all of them commit together or none does, and their
    events, mails and jobs go out once, after the commit."""
    if _joined.get() is not None:
        raise RuntimeError("atomic() does not nest")
    async with unit_of_work() as uow:
        token = _joined.set(uow)
        try:
            yield uow
        finally:
            _joined.reset(token)


async def _run_after_commit(
    uow: UnitOfWork, send: Callable[[], Awaitable[object]] | None = None
) -> None:
    if uow.live_events and _publisher is not None:
        try:
            await _publisher(list(uow.live_events))
        except Exception:
            # Committed all the same: a subscriber that missed them resumes from the table.
            logger.exception("publishing live events failed")
    if uow.outbox_ids and (send is not None or _dispatcher is not None):
        try:
            if send is not None:
                await send()
            elif _dispatcher is not None:
                await _dispatcher(list(uow.outbox_ids))
        except Exception:
            # The jobs are committed; the outbox sweep sends them once the broker is back.
            logger.exception("outbox dispatch failed, the sweep will retry %s", uow.outbox_ids)
    for callback in uow.callbacks:
        try:
            await callback()
        except Exception:
            logger.exception("after-commit callback failed")
