"""A resident's own profile: real name and phone under consent, shown on rosters (PIPL arts. 13–14)."""

from __future__ import annotations

from backend.crypto import PersonalData
from backend.models.audit import AuditLog
from backend.models.user import User
from backend.services.profiles import CONSENT_VERSION
from tests.factories import auth_headers, make_activity, make_org, make_user
from tests.helpers import assert_envelope

PROFILE = "/api/mp/v1/me/profile"
PHONE = "/api/mp/v1/me/profile/phone"


def _pd(app) -> PersonalData:
    return PersonalData(app.ctx.settings.data_encryption_key.get_secret_value())


async def test_consent_text_names_purpose_and_version(client, login):
    resp = await client.get("/api/mp/v1/me/consent", headers=await login())
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["version"] == CONSENT_VERSION and "手机号" in body["items"] and body["purpose"]


async def test_profile_requires_consent_and_changes_nothing_without_it(app, client):
    user = await make_user()
    headers = await auth_headers(app.ctx.redis, user)
    resp = await client.put(PROFILE, json={"real_name": "王小明", "phone": "13912345678"}, headers=headers)
    assert_envelope(resp, 409, "consent_required")
    resp = await client.put(PROFILE, json={"real_name": "王小明", "consent_version": "1999-01"}, headers=headers)
    assert_envelope(resp, 409, "consent_required")
    fresh = await User.get(id=user.id)
    assert fresh.real_name == "" and fresh.phone_encrypted is None and fresh.consent_version is None


async def test_typed_profile_is_encrypted_masked_recorded_and_shown_on_roster(app, client):
    leader = await make_user("leader")
    activity = await make_activity(org=await make_org(leader=leader))
    user = await make_user(nickname="小明同学")
    headers = await auth_headers(app.ctx.redis, user)
    resp = await client.put(PROFILE, json={"real_name": "王小明", "phone": "13912345678",
                                           "consent_version": CONSENT_VERSION}, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.json()["phone"] == "139****5678" and resp.json()["consent_current"] is True
    assert "13912345678" not in resp.text
    fresh = await User.get(id=user.id)
    assert fresh.phone_encrypted and "13912345678" not in fresh.phone_encrypted
    assert _pd(app).decrypt(fresh.phone_encrypted) == "13912345678" and fresh.consent_at is not None
    row = await AuditLog.get(action="user.profile.update")
    assert "13912345678" not in str(row.after) and row.after["how"] == "typed"
    # Consent given once covers later edits of the same version.
    resp = await client.put(PROFILE, json={"real_name": "王晓明"}, headers=headers)
    assert resp.status_code == 200 and resp.json()["real_name"] == "王晓明"

    await client.post(f"/api/mp/v1/activities/{activity.id}/signups", headers=headers)
    roster = await client.get(f"/api/mp/v1/activities/{activity.id}/roster",
                              headers=await auth_headers(app.ctx.redis, leader))
    assert [(i["name"], i["phone"]) for i in roster.json()["items"]] == [("王晓明", "139****5678")]


async def test_bad_phone_is_refused(app, client):
    headers = await auth_headers(app.ctx.redis, await make_user())
    resp = await client.put(PROFILE, json={"phone": "12345", "consent_version": CONSENT_VERSION}, headers=headers)
    assert_envelope(resp, 422)


async def test_phone_from_wechat_code(app, client, fake_wechat):
    user = await make_user()
    headers = await auth_headers(app.ctx.redis, user)
    code = fake_wechat.state.issue_phone_code("13800138000")
    resp = await client.post(PHONE, json={"code": code, "consent_version": CONSENT_VERSION}, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.json()["phone"] == "138****8000" and resp.json()["phone_verified"] is True
    assert fake_wechat.state.count("/wxa/business/getuserphonenumber") == 1
    assert _pd(app).decrypt((await User.get(id=user.id)).phone_encrypted or "") == "13800138000"
    # The code is single use; an unknown one is refused the same way.
    for bad in (code, "no-such-code"):
        resp = await client.post(PHONE, json={"code": bad}, headers=headers)
        assert_envelope(resp, 422, "phone_code_invalid")


async def test_phone_from_code_requires_consent_and_staff_cannot(app, client, fake_wechat, login):
    headers = await auth_headers(app.ctx.redis, await make_user())
    code = fake_wechat.state.issue_phone_code("13800138000")
    assert_envelope(await client.post(PHONE, json={"code": code}, headers=headers), 409, "consent_required")
    assert fake_wechat.state.count("/wxa/business/getuserphonenumber") == 0
    staff = await login("staff")
    assert_envelope(await client.get(PROFILE, headers=staff), 403)
    assert_envelope(await client.get(PROFILE), 401)


async def test_export_shows_the_recorded_consent(app, client):
    headers = await auth_headers(app.ctx.redis, await make_user())
    await client.put(PROFILE, json={"real_name": "王小明", "consent_version": CONSENT_VERSION}, headers=headers)
    profile = (await client.get("/api/mp/v1/me/data-export", headers=headers)).json()["profile"]
    assert profile["consent_version"] == CONSENT_VERSION and profile["consent_at"] and profile["real_name"] == "王小明"


async def test_empty_body_changes_nothing(app, client):
    user = await make_user(real_name="王小明")
    resp = await client.put(PROFILE, json={}, headers=await auth_headers(app.ctx.redis, user))
    assert resp.status_code == 200 and resp.json()["real_name"] == "王小明"
    assert not await AuditLog.exists(action="user.profile.update")
