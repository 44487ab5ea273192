"""Prometheus metrics of background work: jobs per actor, and SLA warnings and breaches.

With PROMETHEUS_MULTIPROC_DIR set (distributed mode), every process writes its samples there
and each API process's /metrics aggregates them; otherwise /metrics shows its own process.
"""

from __future__ import annotations

import time
from typing import Any

import dramatiq
from dramatiq.middleware import Middleware
from prometheus_client import Counter, Gauge, Histogram

from domain.sla import marking
from domain.sla.policy import AlertKind

JOBS = Counter("mesa_jobs_total", "Jobs processed, per actor and outcome.", ["actor", "outcome"])
JOB_SECONDS = Histogram("mesa_job_duration_seconds", "Time to process a job, per actor.", ["actor"])
SLA_ALERTS = Counter("mesa_sla_alerts_total", "SLA alerts recorded, per kind.", ["kind"])
for _kind in ("warning", "breach"):
    SLA_ALERTS.labels(kind=_kind)  # both series exist from the start, at 0

# The scheduler's heartbeat: when each periodic job last ran to its end (the newest run of any
# process in multi-process mode). An alert on `time() - this > 3 * interval` finds a stopped
# scheduler or a job that keeps failing.
PERIODIC_LAST_RUN = Gauge(
    "mesa_periodic_job_last_success_timestamp_seconds",
    "Unix time a periodic job last finished without error, per job.",
    ["job"],
    multiprocess_mode="max",
)

_OUTCOME = {True: "failed", False: "succeeded"}


def _record_alert(kind: AlertKind) -> None:
    SLA_ALERTS.labels(kind="warning" if kind is AlertKind.WARNING else "breach").inc()


def install() -> None:
    """Count SLA alerts wherever the domain records them (once per process)."""
    if _record_alert not in marking.alert_listeners:
        marking.alert_listeners.append(_record_alert)


class JobMetrics(Middleware):
    """Counts each job per actor and outcome and times it."""

    def __init__(self) -> None:
        self._started: dict[str, float] = {}

    def before_process_message(self, broker: dramatiq.Broker, message: Any) -> None:
        self._started[message.message_id] = time.perf_counter()

    def after_process_message(
        self,
        broker: dramatiq.Broker,
        message: Any,
        *,
        result: Any = None,
        exception: BaseException | None = None,
    ) -> None:
        started = self._started.pop(message.message_id, None)
        JOBS.labels(actor=message.actor_name, outcome=_OUTCOME[exception is not None]).inc()
        if started is not None:
            JOB_SECONDS.labels(actor=message.actor_name).observe(time.perf_counter() - started)

    def after_skip_message(self, broker: dramatiq.Broker, message: Any) -> None:
        self._started.pop(message.message_id, None)
        JOBS.labels(actor=message.actor_name, outcome="skipped").inc()
