"""The attempt counters behind domain.identity.ratelimit, in process and in a real Redis server: the
same allowance, the same refusal, and a retry time within the window; and the budget every
request spends from (`spend`), counted in the process and sent in batches: exact within a
process, seen by the other processes once sent."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator

import pytest
import redis

from domain.errors import RateLimited
from domain.identity import ratelimit
from domain.identity.ratelimit import (
    FallbackRateLimiter,
    InProcessRateLimiter,
    Limit,
    Lockout,
    RateLimiter,
    RedisRateLimiter,
    attempt_against,
    check,
    failed,
    guard,
    set_rate_limiter,
    spend,
    succeeded,
)
from tests.conftest import free_port

LIMIT = Limit("test", attempts=3, window_seconds=60)
SPENDING = Limit("test-budget", attempts=10, window_seconds=60)


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


LOCKOUT = Lockout("test-lockout", free_failures=3, max_delay_seconds=60, window_seconds=600)


async def test_a_lockout_grows_its_delay_per_failure_and_a_success_clears_it(
    limiter: RateLimiter,
) -> None:
    # Given three free failures on one key
    for _ in range(3):
        await attempt_against(LOCKOUT, ["C-1|198.51.100.2"])

    # Then the next attempt waits (the third failure earned 1 s), another key does not
    with pytest.raises(RateLimited) as refused:
        await guard(LOCKOUT, ["C-1|198.51.100.2"])
    assert refused.value.retry_after_seconds == 1
    await guard(LOCKOUT, ["C-1|198.51.100.3"])

    # And each further failure doubles the wait, up to the maximum
    await failed(LOCKOUT, ["C-1|198.51.100.2"])
    await failed(LOCKOUT, ["C-1|198.51.100.2"])
    with pytest.raises(RateLimited) as longer:
        await guard(LOCKOUT, ["C-1|198.51.100.2"])
    assert 2 < longer.value.retry_after_seconds <= 4
    assert LOCKOUT.delay_after(30) == 60

    # When the key succeeds, its failures are forgotten
    await succeeded(LOCKOUT, ["C-1|198.51.100.2"])
    await guard(LOCKOUT, ["C-1|198.51.100.2"])


async def test_with_redis_unreachable_every_limiter_counts_in_process(
    fresh_rate_limits: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a process configured for a Redis server that does not answer
    from domain.config import get_settings
    from domain.identity.auth import login_customer

    monkeypatch.setenv("MESA_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    get_settings.cache_clear()
    set_rate_limiter(None)
    try:
        # When a customer logs in and an address hammers a limit
        issued = await login_customer(
            client_number="C-1001", password="demo-password", client_address="192.0.2.77"
        )
        for _ in range(3):
            await check(LIMIT, ["192.0.2.77"])

        # Then the login works, and the limit still holds (in this process)
        assert issued.viewer.customer_id is not None
        with pytest.raises(RateLimited):
            await check(LIMIT, ["192.0.2.77"])
    finally:
        monkeypatch.delenv("MESA_REDIS_URL")
        get_settings.cache_clear()
        set_rate_limiter(InProcessRateLimiter())


async def test_a_redis_that_forgot_the_counting_script_counts_on(redis_url: str) -> None:
    # Given a Redis limiter that counted once, and a Redis that then lost its scripts (as
    # after a restart)
    limiter = RedisRateLimiter(redis_url)
    set_rate_limiter(limiter)
    try:
        await check(LIMIT, ["script-flush"])
        redis.Redis.from_url(redis_url).script_flush()

        # When two more attempts come
        await check(LIMIT, ["script-flush"])
        count, left = await limiter.incr(f"{LIMIT.name}:script-flush", LIMIT.window_seconds)

        # Then they count on the same window, and the next is refused
        assert count == 3 and 0 < left <= LIMIT.window_seconds
        with pytest.raises(RateLimited):
            await check(LIMIT, ["script-flush"])
    finally:
        set_rate_limiter(InProcessRateLimiter())


async def test_spending_is_exact_within_a_process(
    limiter: RateLimiter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a budget of 10, and spending sent to the limiter only once in a long while
    monkeypatch.setattr(ratelimit, "SEND_EVERY_SECONDS", 3600)
    await spend(SPENDING, "customer:1", 4)
    await spend(SPENDING, "customer:1", 4)

    # When a request would pass it, then it is refused with when to retry
    with pytest.raises(RateLimited) as refused:
        await spend(SPENDING, "customer:1", 4)
    assert 0 < refused.value.retry_after_seconds <= 60
    # and another key spends from its own budget
    await spend(SPENDING, "customer:2", 10)


async def test_a_burst_is_sent_in_one_round_trip_and_counted_whole(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a process counting in Redis, which sends at most once in a long while
    limiter = RedisRateLimiter(redis_url)
    set_rate_limiter(limiter)
    client = redis.Redis.from_url(redis_url)
    try:
        monkeypatch.setattr(ratelimit, "SEND_EVERY_SECONDS", 3600)
        # with its script loaded already (a server's first EVALSHA of it answers NOSCRIPT and
        # is sent again: two calls, when this test is the first of its server's)
        await limiter.incr_many([("warm", 60, 1)])
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
        await spend(SPENDING, "customer:4", 10)
        with pytest.raises(RateLimited):
            await spend(SPENDING, "customer:4", 1)
    finally:
        set_rate_limiter(InProcessRateLimiter())


def _evalsha_calls(client: redis.Redis) -> int:
    stats = client.info("commandstats")
    return int(stats.get("cmdstat_evalsha", {}).get("calls", 0))
