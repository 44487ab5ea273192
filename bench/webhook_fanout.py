"""Webhook fan-out: 100 endpoints hear every ticket event, and one slow endpoint (it answers
after 5 s; its webhook waits 2 s) does not delay the others.

On SQLite with the embedded workers (MESA_WORKER_THREADS threads), EVENTS new tickets are
delivered to 100 endpoints on a loopback server; the latency of each fast delivery (from
the event's commit to its arrival) is measured with the slow endpoint subscribed, and
again without it (the baseline). The p95 should stay within 2x the baseline's.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import uvicorn
from rich.console import Console
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain import db
from domain.automation.deliveries import queue_due_deliveries
from domain.automation.stream import process_new_events
from domain.clock import utcnow
from domain.config import get_settings
from domain.demo import seed_demo
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import (
    AutomationSettings,
    Channel,
    Customer,
    Department,
    Staff,
    StaffRole,
    Webhook,
)
from domain.tickets.actions import NewTicket, create_ticket

ENDPOINTS = 100
EVENTS = int(os.environ.get("MESA_BENCH_WEBHOOK_EVENTS", "20"))
SLOW_SECONDS = 5.0
console = Console()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Receivers:
    """One loopback server for every endpoint: /fast/<n> answers at once, /slow after 5 s."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}  # Mesa-Delivery -> monotonic arrival
        self.port = _free_port()

    async def fast(self, request: Request) -> Response:
        await request.body()
        self.arrivals[request.headers["mesa-delivery"]] = time.monotonic()
        return Response(status_code=204)

    async def slow(self, request: Request) -> Response:
        await asyncio.sleep(SLOW_SECONDS)
        return Response(status_code=204)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/fast/{n}", self.fast, methods=["POST"]),
                Route("/slow", self.slow, methods=["POST"]),
            ]
        )


async def _scenario(with_slow: bool, receivers: Receivers) -> list[float]:
    """Fast deliveries' latencies (s) for EVENTS new tickets."""
    from workers import actors, automation, outbox  # noqa: F401  (declares the actors)
    from workers.broker import start_embedded_workers, stop_embedded_workers

    await Webhook.all().delete()
    now = utcnow()
    base = f"http://127.0.0.1:{receivers.port}"
    hooks = [(f"fast {n}", f"{base}/fast/{n}", 10) for n in range(ENDPOINTS - 1)]
    hooks.append(("slow", f"{base}/slow", 2) if with_slow else ("fast last", f"{base}/fast/x", 10))
    for name, url, timeout in hooks:
        await Webhook.create(
            name=name,
            url=url,
            event_kinds=["CREATED"],
            secret="whsec_bench",
            timeout_seconds=timeout,
            created_at=now,
            updated_at=now,
        )
    await process_new_events()  # start after what came before
    admin = await Staff.get(role=StaffRole.ADMIN)
    viewer = Viewer(kind=ViewerKind.STAFF, staff_id=admin.id, role=StaffRole.ADMIN, name="Bench")
    customer = await Customer.get(client_number="C-1001")
    department = await Department.get(code="TECH")
    receivers.arrivals.clear()
    outbox.install()
    workers = start_embedded_workers(asyncio.get_running_loop(), get_settings().worker_threads)
    try:
        committed: list[float] = []
        for n in range(EVENTS):
            await create_ticket(
                viewer=viewer,
                data=NewTicket(
                    subject=f"Bench {n}",
                    message="Hola",
                    department_id=department.id,
                    customer_id=customer.id,
                    channel=Channel.EMAIL,
                ),
            )
            committed.append(time.monotonic())
        started = committed[0]
        await process_new_events()
        expected = EVENTS * (ENDPOINTS - 1)
        deadline = time.monotonic() + 120
        while len(receivers.arrivals) < expected and time.monotonic() < deadline:
            await queue_due_deliveries()
            await asyncio.sleep(0.05)
        assert len(receivers.arrivals) >= expected, (len(receivers.arrivals), expected)
        # From the last commit (the stream reads them together) to each arrival.
        return [arrival - max(started, committed[-1]) for arrival in receivers.arrivals.values()]
    finally:
        await stop_embedded_workers(workers)
        outbox.uninstall()


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


async def run() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'bench.sqlite3'}"
        os.environ["MESA_DATABASE_URL"] = url
        os.environ["MESA_DATA_DIR"] = tmp
        get_settings.cache_clear()
        await db.migrate(url)
        await db.connect(url)
        await seed_demo()
        await AutomationSettings.create(
            id=1, webhook_allowed_networks="127.0.0.0/8", updated_at=utcnow()
        )
        receivers = Receivers()
        config = uvicorn.Config(
            receivers.app(), host="127.0.0.1", port=receivers.port, log_level="warning"
        )
        server = uvicorn.Server(config)
        serving = asyncio.create_task(server.serve())
        while not server.started:  # noqa: ASYNC110  (uvicorn has no event for it)
            await asyncio.sleep(0.02)
        try:
            baseline = await _scenario(False, receivers)
            slowed = await _scenario(True, receivers)
        finally:
            server.should_exit = True
            await serving
            await db.close()
    ratio = _p(slowed, 95) / _p(baseline, 95)
    console.print(
        f"webhook fan-out, {EVENTS} events x {ENDPOINTS} endpoints: fast deliveries p50"
        f" {_p(slowed, 50):.2f} s, p95 {_p(slowed, 95):.2f} s with one slow endpoint vs p50"
        f" {_p(baseline, 50):.2f} s, p95 {_p(baseline, 95):.2f} s without (baseline)"
        f" -> p95 ratio {ratio:.2f} (target <= 2)"
    )
    return 0 if ratio <= 2 else 1
