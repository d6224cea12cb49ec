"""Redis or the database unreachable: a 503 with Retry-After, one log line per outage, no burnt wx.login code."""

from __future__ import annotations

import logging
import socket

import asyncpg
import pytest
from redis.asyncio import Redis

from backend.outages import OutageLog, store_of
from tests.factories import auth_headers, make_user
from tests.helpers import assert_envelope


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


async def _redis_error() -> BaseException:
    client = Redis(host="127.0.0.1", port=_closed_port(), socket_connect_timeout=1)
    try:
        await client.get("x")
    except Exception as exc:
        return exc
    finally:
        await client.aclose()
    raise AssertionError("no error")


async def _postgres_error() -> BaseException:
    try:
        await asyncpg.connect(host="127.0.0.1", port=_closed_port(), user="postgres", timeout=2)
    except Exception as exc:
        return exc
    raise AssertionError("no error")


async def test_real_connection_failures_are_attributed_to_their_store():
    assert store_of(await _redis_error()) == "redis"
    pg = await _postgres_error()
    assert isinstance(pg, OSError) and store_of(pg) == "database"  # asyncpg raises a plain OSError
    assert store_of(ConnectionRefusedError("raised by our own code")) is None
    assert store_of(RuntimeError("a bug")) is None


def test_one_line_per_outage_with_the_previous_count(caplog):
    outages = OutageLog(quiet_seconds=30)
    with caplog.at_level(logging.ERROR, logger="backend.outages"):
        logged = [outages.report("redis", OSError("down"), now=t) for t in (0, 1, 2, 20, 45)]
        logged.append(outages.report("redis", OSError("down again"), now=100))
    assert logged == [True, False, False, False, False, True]
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and "refused 5 requests" in lines[1]
    assert all(r.exc_info is None for r in caplog.records)


@pytest.fixture
async def redis_down(app):
    real = app.ctx.redis
    app.ctx.redis = Redis(host="127.0.0.1", port=_closed_port(), socket_connect_timeout=1, decode_responses=True)
    yield
    await app.ctx.redis.aclose()
    app.ctx.redis = real


async def test_signed_in_routes_answer_503_with_retry_after_and_log_once(app, client, caplog):
    headers = await auth_headers(app.ctx.redis, await make_user("resident"))
    real = app.ctx.redis
    app.ctx.redis = Redis(host="127.0.0.1", port=_closed_port(), socket_connect_timeout=1, decode_responses=True)
    try:
        with caplog.at_level(logging.INFO):
            responses = [await client.get("/api/mp/v1/auth/me", headers=headers) for _ in range(3)]
    finally:
        await app.ctx.redis.aclose()
        app.ctx.redis = real
    for resp in responses:
        body = assert_envelope(resp, 503, "cache_unavailable")
        assert resp.headers["Retry-After"] == "5" and "稍后再试" in body["message"]
        assert "Traceback" not in resp.text and "127.0.0.1" not in resp.text
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len([r for r in errors if "redis unavailable" in r.getMessage()]) <= 1  # one per outage (per worker)
    assert all(r.exc_info is None for r in errors), [r.getMessage() for r in errors]


async def test_wx_login_code_is_not_spent_while_the_token_store_is_down(app, client, fake_wechat, redis_down):
    code = fake_wechat.state.issue_code("o-outage")
    resp = await client.post("/api/mp/v1/auth/login", json={"code": code})
    assert_envelope(resp, 503, "cache_unavailable")
    assert fake_wechat.state.calls("/sns/jscode2session") == []  # WeChat was never asked: the code still works


async def test_the_same_code_works_once_the_store_is_back(app, client, fake_wechat):
    code = fake_wechat.state.issue_code("o-outage-2")
    real = app.ctx.redis
    app.ctx.redis = Redis(host="127.0.0.1", port=_closed_port(), socket_connect_timeout=1, decode_responses=True)
    try:
        assert_envelope(await client.post("/api/mp/v1/auth/login", json={"code": code}), 503, "cache_unavailable")
    finally:
        await app.ctx.redis.aclose()
        app.ctx.redis = real
    resp = await client.post("/api/mp/v1/auth/login", json={"code": code})
    assert resp.status_code == 200, resp.text
