"""Warnings and breaches happen on time with no request touching the ticket: the scheduler's
sweep over the deadline index records them (no delayed message to lose), exactly once,
however often it runs or a stale check arrives."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from dramatiq.brokers.stub import StubBroker
from prometheus_client import REGISTRY

from domain.clock import clock
from domain.config import get_settings
from domain.demo import seed_demo
from domain.models import EventKind, Impact, OutboxJob, OutboxStatus, Ticket, TicketEvent
from domain.sla.marking import NOTIFY_ACTOR, sweep_sla
from domain.sla.marking import check_ticket_sla as check_now
from tests.own_database import own_database
from tests.sla_support import open_ticket_at, set_target
from workers import outbox, sla
from workers.broker import broker, start_embedded_workers, stop_embedded_workers
from workers.scheduler import PeriodicJob, run_scheduler

JOIN_TIMEOUT_MS = 30_000
ALERTS = [EventKind.SLA_WARNING, EventKind.SLA_BREACHED]
SECONDS_BEFORE_DUE = 3


@pytest.fixture(scope="module")
async def workers(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[None]:
    """A demo database of its own, the outbox relay, and real embedded worker threads on this
    loop."""
    async with own_database(tmp_path_factory.mktemp("sla_workers")):
        await seed_demo()
        outbox.install()
        handle = start_embedded_workers(asyncio.get_running_loop(), threads=2)
        yield
        await stop_embedded_workers(handle)
        outbox.uninstall()
        clock.reset()


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def wait_for_jobs() -> None:
    # join blocks (and waits for delayed messages too): keep this loop free for the actors.
    await asyncio.to_thread(broker.join, sla.check_ticket_sla.queue_name, timeout=JOIN_TIMEOUT_MS)


async def alert_events(ticket_id: int) -> list[TicketEvent]:
    return await TicketEvent.filter(ticket_id=ticket_id, kind__in=ALERTS).order_by("id")


async def test_the_scheduler_records_the_breach_at_the_due_time_once(workers: None) -> None:
    # given a one-minute 24/7 target, and a ticket opened (clock set back) so that it is due
    # a few seconds from now; no message is planned for it on the broker
    await set_target(
        "N1", Impact.HIGH, first_response_expected_minutes=1, first_response_due_minutes=1
    )
    start = datetime.now(UTC) - timedelta(seconds=60 - SECONDS_BEFORE_DUE)
    ticket = await open_ticket_at(start, "service_down")
    clock.reset()
    due = ticket.first_response_due_at
    assert due == start + timedelta(minutes=1)
    assert isinstance(broker, StubBroker) and broker.queues["default.DQ"].qsize() == 0
    assert await sweep_sla() == 0  # nothing is due yet
    breaches_before = _sample("mesa_sla_alerts_total", kind="breach")
    warnings_before = _sample("mesa_sla_alerts_total", kind="warning")

    # when nobody touches the ticket while the scheduler runs its SLA sweep
    recorded = asyncio.Event()

    async def sweep() -> None:
        if await sweep_sla():
            recorded.set()  # committed: the scheduler is between runs when cancelled

    job = PeriodicJob("SLA sweep", get_settings().sla_sweep_seconds, sweep)
    scheduler = asyncio.create_task(run_scheduler([job]))
    await asyncio.wait_for(recorded.wait(), timeout=60)
    scheduler.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await scheduler
    await wait_for_jobs()

    # then the warning and the breach were recorded by the sweep, once the due time passed
    events = await alert_events(ticket.id)
    assert [event.kind for event in events] == ALERTS
    assert all(event.created_at >= due for event in events)
    # and counted in the metrics
    assert _sample("mesa_sla_alerts_total", kind="breach") == breaches_before + 1
    assert _sample("mesa_sla_alerts_total", kind="warning") == warnings_before + 1

    # when a stale planned check arrives, the sweep runs, and a check runs concurrently
    sla.check_ticket_sla.send(ticket_id=ticket.id, planned_for=due.isoformat())
    swept, checked = await asyncio.gather(sweep_sla(), check_now(ticket_id=ticket.id))
    await wait_for_jobs()

    # then still one warning and one breach, each notified once
    assert (swept, checked) == (0, 0)
    assert [event.id for event in await alert_events(ticket.id)] == [e.id for e in events]
    jobs = await OutboxJob.filter(actor_name=NOTIFY_ACTOR).order_by("id")
    assert [(job.kwargs, job.status) for job in jobs] == [
        ({"ticket_id": ticket.id, "event_id": event.id}, OutboxStatus.DONE) for event in events
    ]
    stored = await Ticket.get(id=ticket.id)
    assert (stored.sla_warned_for, stored.sla_breached_for, stored.sla_check_at) == (
        due,
        due,
        None,
    )
