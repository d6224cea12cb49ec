"""`make run` on PostgreSQL + Redis starts the queue worker, so notices are delivered, and stops it.

With REDIS_URL the web process runs no jobs: before `make run` started the arq worker beside it, an
activity cancelled on this path never reached anyone's inbox. This runs the real `make run` against a
fresh PostgreSQL database and an unused Redis database, drives the whole path over HTTP (register and
approve an organization, publish an activity, sign a resident up, cancel), and checks the resident's
inbox. Skipped when PostgreSQL or Redis is not reachable on loopback.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from backend.services import clock
from tests.test_serve import ROOT, _env, _free_port


def _server_of(url: str, scheme: str, default: str) -> str:
    """The server of the suite's own DATABASE_URL / REDIS_URL when it names one, else the loopback default."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme.startswith(scheme) and parts.netloc else default


# Another database on the same server (created and dropped here), an empty Redis database (flushed after).
PG_ADMIN = os.environ.get("MAKE_RUN_PG_ADMIN_URL") or \
    _server_of(os.environ.get("DATABASE_URL", ""), "postgres", "postgres://postgres@127.0.0.1:5432") + "/postgres"
_REDIS_GIVEN = os.environ.get("MAKE_RUN_REDIS_URL", "")
REDIS_SERVER = _server_of(_REDIS_GIVEN or os.environ.get("REDIS_URL", ""), "redis", "redis://127.0.0.1:6379")
REDIS_DB = int(urlsplit(_REDIS_GIVEN).path.lstrip("/") or 0) if _REDIS_GIVEN else None
WORKER_CMD = "backend.jobs.worker.WorkerSettings"
DELIVERY_SECONDS = 10


def _run(coro):
    """Run a coroutine on a loop of its own: asyncio.run would unset the suite's event loop afterwards."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


async def _pg(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN.replace("postgres://", "postgresql://", 1), timeout=3)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


CLAIM_KEY = "mkrun:test:claimed"


async def _claim_redis_db() -> str | None:
    """An empty Redis database on REDIS_SERVER, marked taken at once (others on this host use some)."""
    from redis.asyncio import Redis

    suite_db = urlsplit(os.environ.get("REDIS_URL", "")).path.lstrip("/") or "0"
    candidates = [REDIS_DB] if REDIS_DB is not None else [
        db for db in random.sample(range(1, 16), 15) if str(db) != suite_db]  # the suite flushes its own
    for db in candidates:
        client = Redis.from_url(f"{REDIS_SERVER}/{db}", socket_connect_timeout=3)
        try:
            if await client.set(CLAIM_KEY, "1", nx=True, ex=3600):
                if await client.dbsize() == 1:
                    return f"{REDIS_SERVER}/{db}"
                await client.delete(CLAIM_KEY)  # someone's data is there: leave it alone
        finally:
            await client.aclose()
    return None


async def _redis_flush(url: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_connect_timeout=3)
    try:
        await client.flushdb()
    finally:
        await client.aclose()


@pytest.fixture
def pg_database():
    name = f"mkrun_test_{uuid.uuid4().hex[:10]}"
    try:
        _run(_pg(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no PostgreSQL here (CI's embedded pass, a laptop)
        pytest.skip(f"PostgreSQL 不可达（{PG_ADMIN}）：{type(exc).__name__}")
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        _run(_pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def redis_url():
    try:
        url = _run(_claim_redis_db())
    except Exception as exc:
        pytest.skip(f"Redis 不可达（{REDIS_SERVER}）：{type(exc).__name__}")
    if url is None:
        pytest.skip(f"{REDIS_SERVER} 上没有空的数据库可用（可用 MAKE_RUN_REDIS_URL 指定一个空库）")
    try:
        yield url
    finally:
        _run(_redis_flush(url))


def _group(pgid: int) -> dict[int, str]:
    """The live processes of a process group: pid → command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            if fields[0] != "Z" and int(fields[2]) == pgid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError, IndexError):
            continue
    return found


def _wait_ready(base: str, proc: subprocess.Popen, log: Path, timeout: float = 240) -> None:
    deadline, last = time.monotonic() + timeout, "no answer"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"make run exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            resp = httpx.get(f"{base}/readyz", timeout=3)
            if resp.status_code == 200:
                return
            last = resp.text
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    pytest.fail(f"/readyz not ready within {timeout}s ({last}):\n{log.read_text(errors='replace')[-4000:]}")


def _ok(resp: httpx.Response, status: int = 200) -> dict:
    assert resp.status_code == status, f"{resp.request.method} {resp.request.url}: {resp.status_code} {resp.text}"
    return resp.json()


def _login(http: httpx.Client, openid: str, **extra) -> dict[str, str]:
    token = _ok(http.post("/api/mp/v1/auth/dev-login", json={"openid": openid, **extra}))["token"]
    return {"Authorization": f"Bearer {token}"}


def _cancel_activity_and_read_inbox(http: httpx.Client) -> tuple[float, list[dict]]:
    """Returns (seconds from the cancellation until the inbox showed it, the inbox items)."""
    town = _ok(http.get("/api/mp/v1/regions"))["items"][0]
    leader = _login(http, "mkrun-leader", role="resident")
    org = _ok(http.post("/api/mp/v1/orgs", headers=leader, json={
        "name": "临城街道队列测试志愿者协会", "legal_form": "social_group", "category": "community_service",
        "town_id": town["id"], "contact_name": "测试联系人", "contact_phone": "13912345678",
        "description": "make run 队列测试",
        "charter_text": "第一条 本会坚持中国共产党的全面领导，遵守宪法和法律。"}), 201)
    town_staff = _login(http, "mkrun-town-staff", role="staff", scope_region_id=town["id"])
    _ok(http.post(f"/api/admin/v1/orgs/{org['id']}/town-review", headers=town_staff,
                  json={"decision": "pass", "reason": "材料齐全"}))
    district = _login(http, "mkrun-district-staff", role="staff")
    _ok(http.post(f"/api/admin/v1/orgs/{org['id']}/review", headers=district, json={"decision": "approve"}))

    leader = _login(http, "mkrun-leader")  # now the organization's leader
    starts = clock.now() + timedelta(days=3)
    activity = _ok(http.post(f"/api/mp/v1/orgs/{org['id']}/activities", headers=leader, json={
        "title": "社区义诊队列测试", "category": "volunteer", "address": "临山社区活动室", "capacity": 10,
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat(), "publish": True}), 201)
    resident = _login(http, "mkrun-resident", role="resident")
    _ok(http.post(f"/api/mp/v1/activities/{activity['id']}/signups", headers=resident), 201)
    assert _ok(http.get("/api/mp/v1/inbox", headers=resident))["items"] == []

    _ok(http.post(f"/api/mp/v1/activities/{activity['id']}/cancel", headers=leader, json={"reason": "场地临时维修"}))
    cancelled = time.monotonic()
    items: list[dict] = []
    while time.monotonic() - cancelled < DELIVERY_SECONDS:
        items = _ok(http.get("/api/mp/v1/inbox", headers=resident))["items"]
        if any(item["title"] == "活动取消：社区义诊队列测试" for item in items):
            return time.monotonic() - cancelled, items
        time.sleep(0.3)
    return time.monotonic() - cancelled, items


def test_make_run_with_redis_runs_the_worker_delivers_and_stops_it(tmp_path, pg_database, redis_url):
    port, fake_port = _free_port(), _free_port()
    log = tmp_path / "make-run.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["make", "run", f"PORT={port}", f"FAKE_WECHAT_PORT={fake_port}"], cwd=ROOT,
            env=_env(tmp_path, DATABASE_URL=pg_database, REDIS_URL=redis_url, LOG_LEVEL="INFO"),
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_ready(base, proc, log)
        workers = [pid for pid, cmd in _group(proc.pid).items() if WORKER_CMD in cmd and "arq" in cmd]
        assert workers, f"no arq worker beside the web server: {_group(proc.pid)}"
        assert "启动队列 worker" in log.read_text(errors="replace")

        with httpx.Client(base_url=base, timeout=10) as http:
            took, items = _cancel_activity_and_read_inbox(http)
        delivered = [i for i in items if i["title"] == "活动取消：社区义诊队列测试" and "场地临时维修" in i["body"]]
        tail = log.read_text(errors="replace")[-4000:]
        assert delivered, f"no cancelled notice in the inbox after {took:.1f}s: {items}\n{tail}"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        deadline = time.monotonic() + 30
        while _group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.3)
        left = _group(proc.pid)
        if left:
            os.killpg(proc.pid, signal.SIGKILL)
    assert not left, f"processes left running after make run stopped: {left}"
    assert not any(WORKER_CMD in cmd for cmd in left)
