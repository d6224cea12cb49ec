"""Notice delivery benchmark: 10,000 recipients through real arq workers against the fake WeChat server.

Needs PostgreSQL and Redis (it creates the scratch database `shezutong_bench_notices` and uses Redis
db 14 unless told otherwise). The fake WeChat server runs in its own process (on uvloop), so the
figures measure the workers, not a server sharing this process's GIL. Runs, for one and for two
workers: an undisturbed one, and one whose workers are SIGKILLed mid-run and restarted. Duplicates
are counted from the fake server's own log of received sends (must be 0). First it measures the
ceiling of the fake server with the workers' client stack (requests, 2 processes × 16 threads), so a
figure near it says the fake, not the workers, was the limit.

Ends with one line per measurement:
    BENCH fanout_ceiling sends_per_s=…
    BENCH fanout workers=1 sends_per_s=… duplicates=0
    BENCH fanout_kill workers=1 sends_per_s=… duplicates=0 review=…
    BENCH fanout workers=2 sends_per_s=… duplicates=0
    BENCH fanout_kill workers=2 sends_per_s=… duplicates=0 review=…

Run: .venv/bin/python bench/notices.py [--recipients 10000] [--rate 5000] [--workers 1,2] [--no-kill]
     [--pg postgres://postgres@127.0.0.1:5432] [--redis redis://127.0.0.1:6379/14]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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


FAKE_LAUNCHER = """
import asyncio, sys
try:
    import uvloop
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
except ImportError:
    pass
from backend.wechat.fake_server import main
main(["--host", "127.0.0.1", "--port", sys.argv[1], "--no-demo-codes"])
"""

CEILING_CLIENT = """
import sys, threading, time, requests
from requests.adapters import HTTPAdapter
base, seconds, threads = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
body = b'{"touser": "o-ceiling", "template_id": "t", "page": "", "data": {}}'
def run():
    session = requests.Session()
    session.mount("http://", HTTPAdapter(pool_maxsize=1))
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        session.post(base + "cgi-bin/message/subscribe/send", params={"access_token": "x"}, data=body, timeout=5)
workers = [threading.Thread(target=run) for _ in range(threads)]
for w in workers: w.start()
for w in workers: w.join()
"""


class FakeProcess:
    """The fake WeChat server in a child process, driven over its /_fake/ control routes."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen([sys.executable, "-c", FAKE_LAUNCHER, str(self.port)], cwd=REPO,
                                     stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                self._get("_fake/stats")
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def _get(self, path: str) -> Any:
        with urllib.request.urlopen(self.base_url + path, timeout=30) as answer:
            return json.loads(answer.read())

    def reset(self) -> None:
        request = urllib.request.Request(self.base_url + "_fake/reset", data=b"{}", method="POST")
        urllib.request.urlopen(request, timeout=30).close()

    def calls(self, path: str) -> list[dict[str, Any]]:
        return self._get(f"_fake/calls?path={path}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def measure_ceiling(fake: FakeProcess, seconds: float = 4.0) -> float:
    """Sends per second the fake answers to 2 processes × 16 threads of requests (the workers' stack)."""
    fake.reset()
    clients = [subprocess.Popen([sys.executable, "-c", CEILING_CLIENT, fake.base_url, str(seconds), "16"])
               for _ in range(2)]
    for c in clients:
        c.wait()
    return rate_of(fake.calls(SEND_PATH))


def rate_of(calls: list[dict[str, Any]]) -> float:
    times = sorted(c["t"] for c in calls)
    return round((len(times) - 1) / (times[-1] - times[0]), 1) if len(times) > 1 else 0.0


def start_workers(n: int, env: dict[str, str], log: Path, repo: Path = REPO) -> list[subprocess.Popen]:
    """`n` worker processes running the code in `repo` (another checkout gives a same-run baseline)."""
    with log.open("ab") as out:
        return [subprocess.Popen([sys.executable, "-m", "backend.jobs.worker"], cwd=repo, env=env, stdout=out,
                                 stderr=subprocess.STDOUT) for _ in range(n)]


def cpu_seconds(workers: list[subprocess.Popen]) -> float:
    """User + system CPU the live workers have used so far (Linux /proc)."""
    total = 0
    for w in workers:
        try:
            fields = Path(f"/proc/{w.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def stop(workers: list[subprocess.Popen], sig: int = signal.SIGTERM) -> None:
    for w in workers:
        if w.poll() is None:
            w.send_signal(sig)
    for w in workers:
        try:
            w.wait(30)
        except subprocess.TimeoutExpired:
            w.kill()


async def make_notice(template: Any, recipients: list[int], label: str) -> Notice:
    return await Notice.create(title=label, body="基准测试", audience={"kind": "users", "user_ids": recipients},
                               channels=["inbox", "subscribe"], template=template,
                               template_data={"thing1": "基准测试", "time2": "2025-10-01 09:00", "thing3": "请忽略"},
                               status=NoticeStatus.queued)


async def run_once(args: Any, fake: FakeProcess, env: dict[str, str], template: Any, users: list[int], *,
                   workers_n: int, kill_after: int | None, repo: Path = REPO) -> dict:
    fake.reset()
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
    workers = start_workers(workers_n, env, log, repo)
    restarts, cpu = 0, 0.0
    try:
        while not await Notice.filter(id=notice.id, fanned_out_at__isnull=False).exists():
            await asyncio.sleep(0.05)
        cpu_start = cpu_seconds(workers)  # imports and fan-out done: from here on it is the sends
        if kill_after:
            while await subscribe.filter(status=DeliveryStatus.sent).count() < kill_after:
                await asyncio.sleep(0.05)
            cpu = cpu_seconds(workers) - cpu_start
            stop(workers, signal.SIGKILL)
            restarts = 1
            workers = start_workers(workers_n, env, log, repo)
            await asyncio.sleep(3)  # the new workers' imports are not send work
            cpu_start = cpu_seconds(workers)
        while await subscribe.filter(status__in=[DeliveryStatus.pending, DeliveryStatus.sending]).exists():
            await asyncio.sleep(0.1)
        elapsed = time.monotonic() - started
        cpu += cpu_seconds(workers) - cpu_start
    finally:
        stop(workers)
        await pool.aclose()
    calls = fake.calls(SEND_PATH)
    per_user = Counter(c["json"]["touser"] for c in calls)
    statuses: Counter[Any] = Counter(await subscribe.values_list("status", flat=True))
    return {
        "run": ("baseline " if repo != REPO else "") + ("killed+restarted" if kill_after else "undisturbed"),
        "workers": workers_n, "recipients": len(users),
        "wall_s": round(elapsed, 1), "wechat_calls": len(calls),
        # A killed run's rate spans the restart (recovery waits out the dead worker's heartbeat).
        "sends_per_s": rate_of(calls),
        "cpu_ms_per_send": round(1000 * cpu / len(calls), 2) if calls else 0.0,
        "duplicates": sum(n - 1 for n in per_user.values() if n > 1),
        "sent": statuses.get(DeliveryStatus.sent, 0), "review": statuses.get(DeliveryStatus.review, 0),
        "other": sum(v for k, v in statuses.items() if k not in (DeliveryStatus.sent, DeliveryStatus.review)),
        "inbox": await Delivery.filter(notice_id=notice.id, channel=Channel.inbox).count(), "restarts": restarts,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=5000.0,
                        help="NOTICE_SEND_RATE for the workers (high, so the workers are what is measured)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts to measure")
    parser.add_argument("--no-kill", action="store_true", help="leave out the SIGKILL runs")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout (e.g. /work/main) whose workers run first, undisturbed, same data")
    parser.add_argument("--baseline-rate", type=float, default=1000.0, help="NOTICE_SEND_RATE for the baseline")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()

    url = await fresh_database(args.pg)
    fake = FakeProcess()
    results: list[dict] = []
    try:
        ceiling = measure_ceiling(fake)
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
            counts = [int(w) for w in args.workers.split(",")]
            if args.baseline is not None:
                for n in counts:
                    results.append(await run_once(args, fake, {**env, "NOTICE_SEND_RATE": str(args.baseline_rate)},
                                                  template, users, workers_n=n, kill_after=None,
                                                  repo=args.baseline.resolve()))
            for n in counts:
                results.append(await run_once(args, fake, env, template, users, workers_n=n, kill_after=None))
                if not args.no_kill:
                    results.append(await run_once(args, fake, env, template, users, workers_n=n,
                                                  kill_after=args.recipients // 3))
        finally:
            await Tortoise.close_connections()
    finally:
        fake.stop()
    load = os.getloadavg()
    print(f"notices bench: {args.recipients} recipients, NOTICE_SEND_RATE={args.rate:g}, "
          f"{os.cpu_count()} CPUs, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    keys = list(results[0])
    print(" | ".join(keys))
    for row in results:
        print(" | ".join(str(row[k]) for k in keys))
    print(f"BENCH fanout_ceiling sends_per_s={ceiling}")
    for row in results:
        name = "fanout" if row["restarts"] == 0 else "fanout_kill"
        if row["run"].startswith("baseline"):
            name = "fanout_baseline"
        extra = f" review={row['review']}" if row["restarts"] else ""
        print(f"BENCH {name} workers={row['workers']} sends_per_s={row['sends_per_s']} "
              f"cpu_ms_per_send={row['cpu_ms_per_send']} duplicates={row['duplicates']}{extra}")
    assert all(r["duplicates"] == 0 for r in results), "duplicate sends!"


if __name__ == "__main__":
    asyncio.run(main())
