"""Queued and scheduled work on arq (Redis). `enqueue` is how the web app hands work to the workers.

Without REDIS_URL there is no Redis a worker process could share, so the job runs in this process
as a background task instead (dev and tests run one process; prod refuses the embedded cache).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from redis.asyncio import Redis

from backend.settings import Settings

log = logging.getLogger(__name__)

_pools: dict[tuple[str, int], Any] = {}
_inline: set[asyncio.Task[Any]] = set()


async def _pool(url: str) -> Any:
    """One arq connection pool per Redis URL and event loop."""
    from arq import create_pool
    from arq.connections import RedisSettings

    key = (url, id(asyncio.get_running_loop()))
    if key not in _pools:
        _pools[key] = await create_pool(RedisSettings.from_dsn(url))
    return _pools[key]


async def enqueue(function: str, *args: Any, settings: Settings, redis: Redis, wechat: Any, **kwargs: Any) -> None:
    """Queue `function` for a worker, or run it here in the background on the embedded cache."""
    if settings.embedded_cache:
        from backend.jobs.worker import run_inline

        ctx = {"redis": redis, "wechat": wechat, "settings": settings}
        task = asyncio.create_task(run_inline(function, ctx, *args, **kwargs))
        _inline.add(task)
        task.add_done_callback(_inline.discard)
        return
    pool = await _pool(settings.redis_url)
    await pool.enqueue_job(function, *args, **kwargs)


async def drain_inline() -> None:
    """Wait for every in-process job started by `enqueue` (tests, single-process dev)."""
    while _inline:
        await asyncio.gather(*list(_inline), return_exceptions=True)
