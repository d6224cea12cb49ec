"""A route whose body has no required field takes an empty body as `{}`; one that needs fields says so."""

from __future__ import annotations

import re

from backend import contract
from backend.validation import accepts_no_fields
from tests.helpers import assert_envelope

BODY_REFUSALS = {"malformed_json", "json_body_required", "json_content_type_required", "validation_failed"}
EMPTY_BODIES = ({}, {"Content-Type": "application/json"}, {"Content-Type": "application/json; charset=utf-8"})


async def _spec(client):
    resp = await client.get("/docs/openapi.json")
    assert resp.status_code == 200
    return resp.json()


def _codes(op: dict, status: int) -> set[str]:
    response = op["responses"].get(str(status))
    if response is None:
        return set()
    return set(response["content"]["application/json"]["schema"]["allOf"][1]["properties"]["code"]["enum"])


def _url(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def _body_ops(spec):
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            if "requestBody" in op and "application/json" in op["requestBody"]["content"]:
                yield path, method, op


async def test_optional_bodies_are_the_routes_whose_model_accepts_no_fields(app, client):
    spec = await _spec(client)
    documented = {(p, m) for p, m, op in _body_ops(spec) if op["requestBody"]["required"] is False}
    expected = set()
    for route in app.router.routes:
        model = contract._declared(route.handler, "__body_model__")
        if model is not None and accepts_no_fields(model):
            path = contract._openapi_path(route.path)[0]
            expected |= {(path, m.lower()) for m in route.methods - {"HEAD", "OPTIONS"}}
    assert documented == expected
    assert {("/api/admin/v1/notices/{notice_id}/approve", "post"),
            ("/api/admin/v1/grants/applications/{application_id}/close", "post")} <= documented


async def test_every_optional_body_route_reads_an_empty_body_as_no_fields(client, login):
    """No bytes, with or without a JSON content type, get the answer `{}` gets (ids 1: mostly not found)."""
    spec = await _spec(client)
    checked = 0
    for path, method, op in _body_ops(spec):
        if op["requestBody"]["required"] is not False:
            continue
        role = "admin" if "admin" in op["x-roles"] else op["x-roles"][0]
        headers = await login(role)
        for extra in EMPTY_BODIES:
            resp = await client.request(method.upper(), _url(path), content=b"", headers={**headers, **extra})
            name = f"{method.upper()} {path} {extra}"
            assert resp.status_code < 500, f"{name}: {resp.text}"
            code = resp.json().get("code") if resp.status_code >= 400 else None
            assert code not in BODY_REFUSALS - {"validation_failed"}, f"{name}: {resp.text}"
            same = await client.request(method.upper(), _url(path), json={}, headers=headers)
            assert (resp.status_code, code) == (same.status_code, same.json().get("code") if same.status_code >= 400
                                                else None), f"{name}: {resp.text} / {same.text}"
            checked += 1
    assert checked >= 3 * 10


async def test_a_route_that_needs_fields_refuses_an_empty_body_in_chinese(client, login):
    spec = await _spec(client)
    checked = 0
    for path, method, op in _body_ops(spec):
        if op["requestBody"]["required"] is not True or "admin" not in op["x-roles"]:
            continue
        assert "json_body_required" in _codes(op, 400), path
        headers = await login("admin")
        for extra in EMPTY_BODIES:
            resp = await client.request(method.upper(), _url(path), content=b"", headers={**headers, **extra})
            body = assert_envelope(resp, 400, "json_body_required")
            assert "请求体不能为空" in body["message"]
            checked += 1
    assert checked > 0

