"""The staff web console (`console/`, a Vite build) served at /console/ by the API itself.

Hashed files under assets/ never change, so browsers keep them a year; index.html names the current
hashes, so it is revalidated on every load. Any other path is a client-side route of the single-page
app and gets index.html. nginx in deploy/ serves the same files with the same rules.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sanic import Blueprint, Request, Sanic
from sanic.response import HTTPResponse, file, html
from sanic_ext import openapi

from backend import contract
from backend.auth import public
from backend.errors import NotFoundError

DIST = Path(__file__).resolve().parent.parent / "console" / "dist"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
NOT_BUILT = ("<!doctype html><meta charset=utf-8><title>社组通工作台</title>"
             "<p>工作台尚未构建。请在项目目录运行 <code>make console</code>（需要 Node.js 20.19+），"
             "或直接运行 <code>make run</code>。</p>")

bp = Blueprint("console", url_prefix="/console")


@dataclass(slots=True)
class ConsoleBundle:
    """Where the built console lives (kept on app.ctx; tests point it at a folder of their own)."""

    root: Path


def setup_console(app: Sanic, root: Path = DIST) -> None:
    app.ctx.console = ConsoleBundle(root.resolve())
    app.ext.add_dependency(ConsoleBundle, _bundle_of)
    app.blueprint(bp)


def _bundle_of(request: Request) -> ConsoleBundle:
    return request.app.ctx.console


@bp.get("/")
@openapi.summary("工作人员工作台（网页）")
@contract.exclude
@public
async def console_index(request: Request, bundle: ConsoleBundle) -> HTTPResponse:
    return await _index(bundle)


@bp.get("/<path:path>")
@openapi.summary("工作台静态文件；其他路径返回 index.html（前端路由）")
@contract.exclude
@public
async def console_file(request: Request, path: str, bundle: ConsoleBundle) -> HTTPResponse:
    target = (bundle.root / path).resolve()
    if not target.is_relative_to(bundle.root):
        raise NotFoundError()
    if target.is_file() and target.name != "index.html":
        cache = IMMUTABLE if target.parent == bundle.root / "assets" else REVALIDATE
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return await file(target, mime_type=mime, headers={"cache-control": cache})
    if path.startswith("assets/") or "." in path.rsplit("/", 1)[-1]:
        raise NotFoundError()  # a missing file, not a client route: a 404 the browser reports
    return await _index(bundle)


async def _index(bundle: ConsoleBundle) -> HTTPResponse:
    index = bundle.root / "index.html"
    if not index.is_file():
        return html(NOT_BUILT, status=503, headers={"cache-control": REVALIDATE})
    return await file(index, mime_type="text/html; charset=utf-8", headers={"cache-control": REVALIDATE})
