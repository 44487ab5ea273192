"""Warnings and breaches happen on time with no request touching the ticket: a delayed
message on the real embedded broker records them, exactly once, however often it comes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import REGISTRY

from domain.clock import clock, utcnow
from domain.demo import seed_demo
from domain.models import EventKind, Impact, OutboxJob, OutboxStatus, Ticket, TicketEvent
from domain.sla.deadlines import replan_sla_checks
from domain.sla.marking import NOTIFY_ACTOR, sweep_sla
from domain.sla.marking import check_ticket_sla as check_now
from tests.own_database import own_database
from tests.sla_support import open_ticket_at, set_target
from workers import outbox, sla
from workers.broker import broker, start_embedded_workers, stop_embedded_workers

JOIN_TIMEOUT_MS = 30_000
ALERTS = [EventKind.SLA_WARNING, EventKind.SLA_BREACHED]
SECONDS_BEFORE_DUE = 3


@pytest.fixture(scope="module")
async def workers(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[None]:
    """A demo database of its own, the outbox relay and the SLA planner, and real embedded
    worker threads on this loop."""
    async with own_database(tmp_path_factory.mktemp("sla_workers")):
        await seed_demo()
        outbox.install()
        handle = start_embedded_workers(asyncio.get_running_loop(), threads=2)
        yield
        await stop_embedded_workers(handle)
        outbox.uninstall()
        sla.uninstall()
        clock.reset()


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def wait_for_jobs() -> None:
    # join blocks (and waits for delayed messages too): keep this loop free for the actors.
    await asyncio.to_thread(broker.join, sla.check_ticket_sla.queue_name, timeout=JOIN_TIMEOUT_MS)


async def alert_events(ticket_id: int) -> list[TicketEvent]:
    return await TicketEvent.filter(ticket_id=ticket_id, kind__in=ALERTS).order_by("id")


async def test_the_breach_is_recorded_at_the_due_time_once(workers: None) -> None:
    # given a one-minute 24/7 target, and a ticket opened (clock set back) so that it is due
    # a few seconds from now, its checks planned on the broker as after any deadline change
    await set_target(
        "N1", Impact.HIGH, first_response_expected_minutes=1, first_response_due_minutes=1
    )
    start = datetime.now(UTC) - timedelta(seconds=60 - SECONDS_BEFORE_DUE)
    ticket = await open_ticket_at(start, "service_down")
    clock.reset()
    sla.install()
    planned = await replan_sla_checks(ticket_id=ticket.id)
    due = ticket.first_response_due_at
    assert due == start + timedelta(minutes=1)
    assert await sweep_sla() == 0  # nothing is due yet
    breaches_before = _sample("mesa_sla_alerts_total", kind="breach")
    warnings_before = _sample("mesa_sla_alerts_total", kind="warning")
    jobs_before = _sample("mesa_jobs_total", actor="check_ticket_sla", outcome="succeeded")

    # when nobody touches the ticket until the delayed message arrives
    await wait_for_jobs()

    # then the warning and the breach were recorded by that message, at the due time
    events = await alert_events(ticket.id)
    assert planned == 1
    assert [event.kind for event in events] == ALERTS
    assert all(event.created_at >= due for event in events)
    assert utcnow() >= due
    # and counted in the metrics, as was the job
    assert _sample("mesa_sla_alerts_total", kind="breach") == breaches_before + 1
    assert _sample("mesa_sla_alerts_total", kind="warning") == warnings_before + 1
    assert _sample("mesa_jobs_total", actor="check_ticket_sla", outcome="succeeded") > jobs_before

    # when the message is delivered again, the sweep runs, and a check runs concurrently
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
