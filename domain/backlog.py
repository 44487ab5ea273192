"""What is waiting, read from the database (the one place every process writes): outbox jobs
per status and inbound mail not parsed yet, with the age of the oldest of each."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.functions import Count, Min

from domain.clock import utcnow
from domain.models import InboundMail, InboundStatus, OutboxJob, OutboxStatus

# DONE jobs are history, not backlog.
WAITING = (OutboxStatus.PENDING, OutboxStatus.ENQUEUED, OutboxStatus.FAILED)


@dataclass(frozen=True)
class Waiting:
    count: int
    oldest_age_seconds: float


@dataclass(frozen=True)
class Backlog:
    outbox: dict[OutboxStatus, Waiting]
    inbound_mail: Waiting


async def read_backlog() -> Backlog:
    """Counts and oldest ages; every waiting status is present, zero when nothing waits."""
    now = utcnow()
    rows = (
        await OutboxJob.filter(status__in=list(WAITING))
        .annotate(jobs=Count("id"), oldest=Min("created_at"))
        .group_by("status")
        .values("status", "jobs", "oldest")
    )
    found = {
        OutboxStatus(row["status"]): Waiting(
            int(row["jobs"]), max(0.0, (now - row["oldest"]).total_seconds())
        )
        for row in rows
        if row["oldest"] is not None
    }
    outbox = {status: found.get(status, Waiting(0, 0.0)) for status in WAITING}
    received = InboundMail.filter(status=InboundStatus.RECEIVED)
    count = await received.count()
    oldest = await received.order_by("received_at").first()
    age = (now - oldest.received_at).total_seconds() if oldest is not None else 0.0
    return Backlog(outbox, Waiting(count, max(0.0, age)))
