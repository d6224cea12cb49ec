"""Every route declares who may call it, and the OpenAPI document shows it."""

from __future__ import annotations

import re

from backend import contract
from backend.auth import PUBLIC, allowed_roles


def _app_routes(app):
    for route in app.router.routes:
        handler = route.handler
        if ".openapi." in route.name:
            continue  # the docs pages themselves
        if route.methods <= {"HEAD", "OPTIONS"}:
            continue  # derived automatically from the GET/other handlers of the same path
        yield route, handler


async def test_every_route_declares_its_allowed_roles(app):
    undeclared = [r.path for r, h in _app_routes(app) if not allowed_roles(h)]
    assert undeclared == [], f"routes without allow()/public: {undeclared}"
    # The walk must reach every module's routes, not silently skip some: one known route per area.
    walked = {r.path.lstrip("/") for r, _ in _app_routes(app)}
    for expected in ("api/mp/v1/auth/login", "api/mp/v1/activities", "api/mp/v1/bot/ask", "api/admin/v1/auth/login",
                     "api/mp/v1/inbox", "api/admin/v1/notices", "healthz"):
        assert expected in walked or any(p.startswith(expected) for p in walked), f"{expected} not walked"


async def test_openapi_lists_every_route_with_auth_and_schemas(app, client):
    resp = await client.get("/docs/openapi.json")
    assert resp.status_code == 200
    spec = resp.json()
    paths = spec["paths"]
    for route, handler in _app_routes(app):
        if contract._declared(handler, "__openapi_exclude__"):  # the docs and the console's files are not API
            continue
        path = "/" + route.path.rstrip("/") if not route.path.startswith("/") else route.path.rstrip("/")
        path = re.sub(r"<(\w+)(?::[^>]*)?>", r"{\1}", path)  # every <name:type> segment, not just the first
        assert path in paths, f"{path} missing from /docs"
        for method in route.methods:
            if method in ("HEAD", "OPTIONS"):
                continue
            op = paths[path][method.lower()]
            roles = allowed_roles(handler)
            assert "允许调用" in op.get("description", "")
            if PUBLIC in roles:
                assert not op.get("security")
            else:
                assert op["security"] == [{"token": []}]
    login = paths["/api/mp/v1/auth/login"]["post"]
    assert "code" in str(login["requestBody"]) or "WxLogin" in str(login["requestBody"])
    assert spec["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


async def test_docs_page_is_served(client):
    resp = await client.get("/docs")
    assert resp.status_code == 200
    assert "text/html" in resp.headers["content-type"]
