"""Emptying the servers' attempt counters between tests, whichever server variant runs."""

from __future__ import annotations

import redis.asyncio as aioredis

from domain.identity.ratelimit import InProcessRateLimiter, set_rate_limiter

# Set by the `server` fixture while a distributed server (whose counters live in Redis) runs.
redis_url: str | None = None


async def reset_rate_limits() -> None:
    """Fresh in-process counters, and no Redis counters when the server keeps them there."""
    set_rate_limiter(InProcessRateLimiter())
    if redis_url is None:
        return
    client = aioredis.from_url(redis_url)
    try:
        keys = [key async for key in client.scan_iter("mesa:ratelimit:*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()
