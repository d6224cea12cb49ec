"""Small assertions shared by the tests."""

from __future__ import annotations

import httpx


def assert_envelope(resp: httpx.Response, status: int, code: str | None = None) -> dict:
    """The response is an error envelope with this status (and code); returns the body."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) >= {"code", "message", "details"}, body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), body["message"]
    if code is not None:
        assert body["code"] == code, body
    return body
