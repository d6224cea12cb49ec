"""`arq backend.jobs.worker.WorkerSettings` (README, deploy/) starts on a real Redis and refuses the
embedded defaults with one clear line instead of a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backend.jobs import worker

ROOT = Path(__file__).resolve().parents[2]


def test_without_redis_url_the_worker_exits_with_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update(APP_ENV="dev", VAR_DIR=str(tmp_path))
    arq = Path(sys.executable).with_name("arq")
    for command in ([str(arq), "backend.jobs.worker.WorkerSettings"], [sys.executable, "-m", "backend.jobs.worker"]):
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode != 0, command
        assert "REDIS_URL" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "shezutong-dev.sqlite3").exists()  # it stopped before touching any database


def test_with_redis_url_the_settings_carry_that_redis_and_every_job(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/9")
    settings = worker.WorkerSettings
    assert settings.redis_settings.database == 9
    names = {getattr(f, "name", None) for f in settings.functions} | {c.name for c in settings.cron_jobs}
    assert {"fan_out_notice", "send_delivery_batch", "cron:maintain_notices", "cron:notice_reminders"} <= names
    assert settings.on_startup is worker.startup and settings.max_jobs == 20


def test_importing_the_module_needs_no_redis(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert callable(worker.fan_out_notice)
    with pytest.raises(SystemExit, match="REDIS_URL"):
        worker.WorkerSettings  # noqa: B018
