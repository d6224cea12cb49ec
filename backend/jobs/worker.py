"""The arq worker: notice fan-out, rate-limited subscribe sends, event notices, crash recovery.

Run with `arq backend.jobs.worker.WorkerSettings` (deploy/docker-compose.yml, systemd) or
`python -m backend.jobs.worker`. Jobs only ever hand work to PostgreSQL-backed services; a job that
is cut off and retried cannot send anything twice, because every send is claimed (pending → sending)
by one worker and recorded afterwards; a row left "sending" is never sent again.

Senders: every worker runs `NOTICE_SENDERS_PER_WORKER` senders for each notice with sends due
(listed in the Redis set `notice:sending`), so adding a worker adds senders; they share one Redis
timeline of send slots, so `NOTICE_SEND_RATE` holds across all of them.

Liveness: each worker keeps a short-lived Redis key `notice:worker:<id>` fresh. A delivery left in
"sending" by a worker whose key has expired (it was killed) or past the lease goes to "review". The
same heartbeat keeps `notice:workers:alive` fresh, which `/readyz` reads: on a real Redis, web
workers without a queue worker deliver no notice, so they are not ready.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import sys
import time
import uuid
from pathlib import Path
from typing import Any, ClassVar

from arq import cron, func
from arq.connections import RedisSettings

from backend.cache import make_redis
from backend.db import close_db, open_db
from backend.jobs import annual_reports, event_notices
from backend.jobs.credit import credit_sweep_daily
from backend.jobs.retention import purge_expired_records
from backend.services import notice_deliveries
from backend.settings import Settings, load_settings_or_exit
from backend.wechat.client import WeChatGateway

log = logging.getLogger("backend.jobs")

HEARTBEAT_SECONDS = 3
HEARTBEAT_TTL = 10
SENDER_LEASE = 10  # seconds a sender slot stays taken without a refresh
SEND_BUDGET_SECONDS = 30  # a sender job hands over to a fresh job after this long
SENDER_POLL_SECONDS = 0.5  # how often each worker looks for notices with sends due
SENDING_KEY = "notice:sending"  # ids of notices with subscribe sends due, for every worker's senders


def _settings(ctx: dict[str, Any]) -> Settings:
    if ctx.get("settings") is None:
        ctx["settings"] = load_settings_or_exit()
    return ctx["settings"]


def _cache(ctx: dict[str, Any]) -> Any:
    """Our decode_responses Redis (arq's own client in ctx["redis"] speaks bytes)."""
    return ctx.get("cache") or ctx["redis"]


def _worker_id(ctx: dict[str, Any]) -> str:
    if not ctx.get("worker_id"):
        ctx["worker_id"] = f"inline-{socket.gethostname()}-{os.getpid()}"
    return ctx["worker_id"]


async def _enqueue(ctx: dict[str, Any], function: str, *args: Any) -> bool:
    """Queue a follow-up job when running under arq; direct calls (tests) skip it."""
    pool: Any = ctx.get("redis")
    if not hasattr(pool, "enqueue_job"):
        return False
    await pool.enqueue_job(function, *args)
    return True


async def _start_senders(ctx: dict[str, Any], notice_id: int) -> None:
    """Announce a notice's due sends: every worker's sender loop runs its own senders for it, so the
    senders scale with the workers (an arq job would land on whichever worker polled first)."""
    await _cache(ctx).sadd(SENDING_KEY, str(notice_id))


async def fan_out_notice(ctx: dict[str, Any], notice_id: int) -> int:
    """Create the notice's deliveries (inbox delivered at once) and start its senders."""
    count = await notice_deliveries.fan_out(notice_id=notice_id)
    await _start_senders(ctx, notice_id)
    await notice_deliveries.finish_if_done(notice_id=notice_id)
    return count


async def _send_until_done(ctx: dict[str, Any], notice_id: int, slot: int | str, budget: float) -> tuple[int, bool]:
    """Send batches in slot `slot` until none are due or `budget` seconds pass: (settled, time was up);
    (0, False) at once when another sender holds the slot."""
    cache, settings = _cache(ctx), _settings(ctx)
    key, token = f"notice:sender:{notice_id}:{slot}", uuid.uuid4().hex
    if not await cache.set(key, token, nx=True, ex=SENDER_LEASE):
        return 0, False  # another job holds this slot
    limit = max(1, min(settings.notice_send_batch, int(settings.notice_send_rate)))
    deadline, settled = time.monotonic() + budget, 0
    try:
        while time.monotonic() < deadline:
            done = await notice_deliveries.send_batch(notice_id=notice_id, redis=cache, wechat=ctx["wechat"],
                                                      settings=settings, worker_id=_worker_id(ctx), limit=limit)
            settled += done
            await cache.set(key, token, xx=True, ex=SENDER_LEASE)
            if not done:
                break
    finally:
        if await cache.get(key) == token:
            await cache.delete(key)
    return settled, time.monotonic() >= deadline


async def send_delivery_batch(ctx: dict[str, Any], notice_id: int, slot: int | str = 0) -> int:
    """Send a notice's due subscribe messages at the shared rate until none are due or time is up."""
    budget = float(ctx.get("send_budget_seconds", SEND_BUDGET_SECONDS))
    settled, out_of_time = await _send_until_done(ctx, notice_id, slot, budget)
    if out_of_time and await notice_deliveries.has_due_work(notice_id=notice_id):
        await _enqueue(ctx, "send_delivery_batch", notice_id, slot)
    await notice_deliveries.finish_if_done(notice_id=notice_id)
    return settled


async def _local_sender(ctx: dict[str, Any], notice_id: int, slot: str) -> None:
    """One of this worker's senders for a notice; the last to find nothing due takes the notice off
    the list (maintain_notices puts it back when a retry falls due)."""
    try:
        _, out_of_time = await _send_until_done(ctx, notice_id, slot, SEND_BUDGET_SECONDS)
        if not out_of_time and not await notice_deliveries.has_due_work(notice_id=notice_id):
            await _cache(ctx).srem(SENDING_KEY, str(notice_id))
            await notice_deliveries.finish_if_done(notice_id=notice_id)
    except Exception:
        log.exception("sender %s for notice %s failed; the next poll starts it again", slot, notice_id)


def senders_per_worker(settings: Settings) -> int:
    return settings.notice_senders_per_worker


async def _sender_loop(ctx: dict[str, Any]) -> None:
    """Keep `notice_senders_per_worker` senders running in this worker for every notice with sends due."""
    tasks: dict[tuple[int, int], asyncio.Task[None]] = ctx.setdefault("senders", {})
    while True:
        try:
            ids = [int(i) for i in await _cache(ctx).smembers(SENDING_KEY)]
            per_worker = senders_per_worker(_settings(ctx))
            for notice_id in ids:
                for k in range(per_worker):
                    task = tasks.get((notice_id, k))
                    if task is None or task.done():
                        slot = f"{_worker_id(ctx)}:{k}"
                        tasks[(notice_id, k)] = asyncio.create_task(_local_sender(ctx, notice_id, slot))
            for key in [key for key, task in tasks.items() if task.done()]:
                del tasks[key]
        except Exception:  # a Redis hiccup must not stop the senders for good; the next poll retries
            log.warning("sender loop poll failed", exc_info=True)
        await asyncio.sleep(SENDER_POLL_SECONDS)


async def maintain_notices(ctx: dict[str, Any]) -> dict[str, int]:
    """Every few seconds: recover interrupted sends, start due work, turn outbox events into notices."""
    recovered = await notice_deliveries.recover_stuck(redis=_cache(ctx), settings=_settings(ctx))
    to_fan_out, to_send = await notice_deliveries.due_work()
    to_fan_out += await event_notices.consume_outbox()
    for notice_id in to_fan_out:
        await _enqueue(ctx, "fan_out_notice", notice_id)
    for notice_id in to_send:
        await _start_senders(ctx, notice_id)
    return {"recovered": recovered, "fan_out": len(to_fan_out), "send": len(to_send)}


async def notice_reminders(ctx: dict[str, Any]) -> int:
    """24-hour activity reminders and annual-report deadline reminders."""
    created = await event_notices.activity_reminders() + await event_notices.annual_report_reminders()
    for notice_id in created:
        await _enqueue(ctx, "fan_out_notice", notice_id)
    return len(created)


async def _heartbeat(ctx: dict[str, Any]) -> None:
    while True:
        try:
            await notice_deliveries.mark_worker_alive(redis=_cache(ctx), worker_id=ctx["worker_id"],
                                                      ttl_seconds=HEARTBEAT_TTL)
        except Exception:  # a Redis hiccup must not kill the heartbeat; the next beat retries
            log.warning("worker heartbeat failed", exc_info=True)
        await asyncio.sleep(HEARTBEAT_SECONDS)


async def startup(ctx: dict[str, Any]) -> None:
    """Open the database, our Redis client and the WeChat gateway; recover what a crash left behind."""
    settings = _settings(ctx)
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    arq_log = logging.getLogger("arq")
    if arq_log.handlers:  # the arq CLI gave its logger a handler: don't print each line again via root
        arq_log.propagate = False
    await open_db(settings)
    ctx["cache"] = make_redis(settings)
    ctx["wechat"] = WeChatGateway(settings=settings, redis=ctx["cache"])
    ctx["worker_id"] = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    await notice_deliveries.mark_worker_alive(redis=ctx["cache"], worker_id=ctx["worker_id"], ttl_seconds=HEARTBEAT_TTL)
    ctx["heartbeat"] = asyncio.create_task(_heartbeat(ctx))
    ctx["sender_loop"] = asyncio.create_task(_sender_loop(ctx))
    log.info("queue worker %s on %s", ctx["worker_id"], type(asyncio.get_running_loop()).__module__)
    await maintain_notices(ctx)


async def shutdown(ctx: dict[str, Any]) -> None:
    for name in ("heartbeat", "sender_loop"):
        task = ctx.pop(name, None)
        if task is not None:
            task.cancel()
    senders = list(ctx.pop("senders", {}).values())
    for task in senders:
        task.cancel()
    await asyncio.gather(*senders, return_exceptions=True)
    cache = ctx.get("cache")
    if cache is not None:
        # Gone for good: let recovery settle anything this worker left in "sending" right away.
        await notice_deliveries.mark_worker_gone(redis=cache, worker_id=ctx.get("worker_id", ""))
        await cache.aclose()
    if ctx.get("wechat") is not None:
        ctx["wechat"].close()
    await close_db()


async def run_inline(function: str, ctx: dict[str, Any], *args: Any, **kwargs: Any) -> None:
    """Run a job in this process (embedded cache): a fan-out also sends everything due."""
    try:
        if function == "fan_out_notice":
            notice_id = args[0]
            await fan_out_notice(ctx, notice_id)
            ctx.setdefault("send_budget_seconds", 3600)
            await send_delivery_batch(ctx, notice_id)
            await _cache(ctx).srem(SENDING_KEY, str(notice_id))  # no sender loop here to take it off
        else:
            await FUNCTIONS[function](ctx, *args, **kwargs)
    except Exception:
        log.exception("in-process job %s%r failed", function, args)


FUNCTIONS = {f.__name__: f for f in (fan_out_notice, send_delivery_batch, maintain_notices, notice_reminders,
                                     purge_expired_records, annual_reports.sweep_overdue,
                                     annual_reports.zombie_sweep, credit_sweep_daily)}


NO_REDIS = ("配置错误：未设置 REDIS_URL，队列 worker 无法启动。不设置 REDIS_URL 时（开发用的内置默认配置），"
            "web 进程自己在后台执行通知任务，无需单独启动 worker；部署时请为 web 和 worker 设置同一个 REDIS_URL "
            "和 DATABASE_URL。")


def _redis_settings() -> RedisSettings:
    """The queue's Redis from the validated settings; exits with one clear line without REDIS_URL."""
    settings = load_settings_or_exit()
    if settings.embedded_cache:
        # A worker on some other Redis would never see the web's jobs, and its crash recovery would
        # take the web process's in-flight sends (whose heartbeats live in fakeredis) for dead ones.
        raise SystemExit(NO_REDIS)
    return RedisSettings.from_dsn(settings.redis_url)


class _WorkerSettings:
    """What `arq` reads; exposed as `WorkerSettings` once REDIS_URL is known to be set (see __getattr__)."""

    functions: ClassVar[list[Any]] = [
        func(fan_out_notice, keep_result=0, max_tries=3),
        func(send_delivery_batch, keep_result=0, max_tries=3, timeout=SEND_BUDGET_SECONDS + 120),
        func(annual_reports.zombie_sweep, keep_result=0, max_tries=3, timeout=3600),
    ]
    cron_jobs: ClassVar[list[Any]] = [
        cron(maintain_notices, second=set(range(0, 60, 5)), unique=True, timeout=60),
        cron(notice_reminders, minute=set(range(0, 60, 10)), second=30, unique=True, timeout=300),
        cron(purge_expired_records, hour=3, minute=17, second=0, unique=True, timeout=1800),
        cron(annual_reports.sweep_overdue, hour=1, minute=5, unique=True, timeout=1800),
        # After the overdue sweep, so a report marked overdue tonight is proposed tonight.
        cron(credit_sweep_daily, hour=1, minute=35, unique=True, timeout=1800),
    ]
    on_startup = startup
    on_shutdown = shutdown
    max_jobs = 20
    job_timeout = 600
    health_check_interval = 30


def use_uvloop() -> bool:
    """Run the worker's event loop on uvloop when it is installed (it is in requirements.lock)."""
    try:
        import uvloop
    except ImportError:
        return False
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return True


def worker_settings() -> type:
    """The arq settings class with the queue's Redis; exits with a clear message without REDIS_URL."""
    redis_settings = _redis_settings()
    attrs = {k: v for k, v in vars(_WorkerSettings).items() if not k.startswith("__")}
    # arq reads only the class's own __dict__ (not inherited attributes), so copy them all.
    return type("WorkerSettings", (), {**attrs, "redis_settings": redis_settings})


def __getattr__(name: str) -> Any:
    # `arq backend.jobs.worker.WorkerSettings` resolves the attribute only when a worker (or
    # `arq --check`) starts, so importing this module (the web app, tests) never needs REDIS_URL.
    if name == "WorkerSettings":
        settings = worker_settings()
        if Path(sys.argv[0]).name == "arq":
            # The arq CLI resolves this before it creates its event loop: that loop is then uvloop's.
            # (Only there: importing the settings elsewhere, e.g. in tests, leaves the policy alone.)
            use_uvloop()
        return settings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    from arq.worker import run_worker

    settings_class = worker_settings()
    use_uvloop()
    run_worker(settings_class)
