"""Mesa's own processes for distributed tests: API (uvicorn), dramatiq workers, the scheduler."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.core.compiled import DIFFERENTIAL_ENV
from domain.config import PROJECT_ROOT

START_TIMEOUT = 60.0
INHERITED = frozenset({DIFFERENTIAL_ENV})
MESA = str(Path(sys.executable).parent / "mesa")


async def seed_demo(env: dict[str, str]) -> None:
    """`mesa seed-demo` (migrations, then the demo data) for the database of `env`."""
    argv = [MESA, "seed-demo"]
    await asyncio.to_thread(
        subprocess.run, argv, env=env, cwd=PROJECT_ROOT, check=True, capture_output=True
    )


def distributed_env(database_url: str, redis_url: str, **settings: str) -> dict[str, str]:
    """The environment of a distributed Mesa process; `settings` are MESA_* without prefix.
    Of this process's own MESA_* variables only the suite's differential mode is passed on, so
    the processes' queries too are checked against graphql-core (tests/conftest.py)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESA_") or k in INHERITED}
    env |= {"MESA_DATABASE_URL": database_url, "MESA_REDIS_URL": redis_url}
    env |= {f"MESA_{name.upper()}": value for name, value in settings.items()}
    return env


@dataclass
class Cluster:
    """Processes started by this test; each is stopped (SIGTERM, then SIGKILL) at the end."""

    env: dict[str, str]
    logs: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            argv,
            env=self.env,
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.processes.append(process)
        return process

    def api(self, port: int) -> str:
        """An API process (`uvicorn mesa.runtime:build_app`) on `port`; returns its base URL."""
        argv = [sys.executable, "-m", "uvicorn", "mesa.runtime:build_app", "--factory"]
        argv += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        argv += ["--no-proxy-headers"]  # as `mesa serve`: MESA_TRUSTED_PROXIES decides
        process = self._spawn(f"api-{port}", argv)
        url = f"http://127.0.0.1:{port}"
        wait_until_ready(url, process)
        return url

    def worker(self, name: str, *, processes: int = 1, threads: int = 4) -> subprocess.Popen[bytes]:
        """`mesa worker`: a dramatiq master with `processes` worker processes."""
        argv = [MESA, "worker", "--processes", str(processes), "--threads", str(threads)]
        return self._spawn(name, argv)

    def scheduler(self) -> subprocess.Popen[bytes]:
        return self._spawn("scheduler", [MESA, "scheduler"])

    def smtpd(self, port: int) -> subprocess.Popen[bytes]:
        """`mesa smtpd` on `port` (answers once it listens: see email_support)."""
        return self._spawn(f"smtpd-{port}", [MESA, "smtpd", "--port", str(port)])

    def stop(self, process: subprocess.Popen[bytes], *, kill: bool = False) -> None:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                if kill:
                    # The whole group, like a crashed host: dramatiq's master and its workers.
                    os.killpg(process.pid, signal.SIGKILL)
                else:
                    # Only the main process, as a supervisor does: dramatiq's master forwards it.
                    process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process in self.processes:
            self.processes.remove(process)

    def stop_all(self) -> None:
        for process in reversed(list(self.processes)):
            self.stop(process)


@contextlib.contextmanager
def cluster(env: dict[str, str], logs: Path) -> Iterator[Cluster]:
    running = Cluster(env=env, logs=logs)
    try:
        yield running
    finally:
        running.stop_all()


def wait_until_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll /readyz until the process answers 200 (or fail if it exits)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode} while starting")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{url} was not ready in {START_TIMEOUT} s")
