"""Operator commands: `python -m backend migrate | seed-demo | create-staff`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(VAR_DIR=str(tmp_path), APP_ENV="dev", LOG_LEVEL="WARNING", **extra)
    return subprocess.run([sys.executable, "-m", "backend", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_migrate_seed_and_create_staff(tmp_path):
    assert _run(tmp_path, "migrate").returncode == 0
    first = _run(tmp_path, "seed-demo")
    assert first.returncode == 0, first.stderr
    assert "demo_staff" in first.stdout
    again = _run(tmp_path, "seed-demo")
    assert "已存在" in again.stdout  # loaded once, not twice

    made = _run(tmp_path, "create-staff", "chen.jing", "--password", "a-long-password", "--role", "admin")
    assert made.returncode == 0, made.stderr
    assert "chen.jing" in made.stdout
    dup = _run(tmp_path, "create-staff", "chen.jing", "--password", "a-long-password")
    assert dup.returncode != 0 and "用户名已存在" in dup.stderr
    short = _run(tmp_path, "create-staff", "wu.lei", "--password", "short")
    assert short.returncode != 0 and "密码至少 8 位" in short.stderr


def _passwords(text: str) -> dict[str, str]:
    words = text.split()
    return {words[i + 1]: words[words.index("密码", i) + 1] for i, w in enumerate(words) if w == "用户名"}


def test_seed_prints_every_demo_credential_and_keeps_them_per_database(tmp_path):
    assert _run(tmp_path, "migrate").returncode == 0
    first = _run(tmp_path, "seed-demo")
    assert first.returncode == 0, first.stderr
    printed = _passwords(first.stdout)
    assert list(printed) == ["demo_staff", "demo_town_staff", "demo_staff2", "demo_admin"], first.stdout
    assert "dev-login" in first.stdout.splitlines()[-1]  # the mini-program side of the demo, last
    dev_file = tmp_path / "demo-credentials-shezutong-dev.txt"
    assert _passwords(dev_file.read_text(encoding="utf-8")) == printed
    # a second run creates nothing and prints the same credentials again; so does demo-credentials
    assert _passwords(_run(tmp_path, "seed-demo").stdout) == printed
    assert _passwords(_run(tmp_path, "demo-credentials").stdout) == printed
    # another database gets its own accounts and its own file; the first file is left as it was
    other = {"DATABASE_URL": f"sqlite://{tmp_path / 'other.sqlite3'}"}
    assert _run(tmp_path, "migrate", **other).returncode == 0
    second = _run(tmp_path, "seed-demo", **other)
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "demo-credentials-other.txt").exists()
    assert _passwords(dev_file.read_text(encoding="utf-8")) == printed != _passwords(second.stdout)


async def test_the_demo_admin_signs_in_with_a_password(app, client):
    from backend.models.user import User
    from backend.seed import DEMO_ADMIN, seed_demo

    lines = await seed_demo(var_dir=app.ctx.settings.var_dir)
    password = _passwords("\n".join(lines))[DEMO_ADMIN]
    assert (await User.get(username=DEMO_ADMIN)).role == "admin"
    resp = await client.post("/api/admin/v1/auth/login", json={"username": DEMO_ADMIN, "password": password})
    assert resp.status_code == 200, resp.text
    assert resp.json()["user"]["role"] == "admin"
