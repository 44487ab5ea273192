"""What automation tests share: the workers and periodic jobs that run automation, and
waiting for what they do."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from domain.config import get_settings
from tests.conftest import DISTRIBUTED, FAST_AUTOMATION

WAIT_SECONDS = 30.0


@pytest.fixture
async def automation(request: pytest.FixtureRequest, server: str) -> AsyncIterator[None]:
    """Workers and the scheduler's automation jobs: distributed, the cluster's own run
    (started with FAST_AUTOMATION); embedded, worker threads and the two periodic jobs in
    this process, on the same time scale."""
    if request.node.callspec.params["server"] == DISTRIBUTED:
        yield
        return
    from domain.automation.deliveries import QUEUE, queue_due_deliveries
    from domain.automation.stream import process_new_events
    from domain.automation.time_plans import fire_due
    from workers import actors, automation, outbox
    from workers.broker import (
        DEFAULT_QUEUE,
        broker,
        start_embedded_workers,
        stop_embedded_workers,
    )
    from workers.scheduler import PeriodicJob, run_scheduler

    assert actors.deliver_notification and automation.deliver_webhook
    settings = get_settings()
    saved = {name: getattr(settings, name) for name in FAST_AUTOMATION}
    for name, value in FAST_AUTOMATION.items():
        setattr(settings, name, float(value))
    outbox.install()
    workers = start_embedded_workers(asyncio.get_running_loop(), threads=4)
    stopping = asyncio.Event()
    running = asyncio.Lock()

    def between_runs(run: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[None]]:
        # Cancelled only between runs: a transaction cancelled halfway would keep SQLite's
        # connection for itself.
        async def guarded() -> None:
            async with running:
                if not stopping.is_set():
                    await run()

        return guarded

    jobs = [
        PeriodicJob("automation stream", 0.1, between_runs(process_new_events)),
        PeriodicJob("webhook retries", 0.1, between_runs(queue_due_deliveries)),
        PeriodicJob("time rules", 0.1, between_runs(fire_due)),
    ]
    scheduler = asyncio.create_task(run_scheduler(jobs))
    try:
        yield
    finally:
        stopping.set()
        async with running:
            scheduler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await scheduler
        # Every queued job runs before the workers stop: a message they took but left
        # unfinished would hold the next test's drain (tests/email_support.py) forever.
        for queue in (DEFAULT_QUEUE, QUEUE):
            await asyncio.to_thread(broker.join, queue, timeout=int(WAIT_SECONDS * 1000))
        await stop_embedded_workers(workers)
        outbox.uninstall()
        for name, value in saved.items():
            setattr(settings, name, value)


async def eventually(check: Callable[[], Awaitable[Any]], what: str) -> Any:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        result = await check()
        if result:
            return result
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
