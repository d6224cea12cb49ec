"""Admins manage staff accounts over HTTP; a staff member changes their own password."""

from __future__ import annotations

from backend.models.audit import AuditLog
from backend.models.user import Role, User
from backend.services import users
from tests.factories import auth_headers, make_user, town
from tests.helpers import assert_envelope

LOGIN = "/api/admin/v1/auth/login"


async def _staff(username: str = "li.hua", password: str = "old-password-1", **kw) -> User:
    return await users.create_staff(username=username, password=password, **kw)


async def _admin(app) -> tuple[User, dict[str, str]]:
    admin = await make_user(Role.admin)
    return admin, await auth_headers(app.ctx.redis, admin)


async def test_admin_lists_staff_accounts_and_staff_are_refused(app, client):
    _, admin = await _admin(app)
    staff = await _staff()
    await make_user(Role.resident)
    resp = await client.get("/api/admin/v1/staff/", params={"q": "li."}, headers=admin)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total"] == 1 and body["items"][0]["id"] == staff.id and body["items"][0]["active"] is True
    everyone = (await client.get("/api/admin/v1/staff/", headers=admin)).json()
    assert all(i["role"] in ("staff", "admin") for i in everyone["items"]) and everyone["total"] == 2
    staff_headers = await auth_headers(app.ctx.redis, staff)
    assert_envelope(await client.get("/api/admin/v1/staff/", headers=staff_headers), 403, "forbidden")


async def test_admin_changes_scope_audited_and_staff_refused(app, client):
    _, admin = await _admin(app)
    staff = await _staff()
    first, second = await town(0), await town(1)
    resp = await client.put(f"/api/admin/v1/staff/{staff.id}/scope", json={"scope_region_id": second.id},
                            headers=admin)
    assert resp.status_code == 200 and resp.json()["scope_region_id"] == second.id
    headers = await auth_headers(app.ctx.redis, staff)
    me = await client.get("/api/admin/v1/auth/me", headers=headers)
    assert me.json()["scope_region_id"] == second.id
    assert (await client.put(f"/api/admin/v1/staff/{staff.id}/scope", json={"scope_region_id": None},
                             headers=admin)).json()["scope_region_id"] is None
    row = await AuditLog.filter(action="staff.scope_change").order_by("id").first()
    assert row and row.before["scope_region_id"] is None and row.after["scope_region_id"] == second.id
    assert_envelope(await client.put(f"/api/admin/v1/staff/{staff.id}/scope", json={"scope_region_id": first.id},
                                     headers=headers), 403)
    resident = await make_user()
    assert_envelope(await client.put(f"/api/admin/v1/staff/{resident.id}/scope", json={"scope_region_id": None},
                                     headers=admin), 404, "staff_not_found")
    body = assert_envelope(await client.put(f"/api/admin/v1/staff/{staff.id}/scope", json={"scope_region_id": 2},
                                            headers=admin), 422)  # 2 is a community, not a town
    assert body["details"]["fields"][0]["field"] == "scope_region_id"
    assert (await User.get(id=staff.id)).scope_region_id is None


async def test_reset_password_temporary_or_chosen_and_old_tokens_end(app, client):
    _, admin = await _admin(app)
    staff = await _staff()
    old_token = await auth_headers(app.ctx.redis, staff)
    resp = await client.post(f"/api/admin/v1/staff/{staff.id}/reset-password", json={}, headers=admin)
    assert resp.status_code == 200, resp.text
    temporary = resp.json()["temporary_password"]
    assert temporary and len(temporary) >= 8
    assert_envelope(await client.get("/api/admin/v1/auth/me", headers=old_token), 401)
    assert_envelope(await client.post(LOGIN, json={"username": "li.hua", "password": "old-password-1"}), 401)
    assert (await client.post(LOGIN, json={"username": "li.hua", "password": temporary})).status_code == 200
    chosen = await client.post(f"/api/admin/v1/staff/{staff.id}/reset-password",
                               json={"password": "chosen-pass-9"}, headers=admin)
    assert chosen.json()["temporary_password"] is None
    assert (await client.post(LOGIN, json={"username": "li.hua", "password": "chosen-pass-9"})).status_code == 200
    assert temporary not in str([r.after for r in await AuditLog.filter(action="staff.password_reset")])
    assert_envelope(await client.post(f"/api/admin/v1/staff/{staff.id}/reset-password", json={"password": "short"},
                                      headers=admin), 422)
    staff_headers = await auth_headers(app.ctx.redis, staff)
    assert_envelope(await client.post(f"/api/admin/v1/staff/{staff.id}/reset-password", json={},
                                      headers=staff_headers), 403)


async def test_disabled_account_cannot_sign_in_and_its_tokens_stop(app, client):
    admin_user, admin = await _admin(app)
    staff = await _staff()
    token = await auth_headers(app.ctx.redis, staff)
    resp = await client.post(f"/api/admin/v1/staff/{staff.id}/disable", headers=admin)
    assert resp.status_code == 200 and resp.json()["active"] is False
    assert_envelope(await client.get("/api/admin/v1/auth/me", headers=token), 401, "token_invalid")
    assert_envelope(await client.post(LOGIN, json={"username": "li.hua", "password": "old-password-1"}), 401,
                    "bad_credentials")
    assert await AuditLog.filter(action="staff.disable", object_id=str(staff.id)).count() == 1
    assert_envelope(await client.post(f"/api/admin/v1/staff/{admin_user.id}/disable", headers=admin), 409,
                    "staff_self_disable")
    other = await _staff("wang.wu")
    assert_envelope(await client.post(f"/api/admin/v1/staff/{other.id}/disable",
                                      headers=await auth_headers(app.ctx.redis, other)), 403)
    assert (await User.get(id=other.id)).active is True
    assert (await client.post(f"/api/admin/v1/staff/{staff.id}/enable", headers=admin)).json()["active"] is True
    assert (await client.post(LOGIN, json={"username": "li.hua", "password": "old-password-1"})).status_code == 200


async def test_staff_changes_own_password_with_the_old_one(app, client):
    staff = await _staff()
    headers = await auth_headers(app.ctx.redis, staff)
    wrong = {"old_password": "not-it-at-all", "new_password": "brand-new-pass"}
    assert_envelope(await client.put("/api/admin/v1/auth/password", json=wrong, headers=headers), 422,
                    "old_password_wrong")
    short = {"old_password": "old-password-1", "new_password": "short"}
    assert_envelope(await client.put("/api/admin/v1/auth/password", json=short, headers=headers), 422)
    ok = {"old_password": "old-password-1", "new_password": "brand-new-pass"}
    assert (await client.put("/api/admin/v1/auth/password", json=ok, headers=headers)).status_code == 200
    assert_envelope(await client.post(LOGIN, json={"username": "li.hua", "password": "old-password-1"}), 401)
    assert (await client.post(LOGIN, json={"username": "li.hua", "password": "brand-new-pass"})).status_code == 200
    assert await AuditLog.filter(action="staff.password_change", actor_id=staff.id).count() == 1
    resident = await auth_headers(app.ctx.redis, await make_user())
    assert_envelope(await client.put("/api/admin/v1/auth/password", json=ok, headers=resident), 403)


async def test_a_temporary_password_must_be_changed_before_anything_else(app, client):
    _, admin = await _admin(app)
    staff = await _staff()
    temporary = (await client.post(f"/api/admin/v1/staff/{staff.id}/reset-password", json={},
                                   headers=admin)).json()["temporary_password"]
    login = await client.post(LOGIN, json={"username": "li.hua", "password": temporary})
    assert login.json()["user"]["must_change_password"] is True
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    assert_envelope(await client.get("/api/admin/v1/audit-log/", headers=headers), 403, "password_change_required")
    assert (await client.get("/api/admin/v1/auth/me", headers=headers)).json()["must_change_password"] is True
    change = {"old_password": temporary, "new_password": "my-own-pass-1"}
    assert (await client.put("/api/admin/v1/auth/password", json=change, headers=headers)).status_code == 200
    assert (await client.get("/api/admin/v1/audit-log/", headers=headers)).status_code == 200
    assert (await User.get(id=staff.id)).must_change_password is False
    await client.post(f"/api/admin/v1/staff/{staff.id}/reset-password", json={"password": "chosen-pass-9"},
                      headers=admin)
    assert (await User.get(id=staff.id)).must_change_password is False  # the admin chose it for them
