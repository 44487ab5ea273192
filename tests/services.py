"""Real PostgreSQL and Redis servers for tests: started on free loopback ports, stopped after.

PostgreSQL refuses to run as root, so as root (CI) it runs as an unprivileged system user.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import redis

POSTGRES_USER = "mesa-pg"
DATABASE = "mesa"
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def missing_binaries() -> list[str]:
    """The server programs this machine lacks (the distributed tests need all of them)."""
    return [name for name in ("initdb", "postgres", "redis-server") if not shutil.which(name)]


def _as_postgres_user(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    if subprocess.run(["id", "-u", POSTGRES_USER], capture_output=True).returncode != 0:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", POSTGRES_USER],
            check=True,
            capture_output=True,
        )
    return ["runuser", "-u", POSTGRES_USER, "--", *argv]


def _wait_for(ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} while starting")
        with contextlib.suppress(OSError, redis.RedisError):
            if ready():
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start in {START_TIMEOUT} s")


def _port_open(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Postgres:
    port: int
    process: subprocess.Popen[bytes]
    templates: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"postgres://mesa@127.0.0.1:{self.port}/{DATABASE}"

    async def create_database(self, name: str, template: str | None = None) -> str:
        """A new database on this server, empty or a copy of `template`; returns its URL."""
        for _ in range(300):  # the port opens a moment before the server takes sessions
            try:
                connection = await asyncpg.connect(
                    host="127.0.0.1", port=self.port, user="mesa", database="postgres"
                )
                break
            except asyncpg.CannotConnectNowError:
                await asyncio.sleep(0.1)
        else:
            raise RuntimeError("postgres never finished starting up")
        try:
            copy = f' TEMPLATE "{template}"' if template else ""
            await connection.execute(f'CREATE DATABASE "{name}"{copy}')
        finally:
            await connection.close()
        return f"postgres://mesa@127.0.0.1:{self.port}/{name}"

    async def prepared_database(self, name: str, command: str) -> str:
        """A new database as `mesa <command>` (migrate, seed-demo) leaves an empty one: the
        command runs once per server, on a template each later database is copied from (a
        fresh migration costs seconds; a copy, milliseconds)."""
        template = f"template_{command.replace('-', '_')}"
        if template not in self.templates:
            url = await self.create_database(template)
            with tempfile.TemporaryDirectory() as folder:
                settings = {"MESA_DATABASE_URL": url, "MESA_DATA_DIR": folder}
                await asyncio.to_thread(mesa_command, command, settings)
            self.templates.add(template)
        return await self.create_database(name, template=template)


def mesa_command(command: str, env: dict[str, str]) -> None:
    """`mesa <command>` in a child process with `env` (MESA_* settings) over this one's."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("MESA_")}
    subprocess.run(
        [str(Path(sys.executable).parent / "mesa"), command],
        env=inherited | env,
        check=True,
        capture_output=True,
    )


@contextlib.contextmanager
def running_postgres() -> Iterator[Postgres]:
    """initdb in a temporary folder, then postgres on a free port; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="mesa-pg-"))
    try:
        if os.geteuid() == 0:
            _as_postgres_user(["true"])  # creates the user
            shutil.chown(folder, user=POSTGRES_USER)
        data = folder / "data"
        subprocess.run(
            _as_postgres_user(
                ["initdb", "-D", str(data), "-U", "mesa", "--auth=trust", "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
        )
        port = free_port()
        # fsync off: a test database never needs to survive a power cut.
        argv = ["postgres", "-D", str(data), "-p", str(port), "-k", str(folder)]
        argv += ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]
        argv += ["-c", "max_connections=300", "-c", "full_page_writes=off"]
        process = subprocess.Popen(
            _as_postgres_user(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            _wait_for(lambda: _port_open(port), process, "postgres")
            server = Postgres(port=port, process=process)
            yield server
        finally:
            _stop(process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Redis:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (or restart after stop) redis-server on this port, empty."""
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        argv += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        self.process = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        _wait_for(lambda: bool(client.ping()), self.process, "redis-server")
        client.close()

    def stop(self) -> None:
        _stop(self.process)


@contextlib.contextmanager
def running_redis() -> Iterator[Redis]:
    server = Redis(port=free_port(), process=None)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.stop()
