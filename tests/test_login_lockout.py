"""Staff sign-in back-off cannot be used to lock staff out (services/login_guard.py)."""

from __future__ import annotations

import pytest

from backend.errors import BadCredentials, LoginAddressBlocked, LoginLocked
from backend.models.audit import AuditLog
from backend.models.user import Role, User
from backend.services import login_guard, users
from backend.services.login_guard import LoginPolicy, backoff_seconds
from tests.helpers import assert_envelope

LOGIN = "/api/admin/v1/auth/login"
POLICY = LoginPolicy(free_failures=5, window_seconds=900, backoff_seconds=30, backoff_max_seconds=900,
                     address_max_failures=20)
PASSWORD = "correct-horse-1"


async def _try(app, username: str, password: str, ip: str) -> User:
    return await users.staff_login(redis=app.ctx.redis, username=username, password=password, client_ip=ip,
                                   policy=POLICY)


async def _fail(app, username: str, ip: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises((BadCredentials, LoginLocked)):
            await _try(app, username, "wrong", ip)


def test_backoff_doubles_from_the_free_failures_up_to_the_cap():
    waits = [backoff_seconds(POLICY, n) for n in range(1, 12)]
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]


async def test_an_attacker_cannot_lock_the_account_for_other_addresses(app):
    await users.create_staff(username="li.ming", password=PASSWORD)
    await _fail(app, "li.ming", "203.0.113.9", 12)  # the attacker's address now waits
    with pytest.raises(LoginLocked) as refused:
        await _try(app, "li.ming", PASSWORD, "203.0.113.9")
    assert 0 < refused.value.details["retry_after"] <= 900
    # The real user, from an address that has not failed, signs in at once.
    assert (await _try(app, "li.ming", PASSWORD, "198.51.100.7")).username == "li.ming"


async def test_one_address_guessing_many_accounts_does_not_lock_them_for_others(app):
    for name in ("wang.fang", "zhao.min"):
        await users.create_staff(username=name, password=PASSWORD)
    await _fail(app, "wang.fang", "203.0.113.9", 6)
    await _fail(app, "zhao.min", "203.0.113.9", 6)
    for name in ("wang.fang", "zhao.min"):
        assert (await _try(app, name, PASSWORD, "198.51.100.7")).username == name


async def test_a_few_typos_never_lock_and_a_success_forgets_them(app):
    await users.create_staff(username="li.ming", password=PASSWORD)
    await _fail(app, "li.ming", "198.51.100.7", 4)
    assert await _try(app, "li.ming", PASSWORD, "198.51.100.7")
    await _fail(app, "li.ming", "198.51.100.7", 4)  # counted afresh: still under the free failures
    assert await _try(app, "li.ming", PASSWORD, "198.51.100.7")


async def test_an_address_with_very_many_failures_reaches_its_ceiling(app):
    await users.create_staff(username="li.ming", password=PASSWORD)
    for i in range(POLICY.address_max_failures):
        with pytest.raises(BadCredentials):
            await _try(app, f"guess-{i}", "wrong", "203.0.113.9")
    with pytest.raises(LoginAddressBlocked):
        await _try(app, "li.ming", PASSWORD, "203.0.113.9")
    assert await _try(app, "li.ming", PASSWORD, "198.51.100.7")


async def test_locked_answer_over_http_names_the_wait(client):
    await users.create_staff(username="li.ming", password=PASSWORD)
    for _ in range(5):
        assert_envelope(await client.post(LOGIN, json={"username": "li.ming", "password": "wrong"}), 401,
                        "bad_credentials")
    body = assert_envelope(await client.post(LOGIN, json={"username": "li.ming", "password": PASSWORD}), 429,
                           "login_locked")
    assert "30 秒" in body["message"] and body["details"]["retry_after"] > 0


async def test_admin_unlocks_an_account_and_it_is_audited(app, client, login):
    staff = await users.create_staff(username="li.ming", password=PASSWORD)
    await _fail(app, "li.ming", "203.0.113.9", 7)
    await _fail(app, "li.ming", "198.51.100.7", 5)
    admin = await login("admin")
    resp = await client.post(f"/api/admin/v1/staff/{staff.id}/unlock-login", headers=admin)
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"ok": True, "cleared_addresses": 2}
    assert await _try(app, "li.ming", PASSWORD, "203.0.113.9")
    row = await AuditLog.get(action="staff.login_unlock")
    assert row.object_id == str(staff.id) and row.before == {"waiting_addresses": 2}
    assert row.actor_role == "admin"


async def test_unlock_refused_for_staff_residents_and_unknown_accounts(app, client, login):
    staff = await users.create_staff(username="li.ming", password=PASSWORD)
    await _fail(app, "li.ming", "203.0.113.9", 6)
    url = f"/api/admin/v1/staff/{staff.id}/unlock-login"
    assert_envelope(await client.post(url), 401)
    assert_envelope(await client.post(url, headers=await login("staff")), 403)
    assert_envelope(await client.post(url, headers=await login("leader")), 403)
    with pytest.raises(LoginLocked):  # nothing was cleared by the refused calls
        await _try(app, "li.ming", PASSWORD, "203.0.113.9")
    resident = await User.create(openid="o-someone", role=Role.resident)
    assert_envelope(await client.post(f"/api/admin/v1/staff/{resident.id}/unlock-login",
                                      headers=await login("admin")), 404, "staff_not_found")
    assert not await AuditLog.exists(action="staff.login_unlock")


async def test_clear_account_leaves_other_accounts_waiting(app):
    await users.create_staff(username="li.ming", password=PASSWORD)
    await users.create_staff(username="wang.fang", password=PASSWORD)
    await _fail(app, "li.ming", "203.0.113.9", 6)
    await _fail(app, "wang.fang", "203.0.113.9", 6)
    assert await login_guard.clear_account(redis=app.ctx.redis, username="li.ming") == 1
    assert await _try(app, "li.ming", PASSWORD, "203.0.113.9")
    with pytest.raises(LoginLocked):
        await _try(app, "wang.fang", PASSWORD, "203.0.113.9")
