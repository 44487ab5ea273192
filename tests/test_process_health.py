"""`mesa health worker|scheduler|smtpd`: each background process writes a heartbeat while it
can work, and the health check fails soon after the process dies (the compose health checks
run this command in each container)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from domain.config import PROJECT_ROOT
from tests.cluster import MESA, cluster
from tests.distributed_support import seeded_database
from tests.services import Postgres, Redis, free_port

pytestmark = pytest.mark.slow


# Beats every half second: a process counts as stopped 1.5 s after its last one.
BEAT = 0.5


def health(env: dict[str, str], role: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MESA, "health", role],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def health_until(
    env: dict[str, str],
    role: str,
    done: Callable[[subprocess.CompletedProcess[str]], bool],
    within: float = 90.0,
) -> subprocess.CompletedProcess[str]:
    deadline = time.monotonic() + within
    while True:
        checked = await asyncio.to_thread(health, env, role)
        if done(checked) or time.monotonic() > deadline:
            return checked
        await asyncio.sleep(0.2)


@pytest.mark.parametrize("role", ["worker", "scheduler", "smtpd"])
async def test_health_passes_while_the_process_runs_and_fails_once_it_is_killed(
    role: str, postgres: Postgres, own_redis: Redis, tmp_path: Path
) -> None:
    # Given a distributed install whose processes beat every half second
    env = await seeded_database(postgres, own_redis, heartbeat_seconds=str(BEAT))
    env["MESA_DATA_DIR"] = str(tmp_path / "data")
    with cluster(env, tmp_path) as processes:
        # and no such process started yet: the check fails, saying so
        before = await asyncio.to_thread(health, env, role)
        assert before.returncode == 1
        assert "no heartbeat yet" in before.stderr
        assert len(before.stderr.strip().splitlines()) == 1

        # When the process starts
        start: dict[str, Callable[[], subprocess.Popen[bytes]]] = {
            "worker": lambda: processes.worker("worker", processes=1, threads=2),
            "scheduler": processes.scheduler,
            "smtpd": lambda: processes.smtpd(free_port()),
        }
        process = start[role]()

        # Then its health check passes
        running = await health_until(env, role, lambda checked: checked.returncode == 0)
        assert running.returncode == 0, running.stderr
        assert running.stdout.strip() == f"{role}: healthy"

        # When it is killed (SIGKILL: no chance to say goodbye)
        processes.stop(process, kill=True)
        killed_at = time.monotonic()

        # Then, once three beats are missed, the check fails with a one-line reason
        failing = await health_until(env, role, lambda checked: checked.returncode != 0)
        assert failing.returncode == 1
        assert time.monotonic() - killed_at < 30
        [reason] = failing.stderr.strip().splitlines()
        assert reason.startswith(f"{role} on ")
        assert "last heartbeat" in reason
        assert "stale after 1.5 s" in reason


async def test_in_embedded_mode_the_api_process_beats_for_its_workers_and_scheduler(
    tmp_path: Path,
) -> None:
    # Given one embedded process (SQLite, in-process broker, workers and scheduler inside)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
    env |= {
        "MESA_DATABASE_URL": f"sqlite://{tmp_path / 'mesa.sqlite3'}",
        "MESA_DATA_DIR": str(tmp_path / "data"),
        "MESA_HEARTBEAT_SECONDS": str(BEAT),
    }
    await asyncio.to_thread(
        subprocess.run,
        [MESA, "migrate"],
        env=env,
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with cluster(env, tmp_path) as processes:
        await asyncio.to_thread(processes.api, free_port())
        [server] = processes.processes

        # Then the worker and scheduler checks pass on its host
        for role in ("worker", "scheduler"):
            running = await health_until(env, role, lambda checked: checked.returncode == 0)
            assert running.returncode == 0, running.stderr

        # and fail once it is killed
        processes.stop(server, kill=True)
        for role in ("worker", "scheduler"):
            failing = await health_until(env, role, lambda checked: checked.returncode != 0)
            assert failing.returncode == 1
            assert "last heartbeat" in failing.stderr


def test_the_scheduler_is_unhealthy_while_a_periodic_job_keeps_failing(tmp_path: Path) -> None:
    # Given a scheduler that beats, but whose SLA sweep last ended well 10 minutes ago while
    # it runs every 2 seconds (and the outbox sweep is on time)
    now = time.time()
    folder = tmp_path / "heartbeats"
    folder.mkdir()
    host = socket.gethostname()
    beat = {
        "role": "scheduler",
        "pid": 4242,
        "started_at": now - 3600,
        "at": now,
        "jobs": {
            "outbox sweep": {"every_seconds": 30.0, "last_ok": now - 5},
            "SLA sweep": {"every_seconds": 2.0, "last_ok": now - 600},
        },
    }
    (folder / f"scheduler@{host}.json").write_text(json.dumps(beat), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
    env["MESA_DATA_DIR"] = str(tmp_path)

    # When its health is checked
    checked = health(env, "scheduler")

    # Then it fails, naming the job
    assert checked.returncode == 1
    [reason] = checked.stderr.strip().splitlines()
    assert re.fullmatch(
        f"scheduler on {host}: periodic job 'SLA sweep' last ended well 6[0-9]{{2}} s ago "
        r"\(runs every 2 s\)",
        reason,
    )

    # and once the job ends well again, it passes
    beat["jobs"]["SLA sweep"]["last_ok"] = time.time()  # type: ignore[index]
    (folder / f"scheduler@{host}.json").write_text(json.dumps(beat), encoding="utf-8")
    assert health(env, "scheduler").returncode == 0
