"""Attempt counters behind one small interface: in process (embedded) or in Redis (distributed).

Counting happens where the attempt is made (one call per login or guest lookup, per field
execution), so aliases and batched operations in one HTTP request count one attempt each.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import redis.asyncio as aioredis

from domain.config import get_settings
from domain.errors import RateLimited


@dataclass(frozen=True)
class Limit:
    """At most `attempts` per `window_seconds`, counted per key (a fixed window)."""

    name: str
    attempts: int
    window_seconds: int


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: Limit, amount: int = 1) -> float | None:
        """Count `amount` attempts; None when allowed, else seconds until the window resets."""
        ...


class InProcessRateLimiter:
    def __init__(self) -> None:
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    async def hit(self, key: str, limit: Limit, amount: int = 1) -> float | None:
        now = time.monotonic()
        with self._lock:
            started, count = self._windows.get(key, (now, 0))
            if now - started >= limit.window_seconds:
                started, count = now, 0
            self._windows[key] = (started, count + amount)
        if count + amount <= limit.attempts:
            return None
        return started + limit.window_seconds - now

    def clear(self) -> None:
        with self._lock:
            self._windows.clear()


class RedisRateLimiter:
    def __init__(self, url: str) -> None:
        self._redis = aioredis.from_url(url)

    async def hit(self, key: str, limit: Limit, amount: int = 1) -> float | None:
        redis_key = f"mesa:ratelimit:{key}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incrby(redis_key, amount)
            pipe.expire(redis_key, limit.window_seconds, nx=True)
            pipe.pttl(redis_key)
            count, _, ttl_ms = await pipe.execute()
        if int(count) <= limit.attempts:
            return None
        return max(int(ttl_ms), 0) / 1000


_limiter: RateLimiter | None = None


def rate_limiter() -> RateLimiter:
    global _limiter
    if _limiter is None:
        url = get_settings().redis_url
        _limiter = RedisRateLimiter(url) if url else InProcessRateLimiter()
    return _limiter


def set_rate_limiter(limiter: RateLimiter | None) -> None:
    """Replace the process's limiter (None: choose again from the settings)."""
    global _limiter
    _limiter = limiter


async def check(limit: Limit, keys: Iterable[str], amount: int = 1) -> None:
    """Count `amount` attempts against each key; refuse with RateLimited when any is exhausted."""
    waits = [await rate_limiter().hit(f"{limit.name}:{key}", limit, amount) for key in keys]
    refused = [wait for wait in waits if wait is not None]
    if refused:
        raise RateLimited(max(1, math.ceil(max(refused))))
