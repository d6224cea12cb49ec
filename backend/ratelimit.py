"""Fixed-window rate limits in Redis, shared by every worker."""

from __future__ import annotations

from redis.asyncio import Redis

from backend.errors import RateLimited


async def hit(redis: Redis, *, key: str, limit: int, window_seconds: int) -> int:
    """Count one hit in the current window and return the count so far."""
    full_key = f"rl:{key}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(full_key)
        pipe.expire(full_key, window_seconds, nx=True)
        count, _ = await pipe.execute()
    return int(count)


async def enforce(redis: Redis, *, key: str, limit: int, window_seconds: int, message: str | None = None) -> None:
    """Raise RateLimited once `key` has been hit more than `limit` times in the window."""
    count = await hit(redis, key=key, limit=limit, window_seconds=window_seconds)
    if count > limit:
        ttl = await redis.ttl(f"rl:{key}")
        raise RateLimited(message, details={"retry_after": max(int(ttl), 1)})


async def over_limit(redis: Redis, *, key: str, limit: int) -> bool:
    """Whether `key` is already at its limit, without counting a hit."""
    value = await redis.get(f"rl:{key}")
    return value is not None and int(value) >= limit


async def clear(redis: Redis, *, key: str) -> None:
    await redis.delete(f"rl:{key}")
