"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio

import pytest

from backend.jobs.worker import HEARTBEAT_TTL
from backend.services import notice_deliveries
from tests.helpers import assert_envelope


async def test_healthz(client):
    resp = await client.get("/healthz")
    assert resp.status_code == 200 and resp.json() == {"status": "ok"}


async def test_readyz_reports_both_dependencies(client, app):
    # On a real Redis (the suite's second pass) readiness also wants a queue worker's heartbeat.
    await notice_deliveries.mark_worker_alive(redis=app.ctx.redis, worker_id="probe", ttl_seconds=HEARTBEAT_TTL)
    resp = await client.get("/readyz")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok", "database": "ok", "redis": "ok"}


async def test_readyz_names_the_unreachable_dependency(client, app, monkeypatch):
    async def down():
        raise ConnectionError("redis is gone")

    monkeypatch.setattr(app.ctx.redis, "ping", down)
    body = assert_envelope(await client.get("/readyz"), 503, "not_ready")
    assert body["details"] == {"database": "ok", "redis": "unreachable"}
    assert "Redis" in body["message"]


@pytest.fixture
def real_redis_settings(app, monkeypatch):
    """The app as configured with REDIS_URL: jobs wait for an arq worker (the client stays the suite's)."""
    monkeypatch.setattr(app.ctx, "settings", app.ctx.settings.model_copy(update={"redis_url": "redis://queue:6379/0"}))


async def test_readyz_on_a_real_redis_without_a_worker_heartbeat_is_not_ready(client, app, real_redis_settings):
    body = assert_envelope(await client.get("/readyz"), 503, "not_ready")
    assert body["details"] == {"database": "ok", "redis": "ok", "worker": "missing"}
    assert "队列 worker 没有心跳" in body["message"] and "通知不会送达" in body["message"]

    # A worker starting up makes it ready; the last worker stopping makes it not ready at once.
    await notice_deliveries.mark_worker_alive(redis=app.ctx.redis, worker_id="w1", ttl_seconds=HEARTBEAT_TTL)
    await notice_deliveries.mark_worker_alive(redis=app.ctx.redis, worker_id="w2", ttl_seconds=HEARTBEAT_TTL)
    resp = await client.get("/readyz")
    assert resp.status_code == 200 and resp.json() == {"status": "ok", "database": "ok", "redis": "ok"}
    await notice_deliveries.mark_worker_gone(redis=app.ctx.redis, worker_id="w1")
    assert (await client.get("/readyz")).status_code == 200  # w2 still beats
    await notice_deliveries.mark_worker_gone(redis=app.ctx.redis, worker_id="w2")
    body = assert_envelope(await client.get("/readyz"), 503, "not_ready")
    assert body["details"]["worker"] == "missing"


async def test_readyz_on_a_real_redis_with_an_expired_heartbeat_is_not_ready(client, app, real_redis_settings):
    # A killed worker never says goodbye: its heartbeat simply stops being refreshed and expires.
    await notice_deliveries.mark_worker_alive(redis=app.ctx.redis, worker_id="killed", ttl_seconds=1)
    assert (await client.get("/readyz")).status_code == 200
    await asyncio.sleep(1.3)
    assert_envelope(await client.get("/readyz"), 503, "not_ready")


async def test_readyz_on_the_embedded_cache_needs_no_worker(client, app):
    # Without REDIS_URL the web process runs the jobs itself (backend/jobs/embedded.py).
    if not app.ctx.settings.embedded_cache:
        pytest.skip("the suite runs on a real Redis")
    resp = await client.get("/readyz")
    assert resp.status_code == 200 and resp.json() == {"status": "ok", "database": "ok", "redis": "ok"}
