"""The Redis client's pool hands out connections concurrently (redis/redis-py#3692 worked around)."""

from __future__ import annotations

import asyncio

from backend.cache import UnlockedPool, make_redis
from backend.settings import Settings


async def test_connection_checks_run_side_by_side(monkeypatch):
    """redis-py 5.x checked each connection under one pool-wide lock, so a burst queued behind
    every check; ours lets the checks of concurrent requests overlap."""
    pool = UnlockedPool.from_url("redis://127.0.0.1:1/0")  # never connects: the check is replaced
    in_flight = 0
    most = 0

    async def check(connection):
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        in_flight -= 1

    monkeypatch.setattr(pool, "ensure_connection", check)
    connections = await asyncio.gather(*(pool.get_connection("GET") for _ in range(10)))
    assert most == 10
    assert len({id(c) for c in connections}) == 10
    for connection in connections:
        await pool.release(connection)
    assert len(pool._available_connections) == 10


async def test_a_failed_check_returns_the_connection(monkeypatch):
    pool = UnlockedPool.from_url("redis://127.0.0.1:1/0")

    async def broken(connection):
        raise ConnectionError("gone")

    monkeypatch.setattr(pool, "ensure_connection", broken)
    try:
        await pool.get_connection("GET")
    except ConnectionError:
        pass
    assert not pool._in_use_connections


def test_a_configured_redis_uses_the_unlocked_pool():
    redis = make_redis(Settings(redis_url="redis://127.0.0.1:6379/15"))
    assert isinstance(redis.connection_pool, UnlockedPool)
