"""The built staff console is served at /console/: files, SPA fallback, cache rules, no traversal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backend.auth import PUBLIC, allowed_roles

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def bundle(app, tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><div id=app></div>", encoding="utf-8")
    (tmp_path / "assets" / "index-AbC123.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("nope", encoding="utf-8")
    monkeypatch.setattr(app.ctx.console, "root", tmp_path)
    return tmp_path


async def test_index_and_client_routes_get_index_html_revalidated(client, bundle):
    for path in ("/console/", "/console", "/console/orgs/12", "/console/login"):
        resp = await client.get(path)
        assert resp.status_code == 200, path
        assert resp.headers["content-type"].startswith("text/html")
        assert resp.headers["cache-control"] == "no-cache"
        assert "<div id=app>" in resp.text


async def test_hashed_assets_are_cached_for_a_year(client, bundle):
    resp = await client.get("/console/assets/index-AbC123.js")
    assert resp.status_code == 200
    assert "javascript" in resp.headers["content-type"]
    assert resp.headers["cache-control"] == "public, max-age=31536000, immutable"
    other = await client.get("/console/favicon.svg")
    assert other.status_code == 200 and other.headers["cache-control"] == "no-cache"


async def test_missing_files_are_404_envelopes_not_the_app(client, bundle):
    for path in ("/console/assets/gone-123.js", "/console/robots.txt"):
        resp = await client.get(path)
        assert resp.status_code == 404, path
        assert resp.json()["code"] == "not_found"


async def test_paths_outside_the_bundle_are_refused(client, bundle):
    resp = await client.get("/console/%2e%2e/secret.txt")
    assert resp.status_code == 404
    assert "nope" not in resp.text


async def test_unbuilt_console_says_how_to_build(client, app, tmp_path, monkeypatch):
    monkeypatch.setattr(app.ctx.console, "root", tmp_path / "missing")
    resp = await client.get("/console/")
    assert resp.status_code == 503
    assert "make console" in resp.text


async def test_console_routes_are_declared_public(app):
    routes = [r for r in app.router.routes if r.path.startswith("console") and "GET" in r.methods]
    assert routes and all(allowed_roles(r.handler) == frozenset({PUBLIC}) for r in routes)


async def test_offline_openapi_command_prints_the_served_document(client):
    served = (await client.get("/docs/openapi.json")).json()
    out = subprocess.run([sys.executable, "-m", "backend", "openapi"], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120)
    assert json.loads(out.stdout) == served
