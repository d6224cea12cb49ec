"""The deployment files hang together: compose services, image, prestart order, nginx, systemd."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SERVICES = ("app", "worker", "postgres", "redis", "nginx")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per logical line, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    lines = [line.strip() for line in joined.splitlines()]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
            for line in lines if line and not line.startswith("#")]


def test_every_service_exists_and_has_a_healthcheck(compose):
    services = compose["services"]
    assert set(SERVICES) <= set(services)
    for name in SERVICES:
        test = services[name].get("healthcheck", {}).get("test")
        assert test, f"{name} has no healthcheck"


def test_app_waits_for_healthy_postgres_and_redis(compose):
    depends = compose["services"]["app"]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"


def test_app_and_worker_share_the_image_built_from_the_repo_root(compose):
    app, worker = compose["services"]["app"], compose["services"]["worker"]
    assert app["build"]["dockerfile"] == "deploy/Dockerfile"
    assert (DEPLOY / app["build"]["context"]).resolve() == ROOT
    assert worker["image"] == app["image"]
    assert worker["command"] == ["arq", "backend.jobs.worker.WorkerSettings"]
    env_files = [e["path"] if isinstance(e, dict) else e for e in app["env_file"]]
    assert ".env.example" in env_files


def test_only_nginx_publishes_ports(compose):
    published = {name for name, svc in compose["services"].items() if svc.get("ports")}
    assert published == {"nginx"}
    assert {"80:80", "443:443"} <= set(compose["services"]["nginx"]["ports"])
    mounts = compose["services"]["nginx"]["volumes"]
    assert any(m.startswith("./nginx/shezutong.conf:") for m in mounts)


def test_dockerfile_is_multi_stage_and_runs_unprivileged():
    instructions = _instructions((DEPLOY / "Dockerfile").read_text(encoding="utf-8"))
    assert sum(1 for op, _ in instructions if op == "FROM") >= 2
    users = [args for op, args in instructions if op == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert ("EXPOSE", "8000") in instructions
    assert any(op == "HEALTHCHECK" and "/healthz" in args for op, args in instructions)
    assert instructions[-1] == ("CMD", '["deploy/prestart.sh"]')
    assert any(op == "RUN" and "pip install ." in args for op, args in instructions)


def test_dockerfile_copies_paths_that_exist():
    for op, args in _instructions((DEPLOY / "Dockerfile").read_text(encoding="utf-8")):
        if op == "COPY" and "--from=" not in args:
            *sources, _dest = args.split()
            for source in sources:
                assert (ROOT / source).exists(), f"COPY {source}: no such path in the repository"


def test_prestart_is_executable_and_migrates_before_serving():
    script = DEPLOY / "prestart.sh"
    assert os.access(script, os.X_OK)
    lines = script.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#!") and "bash" in lines[0]
    assert "set -euo pipefail" in lines
    code = [(i, line) for i, line in enumerate(lines) if not line.lstrip().startswith("#")]

    def first(pattern: str) -> int:
        return next(i for i, line in code if re.search(pattern, line))

    wait = first(r"python -m backend wait-db")
    migrate = first(r"python -m backend migrate")
    serve = first(r"\bsanic\b")
    assert wait < migrate < serve
    assert lines[serve].lstrip().startswith("exec sanic backend.app:create_app --factory")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
def test_prestart_is_valid_bash():
    subprocess.run(["bash", "-n", str(DEPLOY / "prestart.sh")], check=True)


def test_nginx_limits_bodies_and_forwards_client_headers():
    conf = (DEPLOY / "nginx" / "shezutong.conf").read_text(encoding="utf-8")
    assert re.search(r"^\s*client_max_body_size\s+20m;", conf, re.M)
    for header in ("Host", "X-Real-IP", "X-Forwarded-For", "X-Forwarded-Proto", "X-Request-ID"):
        assert re.search(rf"^\s*proxy_set_header\s+{header}\s", conf, re.M), header
    assert "server app:8000;" in conf
    assert re.search(r"listen 443 ssl;", conf) and "return 301 https://" in conf
    assert "/nginx-health" in conf  # what the compose healthcheck asks for


def test_env_example_lists_the_settings():
    lines = (DEPLOY / ".env.example").read_text(encoding="utf-8").splitlines()
    keys = {line.split("=", 1)[0] for line in lines if line and not line.startswith("#")}
    assert {"APP_ENV", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DATA_ENCRYPTION_KEY", "WECHAT_APP_ID",
            "WECHAT_APP_SECRET", "WECHAT_API_BASE", "WECHAT_OA_TOKEN", "WECHAT_OA_AES_KEY",
            "WECHAT_OA_APP_ID", "WEB_WORKERS"} <= keys


@pytest.mark.parametrize("unit", ["shezutong-web.service", "shezutong-worker.service"])
def test_systemd_units_run_unprivileged_and_hardened(unit):
    text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
    settings = dict(re.findall(r"^(\w+)=(.*)$", text, re.M))
    assert settings["User"] == "shezutong"
    assert settings["EnvironmentFile"] == "/etc/shezutong/env"
    assert settings["Restart"] == "on-failure"
    assert settings["NoNewPrivileges"] == "yes" and settings["ProtectSystem"] == "strict"
    assert settings["ReadWritePaths"].endswith("/var")


def test_web_unit_migrates_before_it_starts():
    text = (DEPLOY / "systemd" / "shezutong-web.service").read_text(encoding="utf-8")
    pre = re.findall(r"^ExecStartPre=(.*)$", text, re.M)
    assert any(cmd.endswith("-m backend migrate") for cmd in pre)
    assert re.search(r"^ExecStart=.*sanic backend\.app:create_app --factory", text, re.M)
