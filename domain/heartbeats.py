"""Heartbeats of the background processes, read by `mesa health worker|scheduler|smtpd`.

Each process rewrites a small JSON file, `<MESA_DATA_DIR>/heartbeats/<role>@<host>.json`,
every MESA_HEARTBEAT_SECONDS while it can do its work: a worker while all its threads run,
smtpd while it listens, the scheduler while its loop runs, with the moment each periodic job
last ended well. A file per host, not per cluster: a container's health check asks about the
process in that container, in embedded mode (one process) as in a distributed install.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from domain.config import get_settings

# Beats a process may miss before it counts as stopped.
MISSED_BEATS = 3
# Intervals a periodic job may go without ending well (a run may take a while).
MISSED_RUNS = 2


class Role(StrEnum):
    WORKER = "worker"
    SCHEDULER = "scheduler"
    SMTPD = "smtpd"


@dataclass
class JobBeat:
    """When a periodic job last ended well (None: not yet), and how often it runs."""

    every_seconds: float
    last_ok: float | None = None


@dataclass
class Heartbeat:
    role: Role
    pid: int
    started_at: float
    at: float
    jobs: dict[str, JobBeat] = field(default_factory=dict)


def heartbeat_folder() -> Path:
    return get_settings().data_dir / "heartbeats"


def heartbeat_path(role: Role, host: str | None = None) -> Path:
    return heartbeat_folder() / f"{role.value}@{host or socket.gethostname()}.json"


def write_heartbeat(beat: Heartbeat) -> None:
    """Replace the role's file at once (a reader never sees half of it)."""
    path = heartbeat_path(beat.role)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "role": beat.role.value,
        "pid": beat.pid,
        "started_at": beat.started_at,
        "at": beat.at,
        "jobs": {
            name: {"every_seconds": job.every_seconds, "last_ok": job.last_ok}
            for name, job in beat.jobs.items()
        },
    }
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(body), encoding="utf-8")
    os.replace(partial, path)


def read_heartbeat(role: Role) -> Heartbeat | None:
    try:
        body = json.loads(heartbeat_path(role).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Heartbeat(
        role=role,
        pid=int(body["pid"]),
        started_at=float(body["started_at"]),
        at=float(body["at"]),
        jobs={
            name: JobBeat(float(job["every_seconds"]), job["last_ok"])
            for name, job in body.get("jobs", {}).items()
        },
    )


def stale_after_seconds() -> float:
    return MISSED_BEATS * get_settings().heartbeat_seconds


def health_problem(role: Role, *, now: float | None = None) -> str | None:
    """Why the role's process on this host is not healthy (one line), or None when it is."""
    now = time.time() if now is None else now
    beat = read_heartbeat(role)
    host = socket.gethostname()
    if beat is None:
        return f"{role.value} on {host}: no heartbeat yet ({heartbeat_path(role)})"
    age = now - beat.at
    if age > stale_after_seconds():
        return (
            f"{role.value} on {host} (pid {beat.pid}): last heartbeat {age:.0f} s ago, "
            f"stale after {stale_after_seconds():g} s"
        )
    for name, job in beat.jobs.items():
        since = job.last_ok if job.last_ok is not None else beat.started_at
        limit = MISSED_RUNS * job.every_seconds + stale_after_seconds()
        if now - since > limit:
            what = "last ended well" if job.last_ok is not None else "not ended well since start"
            return (
                f"{role.value} on {host}: periodic job {name!r} {what} {now - since:.0f} s ago "
                f"(runs every {job.every_seconds:g} s)"
            )
    return None
