"""At most one run of each periodic job per interval across the cluster, through Redis.

`mesa scheduler` is meant to run once per cluster; this lock makes a second one (a standby for
failover, or a deploy that briefly overlaps the old one) harmless: whichever scheduler takes
`mesa:periodic:<job>` runs the job, and the key expires after the job's interval.
"""

from __future__ import annotations

import logging
import os
import socket

import redis
import redis.asyncio as aioredis

from workers.scheduler import PeriodicJob

logger = logging.getLogger(__name__)

KEY_PREFIX = "mesa:periodic:"


class RedisRunLock:
    """A run guard for run_scheduler: True when this scheduler may run the job now."""

    def __init__(self, url: str) -> None:
        self.client = aioredis.Redis.from_url(url)
        self.owner = f"{socket.gethostname()}:{os.getpid()}"

    async def __call__(self, job: PeriodicJob) -> bool:
        ttl_ms = max(1, int(job.interval_seconds * 1000))
        try:
            taken = await self.client.set(KEY_PREFIX + job.name, self.owner, nx=True, px=ttl_ms)
        except redis.RedisError as error:
            # Run anyway: both periodic jobs are idempotent, and skipping the outbox sweep or
            # the auto-close scan for a whole Redis outage would be worse than running twice.
            logger.warning("periodic lock unavailable (%s): running %r anyway", error, job.name)
            return True
        return bool(taken)

    async def close(self) -> None:
        await self.client.aclose()
