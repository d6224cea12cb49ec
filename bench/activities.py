"""Activities benchmark on PostgreSQL + Redis (a benchmark, not a timed test).

(a) requests/second of GET /api/mp/v1/activities as a signed-in resident (the real app under `sanic`,
    1 and 2 workers) beside a bare Sanic + asyncpg handler doing the same work — the same Redis token
    lookup, the same user check, the same page SQL and the resident's badges — in the same run,
    interleaved, min/median/max of `--rounds`; the load client (wrk when installed, else raw sockets)
    is measured against a trivial handler first, so the report says whether it was the limit;
(b) 500 residents signing up at once for a capacity-50 activity, on the app and on a bare handler
    doing the same claim: confirmed count, p50/p99 latency, throughput.

Run: make bench   (or .venv/bin/python bench/activities.py [--duration 8] [--concurrency 32] [--rounds 3])
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
import httpload  # bench/httpload.py, beside this script
import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shezutong_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
ACTIVITIES = 100_000
ROUNDS_HOT = 8  # hot activities: one per signup burst
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


async def seed(db_url: str, redis_url: str) -> tuple[list[int], list[str]]:
    """Migrate, load 100,000 activities in bulk and 500 residents with tokens; returns the hot activities."""
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
        await Activity.bulk_create(batch, batch_size=5000)
        hot_ids = []
        for _ in range(ROUNDS_HOT):
            hot = await Activity.create(
                org=orgs[0], title="热门活动：500 人抢 50 个名额", category=ActivityCategory.volunteer,
                starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1, hours=2),
                signup_deadline=now + timedelta(days=1), town_id=orgs[0].town_id,  # type: ignore[attr-defined]
                address="幸福路 1 号", capacity=CAPACITY, waitlist_limit=RESIDENTS,
                status=ActivityStatus.published, published_at=now)
            hot_ids.append(hot.id)
        await User.bulk_create([User(openid=f"bench-{i}", role=Role.resident, nickname=f"居民{i}")
                                for i in range(RESIDENTS)])
        users = await User.filter(openid__startswith="bench-").order_by("id")
        redis = Redis.from_url(redis_url, decode_responses=True)
        await redis.flushdb()
        tokens = [await issue_token(redis, user_id=u.id, ttl_seconds=3600) for u in users]
        await redis.aclose()
        from tortoise import connections

        await connections.get("default").execute_script("ANALYZE")  # fresh planner stats after the bulk load
        return hot_ids, tokens
    finally:
        await Tortoise.close_connections()


# --- servers --------------------------------------------------------------------------------

# The same work as the app's guard: the token's user, active, with the columns the guard reads.
USER_SQL = "SELECT role, scope_region_id, must_change_password FROM app_user WHERE id = $1 AND active"
BADGES_SQL = "SELECT activity_id, status FROM activity_signup WHERE user_id = $1 AND activity_id = ANY($2::int[])"
LOAD_SQL = """SELECT a.status, a.starts_at, a.signup_deadline, o.status AS org_status
FROM activity a JOIN organization o ON o.id = a.org_id WHERE a.id = $1"""
CLAIM_SQL = """WITH claim AS (
  UPDATE activity SET confirmed_count = confirmed_count + 1
  WHERE id = $1 AND status = 'published' AND starts_at > $2 AND signup_deadline >= $2
    AND confirmed_count < capacity RETURNING id)
INSERT INTO activity_signup (activity_id, user_id, status, created_at, updated_at, confirmed_at)
SELECT id, $3, 'confirmed', $2, $2, $2 FROM claim RETURNING id"""
WAIT_SQL = """WITH claim AS (
  UPDATE activity SET waitlist_count = waitlist_count + 1, waitlist_seq = waitlist_seq + 1
  WHERE id = $1 AND status = 'published' AND confirmed_count >= capacity AND waitlist_count < waitlist_limit
  RETURNING id, waitlist_seq, waitlist_count),
ins AS (INSERT INTO activity_signup (activity_id, user_id, status, queue_no, created_at, updated_at)
  SELECT id, $3, 'waitlisted', waitlist_seq, $2, $2 FROM claim RETURNING id, queue_no)
SELECT ins.id, ins.queue_no, claim.waitlist_count FROM ins, claim"""


def bare_server(port: int, db_url: str, redis_url: str) -> None:
    """The baseline (child process): Sanic + asyncpg + the same Redis token lookup and user check, no
    ORM, no validation, no middleware. Binds with SO_REUSEPORT so that two of them make 2 workers."""
    import hashlib

    from redis.asyncio import Redis
    from sanic import Sanic
    from sanic.response import HTTPResponse

    app = Sanic("bare_activities")

    @app.before_server_start
    async def _open(app: Sanic) -> None:
        app.ctx.pool = await asyncpg.create_pool(pg_dsn(db_url), min_size=10, max_size=10)
        app.ctx.redis = Redis.from_url(redis_url, decode_responses=True)

    async def user(request) -> int | None:  # type: ignore[no-untyped-def]
        token = request.headers.get("authorization", "").partition(" ")[2]
        user_id = await app.ctx.redis.get("auth:tok:" + hashlib.sha256(token.encode()).hexdigest())
        if user_id is None:
            return None
        async with app.ctx.pool.acquire() as conn:
            row = await conn.fetchrow(USER_SQL, int(user_id))
        return int(user_id) if row else None

    def json(data: object, status: int = 200) -> HTTPResponse:
        return HTTPResponse(orjson.dumps(data), status=status, content_type="application/json")

    @app.get("/ping")
    async def ping(request):  # type: ignore[no-untyped-def]
        return HTTPResponse(b"{}", content_type="application/json")

    @app.get("/api/mp/v1/activities")
    async def page(request):  # type: ignore[no-untyped-def]
        user_id = await user(request)
        async with app.ctx.pool.acquire() as conn:
            rows = await conn.fetch(PAGE_SQL, datetime.now(UTC))
            mine = dict(await conn.fetch(BADGES_SQL, user_id, [r["id"] for r in rows])) if user_id else {}
        items = [dict(r, my_status=mine.get(r["id"])) for r in rows[:20]]
        return json({"items": items, "next_cursor": "x" if len(rows) > 20 else None})

    @app.post("/api/mp/v1/activities/<activity_id:int>/signups")
    async def signup(request, activity_id: int):  # type: ignore[no-untyped-def]
        user_id = await user(request)
        if user_id is None:
            return json({"code": "unauthorized"}, 401)
        now = datetime.now(UTC)
        async with app.ctx.pool.acquire() as conn:
            row = await conn.fetchrow(LOAD_SQL, activity_id)
            if row is None or row["status"] != "published" or row["org_status"] != "active":
                return json({"code": "not_found"}, 404)
            got = await conn.fetchrow(CLAIM_SQL, activity_id, now, user_id)
            if got:
                return json({"status": "confirmed", "position": None, "signup_id": got["id"]}, 201)
            got = await conn.fetchrow(WAIT_SQL, activity_id, now, user_id)
            if got:
                return json({"status": "waitlisted", "position": got["waitlist_count"], "signup_id": got["id"]}, 201)
        return json({"code": "activity_full"}, 409)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    app.run(sock=sock, single_process=True, access_log=False, motd=False, backlog=1024)


def start(cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def wait_ready(url: str, procs: list[subprocess.Popen]) -> None:
    import urllib.request

    for _ in range(600):
        for proc in procs:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise SystemExit(f"server exited early:\n{err[-3000:]}")
        try:
            with await asyncio.to_thread(urllib.request.urlopen, url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


class Servers:
    """The app (N workers) and the bare baseline (N processes on one port), started and stopped together."""

    def __init__(self, workers: int, env: dict[str, str]) -> None:
        self.workers, self.env = workers, env
        self.app_port, self.bare_port = free_port(), free_port()
        self.procs: list[subprocess.Popen] = []

    async def __aenter__(self) -> Servers:
        self.procs.append(start([str(REPO / ".venv/bin/sanic"), "backend.app:create_app", "--factory",
                                 "--host", "127.0.0.1", "--port", str(self.app_port),
                                 "--workers", str(self.workers), "--no-access-logs"], self.env))
        for _ in range(self.workers):
            self.procs.append(start([sys.executable, __file__, "--bare-server", str(self.bare_port)], self.env))
        await wait_ready(f"http://127.0.0.1:{self.app_port}/healthz", self.procs)
        await wait_ready(f"http://127.0.0.1:{self.bare_port}/ping", self.procs)
        return self

    async def __aexit__(self, *exc: object) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()

    def url(self, which: str, path: str) -> str:
        return f"http://127.0.0.1:{self.app_port if which == 'app' else self.bare_port}{path}"


# --- load -----------------------------------------------------------------------------------


def spread(values: list[float]) -> str:
    ordered = sorted(values)
    return f"{ordered[0]:.0f}/{ordered[len(ordered) // 2]:.0f}/{ordered[-1]:.0f}"


async def list_rounds(servers: Servers, token: str, *, rounds: int, duration: float, concurrency: int
                      ) -> dict[str, list[float]]:
    """App and bare, interleaved, `rounds` times each; every response must be a 200."""
    headers = {"Authorization": f"Bearer {token}"}
    out: dict[str, list[float]] = {"app": [], "bare": []}
    for _ in range(rounds):
        for which in ("app", "bare"):
            load = await httpload.rps(servers.url(which, "/api/mp/v1/activities"), duration=duration,
                                      connections=concurrency, headers=headers)
            if load.errors:
                raise SystemExit(f"{which}: {load.errors} 个非 200 响应")
            out[which].append(load.rps)
    return out


async def signup_burst(url: str, tokens: list[str]) -> httpload.Burst:
    return await httpload.burst(url, method="POST",
                                headers_per_request=[{"Authorization": f"Bearer {t}"} for t in tokens])


async def confirmed_of(db_url: str, activity_id: int) -> tuple[int, int]:
    conn = await asyncpg.connect(pg_dsn(db_url))
    try:
        row = await conn.fetchrow("SELECT confirmed_count, waitlist_count FROM activity WHERE id = $1", activity_id)
        real = await conn.fetchval("SELECT count(*) FROM activity_signup WHERE activity_id = $1 AND status = "
                                   "'confirmed'", activity_id)
    finally:
        await conn.close()
    if real != row["confirmed_count"]:
        raise SystemExit(f"活动 {activity_id}：计数 {row['confirmed_count']} 与报名记录 {real} 不一致")
    return row["confirmed_count"], row["waitlist_count"]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--bare-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    if args.rounds * 2 > ROUNDS_HOT:
        raise SystemExit(f"--rounds 最多 {ROUNDS_HOT // 2}")

    print(f"准备数据：{db_url} / {redis_url}")
    t0 = time.perf_counter()
    await reset_database(db_url)
    hot_ids, tokens = await seed(db_url, redis_url)
    print(f"  {ACTIVITIES} 个活动、{RESIDENTS} 名居民已写入（{time.perf_counter() - t0:.1f} s）")
    env = dict(os.environ, DATABASE_URL=db_url, REDIS_URL=redis_url, APP_ENV="dev", LOG_LEVEL="WARNING")
    load_before = os.getloadavg()[0]

    lists: dict[int, dict[str, list[float]]] = {}
    storms: dict[str, list[httpload.Burst]] = {"app": [], "bare": []}
    async with Servers(1, env) as servers:
        ceiling = await httpload.rps(servers.url("bare", "/ping"), duration=args.duration,
                                     connections=args.concurrency)
        lists[1] = await list_rounds(servers, tokens[0], rounds=args.rounds, duration=args.duration,
                                     concurrency=args.concurrency)
        hot = iter(hot_ids)
        for _ in range(args.rounds):
            for which in ("app", "bare"):
                activity_id = next(hot)
                burst = await signup_burst(servers.url(which, f"/api/mp/v1/activities/{activity_id}/signups"),
                                           tokens)
                confirmed, _ = await confirmed_of(db_url, activity_id)
                if confirmed != CAPACITY or any(s >= 500 for s in burst.statuses):
                    raise SystemExit(f"{which}：报名 {confirmed}/{CAPACITY}，5xx "
                                     f"{sum(s >= 500 for s in burst.statuses)}：并发控制失效")
                storms[which].append(burst)
    async with Servers(2, env) as servers:
        lists[2] = await list_rounds(servers, tokens[0], rounds=args.rounds, duration=args.duration,
                                     concurrency=args.concurrency)

    print(f"\n负载客户端：{ceiling.client}，对空处理器 {ceiling.rps:.0f} req/s（客户端上限）；"
          f"开始时 1 分钟负载 {load_before:.1f}，结束时 {os.getloadavg()[0]:.1f}")
    print(f"\n(a) 活动列表（{ACTIVITIES} 个活动，每页 20，已登录居民，{args.concurrency} 并发，"
          f"各 {args.duration:.0f} s × {args.rounds} 轮，min/median/max）")
    for workers, result in lists.items():
        app_med, bare_med = sorted(result["app"])[args.rounds // 2], sorted(result["bare"])[args.rounds // 2]
        print(f"  workers={workers}: app {spread(result['app'])} req/s, bare {spread(result['bare'])} req/s, "
              f"ratio {app_med / bare_med:.2f}")
    one, two = (sorted(lists[w]["app"])[args.rounds // 2] for w in (1, 2))
    print(f"  app 2 workers / 1 worker = {two / one:.2f}")
    print(f"\n(b) {RESIDENTS} 名居民同时报名（名额 {CAPACITY}），{args.rounds} 轮")
    summary = {}
    for which, bursts in storms.items():
        best = sorted(bursts, key=lambda b: b.elapsed)[len(bursts) // 2]
        thr = [RESIDENTS / b.elapsed for b in bursts]
        summary[which] = (RESIDENTS / best.elapsed, best.percentile(0.5) * 1000, best.percentile(0.99) * 1000)
        print(f"  {which:<5} throughput {spread(thr)} req/s；median run p50 {summary[which][1]:.0f} ms "
              f"p99 {summary[which][2]:.0f} ms")
    for workers, result in lists.items():
        app_med, bare_med = sorted(result["app"])[args.rounds // 2], sorted(result["bare"])[args.rounds // 2]
        print(f"BENCH list activities={ACTIVITIES} workers={workers} rps={app_med:.0f} bare_rps={bare_med:.0f} "
              f"ratio={app_med / bare_med:.2f} client_ceiling_rps={ceiling.rps:.0f}")
    print(f"BENCH list_scaling workers=2 ratio_2_to_1={two / one:.2f}")
    (rps, p50, p99), (bare_rps, _, bare_p99) = summary["app"], summary["bare"]
    print(f"BENCH signup confirmed={CAPACITY} p50_ms={p50:.0f} p99_ms={p99:.0f} bare_p99_ms={bare_p99:.0f} "
          f"rps={rps:.0f} bare_rps={bare_rps:.0f} ratio={rps / bare_rps:.2f} p99_ratio={p99 / bare_p99:.2f}")


if __name__ == "__main__":
    if "--bare-server" in sys.argv:
        bare_server(int(sys.argv[sys.argv.index("--bare-server") + 1]),
                    os.environ.get("DATABASE_URL") or DEFAULT_DB, os.environ.get("REDIS_URL") or DEFAULT_REDIS)
    else:
        asyncio.run(main())
