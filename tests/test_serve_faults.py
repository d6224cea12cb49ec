"""Faults seen by a real server process: the database unreachable, Sanic's response timeout.

Each starts `sanic --factory` on loopback (as `make run` does) with one thing broken, and checks the
answer is the 503 envelope with Retry-After, the log holds one line for the outage and no traceback.
"""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from backend.wechat.fake_server import FakeWeChatServer
from tests.test_serve import ROOT, SANIC, _env, _free_port, _stop, _wait_for


def _serve(tmp_path, **env: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    if "DATABASE_URL" not in env:  # the embedded SQLite file needs its tables
        subprocess.run([sys.executable, "-m", "backend", "migrate"], cwd=ROOT, env=_env(tmp_path, **env),
                       check=True, capture_output=True, timeout=120)
    proc = subprocess.Popen([SANIC, "backend.app:create_app", "--factory", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", "1"], cwd=ROOT, env=_env(tmp_path, **env), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    _wait_for(f"{base}/healthz", proc)
    return proc, base


def _log(proc: subprocess.Popen) -> str:
    _stop(proc)
    return proc.stdout.read() if proc.stdout else ""


@pytest.fixture
def fake():
    with FakeWeChatServer() as server:
        yield server


def test_database_unreachable_is_503_logged_once_and_spends_no_login_code(tmp_path, fake):
    proc, base = _serve(tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{_free_port()}/down_test",
                        WECHAT_API_BASE=fake.base_url, LOG_LEVEL="INFO")
    try:
        for _ in range(3):
            resp = httpx.get(f"{base}/api/mp/v1/regions", timeout=10)
            assert resp.status_code == 503, resp.text
            assert resp.json()["code"] == "database_unavailable" and resp.headers["Retry-After"] == "5"
        code = fake.state.issue_code("o-db-down")
        resp = httpx.post(f"{base}/api/mp/v1/auth/login", json={"code": code}, timeout=10)
        assert resp.status_code == 503 and resp.json()["code"] == "database_unavailable"
        assert fake.state.calls("/sns/jscode2session") == []
    finally:
        log = _log(proc)
    assert log.count("database unavailable") == 1, log
    assert "Traceback" not in log and "internal_error" not in log


def test_response_timeout_is_503_with_retry_after(tmp_path, fake):
    fake.state.latency_ms = 3000  # jscode2session answers after 3 s; the server gives up after 1 s
    proc, base = _serve(tmp_path, SANIC_RESPONSE_TIMEOUT="1", WECHAT_API_BASE=fake.base_url, LOG_LEVEL="INFO")
    try:
        code = fake.state.issue_code("o-slow")
        resp = httpx.post(f"{base}/api/mp/v1/auth/login", json={"code": code}, timeout=10)
        assert resp.status_code == 503, resp.text
        assert resp.json()["code"] == "response_timeout" and resp.headers["Retry-After"] == "5"
        assert "超时" in resp.json()["message"]
    finally:
        log = _log(proc)
    assert "Traceback" not in log, log
