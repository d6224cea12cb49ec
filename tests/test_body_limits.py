"""Every request body is bounded by its route's kind, whatever Content-Type the client claims."""

from __future__ import annotations

import time

from backend.body_limits import body_kind
from tests.helpers import assert_envelope

LOGIN = "/api/mp/v1/auth/login"
# The audit's payload: a 4.5 M-element JSON array (~9 MB), far past the JSON limit, under the upload one.
HUGE_ARRAY = b"[" + b"0," * 4_500_000 + b"0]"


async def test_big_text_plain_body_to_a_json_route_is_refused_unparsed(client):
    started = time.monotonic()
    resp = await client.post(LOGIN, content=HUGE_ARRAY, headers={"content-type": "text/plain"})
    elapsed = time.monotonic() - started
    body = assert_envelope(resp, 413, "payload_too_large")
    assert body["details"]["limit_bytes"] == 1024 * 1024  # the JSON route's limit, not the upload one
    assert elapsed < 2, f"took {elapsed:.1f}s: the body was parsed"


async def test_a_json_array_as_text_plain_under_the_limit_is_refused_unparsed(client):
    resp = await client.post(LOGIN, content=b"[" + b"0," * 400_000 + b"0]", headers={"content-type": "text/plain"})
    body = assert_envelope(resp, 415, "json_content_type_required")
    assert "application/json" in body["message"]


async def test_a_json_route_refuses_other_content_types_even_when_small(client):
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/octet-stream"):
        resp = await client.post(LOGIN, content=b'{"code": "abc"}', headers={"content-type": content_type})
        assert_envelope(resp, 415, "json_content_type_required")
    resp = await client.post(LOGIN, content=b'{"code": "abc"}')  # no Content-Type at all
    assert_envelope(resp, 415, "json_content_type_required")


async def test_json_accepts_charset_and_structured_suffix(client, fake_wechat):
    for i, content_type in enumerate(("application/json; charset=utf-8", "application/problem+json")):
        code = fake_wechat.state.issue_code(f"o-suffix-{i}")
        body = f'{{"code": "{code}"}}'.encode()
        resp = await client.post(LOGIN, content=body, headers={"content-type": content_type})
        assert resp.status_code == 200, resp.text


async def test_big_json_body_is_refused_by_its_declared_length(client):
    resp = await client.post(LOGIN, content=HUGE_ARRAY, headers={"content-type": "application/json"})
    body = assert_envelope(resp, 413, "payload_too_large")
    assert body["details"]["limit_bytes"] == 1024 * 1024


async def test_big_chunked_json_body_is_refused_too(client):
    async def chunks():
        for _ in range(90):
            yield b"0," * 50_000  # 100 KB each, no Content-Length: sent chunked

    resp = await client.post(LOGIN, content=chunks(), headers={"content-type": "application/json"})
    assert_envelope(resp, 413, "payload_too_large")


async def test_a_route_without_a_body_is_bounded_by_the_json_limit(client, login):
    resp = await client.post("/api/admin/v1/auth/logout", content=HUGE_ARRAY,
                             headers={**await login("staff"), "content-type": "application/octet-stream"})
    assert_envelope(resp, 413, "payload_too_large")


async def test_route_kinds_are_read_from_the_routes(app):
    kinds = {}
    for route in app.router.routes:
        for method in route.methods:
            kinds[(method, "/" + route.path)] = body_kind(route.handler)
    assert kinds[("POST", LOGIN)] == "json"
    assert kinds[("POST", "/api/admin/v1/auth/login")] == "json"
    assert kinds[("GET", "/healthz")] == "none"
    uploads = sorted(path for (_, path), kind in kinds.items() if kind == "upload")
    assert any("attachments" in p for p in uploads), uploads
    assert any("/bot/" in p for p in uploads), uploads  # the knowledge-base upload declares multipart too
