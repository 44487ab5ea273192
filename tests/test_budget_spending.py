"""A budget every request spends from (the API's query cost, domain.identity.ratelimit.spend):
counted in the process and sent to the limiter in batches, exact within a process, and seen by
the other processes once sent; in process and in a real Redis server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import redis

from domain.errors import RateLimited
from domain.identity import ratelimit
from domain.identity.ratelimit import (
    FallbackRateLimiter,
    InProcessRateLimiter,
    Limit,
    RateLimiter,
    RedisRateLimiter,
    set_rate_limiter,
    spend,
)
from tests.services import free_port, running_redis

BUDGET = Limit("test-budget", attempts=10, window_seconds=60)


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with running_redis() as server:
        yield server.url


@pytest.fixture(params=["in-process", "redis"])
async def limiter(request: pytest.FixtureRequest) -> AsyncIterator[RateLimiter]:
    chosen: RateLimiter
    if request.param == "redis":
        chosen = RedisRateLimiter(request.getfixturevalue("redis_url"))
    else:
        chosen = InProcessRateLimiter()
    set_rate_limiter(chosen)
    yield chosen
    set_rate_limiter(InProcessRateLimiter())


async def test_spending_is_exact_within_a_process(
    limiter: RateLimiter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a budget of 10, and spending sent to the limiter only once in a long while
    monkeypatch.setattr(ratelimit, "SEND_EVERY_SECONDS", 3600)
    await spend(BUDGET, "customer:1", 4)
    await spend(BUDGET, "customer:1", 4)

    # When a request would pass it, then it is refused with when to retry
    with pytest.raises(RateLimited) as refused:
        await spend(BUDGET, "customer:1", 4)
    assert 0 < refused.value.retry_after_seconds <= 60
    # and another key spends from its own budget
    await spend(BUDGET, "customer:2", 10)


async def test_a_burst_is_sent_in_one_round_trip_and_counted_whole(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a process counting in Redis, which sends at most once in a long while
    set_rate_limiter(RedisRateLimiter(redis_url))
    client = redis.Redis.from_url(redis_url)
    try:
        monkeypatch.setattr(ratelimit, "SEND_EVERY_SECONDS", 3600)
        before = _evalsha_calls(client)

        # When fifty requests spend, then one more once the interval is over
        for _ in range(50):
            await spend(Limit("burst", attempts=1000, window_seconds=60), "staff:7", 3)
        sent_first = _evalsha_calls(client) - before
        monkeypatch.setattr(ratelimit, "SEND_EVERY_SECONDS", 0)
        await spend(Limit("burst", attempts=1000, window_seconds=60), "staff:7", 3)

        # Then the first went at once, the other forty-nine with the last, and Redis holds all
        assert sent_first == 1
        assert _evalsha_calls(client) - before == 2
        assert int(client.get("mesa:ratelimit:burst:staff:7") or 0) == 51 * 3
    finally:
        client.close()
        set_rate_limiter(InProcessRateLimiter())


async def test_what_one_process_spent_counts_in_another_once_sent(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given two processes on one Redis (each its own limiter), sending at every request
    monkeypatch.setattr(ratelimit, "SEND_EVERY_SECONDS", 0)
    first, second = RedisRateLimiter(redis_url), RedisRateLimiter(redis_url)
    limit = Limit("shared", attempts=10, window_seconds=60)
    try:
        # When the first spends 9 of the viewer's 10
        set_rate_limiter(first)
        await spend(limit, "customer:3", 9)

        # Then the second refuses what would pass the 10
        set_rate_limiter(second)
        with pytest.raises(RateLimited):
            await spend(limit, "customer:3", 2)
    finally:
        set_rate_limiter(InProcessRateLimiter())


async def test_with_redis_away_spending_is_counted_in_process() -> None:
    # Given a process whose Redis does not answer
    unreachable = RedisRateLimiter(f"redis://127.0.0.1:{free_port()}/0")
    set_rate_limiter(FallbackRateLimiter(unreachable, InProcessRateLimiter()))
    try:
        # When a viewer spends its budget, then the budget still holds
        await spend(BUDGET, "customer:4", 10)
        with pytest.raises(RateLimited):
            await spend(BUDGET, "customer:4", 1)
    finally:
        set_rate_limiter(InProcessRateLimiter())


def _evalsha_calls(client: redis.Redis) -> int:
    stats = client.info("commandstats")
    return int(stats.get("cmdstat_evalsha", {}).get("calls", 0))
