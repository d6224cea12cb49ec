"""The scheduled jobs of the queue worker, run inside the web process on the embedded defaults.

Without REDIS_URL there is no arq worker (see backend/jobs/__init__.py), yet a newcomer running
`make run` should still see domain events become notices: an activity cancelled by its organizer
lands in the residents' inboxes within seconds. Only in dev: tests drive the jobs explicitly, and prod
refuses the embedded cache.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from backend.settings import AppEnv, Settings

log = logging.getLogger(__name__)

TICK_SECONDS = 5
REMINDER_EVERY_SECONDS = 600
PURGE_EVERY_SECONDS = 6 * 3600


async def tick(ctx: dict[str, Any]) -> int:
    """One pass of the worker's maintenance: due and event notices fanned out and sent here."""
    from backend.jobs import event_notices
    from backend.jobs.worker import run_inline
    from backend.services import notice_deliveries

    to_fan_out, to_send = await notice_deliveries.due_work()
    to_fan_out += await event_notices.consume_outbox()
    for notice_id in to_fan_out:
        await run_inline("fan_out_notice", ctx, notice_id)
    for notice_id in to_send:
        await run_inline("send_delivery_batch", ctx, notice_id)
    return len(to_fan_out) + len(to_send)


async def reminders(ctx: dict[str, Any]) -> int:
    """Activity and annual-report reminders, fanned out here."""
    from backend.jobs import event_notices
    from backend.jobs.worker import run_inline

    created = await event_notices.activity_reminders() + await event_notices.annual_report_reminders()
    for notice_id in created:
        await run_inline("fan_out_notice", ctx, notice_id)
    return len(created)


async def _loop(app: Any) -> None:
    ctx = {"redis": app.ctx.redis, "wechat": app.ctx.wechat, "settings": app.ctx.settings}
    next_reminders = next_purge = 0.0
    while True:
        try:
            await tick(ctx)
            if time.monotonic() >= next_reminders:
                await reminders(ctx)
                next_reminders = time.monotonic() + REMINDER_EVERY_SECONDS
            if time.monotonic() >= next_purge:
                from backend.jobs.retention import purge_expired_records

                next_purge = time.monotonic() + PURGE_EVERY_SECONDS
                await purge_expired_records(ctx)
        except Exception:  # keep the demo's scheduler alive; the next tick retries
            log.exception("in-process notice maintenance failed")
        await asyncio.sleep(TICK_SECONDS)


def setup_embedded_jobs(app: Any) -> None:
    """Start the in-process scheduler after serving starts, in dev on the embedded cache only."""
    settings: Settings = app.ctx.settings
    if not (settings.embedded_cache and settings.app_env == AppEnv.dev):
        return

    @app.after_server_start
    async def _start(app: Any) -> None:
        app.ctx.embedded_jobs = asyncio.create_task(_loop(app))

    @app.before_server_stop
    async def _stop(app: Any) -> None:
        task = getattr(app.ctx, "embedded_jobs", None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
