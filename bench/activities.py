"""Activities benchmark on PostgreSQL + Redis (a benchmark, not a timed test).

(a) requests/second of GET /api/mp/v1/activities (the real app under `sanic`, one worker) beside a
    bare handler serving the same page with the same SQL straight from asyncpg, in the same run;
(b) 500 residents signing up at once for a capacity-50 activity: confirmed count, latency, throughput.

Run: make bench   (or .venv/bin/python bench/activities.py [--duration 10] [--concurrency 32])
Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/shezutong_bench, created and reset),
     REDIS_URL (default redis://127.0.0.1:6379/13, flushed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import httpx
import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shezutong_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
ACTIVITIES = 10_000
RESIDENTS = 500
CAPACITY = 50

# The page the list endpoint serves by default: published, not ended, active org, by start then id.
PAGE_SQL = """
SELECT a.id, a.title, a.category, a.target_groups, a.starts_at, a.ends_at, a.signup_deadline, a.town_id,
       a.community_id, a.address, a.lat, a.lng, a.capacity, a.confirmed_count, a.waitlist_count, a.status,
       a.org_id, o.name AS org_name
FROM activity a JOIN organization o ON o.id = a.org_id
WHERE a.status = 'published' AND o.status = 'active' AND a.ends_at >= $1
ORDER BY a.starts_at, a.id LIMIT 21
"""


def pg_dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# --- setup ----------------------------------------------------------------------------------


async def reset_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    admin = await asyncpg.connect(pg_dsn(url).rsplit("/", 1)[0] + "/postgres")
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    conn = await asyncpg.connect(pg_dsn(url))
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


async def seed(db_url: str, redis_url: str) -> tuple[int, list[str]]:
    """Migrate, load 10,000 activities in bulk and 500 residents with tokens; returns the hot activity."""
    from redis.asyncio import Redis
    from tortoise import Tortoise

    from backend.auth import issue_token
    from backend.db import migrate, open_db
    from backend.models.activity import Activity, ActivityCategory, ActivityStatus
    from backend.models.organization import LegalForm, Organization, OrgCategory, OrgStatus
    from backend.models.region import Region, RegionLevel
    from backend.models.user import Role, User
    from backend.seed import seed_regions
    from backend.settings import Settings

    settings = Settings(database_url=db_url, redis_url=redis_url, app_env="dev")
    await migrate(settings)
    await open_db(settings)
    try:
        await seed_regions()
        towns = await Region.filter(level=RegionLevel.town).order_by("id")
        orgs = [await Organization.create(name=f"压测组织{i}", legal_form=LegalForm.social_group,
                                          category=OrgCategory.community_service, status=OrgStatus.active,
                                          town=towns[i % len(towns)]) for i in range(20)]
        now = datetime.now(UTC).replace(microsecond=0)
        categories = list(ActivityCategory)
        batch = []
        for i in range(ACTIVITIES):
            start = now + timedelta(hours=1 + i % 2000, minutes=i % 60)
            org = orgs[i % len(orgs)]
            batch.append(Activity(
                org=org, title=f"社区志愿服务活动 {i}", description="陪伴老人、清洁家园、政策宣传。",
                category=categories[i % len(categories)], target_groups=",孤寡老人,全体居民,",
                starts_at=start, ends_at=start + timedelta(hours=2), signup_deadline=start,
                town_id=org.town_id, address=f"幸福路 {i} 号", lat=34.80 + (i % 100) * 0.002,  # type: ignore[attr-defined]
                lng=117.50 + (i // 100) * 0.002, capacity=30, waitlist_limit=30,
                status=ActivityStatus.published if i % 10 else ActivityStatus.draft))
        await Activity.bulk_create(batch, batch_size=1000)
        hot = await Activity.create(
            org=orgs[0], title="热门活动：500 人抢 50 个名额", category=ActivityCategory.volunteer,
            starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1, hours=2),
            signup_deadline=now + timedelta(days=1), town_id=orgs[0].town_id,  # type: ignore[attr-defined]
            address="幸福路 1 号",
            capacity=CAPACITY, waitlist_limit=RESIDENTS, status=ActivityStatus.published, published_at=now)
        await User.bulk_create([User(openid=f"bench-{i}", role=Role.resident, nickname=f"居民{i}")
                                for i in range(RESIDENTS)])
        users = await User.filter(openid__startswith="bench-").order_by("id")
        redis = Redis.from_url(redis_url, decode_responses=True)
        await redis.flushdb()
        tokens = [await issue_token(redis, user_id=u.id, ttl_seconds=3600) for u in users]
        await redis.aclose()
        from tortoise import connections

        await connections.get("default").execute_script("ANALYZE")  # fresh planner stats after the bulk load
        return hot.id, tokens
    finally:
        await Tortoise.close_connections()


# --- servers --------------------------------------------------------------------------------


def bare_server(port: int, db_url: str) -> None:
    """The baseline: the same page from asyncpg with no ORM, auth or validation (child process)."""
    from sanic import Sanic
    from sanic.response import HTTPResponse

    app = Sanic("bare_activities")

    @app.before_server_start
    async def _open(app: Sanic) -> None:
        app.ctx.pool = await asyncpg.create_pool(pg_dsn(db_url), min_size=5, max_size=5)

    @app.get("/api/mp/v1/activities")
    async def page(request):  # type: ignore[no-untyped-def]
        async with app.ctx.pool.acquire() as conn:
            rows = await conn.fetch(PAGE_SQL, datetime.now(UTC))
        items = [dict(r) for r in rows]
        more = len(items) > 20
        return HTTPResponse(orjson.dumps({"items": items[:20], "next_cursor": "x" if more else None}),
                            content_type="application/json")

    app.run(host="127.0.0.1", port=port, single_process=True, access_log=False, motd=False)


def start(cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def wait_ready(url: str, proc: subprocess.Popen) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise SystemExit(f"server exited early:\n{err[-3000:]}")
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit(f"server at {url} did not start")


# --- load -----------------------------------------------------------------------------------


async def measure_rps(url: str, *, duration: float, concurrency: int) -> tuple[float, int]:
    """Completed 200 responses per second with `concurrency` keep-alive clients for `duration` s."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    ok = errors = 0
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        for _ in range(concurrency):  # warm the connections and caches
            await client.get(url)
        deadline = time.perf_counter() + duration

        async def worker() -> None:
            nonlocal ok, errors
            while time.perf_counter() < deadline:
                resp = await client.get(url)
                if resp.status_code == 200:
                    ok += 1
                else:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return ok / elapsed, errors


async def signup_storm(base: str, activity_id: int, tokens: list[str]) -> dict[str, float]:
    """Every resident presses the button at the same moment."""
    limits = httpx.Limits(max_connections=len(tokens), max_keepalive_connections=len(tokens))
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:
        url = f"{base}/api/mp/v1/activities/{activity_id}/signups"
        latencies: list[float] = []
        statuses: list[int] = []

        async def one(token: str) -> None:
            t0 = time.perf_counter()
            resp = await client.post(url, headers={"Authorization": f"Bearer {token}"})
            latencies.append(time.perf_counter() - t0)
            statuses.append(resp.status_code)

        began = time.perf_counter()
        await asyncio.gather(*(one(t) for t in tokens))
        elapsed = time.perf_counter() - began
        detail = (await client.get(f"{base}/api/mp/v1/activities/{activity_id}")).json()
    return {"confirmed": detail["confirmed_count"], "waitlisted": detail["waitlist_count"],
            "errors": sum(s >= 500 for s in statuses), "p50_ms": percentile(latencies, 0.5) * 1000,
            "p99_ms": percentile(latencies, 0.99) * 1000, "throughput": len(tokens) / elapsed}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--bare-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS

    print(f"准备数据：{db_url} / {redis_url}")
    t0 = time.perf_counter()
    await reset_database(db_url)
    hot_id, tokens = await seed(db_url, redis_url)
    print(f"  {ACTIVITIES} 个活动、{RESIDENTS} 名居民已写入（{time.perf_counter() - t0:.1f} s）")

    env = dict(os.environ, DATABASE_URL=db_url, REDIS_URL=redis_url, APP_ENV="dev", LOG_LEVEL="WARNING",
               WEB_WORKERS="1")
    app_port, bare_port = free_port(), free_port()
    app_proc = start([str(REPO / ".venv/bin/sanic"), "backend.app:create_app", "--factory", "--host", "127.0.0.1",
                      "--port", str(app_port), "--workers", "1", "--no-access-logs"], env)
    bare_proc = start([sys.executable, __file__, "--bare-server", str(bare_port)], env)
    try:
        app_url = f"http://127.0.0.1:{app_port}/api/mp/v1/activities"
        bare_url = f"http://127.0.0.1:{bare_port}/api/mp/v1/activities"
        await wait_ready(app_url, app_proc)
        await wait_ready(bare_url, bare_proc)
        app_rps, app_err = await measure_rps(app_url, duration=args.duration, concurrency=args.concurrency)
        bare_rps, bare_err = await measure_rps(bare_url, duration=args.duration, concurrency=args.concurrency)
        storm = await signup_storm(f"http://127.0.0.1:{app_port}", hot_id, tokens)
    finally:
        for proc in (app_proc, bare_proc):
            proc.terminate()
            proc.wait(timeout=15)

    print(f"\n(a) 活动列表（{ACTIVITIES} 个活动，每页 20，{args.concurrency} 并发，各 {args.duration:.0f} s）")
    print(f"  {'handler':<26}{'req/s':>10}{'errors':>8}")
    print(f"  {'app (Tortoise, 1 worker)':<26}{app_rps:>10.0f}{app_err:>8}")
    print(f"  {'bare asyncpg':<26}{bare_rps:>10.0f}{bare_err:>8}")
    print(f"  ratio app/bare = {app_rps / bare_rps:.2f}")
    print(f"\n(b) {RESIDENTS} 名居民同时报名（名额 {CAPACITY}）")
    print(f"  confirmed {storm['confirmed']}  waitlisted {storm['waitlisted']}  5xx {storm['errors']}")
    print(f"  p50 {storm['p50_ms']:.0f} ms  p99 {storm['p99_ms']:.0f} ms  throughput {storm['throughput']:.0f} req/s")
    if storm["confirmed"] != CAPACITY or storm["errors"]:
        raise SystemExit("超卖或出现 5xx：报名并发控制失效")


if __name__ == "__main__":
    if "--bare-server" in sys.argv:
        bare_server(int(sys.argv[sys.argv.index("--bare-server") + 1]),
                    os.environ.get("DATABASE_URL") or DEFAULT_DB)
    else:
        asyncio.run(main())
