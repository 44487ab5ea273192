"""Attempt counters behind one small interface: in process (embedded) or in Redis (distributed).

Counting happens where the attempt is made (one call per login or guest lookup, per field
execution), so aliases and batched operations in one HTTP request count one attempt each.

Two kinds of limit:
- `Limit`: at most N attempts per window and key (`check`), for lookups and allowances;
- `Lockout`: failed attempts per key with growing delays (`guard`, `failed`, `succeeded`),
  for passwords: a success clears the key, so only guesses count (OWASP's authentication
  cheat sheet).

With Redis unreachable every limiter counts in process instead (one policy for all of them:
a limit still holds per API process, and nothing fails because a counter store is down).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from domain.config import get_settings
from domain.errors import RateLimited
from domain.frozen_init import fast_init

logger = logging.getLogger(__name__)


@fast_init
@dataclass(frozen=True)
class Limit:
    """At most `attempts` per `window_seconds`, counted per key (a fixed window)."""

    name: str
    attempts: int
    window_seconds: int


@dataclass(frozen=True)
class Lockout:
    """After `free_failures` failed attempts on a key, each further attempt waits a delay
    that doubles per failure (1 s, 2 s, 4 s, … up to `max_delay_seconds`); failures are
    forgotten after `window_seconds` without one, or at the key's next success."""

    name: str
    free_failures: int
    max_delay_seconds: int
    window_seconds: int

    def delay_after(self, failures: int) -> int:
        if failures < self.free_failures:
            return 0
        return int(min(2 ** (failures - self.free_failures), self.max_delay_seconds))


class RateLimiter(Protocol):
    async def incr(self, key: str, window_seconds: int, amount: int = 1) -> tuple[int, float]:
        """Count `amount` attempts in the key's window: the count, and seconds until the
        window resets."""
        ...

    async def incr_many(self, counts: Sequence[tuple[str, int, int]]) -> list[tuple[int, float]]:
        """`incr` for each (key, window_seconds, amount), in one round trip where there is one."""
        ...

    async def hold(self, key: str, seconds: float) -> None:
        """Refuse `key` for `seconds`."""
        ...

    async def held(self, key: str) -> float | None:
        """Seconds `key` is still refused for, or None."""
        ...

    async def forget(self, *keys: str) -> None: ...


class InProcessRateLimiter:
    def __init__(self) -> None:
        # key -> (expires at, count); a hold is a count of 1 that expires.
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    async def incr(self, key: str, window_seconds: int, amount: int = 1) -> tuple[int, float]:
        now = time.monotonic()
        with self._lock:
            expires, count = self._windows.get(key, (now + window_seconds, 0))
            if expires <= now:
                expires, count = now + window_seconds, 0
            self._windows[key] = (expires, count + amount)
        return count + amount, expires - now

    async def incr_many(self, counts: Sequence[tuple[str, int, int]]) -> list[tuple[int, float]]:
        return [await self.incr(key, window, amount) for key, window, amount in counts]

    async def hold(self, key: str, seconds: float) -> None:
        with self._lock:
            self._windows[key] = (time.monotonic() + seconds, 1)

    async def held(self, key: str) -> float | None:
        now = time.monotonic()
        with self._lock:
            expires, _ = self._windows.get(key, (now, 0))
        return expires - now if expires > now else None

    async def forget(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._windows.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._windows.clear()


# One command for a count, run atomically by Redis: the count, its window (set by the first
# attempt only) and the time left. As a MULTI pipeline it was five commands to pack and parse,
# a cost every request paid (its cost budget is counted here).
INCR_SCRIPT = """
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2], 'NX')
return {count, redis.call('PTTL', KEYS[1])}
"""


class RedisRateLimiter:
    def __init__(self, url: str) -> None:
        self._redis = aioredis.from_url(url)
        # EVALSHA, loaded again by redis-py when Redis answers NOSCRIPT (after a restart).
        self._incr = self._redis.register_script(INCR_SCRIPT)

    async def incr(self, key: str, window_seconds: int, amount: int = 1) -> tuple[int, float]:
        count, ttl_ms = await self._incr(
            keys=[f"mesa:ratelimit:{key}"], args=[amount, window_seconds]
        )
        return int(count), max(int(ttl_ms), 0) / 1000

    async def incr_many(self, counts: Sequence[tuple[str, int, int]]) -> list[tuple[int, float]]:
        if len(counts) == 1:
            return [await self.incr(*counts[0])]
        pipe = self._redis.pipeline(transaction=False)
        for key, window, amount in counts:
            await self._incr(keys=[f"mesa:ratelimit:{key}"], args=[amount, window], client=pipe)
        answers = await pipe.execute()
        return [(int(count), max(int(ttl_ms), 0) / 1000) for count, ttl_ms in answers]

    async def hold(self, key: str, seconds: float) -> None:
        await self._redis.set(f"mesa:ratelimit:{key}", 1, px=max(int(seconds * 1000), 1))

    async def held(self, key: str) -> float | None:
        ttl_ms = await self._redis.pttl(f"mesa:ratelimit:{key}")
        return int(ttl_ms) / 1000 if int(ttl_ms) > 0 else None

    async def forget(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*(f"mesa:ratelimit:{key}" for key in keys))


class FallbackRateLimiter:
    """Redis while it answers; the process's own counters while it does not."""

    def __init__(self, primary: RateLimiter, fallback: RateLimiter) -> None:
        self.primary = primary
        self.fallback = fallback

    def _down(self, error: Exception) -> None:
        logger.warning("rate limits counted in process, Redis unreachable: %r", error)

    async def incr(self, key: str, window_seconds: int, amount: int = 1) -> tuple[int, float]:
        try:
            return await self.primary.incr(key, window_seconds, amount)
        except (RedisError, OSError) as error:
            self._down(error)
            return await self.fallback.incr(key, window_seconds, amount)

    async def incr_many(self, counts: Sequence[tuple[str, int, int]]) -> list[tuple[int, float]]:
        try:
            return await self.primary.incr_many(counts)
        except (RedisError, OSError) as error:
            self._down(error)
            return await self.fallback.incr_many(counts)

    async def hold(self, key: str, seconds: float) -> None:
        try:
            await self.primary.hold(key, seconds)
        except (RedisError, OSError) as error:
            self._down(error)
            await self.fallback.hold(key, seconds)

    async def held(self, key: str) -> float | None:
        try:
            return await self.primary.held(key)
        except (RedisError, OSError) as error:
            self._down(error)
            return await self.fallback.held(key)

    async def forget(self, *keys: str) -> None:
        await self.fallback.forget(*keys)
        try:
            await self.primary.forget(*keys)
        except (RedisError, OSError) as error:
            self._down(error)


_limiter: RateLimiter | None = None


def rate_limiter() -> RateLimiter:
    global _limiter
    if _limiter is None:
        url = get_settings().redis_url
        in_process = InProcessRateLimiter()
        _limiter = FallbackRateLimiter(RedisRateLimiter(url), in_process) if url else in_process
    return _limiter


def set_rate_limiter(limiter: RateLimiter | None) -> None:
    """Replace the process's limiter (None: choose again from the settings)."""
    global _limiter
    _limiter = limiter


async def check(limit: Limit, keys: Iterable[str], amount: int = 1) -> None:
    """Count `amount` attempts against each key; refuse with RateLimited when any is exhausted."""
    waits: list[float | None] = []
    for key in keys:
        count, left = await rate_limiter().incr(f"{limit.name}:{key}", limit.window_seconds, amount)
        waits.append(left if count > limit.attempts else None)
    _refuse_if_any(waits)


async def guard(lockout: Lockout, keys: Iterable[str]) -> None:
    """Refuse while any key waits out the delay its last failure earned."""
    _refuse_if_any([await rate_limiter().held(f"{lockout.name}:hold:{key}") for key in keys])


async def failed(lockout: Lockout, keys: Iterable[str]) -> None:
    """Count a failed attempt on each key, and make the next one wait as it has earned."""
    limiter = rate_limiter()
    for key in keys:
        failures, _ = await limiter.incr(f"{lockout.name}:failures:{key}", lockout.window_seconds)
        delay = lockout.delay_after(failures)
        if delay:
            await limiter.hold(f"{lockout.name}:hold:{key}", delay)


async def attempt_against(lockout: Lockout, keys: Iterable[str]) -> None:
    """Refuse while a key waits out its delay; otherwise count this attempt as failed until
    `succeeded` clears it (counted before the check, so concurrent guesses all count)."""
    await guard(lockout, keys)
    await failed(lockout, keys)


async def succeeded(lockout: Lockout, keys: Iterable[str]) -> None:
    """A success clears the keys' failures: correct logins never lock anyone out."""
    names = [f"{lockout.name}:{part}:{key}" for key in keys for part in ("failures", "hold")]
    await rate_limiter().forget(*names)


# How often a process sends what its requests spent (`spend`).
SEND_EVERY_SECONDS = 0.05


@dataclass
class _Spent:
    counted: int = 0  # the key's count in its window, as the limiter last gave it
    resets_at: float = 0.0  # when that window ends (time.monotonic)
    unsent: int = 0  # spent here since, not sent yet
    sending: int = 0  # sent, not answered yet


@dataclass
class _Tally:
    limiter: RateLimiter
    keys: dict[str, _Spent] = field(default_factory=dict)
    sent_at: float = -math.inf
    sending_since: float | None = None


_tallies: dict[str, _Tally] = {}


async def spend(limit: Limit, key: str, amount: int) -> None:
    """`check` for a budget every request spends from (the API's query cost), where a round
    trip to Redis per request costs more than many a request's own work (an eighth of a
    ticket's thread under wrk). The process counts what its requests spend and sends it to
    the limiter at most every SEND_EVERY_SECONDS, every key in one batch, reading back each
    key's count in its window (what every process sent). A request is refused once that
    count, with what this process spent since, passes the limit: exact within a process,
    behind by one interval for what other processes spent meanwhile."""
    limiter = rate_limiter()
    tally = _tallies.get(limit.name)
    if tally is None or tally.limiter is not limiter:
        tally = _tallies[limit.name] = _Tally(limiter)
    now = time.monotonic()
    spent = tally.keys.setdefault(key, _Spent())
    if spent.resets_at <= now:
        spent.counted = 0
    spent.unsent += amount  # counted, as `check` counts them, even when refused
    # One send at a time (one that outlived its event loop is given up on after a while).
    busy = tally.sending_since is not None and now - tally.sending_since < 5
    if not busy and now - tally.sent_at >= SEND_EVERY_SECONDS:
        await _send(limit, tally, now)
    if spent.counted + spent.sending + spent.unsent > limit.attempts:
        left = spent.resets_at - time.monotonic()
        raise RateLimited(max(1, math.ceil(left if left > 0 else limit.window_seconds)))


async def _send(limit: Limit, tally: _Tally, now: float) -> None:
    tally.sent_at = tally.sending_since = now
    batch = [(key, spent) for key, spent in tally.keys.items() if spent.unsent]
    amounts = [spent.unsent for _, spent in batch]
    for (_, spent), amount in zip(batch, amounts, strict=True):
        spent.sending, spent.unsent = spent.sending + amount, 0
    try:
        answers = await tally.limiter.incr_many(
            [
                (f"{limit.name}:{key}", limit.window_seconds, amount)
                for (key, _), amount in zip(batch, amounts, strict=True)
            ]
        )
    except BaseException:
        for (_, spent), amount in zip(batch, amounts, strict=True):
            spent.sending, spent.unsent = spent.sending - amount, spent.unsent + amount
        raise
    finally:
        tally.sending_since = None
    answered = time.monotonic()
    for (_, spent), amount, (count, left) in zip(batch, amounts, answers, strict=True):
        spent.sending -= amount
        spent.counted, spent.resets_at = count, answered + left
    # Keys whose window is over, with nothing spent since, are forgotten.
    for key in [key for key, s in tally.keys.items() if s.resets_at <= answered and not s.unsent]:
        if not tally.keys[key].sending:
            del tally.keys[key]


def _refuse_if_any(waits: list[float | None]) -> None:
    refused = [wait for wait in waits if wait is not None]
    if refused:
        raise RateLimited(max(1, math.ceil(max(refused))))
