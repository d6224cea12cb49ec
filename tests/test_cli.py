"""Operator commands: `python -m backend migrate | seed-demo | create-staff`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(VAR_DIR=str(tmp_path), APP_ENV="dev", LOG_LEVEL="WARNING")
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
