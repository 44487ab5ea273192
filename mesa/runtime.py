"""What runs beside the API in one process: the outbox relay, and in embedded mode the worker
threads and the scheduler."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette

from api.http.app import create_app
from domain import live
from domain.config import get_settings
from domain.uow import set_event_publisher
from workers import actors, attachments, automation, email, outbox, sla
from workers.broker import ping_broker, start_embedded_workers, stop_embedded_workers
from workers.queue_depth import queue_metrics
from workers.scheduler import run_scheduler

logger = logging.getLogger(__name__)

# Importing the actors declares them on the broker; the relay only sends to known actors.
ACTORS = (
    actors.auto_close_ticket,
    actors.deliver_notification,
    actors.deliver_notifications,
    sla.check_ticket_sla,
    sla.notify_sla_alert,
    attachments.store_attachment,
    email.process_inbound_mail,
    automation.deliver_webhook,
    automation.run_triggers,
    automation.auto_assign_ticket,
)


@contextlib.asynccontextmanager
async def worker_runtime() -> AsyncIterator[None]:
    """Start background work with the app (the database is already connected) and stop it.

    Embedded: the relay, worker threads running actors on this loop, and the scheduler.
    Distributed: only the relay; `mesa worker` and `mesa scheduler` are separate processes.
    """
    settings = get_settings()
    outbox.install()
    try:
        if settings.is_embedded:
            async with embedded_background(settings.worker_threads):
                yield
        else:
            yield
    finally:
        await outbox.stop()


@contextlib.asynccontextmanager
async def embedded_background(threads: int) -> AsyncIterator[None]:
    """Worker threads bound to the running loop, and the scheduler as a task on it."""
    workers = start_embedded_workers(asyncio.get_running_loop(), threads)
    try:
        scheduler = asyncio.create_task(run_scheduler(), name="mesa-scheduler")
        logger.info("embedded workers (%d threads) and scheduler started", threads)
        try:
            yield
        finally:
            scheduler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await scheduler
    finally:
        # Running jobs finish; queued ones stay ENQUEUED and a later sweep sends them again.
        await stop_embedded_workers(workers)


@contextlib.asynccontextmanager
async def publishing_events() -> AsyncIterator[None]:
    """For processes without subscribers (`mesa scheduler`, `mesa smtpd`, `mesa import-mail`):
    distributed, what they commit goes out on Redis like an API process's commits; embedded,
    the API process reads it from the event table (domain.live.feed), nothing to do here."""
    redis_url = get_settings().redis_url
    if redis_url is None:
        yield
        return
    bus = live.RedisBus(redis_url, None)
    set_event_publisher(bus.publish)
    try:
        yield
    finally:
        set_event_publisher(None)
        await bus.stop()


# The cyclic GC's young-generation threshold in serving processes. A GraphQL response makes
# thousands of short-lived objects; at the default (700) the collector ran every few fields
# and took ~20% of a page of 50 tickets in the api bench's profile.
GC_YOUNG_THRESHOLD = 50_000


@contextlib.asynccontextmanager
async def tuned_gc() -> AsyncIterator[None]:
    """Once started, move what exists (modules, schema, pools) out of the collector's sight
    and collect young objects less often: fewer, cheaper collections."""
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, previous[1], previous[2])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def build_app() -> Starlette:
    """The app `mesa serve` runs (uvicorn factory): the API plus its background runtime."""
    return create_app(
        extra_lifespans=[worker_runtime, tuned_gc],
        readiness_checks={"broker": ping_broker},
        extra_metrics=[queue_metrics],
    )
