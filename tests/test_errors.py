"""Every error class comes back in the one envelope, with the right status and Chinese text."""

from __future__ import annotations

import logging

from backend.models.user import User
from backend.services import users
from tests.helpers import assert_envelope


async def test_unknown_route_is_404(client):
    body = assert_envelope(await client.get("/api/mp/v1/no-such-thing"), 404, "not_found")
    assert body["request_id"]


async def test_malformed_json_is_400(client):
    resp = await client.post("/api/mp/v1/auth/dev-login", content=b"{not json",
                             headers={"content-type": "application/json"})
    assert_envelope(resp, 400, "malformed_json")


async def test_validation_is_422_naming_each_field(client):
    resp = await client.post("/api/mp/v1/auth/dev-login", json={"role": "emperor"})
    body = assert_envelope(resp, 422, "validation_failed")
    fields = {f["field"]: f["message"] for f in body["details"]["fields"]}
    assert fields["openid"] == "必填"
    assert "role" in fields and "resident" in fields["role"]


async def test_missing_token_is_401_and_wrong_role_is_403(client, login):
    assert_envelope(await client.get("/api/admin/v1/auth/me"), 401, "unauthorized")
    assert_envelope(await client.get("/api/admin/v1/auth/me", headers={"Authorization": "Bearer nope"}),
                    401, "token_invalid")
    resident = await login("resident")
    assert_envelope(await client.get("/api/admin/v1/auth/me", headers=resident), 403, "forbidden")


async def test_conflict_is_409(client, login):
    admin = await login("admin")
    payload = {"username": "wang.li", "password": "long-enough-1", "role": "staff"}
    assert (await client.post("/api/admin/v1/staff", json=payload, headers=admin)).status_code == 201
    assert_envelope(await client.post("/api/admin/v1/staff", json=payload, headers=admin), 409, "username_taken")


async def test_oversized_json_is_413_and_writes_nothing(client, login):
    admin = await login("admin")
    before = await User.all().count()
    payload = {"username": "bulky", "password": "long-enough-1", "real_name": "x" * (1024 * 1024 + 10)}
    body = assert_envelope(await client.post("/api/admin/v1/staff", json=payload, headers=admin), 413,
                           "payload_too_large")
    assert body["details"]["limit_bytes"] == 1024 * 1024
    assert await User.all().count() == before
    assert not await User.exists(username="bulky")


async def test_rate_limit_is_429(client):
    await users.create_staff(username="li.ming", password="correct-horse-1")
    for _ in range(5):
        resp = await client.post("/api/admin/v1/auth/login", json={"username": "li.ming", "password": "wrong"})
        assert_envelope(resp, 401, "bad_credentials")
    resp = await client.post("/api/admin/v1/auth/login", json={"username": "li.ming", "password": "correct-horse-1"})
    body = assert_envelope(resp, 429, "login_locked")
    assert "后再试" in body["message"] and body["details"]["retry_after"] > 0


async def test_crash_is_500_without_internals_and_logged_with_request_id(client, monkeypatch, caplog):
    async def explode(**_):
        raise RuntimeError("db password is hunter2")

    monkeypatch.setattr(users, "dev_login", explode)
    with caplog.at_level(logging.ERROR, logger="backend.errors"):
        resp = await client.post("/api/mp/v1/auth/dev-login", json={"openid": "o1", "role": "resident"})
    body = assert_envelope(resp, 500, "internal_error")
    assert "hunter2" not in resp.text and "RuntimeError" not in resp.text
    assert resp.headers["x-request-id"] == body["request_id"]
    assert any(body["request_id"] in r.getMessage() for r in caplog.records)


async def test_request_id_from_the_client_is_echoed(client):
    resp = await client.get("/api/mp/v1/nowhere", headers={"X-Request-ID": "3f2c1d9e-0000-4000-8000-000000000001"})
    assert resp.json()["request_id"] == "3f2c1d9e-0000-4000-8000-000000000001"


async def test_query_dates_and_times_are_iso_text_never_unix_timestamps(client, login):
    """pydantic would read `date_to=0` as 1970-01-01 and `until=-58800` as a Unix time: both are 422."""
    staff = await login("staff")
    for path, field in (("/api/admin/v1/activities?date_to=0", "date_to"),
                        ("/api/admin/v1/audit-log?until=-58800", "until"),
                        ("/api/admin/v1/audit-log?since=1.5", "since")):
        body = assert_envelope(await client.get(path, headers=staff), 422)
        assert body["details"]["fields"][0]["field"] == field, path
        assert "格式" in body["message"]
    resp = await client.get("/api/admin/v1/audit-log?since=2026-12-01T00:00:00%2B08:00&until=2026-12-03", headers=staff)
    assert resp.status_code == 200, resp.text
    assert (await client.get("/api/admin/v1/activities?date_to=2026-12-31", headers=staff)).status_code == 200
