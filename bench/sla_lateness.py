"""SLA alerts on time whatever fails: the worst lateness of warnings and breaches, distributed
(PostgreSQL, Redis, `mesa scheduler`, `mesa worker`), with no fault (the baseline), right
after a Redis restart, and right after a worker killed with -9, next to the sweep interval.

Each phase opens tickets whose 1-minute 24/7 deadline falls 3 to 12 s ahead (the clock of
this process is set back), applies its fault 2 s in, and waits until every deadline is
marked. Lateness is when the alert was recorded minus its moment.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.cluster import Cluster, cluster, distributed_env, seed_demo
from tests.services import Redis, running_postgres, running_redis

NAME = "sla_lateness"
SWEEP_SECONDS = float(os.environ.get("MESA_BENCH_SLA_SWEEP_SECONDS", "2"))
TICKETS_PER_PHASE = 10
FAULT_AFTER_SECONDS = 2.0
WAIT_SECONDS = 90.0


async def run() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="mesa-bench-") as folder,
        running_postgres() as postgres,
        running_redis() as redis,
    ):
        url = await postgres.create_database("sla_lateness")
        env = distributed_env(url, redis.url, sla_sweep_seconds=str(SWEEP_SECONDS))
        await seed_demo(env)
        os.environ.update({k: v for k, v in env.items() if k.startswith("MESA_")})
        from domain import db
        from domain.config import get_settings

        get_settings.cache_clear()
        await db.connect(url)
        try:
            await _one_minute_targets()
            with cluster(env, Path(folder)) as processes:
                worker = processes.worker("worker", processes=1, threads=2)
                processes.scheduler()
                baseline = await _phase("no fault", lambda: None)
                restart = await _phase("Redis restart", lambda: _restart(redis))
                kill = await _phase("worker kill -9", lambda: _kill(processes, worker))
        finally:
            await db.close()
    print(f"sweep interval:                       {SWEEP_SECONDS:5.2f} s")
    print(f"worst alert lateness, no fault:       {baseline:5.2f} s (baseline)")
    print(f"worst alert lateness, Redis restart:  {restart:5.2f} s")
    print(f"worst alert lateness, worker kill -9: {kill:5.2f} s   (goal: under 5 s)")


async def _one_minute_targets() -> None:
    from domain.models import Impact, SlaTarget

    await SlaTarget.filter(support_level__code="N1", impact=Impact.HIGH).update(
        first_response_expected_minutes=1, first_response_due_minutes=1
    )


async def _phase(name: str, fault: Callable[[], object]) -> float:
    from domain.clock import clock
    from domain.identity.auth import viewer_for_customer
    from domain.models import Category, Customer, EventKind, TicketEvent
    from domain.tickets.actions import NewTicket, create_ticket

    customer = await Customer.get(client_number="C-1001")
    category = await Category.get(code="service_down")
    now = datetime.now(UTC)
    due = {}
    for index in range(TICKETS_PER_PHASE):
        moment = now + timedelta(seconds=3 + index)
        clock.set(moment - timedelta(minutes=1))
        ticket = await create_ticket(
            viewer=viewer_for_customer(customer),
            data=NewTicket(subject=f"{name} {index}", message="Caído.", category_id=category.id),
        )
        due[ticket.id] = moment
    clock.reset()
    await asyncio.sleep(max(0.0, FAULT_AFTER_SECONDS - (datetime.now(UTC) - now).total_seconds()))
    await asyncio.to_thread(fault)
    kinds = [EventKind.SLA_WARNING, EventKind.SLA_BREACHED]
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        events = await TicketEvent.filter(ticket_id__in=list(due), kind__in=kinds)
        if len(events) == 2 * len(due) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.2)
    if len(events) < 2 * len(due):
        print(f"{name}: only {len(events)} of {2 * len(due)} alerts within {WAIT_SECONDS} s")
        return float("inf")
    return max((event.created_at - due[event.ticket_id]).total_seconds() for event in events)


def _restart(redis: Redis) -> None:
    redis.stop()
    time.sleep(0.5)
    redis.start()


def _kill(processes: Cluster, worker: object) -> None:
    processes.stop(worker, kill=True)  # type: ignore[arg-type]
    processes.worker("worker-2", processes=1, threads=2)
