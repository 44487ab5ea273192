"""Writing the heartbeats `mesa health` reads (domain.heartbeats): a task for the asyncio
processes (scheduler, smtpd), a dramatiq middleware for the workers (embedded or not)."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable

import dramatiq
from dramatiq.middleware import Middleware

from domain.config import get_settings
from domain.heartbeats import Heartbeat, JobBeat, Role, write_heartbeat

logger = logging.getLogger(__name__)


class Beat:
    """One process's heartbeat, with the periodic jobs it runs (the scheduler's)."""

    def __init__(self, role: Role) -> None:
        now = time.time()
        self.heartbeat = Heartbeat(role=role, pid=os.getpid(), started_at=now, at=now)

    def add_job(self, name: str, every_seconds: float) -> None:
        self.heartbeat.jobs[name] = JobBeat(every_seconds)

    def job_ended_well(self, name: str) -> None:
        job = self.heartbeat.jobs.get(name)
        if job is not None:
            job.last_ok = time.time()

    def write(self) -> None:
        self.heartbeat.at = time.time()
        try:
            write_heartbeat(self.heartbeat)
        except OSError as error:
            # The health check then reports the beat as missing or stale: no need to stop.
            logger.warning("cannot write the %s heartbeat: %s", self.heartbeat.role, error)


async def beating(beat: Beat, alive: Callable[[], bool] = lambda: True) -> None:
    """Write the heartbeat every MESA_HEARTBEAT_SECONDS while `alive()`, until cancelled."""
    interval = get_settings().heartbeat_seconds
    while True:
        if alive():
            await asyncio.to_thread(beat.write)
        await asyncio.sleep(interval)


class WorkerHeartbeat(Middleware):
    """A thread per dramatiq worker that beats while every consumer and worker thread runs."""

    def __init__(self) -> None:
        self._stops: dict[int, threading.Event] = {}

    def after_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        stop = threading.Event()
        self._stops[id(worker)] = stop
        thread = threading.Thread(
            target=self._beat, args=(worker, stop), name="mesa-heartbeat", daemon=True
        )
        thread.start()

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        stop = self._stops.pop(id(worker), None)
        if stop is not None:
            stop.set()

    @staticmethod
    def _beat(worker: dramatiq.Worker, stop: threading.Event) -> None:
        beat = Beat(Role.WORKER)
        interval = get_settings().heartbeat_seconds
        while True:
            threads = [*worker.consumers.values(), *worker.workers]
            if threads and all(thread.is_alive() for thread in threads):
                beat.write()
            if stop.wait(interval):
                return
