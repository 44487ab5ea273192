"""Periodic jobs run once per interval across the cluster, whichever scheduler takes them."""

from __future__ import annotations

import asyncio

from tests.services import Redis
from workers.periodic_lock import RedisRunLock
from workers.scheduler import PeriodicJob


async def _nothing() -> None:
    return None


async def test_two_schedulers_take_a_periodic_job_once_per_interval(own_redis: Redis) -> None:
    # Given two schedulers' locks on one Redis, and a job due every 0.3 s
    job = PeriodicJob("test job", 0.3, _nothing)
    first, second = RedisRunLock(own_redis.url), RedisRunLock(own_redis.url)
    try:
        # When both want to run it now, then again once the interval has passed
        now = [await first(job), await second(job)]
        await asyncio.sleep(0.4)
        later = [await second(job), await first(job)]

        # Then exactly one runs it each time
        assert now == [True, False]
        assert later == [True, False]
    finally:
        await first.close()
        await second.close()


async def test_a_scheduler_runs_its_job_when_redis_is_unreachable(own_redis: Redis) -> None:
    # Given a lock whose Redis is gone
    job = PeriodicJob("test job", 0.3, _nothing)
    lock = RedisRunLock(own_redis.url)
    own_redis.stop()
    try:
        # When the scheduler asks, then it runs the (idempotent) job rather than skip it
        assert await lock(job) is True
    finally:
        await lock.close()
