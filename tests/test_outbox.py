"""The transactional outbox end to end: a crash between commit and enqueue loses no job, the
sweep re-sends it, the real embedded workers run it, and its effect happens once."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from domain import uow as uow_module
from domain.clock import utcnow
from domain.config import get_settings
from domain.live.events import AnnouncementNotice, Live
from domain.models import (
    AuthorKind,
    EventKind,
    OutboxJob,
    OutboxStatus,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from domain.uow import set_event_publisher, unit_of_work
from tests.own_database import days_ago, make_ticket, own_database
from tests.sql_counter import count_queries
from workers import outbox
from workers.actors import auto_close_ticket, enqueue_auto_closes
from workers.broker import broker, start_embedded_workers, stop_embedded_workers
from workers.outbox import outbox_actor

ROOT = Path(__file__).resolve().parent.parent
JOIN_TIMEOUT_MS = 30_000
CLOSED_ONCE_BY_THE_SYSTEM = [(AuthorKind.SYSTEM, {"status": "RESOLVED"}, {"status": "CLOSED"})]

# Commits an auto-close job, then dies inside the dispatcher: after commit, before enqueue.
CRASHING_PROCESS = textwrap.dedent(
    """
    import asyncio, os, sys

    from domain import db
    from domain.uow import set_outbox_dispatcher, unit_of_work


    async def crash(ids):
        print(ids[0], flush=True)
        os._exit(1)


    async def main(url, ticket_id):
        await db.connect(url)
        set_outbox_dispatcher(crash)
        async with unit_of_work() as uow:
            await uow.add_job("auto_close_ticket", ticket_id=ticket_id)
        await db.close()


    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
    """
)


# The same, with the job written claimed as the relay writes it: it dies after the commit,
# before the send.
CRASHING_AFTER_CLAIM = textwrap.dedent(
    """
    import asyncio, os, sys

    from domain import db
    from domain.uow import set_outbox_dispatcher, unit_of_work
    from workers import actors, outbox


    async def die(jobs):
        print(jobs[0].id, flush=True)
        os._exit(1)


    async def main(url, ticket_id):
        await db.connect(url)
        set_outbox_dispatcher(outbox.dispatch, sender=die, sends=outbox.sends)
        async with unit_of_work() as uow:
            await uow.add_job("auto_close_ticket", ticket_id=ticket_id)
        await db.close()


    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
    """
)


@outbox_actor(max_retries=0, time_limit=10_000, queue_name="mesa_test_failures")
async def failing_job(*, ticket_id: int) -> None:
    """A job that always fails, on a queue of its own so its dead letter bothers no join."""
    raise RuntimeError(f"ticket {ticket_id} cannot be processed")


@pytest.fixture(scope="module")
async def database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    async with own_database(tmp_path_factory.mktemp("outbox")) as url:
        yield url


@pytest.fixture(scope="module")
async def workers(database: str) -> AsyncIterator[None]:
    """The real embedded runtime pieces: relay installed, StubBroker worker threads on this loop."""
    outbox.install()
    handle = start_embedded_workers(asyncio.get_running_loop(), threads=2)
    yield
    await stop_embedded_workers(handle)
    outbox.uninstall()


async def wait_for_jobs() -> None:
    # join blocks: run it in a thread so this loop stays free for the actors it waits on.
    await asyncio.to_thread(broker.join, auto_close_ticket.queue_name, timeout=JOIN_TIMEOUT_MS)


async def status_of(ticket: Ticket) -> TicketStatus:
    return (await Ticket.get(id=ticket.id)).status


async def status_events(ticket: Ticket) -> list[tuple[AuthorKind, object, object]]:
    events = await TicketEvent.filter(ticket_id=ticket.id, kind=EventKind.STATUS_CHANGED)
    return [(event.actor_kind, event.before, event.after) for event in events]


async def jobs_for(ticket: Ticket) -> list[OutboxJob]:
    # In Python: SQLite has no JSON containment operator in Tortoise.
    return [j for j in await OutboxJob.all().order_by("id") if j.kwargs == {"ticket_id": ticket.id}]


def run_crashing_process(
    url: str, ticket_id: int, program: str = CRASHING_PROCESS
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", program, url, str(ticket_id)],
        cwd=ROOT,
        env={**os.environ, "MESA_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )


async def test_a_job_lost_between_commit_and_enqueue_is_swept_and_runs_once(
    database: str, workers: None
) -> None:
    # given a resolved ticket past the auto-close cutoff
    ticket = await make_ticket(TicketStatus.RESOLVED, resolved_at=days_ago(30))

    # when a process commits an auto-close job for it and dies before enqueuing it
    crashed = await asyncio.to_thread(run_crashing_process, database, ticket.id)

    # then the process died, the job is committed and still pending, the ticket untouched
    assert crashed.returncode == 1, crashed.stderr
    job = await OutboxJob.get(id=int(crashed.stdout.strip()))
    assert (job.actor_name, job.kwargs) == ("auto_close_ticket", {"ticket_id": ticket.id})
    assert (job.status, job.enqueue_count) == (OutboxStatus.PENDING, 0)
    assert await status_of(ticket) is TicketStatus.RESOLVED

    # when the sweep runs once the grace period is over, and the workers drain the queue
    after_grace = utcnow() + timedelta(seconds=get_settings().outbox_grace_seconds + 1)
    sent = await outbox.sweep(now=after_grace)
    await wait_for_jobs()

    # then the job was sent once and is done, and the ticket was closed once, by the system
    assert sent == 1
    await job.refresh_from_db()
    assert (job.status, job.enqueue_count, job.last_error) == (OutboxStatus.DONE, 1, None)
    assert job.done_at is not None
    assert await status_of(ticket) is TicketStatus.CLOSED
    assert await status_events(ticket) == CLOSED_ONCE_BY_THE_SYSTEM

    # when the sweep runs again, even past the stale period
    past_stale = utcnow() + timedelta(seconds=get_settings().outbox_stale_seconds + 1)
    sent_again = await outbox.sweep(now=past_stale)
    await wait_for_jobs()

    # then nothing changes
    assert sent_again == 0
    await job.refresh_from_db()
    assert (job.status, job.enqueue_count) == (OutboxStatus.DONE, 1)
    assert await status_events(ticket) == CLOSED_ONCE_BY_THE_SYSTEM


async def test_a_write_s_jobs_are_written_claimed_by_its_own_transaction(
    database: str, workers: None
) -> None:
    # given a resolved ticket past the auto-close cutoff, and a look at the database from a
    # connection of its own when a unit of work's events are published (after its commit,
    # before its jobs are sent)
    ticket = await make_ticket(TicketStatus.RESOLVED, resolved_at=days_ago(30))
    seen: list[tuple[str, int]] = []

    def committed_jobs() -> list[tuple[str, int]]:
        with closing(sqlite3.connect(database.removeprefix("sqlite://"))) as other:
            return other.execute(
                "SELECT status, enqueue_count FROM outbox_job WHERE id = ?", [seen_id[0]]
            ).fetchall()

    async def look(_events: list[Live]) -> None:
        seen.extend(await asyncio.to_thread(committed_jobs))

    seen_id: list[int] = []
    previous = uow_module._publisher
    set_event_publisher(look)
    try:
        # when a unit of work records a job for it (and an event to publish)
        with count_queries() as statements:
            async with unit_of_work() as uow:
                seen_id.append(await uow.add_job(auto_close_ticket.actor_name, ticket_id=ticket.id))
                uow.live_events.append(AnnouncementNotice(id=1, change="PUBLISHED"))
    finally:
        set_event_publisher(previous)
    await wait_for_jobs()

    # then the transaction wrote the job claimed: committed ENQUEUED, by its one statement
    # (no claim of its own, no write after the commit)
    assert seen == [(OutboxStatus.ENQUEUED.value, 1)]
    assert [s.split()[0] for s in statements] == ["INSERT"], statements
    # and it ran once
    [job] = await jobs_for(ticket)
    assert (job.status, job.enqueue_count) == (OutboxStatus.DONE, 1)
    assert await status_events(ticket) == CLOSED_ONCE_BY_THE_SYSTEM


async def test_a_job_claimed_by_a_process_that_died_before_sending_it_is_swept_once_stale(
    database: str, workers: None
) -> None:
    # given a resolved ticket past the auto-close cutoff
    ticket = await make_ticket(TicketStatus.RESOLVED, resolved_at=days_ago(30))

    # when a process commits an auto-close job, claimed as it commits, and dies before
    # sending it
    crashed = await asyncio.to_thread(
        run_crashing_process, database, ticket.id, CRASHING_AFTER_CLAIM
    )

    # then the job is committed as sent once, and the ticket untouched
    assert crashed.returncode == 1, crashed.stderr
    job = await OutboxJob.get(id=int(crashed.stdout.strip()))
    assert (job.status, job.enqueue_count) == (OutboxStatus.ENQUEUED, 1)
    assert await status_of(ticket) is TicketStatus.RESOLVED

    # when the sweep runs after the grace period, the job is not sent again yet (its message
    # may still be on its way); once the stale period is over it is, and runs once
    after_grace = utcnow() + timedelta(seconds=get_settings().outbox_grace_seconds + 1)
    assert await outbox.sweep(now=after_grace) == 0
    past_stale = utcnow() + timedelta(seconds=get_settings().outbox_stale_seconds + 1)
    assert await outbox.sweep(now=past_stale) == 1
    await wait_for_jobs()

    # then it is done, and the ticket was closed once, by the system
    await job.refresh_from_db()
    assert (job.status, job.enqueue_count) == (OutboxStatus.DONE, 2)
    assert await status_events(ticket) == CLOSED_ONCE_BY_THE_SYSTEM


async def test_a_job_delivered_twice_closes_the_ticket_once(database: str, workers: None) -> None:
    # given an auto-close job that already ran
    ticket = await make_ticket(TicketStatus.RESOLVED, resolved_at=days_ago(30))
    queued = await enqueue_auto_closes()
    await wait_for_jobs()
    [job] = await jobs_for(ticket)
    first_done_at = job.done_at

    # when the broker delivers the same message again (at-least-once delivery)
    auto_close_ticket.send(ticket_id=ticket.id, outbox_id=job.id)
    await wait_for_jobs()

    # then the second run is a no-op
    assert queued == 1
    await job.refresh_from_db()
    assert (job.status, job.done_at) == (OutboxStatus.DONE, first_done_at)
    assert await status_of(ticket) is TicketStatus.CLOSED
    assert await status_events(ticket) == CLOSED_ONCE_BY_THE_SYSTEM


async def test_the_auto_close_scan_closes_only_resolved_tickets_past_the_cutoff(
    database: str, workers: None
) -> None:
    # given tickets resolved long ago and recently, and an open one created long ago
    cutoff_days = get_settings().auto_close_after_days
    long_resolved = await make_ticket(TicketStatus.RESOLVED, resolved_at=days_ago(cutoff_days + 1))
    recently_resolved = await make_ticket(
        TicketStatus.RESOLVED, resolved_at=days_ago(cutoff_days - 1)
    )
    still_open = await make_ticket(TicketStatus.OPEN)
    await Ticket.filter(id=still_open.id).update(created_at=days_ago(60))

    # when the periodic scan runs and the workers drain the queue
    queued = await enqueue_auto_closes()
    await wait_for_jobs()

    # then only the ticket resolved past the cutoff is closed, through one done job
    assert queued == 1
    assert await status_of(long_resolved) is TicketStatus.CLOSED
    assert await status_of(recently_resolved) is TicketStatus.RESOLVED
    assert await status_of(still_open) is TicketStatus.OPEN
    jobs = await jobs_for(long_resolved)
    assert [(j.actor_name, j.status) for j in jobs] == [("auto_close_ticket", OutboxStatus.DONE)]
    not_done = OutboxJob.filter(actor_name="auto_close_ticket").exclude(status=OutboxStatus.DONE)
    assert await not_done.count() == 0


async def test_a_job_that_fails_for_good_is_marked_failed_with_its_error(
    database: str, workers: None
) -> None:
    # given a job whose actor always fails and may not retry
    async with unit_of_work() as uow:
        job_id = await uow.add_job(
            failing_job.actor_name, queue_name=failing_job.queue_name, ticket_id=42
        )

    # when the workers run it
    await asyncio.to_thread(
        broker.join, failing_job.queue_name, timeout=JOIN_TIMEOUT_MS, fail_fast=False
    )

    # then its row says it failed and why, and the sweep leaves it alone
    job = await OutboxJob.get(id=job_id)
    assert (job.status, job.enqueue_count, job.done_at) == (OutboxStatus.FAILED, 1, None)
    assert job.last_error == "RuntimeError: ticket 42 cannot be processed"
    past_stale = utcnow() + timedelta(seconds=get_settings().outbox_stale_seconds + 1)
    assert await outbox.sweep(now=past_stale) == 0


async def test_the_jobs_of_a_commit_are_claimed_in_one_statement_and_each_runs_once(
    database: str, workers: None
) -> None:
    # given three auto-close jobs and one of an actor no process knows, committed while no
    # relay was installed, so all four are still pending
    tickets = [await make_ticket(TicketStatus.RESOLVED, resolved_at=days_ago(30)) for _ in range(3)]
    outbox.uninstall()
    try:
        async with unit_of_work() as uow:
            for ticket in tickets:
                await uow.add_job(auto_close_ticket.actor_name, ticket_id=ticket.id)
            unknown = await uow.add_job("retired_actor", ticket_id=tickets[0].id)
    finally:
        outbox.install()

    # when the relay sends them
    with count_queries() as statements:
        sent = await outbox.dispatch(uow.outbox_ids)
    await wait_for_jobs()

    # then one statement claimed the three it can send, and each ran once
    assert (sent, len(statements)) == (3, 1)
    for ticket in tickets:
        [job] = [j for j in await jobs_for(ticket) if j.actor_name == auto_close_ticket.actor_name]
        assert (job.status, job.enqueue_count) == (OutboxStatus.DONE, 1)
        assert await status_events(ticket) == CLOSED_ONCE_BY_THE_SYSTEM
    # and the unknown actor's job waits, untouched, for a process that knows it
    waiting = await OutboxJob.get(id=unknown)
    assert (waiting.status, waiting.enqueue_count) == (OutboxStatus.PENDING, 0)

    # when the same jobs are dispatched again
    sent_again = await outbox.dispatch(uow.outbox_ids)
    await wait_for_jobs()

    # then none is sent twice
    assert sent_again == 0
    for ticket in tickets:
        assert await status_events(ticket) == CLOSED_ONCE_BY_THE_SYSTEM
    await OutboxJob.filter(id=unknown).delete()  # not left for the sweeps of other tests
