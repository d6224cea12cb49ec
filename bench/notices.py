"""Notice delivery benchmark: 10,000 recipients through real arq workers against the fake WeChat server.

Needs PostgreSQL and Redis (it creates the scratch database `shezutong_bench_notices` and uses Redis
db 14 unless told otherwise). Two runs, side by side: an undisturbed one, and one whose worker is
SIGKILLed mid-run and restarted. Each prints sends per second and duplicate sends (must be 0).

Run: .venv/bin/python bench/notices.py [--recipients 10000] [--rate 500] [--workers 1]
     [--pg postgres://postgres@127.0.0.1:5432] [--redis redis://127.0.0.1:6379/14]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import asyncpg  # noqa: E402
from redis.asyncio import Redis  # noqa: E402
from tortoise import Tortoise  # noqa: E402

from backend.db import migrate, open_db  # noqa: E402
from backend.models.notice import Channel, Delivery, DeliveryStatus, Notice, NoticeStatus, Subscription  # noqa: E402
from backend.models.user import Role, User  # noqa: E402
from backend.services.subscriptions import seed_templates  # noqa: E402
from backend.settings import Settings  # noqa: E402
from backend.wechat.fake_server import FakeWeChatServer  # noqa: E402

DB_NAME = "shezutong_bench_notices"
SEND_PATH = "/cgi-bin/message/subscribe/send"


async def fresh_database(pg_base: str) -> str:
    conn = await asyncpg.connect(pg_base.replace("postgres://", "postgresql://", 1) + "/postgres")
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    finally:
        await conn.close()
    return f"{pg_base}/{DB_NAME}"


def start_workers(n: int, env: dict[str, str], log: Path) -> list[subprocess.Popen]:
    out = log.open("ab")
    return [subprocess.Popen([sys.executable, "-m", "backend.jobs.worker"], cwd=REPO, env=env, stdout=out,
                             stderr=subprocess.STDOUT) for _ in range(n)]


def stop(workers: list[subprocess.Popen], sig: int = signal.SIGTERM) -> None:
    for w in workers:
        if w.poll() is None:
            w.send_signal(sig)
    for w in workers:
        try:
            w.wait(30)
        except subprocess.TimeoutExpired:
            w.kill()


async def make_notice(template, recipients: list[int], label: str) -> Notice:
    return await Notice.create(title=label, body="基准测试", audience={"kind": "users", "user_ids": recipients},
                               channels=["inbox", "subscribe"], template=template,
                               template_data={"thing1": "基准测试", "time2": "2025-10-01 09:00", "thing3": "请忽略"},
                               status=NoticeStatus.queued)


async def run_once(args, fake: FakeWeChatServer, env: dict[str, str], template, users: list[int], *,
                   kill_after: int | None) -> dict:
    fake.state.reset()
    redis = Redis.from_url(args.redis)
    await redis.flushdb()
    await redis.aclose()
    await Subscription.filter(template_id=template.template_id).update(remaining=1)
    notice = await make_notice(template, users, "kill" if kill_after else "clean")
    from arq import create_pool
    from arq.connections import RedisSettings

    pool = await create_pool(RedisSettings.from_dsn(args.redis))
    await pool.enqueue_job("fan_out_notice", notice.id)
    subscribe = Delivery.filter(notice_id=notice.id, channel=Channel.subscribe)
    log = Path(os.environ.get("TMPDIR", "/tmp")) / "bench-notices-worker.log"
    started = time.monotonic()
    workers = start_workers(args.workers, env, log)
    restarts = 0
    try:
        while not await Notice.filter(id=notice.id, fanned_out_at__isnull=False).exists():
            await asyncio.sleep(0.1)
        if kill_after:
            while await subscribe.filter(status=DeliveryStatus.sent).count() < kill_after:
                await asyncio.sleep(0.1)
            stop(workers, signal.SIGKILL)
            restarts = 1
            workers = start_workers(args.workers, env, log)
        while await subscribe.filter(status__in=[DeliveryStatus.pending, DeliveryStatus.sending]).exists():
            await asyncio.sleep(0.2)
        elapsed = time.monotonic() - started
    finally:
        stop(workers)
        await pool.aclose()
    calls = fake.state.calls(SEND_PATH)
    per_user = Counter(c["json"]["touser"] for c in calls)
    times = sorted(c["t"] for c in calls)
    statuses: Counter[Any] = Counter(await subscribe.values_list("status", flat=True))
    return {
        "run": "killed+restarted" if kill_after else "undisturbed", "recipients": len(users),
        "wall_s": round(elapsed, 1), "wechat_calls": len(calls),
        "sends_per_s": round((len(times) - 1) / (times[-1] - times[0]), 1) if len(times) > 1 else 0.0,
        "duplicates": sum(n - 1 for n in per_user.values() if n > 1),
        "sent": statuses.get(DeliveryStatus.sent, 0), "review": statuses.get(DeliveryStatus.review, 0),
        "other": sum(v for k, v in statuses.items() if k not in (DeliveryStatus.sent, DeliveryStatus.review)),
        "inbox": await Delivery.filter(notice_id=notice.id, channel=Channel.inbox).count(), "restarts": restarts,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=500.0, help="NOTICE_SEND_RATE for the workers")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()

    url = await fresh_database(args.pg)
    with FakeWeChatServer() as fake:
        settings = Settings(app_env="test", database_url=url, redis_url=args.redis, wechat_api_base=fake.base_url,
                            log_level="WARNING")
        await migrate(settings)
        await open_db(settings)
        try:
            await seed_templates()
            from backend.models.notice import SubscribeTemplate

            template = await SubscribeTemplate.get(key="notice_general")
            await User.bulk_create([User(openid=f"o-bench-{i}", role=Role.resident) for i in range(args.recipients)],
                                   batch_size=2000)
            users: list[int] = list(await User.filter(openid__startswith="o-bench-").values_list(  # type: ignore[arg-type]
                "id", flat=True))
            await Subscription.bulk_create([Subscription(user_id=u, template_id=template.template_id, remaining=1,
                                                         last_result="accept") for u in users], batch_size=2000)
            env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": args.redis, "WECHAT_API_BASE": fake.base_url,
                   "APP_ENV": "test", "NOTICE_SEND_RATE": str(args.rate), "LOG_LEVEL": "WARNING"}
            results = [await run_once(args, fake, env, template, users, kill_after=None),
                       await run_once(args, fake, env, template, users, kill_after=args.recipients // 3)]
        finally:
            await Tortoise.close_connections()
    print(f"notices bench: {args.recipients} recipients, NOTICE_SEND_RATE={args.rate:g}, workers={args.workers}")
    keys = list(results[0])
    print(" | ".join(keys))
    for row in results:
        print(" | ".join(str(row[k]) for k in keys))
    assert all(r["duplicates"] == 0 for r in results), "duplicate sends!"


if __name__ == "__main__":
    asyncio.run(main())
