"""Redis lifecycle: a real server when REDIS_URL is set, otherwise an in-process fake.

The fake keeps its data in this process only, so it is fit for one worker (dev, tests, a demo);
prod settings refuse it.
"""

from __future__ import annotations

import logging
from typing import Any

from redis.asyncio import ConnectionPool, Redis
from sanic import Sanic

from backend.settings import Settings

log = logging.getLogger(__name__)


class UnlockedPool(ConnectionPool):
    """redis-py 5.x's pool holds one pool-wide asyncio.Lock while it checks the connection it hands
    out (a socket read), so under a burst every request queues behind every other's check
    (redis/redis-py#3692, fixed in 6.x, which arq does not allow yet). Taking a connection from the
    list is synchronous and needs no lock on one event loop; the check runs outside it, as upstream."""

    async def get_connection(self, command_name: Any = None, *keys: Any, **options: Any) -> Any:
        connection = self.get_available_connection()
        try:
            await self.ensure_connection(connection)
        except BaseException:
            await self.release(connection)
            raise
        return connection


def make_redis(settings: Settings) -> Redis:
    """A client for the configured Redis, or an in-process fake when none is configured."""
    if settings.redis_url:
        pool = UnlockedPool.from_url(settings.redis_url, decode_responses=True, health_check_interval=30)
        return Redis.from_pool(pool)  # the client owns the pool: aclose() closes it
    import fakeredis

    log.warning("REDIS_URL 未设置：使用进程内 fakeredis，仅适用于单进程（开发/测试）")
    return fakeredis.FakeAsyncRedis(decode_responses=True)


def setup_cache(app: Sanic) -> None:
    """Open the Redis client before serving and close it after stopping; handle on app.ctx.redis."""
    settings: Settings = app.ctx.settings

    @app.before_server_start
    async def _open(app: Sanic) -> None:
        if getattr(app.ctx, "redis", None) is None:
            app.ctx.redis = make_redis(settings)

    @app.after_server_stop
    async def _close(app: Sanic) -> None:
        redis = getattr(app.ctx, "redis", None)
        if redis is not None:
            await redis.aclose()
            app.ctx.redis = None
