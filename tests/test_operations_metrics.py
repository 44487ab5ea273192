"""/metrics for operators: the outbox backlog and the inbound-mail backlog read from the
database (so every API process tells the same), and the scheduler's heartbeat per job."""

from __future__ import annotations

import asyncio
import contextlib
import time
from datetime import timedelta

from prometheus_client.parser import text_string_to_metric_families

from domain.clock import utcnow
from domain.models import InboundMail, InboundStatus, OutboxJob, OutboxStatus
from tests.graphql_client import GraphQLClient
from workers.scheduler import PeriodicJob, run_scheduler


async def samples(gql: GraphQLClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await gql.http.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


async def test_metrics_show_the_outbox_and_inbound_mail_backlog(gql: GraphQLClient) -> None:
    # Given two failed jobs, the oldest two hours old, and a received mail not parsed for an hour
    now = utcnow()
    failed = [
        await OutboxJob.create(
            actor_name="deliver_notification",
            kwargs={},
            status=OutboxStatus.FAILED,
            created_at=now - age,
        )
        for age in (timedelta(hours=2), timedelta(minutes=5))
    ]
    mail = await InboundMail.create(
        content_hash="0" * 64,
        raw_path="nowhere.eml",
        size=1,
        received_at=now - timedelta(hours=1),
    )
    try:
        # When /metrics is scraped
        found = await samples(gql)

        # Then the gauges count what waits, and age the oldest
        failed_jobs = await OutboxJob.filter(status=OutboxStatus.FAILED).count()
        received = await InboundMail.filter(status=InboundStatus.RECEIVED).count()
        status = (("status", "FAILED"),)
        assert found[("mesa_outbox_jobs", status)] == failed_jobs
        assert found[("mesa_outbox_oldest_job_age_seconds", status)] >= 7200
        assert ("mesa_outbox_jobs", (("status", "PENDING"),)) in found
        assert found[("mesa_inbound_mail_backlog", ())] == received >= 1
        assert found[("mesa_inbound_mail_oldest_age_seconds", ())] >= 3600
    finally:
        await OutboxJob.filter(id__in=[job.id for job in failed]).delete()
        await mail.delete()

    # and once they are gone, the gauges say so
    after = await samples(gql)
    assert after[("mesa_outbox_jobs", status)] == failed_jobs - 2


async def test_metrics_show_when_each_periodic_job_last_ran(in_process_server: str) -> None:
    # Given the scheduler's loop running a job in this process (the embedded server's)
    async def nothing_to_do() -> None:
        return None

    started = time.time()
    job = PeriodicJob("heartbeat check", 60.0, nothing_to_do)
    scheduler = asyncio.create_task(run_scheduler([job]))
    gql = GraphQLClient(in_process_server)
    series = ("mesa_periodic_job_last_success_timestamp_seconds", (("job", "heartbeat check"),))
    try:
        # When /metrics is scraped after its first run
        for _ in range(100):
            beat = (await samples(gql)).get(series)
            if beat is not None:
                break
            await asyncio.sleep(0.05)
    finally:
        scheduler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await scheduler
        await gql.close()

    # Then it says when the job last finished
    assert beat is not None
    assert started <= beat <= time.time()
