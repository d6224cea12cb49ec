"""Mini-program login through the fake WeChat server, tokens, logout, staff login."""

from __future__ import annotations

import logging

from backend.models.user import Role, User
from backend.services import users
from tests.helpers import assert_envelope


async def test_login_creates_user_and_returns_our_token(client, fake_wechat):
    code = fake_wechat.state.issue_code("o-resident-1", unionid="u-1", session_key="SK-very-secret-1")
    resp = await client.post("/api/mp/v1/auth/login", json={"code": code})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["token"] and body["user"]["role"] == "resident"
    assert "SK-very-secret-1" not in resp.text and "session_key" not in resp.text
    user = await User.get(openid="o-resident-1")
    assert user.unionid == "u-1"
    me = await client.get("/api/mp/v1/auth/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.json()["id"] == user.id


async def test_second_login_finds_the_same_user(client, fake_wechat):
    for _ in range(2):
        code = fake_wechat.state.issue_code("o-same")
        assert (await client.post("/api/mp/v1/auth/login", json={"code": code})).status_code == 200
    assert await User.filter(openid="o-same").count() == 1


async def test_reused_and_unknown_codes_get_401_in_chinese(client, fake_wechat):
    code = fake_wechat.state.issue_code("o-reuse")
    assert (await client.post("/api/mp/v1/auth/login", json={"code": code})).status_code == 200
    body = assert_envelope(await client.post("/api/mp/v1/auth/login", json={"code": code}), 401,
                           "wechat_code_invalid")
    assert "重新登录" in body["message"]
    assert_envelope(await client.post("/api/mp/v1/auth/login", json={"code": "never-issued"}), 401,
                    "wechat_code_invalid")


async def test_session_key_never_appears_in_logs(client, fake_wechat, caplog):
    secret = "SK-must-not-leak-42"
    with caplog.at_level(logging.DEBUG):
        code = fake_wechat.state.issue_code("o-logs", session_key=secret)
        resp = await client.post("/api/mp/v1/auth/login", json={"code": code})
        await client.post("/api/mp/v1/auth/login", json={"code": code})  # the failing path logs too
    assert resp.status_code == 200
    assert caplog.records, "the flow should have logged something at DEBUG"
    assert all(secret not in r.getMessage() and secret not in str(r.args) for r in caplog.records)
    assert secret not in caplog.text


async def test_logout_revokes_the_token(client, fake_wechat):
    code = fake_wechat.state.issue_code("o-logout")
    token = (await client.post("/api/mp/v1/auth/login", json={"code": code})).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert (await client.post("/api/mp/v1/auth/logout", headers=headers)).status_code == 200
    body = assert_envelope(await client.get("/api/mp/v1/auth/me", headers=headers), 401, "token_logged_out")
    assert body["message"] == "已退出登录，请重新登录"
    # a token that never existed (or expired) still reads as a lapsed session, not a logout
    other = assert_envelope(await client.get("/api/mp/v1/auth/me", headers={"Authorization": "Bearer nope"}), 401,
                            "token_invalid")
    assert other["message"] != body["message"]


async def test_token_expires_in_redis(client, app, fake_wechat):
    code = fake_wechat.state.issue_code("o-ttl")
    await client.post("/api/mp/v1/auth/login", json={"code": code})
    keys = [k async for k in app.ctx.redis.scan_iter("auth:tok:*")]
    assert len(keys) == 1
    ttl = await app.ctx.redis.ttl(keys[0])
    assert 0 < ttl <= app.ctx.settings.token_ttl_seconds


async def test_dev_login_acts_as_any_role(client, login):
    headers = await login("staff", scope_region_id=1)
    me = (await client.get("/api/admin/v1/auth/me", headers=headers)).json()
    assert me["role"] == "staff" and me["scope_region_id"] == 1


async def test_staff_login_with_password(client):
    await users.create_staff(username="zhao.min", password="s3cure-pass!", role=Role.admin)
    resp = await client.post("/api/admin/v1/auth/login", json={"username": "zhao.min", "password": "s3cure-pass!"})
    assert resp.status_code == 200, resp.text
    user = await User.get(username="zhao.min")
    assert user.password_hash.startswith("$argon2id$")
    token = resp.json()["token"]
    me = await client.get("/api/admin/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["username"] == "zhao.min"


async def test_staff_login_refuses_wechat_users_and_wrong_passwords(client, login):
    await login("resident", openid="o-no-password")
    assert_envelope(await client.post("/api/admin/v1/auth/login", json={"username": "o-no-password", "password": "x"}),
                    401, "bad_credentials")


async def test_only_admins_create_staff(client, login):
    payload = {"username": "new.staff", "password": "long-enough-1", "scope_region_id": 1}
    assert_envelope(await client.post("/api/admin/v1/staff", json=payload, headers=await login("staff")), 403)
    resp = await client.post("/api/admin/v1/staff", json=payload, headers=await login("admin"))
    assert resp.status_code == 201 and resp.json()["scope_region_id"] == 1


async def test_staff_scope_must_be_a_town(client, login):
    payload = {"username": "bad.scope", "password": "long-enough-1", "scope_region_id": 2}  # 2 is a community
    body = assert_envelope(await client.post("/api/admin/v1/staff", json=payload, headers=await login("admin")), 422)
    assert body["details"]["fields"][0]["field"] == "scope_region_id"


async def test_dev_login_never_changes_an_existing_users_role(client, login):
    await login("leader", openid="o-leader")
    resp = await client.post("/api/mp/v1/auth/dev-login", json={"openid": "o-leader", "role": "resident"})
    assert_envelope(resp, 409, "dev_login_role_mismatch")
    assert (await User.get(openid="o-leader")).role == Role.leader
    # Same role, or no role at all: the existing user signs in unchanged.
    for payload in ({"openid": "o-leader", "role": "leader"}, {"openid": "o-leader"}):
        resp = await client.post("/api/mp/v1/auth/dev-login", json=payload)
        assert resp.status_code == 200, resp.text
        assert resp.json()["user"]["role"] == "leader"


async def test_dev_login_refuses_admin(client):
    resp = await client.post("/api/mp/v1/auth/dev-login", json={"openid": "o-would-be-admin", "role": "admin"})
    assert_envelope(resp, 422, "validation_failed")
    assert not await User.exists(openid="o-would-be-admin")
