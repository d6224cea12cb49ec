"""What a newcomer sees when the server starts: each log line once, a banner that names APP_ENV rather
than Sanic's "production", and API docs that load nothing from the internet."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import logging
from backend.app import create_app
app = create_app()
logging.getLogger("sanic.root").warning("sanic-line-once")
logging.getLogger("backend").warning("backend-line-once")
print("MODE=" + app.get_motd_data()[0]["mode"])
"""


def _start(tmp_path: Path, app_env: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(VAR_DIR=str(tmp_path), APP_ENV=app_env, LOG_LEVEL="INFO")
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return proc.stdout + proc.stderr


def test_each_log_line_is_printed_once(tmp_path):
    out = _start(tmp_path, "dev")
    assert out.count("sanic-line-once") == 1, out
    assert out.count("backend-line-once") == 1, out


def test_the_banner_names_the_environment_not_production(tmp_path):
    out = _start(tmp_path, "dev")
    assert "MODE=dev (APP_ENV)" in out and "production" not in out, out


async def test_the_docs_page_loads_nothing_from_outside(app, client):
    page = await client.get("/docs/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    html = page.text
    assert "/api/mp/v1/auth/login" in html and "/docs/openapi.json" in html
    # no script, style sheet, font or frame from another host (staff PCs are often on an intranet)
    assert re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I) == []
    assert re.findall(r"""@import|url\(\s*["']?(?:https?:)?//""", html, re.I) == []
    # sanic-ext's own UI pages (which load ReDoc and Swagger UI from a CDN) are not served
    for path in ("/docs/redoc", "/docs/swagger"):
        assert (await client.get(path)).status_code == 404, path
