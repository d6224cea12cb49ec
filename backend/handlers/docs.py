"""The API contract: `/docs/openapi.json` (built by backend.contract) and a plain page that lists it.

The page is rendered here, with no script or font from a CDN, because staff PCs are often on an
intranet; code generators read the JSON document.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, html

from backend import contract
from backend.auth import public
from backend.responses import respond

bp = Blueprint("docs", url_prefix="/docs")


def document(app: Any) -> dict[str, Any]:
    """The document, built once per worker (routes do not change while it runs)."""
    cached = getattr(app.ctx, "openapi_document", None)
    if cached is None:
        cached = app.ctx.openapi_document = contract.build(app)
    return cached


@bp.get("/openapi.json")
@contract.exclude
@public
async def openapi_json(request: Request) -> HTTPResponse:
    return respond(document(request.app))


@bp.get("/")
@contract.exclude
@public
async def docs_page(request: Request) -> HTTPResponse:
    spec = document(request.app)
    groups: dict[str, list[str]] = {}
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            roles = "、".join(op.get("x-roles", []))
            groups.setdefault(op["tags"][0], []).append(
                f"<tr><td><code>{method.upper()}</code></td><td><code>{escape(path)}</code></td>"
                f"<td>{escape(op['summary'])}</td><td>{escape(roles)}</td></tr>")
    sections = "".join(
        f"<h2>{escape(tag)}</h2><table><tr><th>方法</th><th>路径</th><th>说明</th><th>角色</th></tr>{''.join(rows)}"
        "</table>" for tag, rows in sorted(groups.items()))
    page = (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>社组通 API</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}</style></head><body>"
        f"<h1>{escape(spec['info']['title'])}</h1><p>{escape(spec['info']['description'])}</p>"
        "<p>机器可读的接口文档：<a href='/docs/openapi.json'>/docs/openapi.json</a>（OpenAPI 3.1）</p>"
        f"{sections}</body></html>"
    )
    return html(page)
