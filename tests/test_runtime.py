"""The embedded runtime `mesa serve` starts with the app: workers and scheduler in-process."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

import dramatiq
import pytest

from domain.config import get_settings
from domain.models import (
    Notification,
    NotificationKind,
    OutboxJob,
    OutboxStatus,
    Ticket,
    TicketStatus,
)
from mesa.runtime import worker_runtime
from tests.own_database import days_ago, make_ticket, own_database

DEADLINE_SECONDS = 20


@pytest.fixture(scope="module")
async def database(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    async with own_database(tmp_path_factory.mktemp("runtime")) as url:
        yield url


async def wait_for_status(ticket: Ticket, status: TicketStatus) -> TicketStatus:
    current = ticket.status
    for _ in range(DEADLINE_SECONDS * 10):
        current = (await Ticket.get(id=ticket.id)).status
        if current is status:
            break
        await asyncio.sleep(0.1)
    return current


def running_worker_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if isinstance(t, dramatiq.WorkerThread)]


async def test_the_embedded_runtime_runs_the_periodic_jobs_and_stops_cleanly(
    database: str,
) -> None:
    # given a ticket resolved long ago
    ticket = await make_ticket(TicketStatus.RESOLVED, resolved_at=days_ago(30))

    # when the runtime runs (its scheduler scans for automatic closes as it starts)
    async with worker_runtime():
        threads_while_running = len(running_worker_threads())
        status = await wait_for_status(ticket, TicketStatus.CLOSED)

    # then the ticket was closed through a done job, and no worker thread outlives the runtime
    assert status is TicketStatus.CLOSED
    jobs = await OutboxJob.filter(actor_name="auto_close_ticket").values_list("status", flat=True)
    assert jobs == [OutboxStatus.DONE]
    # and the guest was told, in the same transaction as the close
    told = await Notification.filter(ticket_id=ticket.id).values_list("recipient", "kind")
    assert told == [("guest@example.com", NotificationKind.STATUS_CHANGED)]
    assert threads_while_running == get_settings().worker_threads
    assert running_worker_threads() == []
