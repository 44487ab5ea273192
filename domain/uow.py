"""Unit of work: one transaction, with outbox jobs and callbacks run only after it commits."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractContextManager, asynccontextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from domain import logs
from domain.catalog import cache as catalogue_cache
from domain.clock import utcnow
from domain.frozen_init import replaced
from domain.live.events import Live, LiveEvent
from domain.live.positions import insert_positioned, stamp_positions
from domain.models import OutboxJob, OutboxStatus, TicketEvent
from domain.postgres_engine import LazyTransaction
from domain.rows import (
    Gather,
    Later,
    gathered_later,
    insert_all,
    insert_values,
    insert_values_gathered,
    write_later,
)
from domain.rows.drawn import Drawn, forget_unsettled, settled
from domain.sqlite_groups import shared_commit

logger = logging.getLogger(__name__)

OutboxDispatcher = Callable[[list[int]], Awaitable[object]]
AfterCommit = Callable[[], Awaitable[None]]
EventPublisher = Callable[[list[Live]], Awaitable[None]]


@dataclass(frozen=True)
class ClaimedJob:
    """A job its transaction wrote claimed (ENQUEUED, enqueued once) for this process to send
    once it commits: what its message needs."""

    id: int
    actor_name: str
    queue_name: str
    kwargs: dict[str, Any]
    request_id: str | None
    enqueue_count: int = 1


OutboxSender = Callable[[list[ClaimedJob]], Awaitable[object]]

_dispatcher: OutboxDispatcher | None = None
_sender: OutboxSender | None = None
_sends: Callable[[str], bool] | None = None
_publisher: EventPublisher | None = None


def set_outbox_dispatcher(
    dispatcher: OutboxDispatcher | None,
    *,
    sender: OutboxSender | None = None,
    sends: Callable[[str], bool] | None = None,
) -> None:
    """Register what sends outbox jobs after commit (the workers' relay), or nothing.

    With `sender` and `sends` (whether it sends a job of this actor), a unit of work writes
    the jobs of the actors it sends already claimed, and hands them to `sender` once it has
    committed; jobs of other actors stay PENDING for a process that knows them, and the
    dispatcher is not called. A claim by a statement of its own was one more statement in
    every write that records a job (on PostgreSQL a round trip holding the rows the
    transaction locked), and made after the commit, a second write transaction."""
    global _dispatcher, _sender, _sends
    _dispatcher = dispatcher
    ready = dispatcher is not None and sender is not None and sends is not None
    _sender, _sends = (sender, sends) if ready else (None, None)


def set_event_publisher(publisher: EventPublisher | None) -> None:
    """Register what publishes ticket events after commit (the live bus), or nothing."""
    global _publisher
    _publisher = publisher


# The parameters of the rows a unit of work leaves for its last statement, at most; beyond,
# they are sent at once (PostgreSQL takes 65,535 a statement, and the events need some).
LATER_VALUES_MAX = 20_000


@dataclass
class UnitOfWork:
    connection: BaseDBAsyncClient
    outbox_ids: list[int] = field(default_factory=list)
    claimed: list[ClaimedJob] = field(default_factory=list)
    callbacks: list[AfterCommit] = field(default_factory=list)
    live_events: list[Live] = field(default_factory=list)
    # Ticket events not inserted yet, each with its live entry (its id still to come).
    pending_events: list[tuple[TicketEvent, LiveEvent]] = field(default_factory=list)
    # Rows its last statement writes (PostgreSQL: `insert_gathered`).
    later: list[Later] = field(default_factory=list)

    async def add_job(self, actor_name: str, *, queue_name: str = "default", **kwargs: Any) -> int:
        """Record a side effect in this transaction; it is sent once the transaction commits."""
        [job] = self.job_rows(actor_name, 1, queue_name=queue_name)
        created = await OutboxJob.create(**job, kwargs=kwargs, using_db=self.connection)
        self.added_jobs([{**job, "id": created.id, "kwargs": kwargs}])
        return created.id

    async def add_jobs(
        self, actor_name: str, each: Sequence[dict[str, Any]], *, queue_name: str = "default"
    ) -> list[int]:
        """`add_job` for several jobs of one actor (one kwargs each), in one statement."""
        jobs = self.job_rows(actor_name, len(each), queue_name=queue_name)
        for job, kwargs in zip(jobs, each, strict=True):
            job["kwargs"] = kwargs
        ids = await insert_values(self.connection, OutboxJob, jobs)
        self.added_jobs([{**job, "id": job_id} for job, job_id in zip(jobs, ids, strict=True)])
        return ids

    def job_rows(
        self, actor_name: str, count: int, *, queue_name: str = "default"
    ) -> list[dict[str, Any]]:
        """The outbox rows of `count` jobs of one actor, but their kwargs: for a caller that
        inserts them itself, and then gives them, with their ids and kwargs, to
        `added_jobs`. Claimed already when this process sends that actor's jobs."""
        now, request_id = utcnow(), logs.request_id.get()
        job: dict[str, Any] = {
            "actor_name": actor_name,
            "queue_name": queue_name,
            "created_at": now,
            "request_id": request_id,
        }
        if _sends is not None and _sends(actor_name):
            job.update(status=OutboxStatus.ENQUEUED, enqueued_at=now, enqueue_count=1)
        return [dict(job) for _ in range(count)]

    def added_jobs(self, jobs: Sequence[dict[str, Any]]) -> None:
        """Jobs inserted in this transaction (rows from `job_rows`, with their ids and
        kwargs): sent once it commits."""
        for job in jobs:
            if job.get("status") is OutboxStatus.ENQUEUED:
                self.claimed.append(
                    ClaimedJob(
                        job["id"],
                        job["actor_name"],
                        job["queue_name"],
                        job["kwargs"],
                        job["request_id"],
                    )
                )
            else:
                self.outbox_ids.append(job["id"])

    async def insert_gathered(
        self,
        model: type[Model],
        rows: Sequence[dict[str, Any]],
        then: type[Model],
        then_row: dict[str, Any],
        gathered: Mapping[str, Gather],
        written: Callable[[dict[str, Any]], None],
    ) -> None:
        """`insert_values_gathered` in this transaction, the row of `then` as written handed to
        `written`: on PostgreSQL by its last statement, with its events (one round trip
        fewer, whose rows a read in the transaction before then does not see: the
        notifications of a write and their job); elsewhere now."""
        if self.connection.capabilities.dialect != "postgres":
            written(
                await insert_values_gathered(self.connection, model, rows, then, then_row, gathered)
            )
            return
        name = f"later{len(self.later)}"
        self.later.append(
            gathered_later(self.connection, model, rows, then, then_row, gathered, written, name)
        )
        if sum(len(later.values) for later in self.later) > LATER_VALUES_MAX:
            # A statement takes at most 65,535 parameters: a long fan-out goes now.
            later, self.later = self.later, []
            await write_later(self.connection, later)

    async def write_last(self, rows: Later) -> None:
        """Rows (a new ticket's, domain.rows.parent_later) for the last statement to write,
        first among what it writes, so the rows left after them may name them by their
        Drawn values (domain.rows.drawn). On PostgreSQL's lazy transactions a statement sent
        before the last sends them (and what else waits) first; where that cannot be
        arranged, they go now."""
        if not isinstance(self.connection, LazyTransaction):
            await write_later(self.connection, [rows])
            return
        self.later.insert(0, rows)
        self.connection.before_statement = self._send_later

    async def _send_later(self) -> None:
        later, self.later = self.later, []
        await write_later(self.connection, later)

    def _last_statement(self, alone: bool) -> None:
        """What the unit of work sends next writes everything left for its last statement;
        `alone`: it is also its last statement, which may be its only one."""
        connection = self.connection
        if isinstance(connection, LazyTransaction):
            connection.before_statement = None
            if alone:
                connection.send_alone()

    def reads_first(self) -> AbstractContextManager[None]:
        """Reads inside go before the unit of work's transaction begins, on its connection
        (PostgreSQL: domain.postgres_engine.LazyTransaction.reads_first); elsewhere, or once
        it has begun, in it."""
        if isinstance(self.connection, LazyTransaction):
            return self.connection.reads_first()
        return nullcontext()

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
        self.live_events.extend(_written(event, live) for event, live in pending)

    async def write_events(self) -> None:
        """The transaction's last statements: its events' positions follow commit order
        (domain.live.positions). Events none of which is in the table yet are inserted with
        them, by the statement that also writes the rows left for it (`later`); otherwise
        those rows, then the rest of the events are inserted, then all are stamped."""
        later, self.later = self.later, []
        inserted = any(isinstance(live, LiveEvent) for live in self.live_events)
        if self.pending_events and not inserted:
            pending, self.pending_events = self.pending_events, []
            self._last_statement(alone=True)
            await insert_positioned(self.connection, [event for event, _ in pending], later)
            self.live_events.extend(_written(event, live) for event, live in pending)
            return
        self._last_statement(alone=not self.pending_events and not self.live_events)
        await write_later(self.connection, later)
        await self.flush_events()
        self.live_events = await stamp_positions(self.connection, self.live_events)


def _written(event: TicketEvent, live: LiveEvent) -> LiveEvent:
    """An event's live entry once its row is written: its id, its position (0 until stamped),
    and the values its statement drew for it (a new ticket's id, its message's)."""
    message = live.message
    if type(live.ticket_id) is Drawn or (message is not None and type(message.id) is Drawn):
        event.ticket_id = settled(event.ticket_id)
        event.message_id = settled(event.message_id)
        if message is not None:
            message = replaced(message, id=settled(message.id))
        return replaced(
            live,
            id=event.id,
            position=event.position or 0,
            ticket_id=settled(live.ticket_id),
            message=message,
        )
    return replaced(live, id=event.id, position=event.position or 0)


# The unit of work of `atomic()`, which every unit of work begun inside it joins.
_joined: ContextVar[UnitOfWork | None] = ContextVar("mesa_joined_unit_of_work", default=None)


def within_atomic() -> bool:
    """Whether a unit of work begun now joins an `atomic()` whole."""
    return _joined.get() is not None


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[UnitOfWork]:
    joined = _joined.get()
    if joined is not None:
        yield joined  # part of an atomic() whole: it commits (and publishes) once, at its end
        return
    try:
        # On SQLite it may commit with the units of work of other requests (domain.sqlite_groups).
        with shared_commit():
            transaction = in_transaction()
        async with transaction as connection:
            uow = UnitOfWork(connection=connection)
            yield uow
            await uow.write_events()
    finally:
        forget_unsettled()  # Drawn values of a unit of work rolled back
    # Only reached once the transaction has committed: a change to the catalogue with it.
    catalogue_cache.forget_stamp()
    await _run_after_commit(uow)


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


async def _run_after_commit(uow: UnitOfWork) -> None:
    if uow.live_events and _publisher is not None:
        try:
            await _publisher(list(uow.live_events))
        except Exception:
            # Committed all the same: a subscriber that missed them resumes from the table.
            logger.exception("publishing live events failed")
    try:
        if uow.claimed and _sender is not None:
            await _sender(list(uow.claimed))
        elif uow.outbox_ids and _dispatcher is not None and _sender is None:
            await _dispatcher(list(uow.outbox_ids))
    except Exception:
        # The jobs are committed; the outbox sweep sends them once the broker is back.
        ids = [job.id for job in uow.claimed] or uow.outbox_ids
        logger.exception("outbox dispatch failed, the sweep will retry %s", ids)
    for callback in uow.callbacks:
        try:
            await callback()
        except Exception:
            logger.exception("after-commit callback failed")
