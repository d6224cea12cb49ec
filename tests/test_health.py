"""Liveness and readiness probes."""

from __future__ import annotations

from tests.helpers import assert_envelope


async def test_healthz(client):
    resp = await client.get("/healthz")
    assert resp.status_code == 200 and resp.json() == {"status": "ok"}


async def test_readyz_reports_both_dependencies(client):
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
