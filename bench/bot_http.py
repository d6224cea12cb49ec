"""The bot over HTTP beside the engine in process, and a web worker's memory after answering.

The app runs under `sanic` (one worker) on PostgreSQL + Redis with the shipped knowledge; a resident
asks the development set's questions one after another over one keep-alive raw socket (no client
library in the measurement); the same questions go to an in-process engine in this run. The web
worker's RSS is read from /proc after the questions. Ends with
`BENCH bot_http p50_ms=… engine_p50_ms=… overhead_ms=… worker_rss_mb=…`.

Run: make bench   (or .venv/bin/python bench/bot_http.py [--rounds 400])
Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/shezutong_bench_bot, created and reset),
     REDIS_URL (default redis://127.0.0.1:6379/12, flushed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpload  # bench/httpload.py, beside this script
from activities import free_port, reset_database, start, wait_ready

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shezutong_bench_bot"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"


def questions() -> list[str]:
    lines = (REPO / "evals" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["q"] for line in lines if line.strip()]


async def prepare(db_url: str, redis_url: str) -> str:
    """Migrate, create one resident and a token; returns the token."""
    from redis.asyncio import Redis
    from tortoise import Tortoise

    from backend.auth import issue_token
    from backend.db import migrate, open_db
    from backend.models.user import Role, User
    from backend.settings import Settings

    settings = Settings(database_url=db_url, redis_url=redis_url, app_env="dev")
    await migrate(settings)
    await open_db(settings)
    try:
        user = await User.create(openid="bench-bot", role=Role.resident, nickname="压测居民")
        redis = Redis.from_url(redis_url, decode_responses=True)
        await redis.flushdb()
        token = await issue_token(redis, user_id=user.id, ttl_seconds=3600)
        await redis.aclose()
        return token
    finally:
        await Tortoise.close_connections()


async def ask_over_http(url: str, token: str, qs: list[str], rounds: int) -> list[float]:
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    latencies = []
    try:
        for i in range(rounds + 20):
            body = json.dumps({"question": qs[i % len(qs)]}, ensure_ascii=False).encode()
            request = httpload._request(url, method="POST", body=body, headers={
                "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            t0 = time.perf_counter()
            writer.write(request)
            status = await httpload._read_response(reader)
            if status != 200:
                raise SystemExit(f"提问返回 {status}")
            if i >= 20:  # the first ones warm the caches
                latencies.append(time.perf_counter() - t0)
    finally:
        writer.close()
    return latencies


def engine_latencies(qs: list[str], rounds: int) -> list[float]:
    from bot import Engine, KnowledgeBase

    engine = Engine(KnowledgeBase.load(REPO / "knowledge"))
    for q in qs[:20]:
        engine.ask(q)
    out = []
    for i in range(rounds):
        t0 = time.perf_counter()
        engine.ask(qs[i % len(qs)])
        out.append(time.perf_counter() - t0)
    return out


def worker_rss_mb(main_pid: int) -> float:
    """RSS of the sanic worker (the main process's child that serves), from /proc."""
    children = Path(f"/proc/{main_pid}/task/{main_pid}/children").read_text().split()
    best = 0.0
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                best = max(best, int(line.split()[1]) / 1024)
    return best


def p50_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=400)
    args = parser.parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    await reset_database(db_url)
    token = await prepare(db_url, redis_url)
    qs = questions()
    env = dict(os.environ, DATABASE_URL=db_url, REDIS_URL=redis_url, APP_ENV="dev", LOG_LEVEL="WARNING",
               BOT_RATE_LIMIT_PER_MINUTE="100000")
    port = free_port()
    proc = start([str(REPO / ".venv/bin/sanic"), "backend.app:create_app", "--factory", "--host", "127.0.0.1",
                  "--port", str(port), "--workers", "1", "--no-access-logs"], env)
    try:
        await wait_ready(f"http://127.0.0.1:{port}/healthz", [proc])
        http = await ask_over_http(f"http://127.0.0.1:{port}/api/mp/v1/bot/ask", token, qs, args.rounds)
        rss = worker_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    engine = await asyncio.to_thread(engine_latencies, qs, args.rounds)
    http_p50, engine_p50 = p50_ms(http), p50_ms(engine)
    print(f"政策问答（{len(qs)} 个问题轮流，{args.rounds} 次，顺序提问）：HTTP p50 {http_p50:.2f} ms，"
          f"进程内引擎 p50 {engine_p50:.2f} ms；worker RSS {rss:.0f} MB；1 分钟负载 {os.getloadavg()[0]:.1f}")
    print(f"BENCH bot_http p50_ms={http_p50:.2f} engine_p50_ms={engine_p50:.2f} "
          f"overhead_ms={http_p50 - engine_p50:.2f} worker_rss_mb={rss:.0f}")


if __name__ == "__main__":
    asyncio.run(main())
