"""The attempt counters behind domain.identity.ratelimit, in process and in a real Redis server: the
same allowance, the same refusal, and a retry time within the window."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator

import pytest
import redis

from domain.errors import RateLimited
from domain.identity.ratelimit import (
    InProcessRateLimiter,
    Limit,
    RateLimiter,
    RedisRateLimiter,
    check,
    set_rate_limiter,
)
from tests.conftest import free_port

LIMIT = Limit("test", attempts=3, window_seconds=60)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free loopback port."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    client.close()
    process.terminate()
    process.wait(timeout=10)


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


async def test_the_allowance_is_counted_per_key_and_then_refused_with_a_retry_time(
    limiter: RateLimiter,
) -> None:
    # Given three allowed attempts for one key
    for _ in range(3):
        await check(LIMIT, ["203.0.113.7"])

    # When a fourth comes
    with pytest.raises(RateLimited) as refused:
        await check(LIMIT, ["203.0.113.7"])

    # Then it is refused with when to retry, and another key is not affected
    assert 0 < refused.value.retry_after_seconds <= 60
    assert refused.value.extensions["code"] == "RATE_LIMITED"
    await check(LIMIT, ["198.51.100.1"])


async def test_an_attempt_counts_against_every_key_it_names(limiter: RateLimiter) -> None:
    # Given attempts from one address at three different tracking IDs
    for tracking_id in ("AAA", "BBB", "CCC"):
        await check(LIMIT, ["192.0.2.9", tracking_id])

    # Then the address is used up whatever the next tracking ID is
    with pytest.raises(RateLimited):
        await check(LIMIT, ["192.0.2.9", "DDD"])
