"""A `dramatiq workers.actors` process (distributed mode) relays the jobs its actors record:
the outbox relay is installed once its worker has booted, after the database is open, and
taken away at its shutdown, before the database closes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services import running_redis

pytestmark = pytest.mark.slow


# What a worker process does around its jobs: dramatiq's boot and shutdown signals.
WORKER = """
import dramatiq
from tortoise import Tortoise
from domain import uow
from workers import actors, outbox
from workers.broker import broker

worker = dramatiq.Worker(broker, worker_threads=1)
broker.emit_before("worker_boot", worker)
print("booted", uow._dispatcher is outbox.dispatch, Tortoise._inited)
broker.emit_after("worker_shutdown", worker)
print("stopped", uow._dispatcher is None)
"""


def test_a_worker_process_relays_what_its_actors_record(tmp_path: Path) -> None:
    with running_redis() as redis:
        env = {
            **os.environ,
            "MESA_REDIS_URL": redis.url,
            "MESA_DATABASE_URL": f"sqlite://{tmp_path / 'mesa.sqlite3'}",
            "MESA_DATA_DIR": str(tmp_path),
        }
        done = subprocess.run(
            [sys.executable, "-c", WORKER], env=env, capture_output=True, text=True, timeout=120
        )

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines == ["booted True True", "stopped True"], done.stdout + done.stderr
