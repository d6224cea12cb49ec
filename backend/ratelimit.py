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


# --- evenly spaced sends shared by every worker ------------------------------------------------

# Reserve `n` consecutive send slots `interval` seconds apart on one shared timeline and return how
# long the caller waits for the first. Redis's own clock is used, so hosts need not agree on time,
# and slots never bunch up at a window edge the way a fixed per-second counter lets them.
_RESERVE_SLOTS = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if nxt < now then nxt = now end
redis.call('SET', KEYS[1], string.format('%.6f', nxt + interval * n), 'EX', 3600)
return string.format('%.6f', nxt - now)
"""


async def reserve_slots(redis: Redis, *, key: str, rate: float, n: int) -> tuple[float, float]:
    """Reserve `n` slots at `rate` per second; returns (seconds until the first, seconds between)."""
    interval = 1.0 / rate
    delay = await redis.eval(_RESERVE_SLOTS, 1, f"rl:slots:{key}", f"{interval:.6f}", str(n))  # type: ignore[misc]
    return max(float(delay), 0.0), interval


async def acquire(redis: Redis, *, key: str, rate: float) -> None:
    """Wait for one slot at `rate` per second, shared by every process using the same Redis."""
    import asyncio

    delay, _ = await reserve_slots(redis, key=key, rate=rate, n=1)
    if delay:
        await asyncio.sleep(delay)
