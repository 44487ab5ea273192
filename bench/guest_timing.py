"""guestAccess must not tell an unknown tracking ID from a wrong email by its timing: the
figure is the median time of unknown-ID lookups, the baseline that of wrong-email lookups."""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from pathlib import Path

from domain import db
from domain.demo import seed_demo
from domain.errors import InvalidCredentials
from domain.identity.guests import guest_access
from domain.identity.ratelimit import set_rate_limiter
from domain.identity.viewer import Viewer, ViewerKind
from domain.models import Category, Customer, Staff
from domain.tickets.actions import NewTicket, create_ticket
from domain.tickets.tracking import new_tracking_id

ROUNDS = 400


class NoLimit:
    """Counts nothing: the benchmark measures the lookup, not the limiter."""

    async def incr(self, key: str, window_seconds: int, amount: int = 1) -> tuple[int, float]:
        return 0, 0.0

    async def hold(self, key: str, seconds: float) -> None:
        return None

    async def held(self, key: str) -> float | None:
        return None

    async def forget(self, *keys: str) -> None:
        return None


async def _median_seconds(tracking_ids: list[str], email: str) -> float:
    timings = []
    for tracking_id in tracking_ids:
        started = time.perf_counter()
        with contextlib.suppress(InvalidCredentials):
            await guest_access(tracking_id=tracking_id, email=email, client_address="bench")
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


async def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite://{Path(folder) / 'bench.sqlite3'}"
        await db.migrate(url)
        await db.connect(url)
        try:
            await seed_demo()
            set_rate_limiter(NoLimit())
            staff = await Staff.get(email="supervisor@mesa.example")
            viewer = Viewer(kind=ViewerKind.STAFF, staff_id=staff.id, role=staff.role)
            customer = await Customer.get(client_number="C-1003")
            category = await Category.get(code="dns_configuration")
            ticket = await create_ticket(
                viewer=viewer,
                data=NewTicket(
                    subject="Bench",
                    message="Bench",
                    category_id=category.id,
                    customer_id=customer.id,
                ),
            )
            # Interleave the two paths so drift in the machine's speed hits both alike.
            wrong_email = unknown_id = 0.0
            for _ in range(2):
                wrong_email += await _median_seconds([ticket.tracking_id] * ROUNDS, "x@example.com")
                unknown = [new_tracking_id() for _ in range(ROUNDS)]
                unknown_id += await _median_seconds(unknown, customer.email)
            print(
                f"guest_timing: unknown tracking ID {unknown_id / 2 * 1e6:.0f} µs median, "
                f"baseline wrong email {wrong_email / 2 * 1e6:.0f} µs median "
                f"(ratio {unknown_id / wrong_email:.2f})"
            )
        finally:
            set_rate_limiter(None)
            await db.close()
