"""The README's `make run` really serves, and prod mode really hides dev-login and refuses bad config.

These start real processes on loopback, on the embedded defaults, exactly as a newcomer would.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SANIC = str(Path(sys.executable).parent / "sanic")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "WECHAT_API_BASE"}}
    env.update({"VAR_DIR": str(tmp_path), "APP_ENV": "dev", "LOG_LEVEL": "WARNING"}, **extra)
    return env


def _wait_for(url: str, proc: subprocess.Popen, timeout: float = 90) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            pytest.fail(f"server exited with {proc.returncode}:\n{out}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {timeout}s")


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def test_make_run_serves_healthz_docs_and_demo_login(tmp_path):
    port, fake_port = _free_port(), _free_port()
    proc = subprocess.Popen(
        ["make", "run", f"PORT={port}", f"FAKE_WECHAT_PORT={fake_port}"], cwd=ROOT,
        env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        assert _wait_for(f"{base}/healthz", proc).status_code == 200
        docs = httpx.get(f"{base}/docs", timeout=30)  # the first request builds the document (seconds under load)
        assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
        spec = httpx.get(f"{base}/docs/openapi.json", timeout=30).json()
        assert "/api/mp/v1/auth/login" in spec["paths"]
        # Demo data is there: towns to pick, and the printed staff credentials work.
        towns = httpx.get(f"{base}/api/mp/v1/regions", timeout=5).json()["items"]
        assert len(towns) >= 8
        creds = (tmp_path / "demo-credentials-shezutong-dev.txt").read_text(encoding="utf-8").split()
        names = [creds[i + 1] for i, word in enumerate(creds) if word == "用户名"]
        passwords = [creds[i + 1] for i, word in enumerate(creds) if word == "密码"]
        assert names == ["demo_staff", "demo_town_staff", "demo_staff2", "demo_admin"]
        for username, password in zip(names, passwords, strict=True):  # the admin too logs in by password
            login = httpx.post(f"{base}/api/admin/v1/auth/login", json={"username": username, "password": password})
            assert login.status_code == 200, login.text
            assert login.json()["user"]["role"] == ("admin" if username == "demo_admin" else "staff"), login.text
        # The bundled fake WeChat server makes mini-program login work offline.
        wx = httpx.post(f"{base}/api/mp/v1/auth/login", json={"code": "demo-o-newcomer"}, timeout=10)
        assert wx.status_code == 200, wx.text
    finally:
        _stop(proc)
    out = proc.stdout.read() if proc.stdout else ""
    # make run (through make seed) prints every demo credential before the server starts, as the file has them
    assert all(p in out for p in passwords) and "demo_admin" in out, out
    # the banner names the environment, not Sanic's "production"; and each Sanic line is printed once
    assert "mode: dev (APP_ENV)" in out and "production" not in out.lower(), out
    assert sum("Goin' Fast" in line for line in out.splitlines()) == 1, out


def test_prod_hides_dev_login(tmp_path):
    port = _free_port()
    env = _env(tmp_path, APP_ENV="prod", SECRET_KEY="k" * 48, DATA_ENCRYPTION_KEY="e" * 44,
               WECHAT_APP_SECRET="a-real-secret", REDIS_URL="redis://127.0.0.1:6399/0",
               WECHAT_OA_TOKEN="oa-token-from-the-console", WECHAT_OA_AES_KEY="k" * 43)
    subprocess.run([sys.executable, "-m", "backend", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    proc = subprocess.Popen([SANIC, "backend.app:create_app", "--factory", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", proc)
        resp = httpx.post(f"http://127.0.0.1:{port}/api/mp/v1/auth/dev-login",
                          json={"openid": "x", "role": "admin"}, timeout=5)
        assert resp.status_code == 404
        assert resp.json()["code"] == "not_found"
        # Past the upload limit the server itself cuts the body off, still in the envelope.
        big = httpx.post(f"http://127.0.0.1:{port}/api/mp/v1/auth/login", content=b"x" * (21 * 1024 * 1024),
                         headers={"content-type": "application/octet-stream"}, timeout=30)
        assert big.status_code == 413
        assert big.json()["code"] == "payload_too_large"
    finally:
        _stop(proc)


def test_prod_refuses_default_secrets_with_one_line_reasons(tmp_path):
    env = _env(tmp_path, APP_ENV="prod")
    proc = subprocess.run([SANIC, "backend.app:create_app", "--factory", "--port", str(_free_port())], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "SECRET_KEY 仍是占位值" in out
    assert "REDIS_URL" in out
