"""Periodic jobs as an asyncio loop: in `mesa serve` (embedded) or `mesa scheduler` (one per
cluster, distributed, guarded by a Redis lock: workers.periodic_lock)."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from domain import logs
from domain.attachments.cleanup import sweep_quarantine
from domain.automation.deliveries import queue_due_deliveries
from domain.automation.stream import process_new_events
from domain.automation.time_plans import fire_due
from domain.config import Settings, get_settings
from domain.db_priority import background
from domain.heartbeats import Role
from domain.retention import sweep_retention
from domain.sla.marking import sweep_sla
from workers import outbox
from workers.actors import enqueue_auto_closes
from workers.heartbeat import Beat, beating
from workers.metrics import PERIODIC_LAST_RUN

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    interval_seconds: float
    run: Callable[[], Awaitable[object]]


# Decides, before each run, whether this process runs the job (None: always).
RunGuard = Callable[[PeriodicJob], Awaitable[bool]]


def periodic_jobs(settings: Settings | None = None) -> list[PeriodicJob]:
    settings = settings or get_settings()
    return [
        PeriodicJob("outbox sweep", settings.outbox_sweep_seconds, outbox.sweep),
        PeriodicJob("auto-close scan", settings.auto_close_interval_seconds, enqueue_auto_closes),
        PeriodicJob("SLA sweep", settings.sla_sweep_seconds, sweep_sla),
        PeriodicJob("quarantine sweep", settings.attachment_sweep_seconds, sweep_quarantine),
        PeriodicJob("retention sweep", settings.retention_sweep_seconds, sweep_retention),
        PeriodicJob("automation stream", settings.automation_poll_seconds, process_new_events),
        PeriodicJob("webhook retries", settings.webhook_retry_sweep_seconds, queue_due_deliveries),
        PeriodicJob("time rules", settings.time_rule_sweep_seconds, fire_due),
    ]


async def run_scheduler(
    jobs: Sequence[PeriodicJob] | None = None, *, guard: RunGuard | None = None
) -> None:
    """Run every periodic job now and then at its interval, until cancelled; the heartbeat
    (`mesa health scheduler`) says when each job last ended well."""
    jobs = jobs if jobs is not None else periodic_jobs()
    beat = Beat(Role.SCHEDULER)
    for job in jobs:
        beat.add_job(job.name, job.interval_seconds)
    # Background work: a request waiting for the database goes first (domain.db_priority).
    with background():
        async with asyncio.TaskGroup() as group:
            for job in jobs:
                group.create_task(_every(job, guard, beat), name=f"mesa-scheduler: {job.name}")
            group.create_task(beating(beat), name="mesa-scheduler: heartbeat")


async def _every(job: PeriodicJob, guard: RunGuard | None, beat: Beat) -> None:
    while True:
        # Each run has an id, like a request: the jobs it records carry it into the workers.
        token = logs.request_id.set(f"periodic-{uuid.uuid4().hex}")
        try:
            if guard is None or await guard(job):
                await job.run()
                PERIODIC_LAST_RUN.labels(job=job.name).set(time.time())
            # Ran, or another scheduler holds this interval's run: either way on schedule.
            beat.job_ended_well(job.name)
        except Exception:
            # Logged, not raised: one failed run (database briefly down) must not stop the
            # schedule, and the next run retries the same work.
            logger.exception("periodic job %r failed", job.name)
        finally:
            logs.request_id.reset(token)
        await asyncio.sleep(job.interval_seconds)
