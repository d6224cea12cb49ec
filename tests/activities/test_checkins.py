"""Rotating signed check-in codes, the check-in radius, check-out and the service-hours ledger."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime, timedelta

from backend.models.activity import ServiceHours, Signup
from backend.models.audit import AuditLog
from backend.services import checkins, clock
from backend.services.checkins import CheckinSigner, service_minutes
from tests.factories import auth_headers, make_activity, make_org, make_user
from tests.helpers import assert_envelope

SCENE = re.compile(r"[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}")  # WeChat's rule for `scene`
BASE = "/api/mp/v1/activities"


async def _ongoing(app, client, **overrides):
    """An activity that started 10 minutes ago, its leader's headers and a confirmed resident's."""
    leader = await make_user("leader")
    org = await make_org(leader=leader)
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    activity = await make_activity(org=org, starts_at=start, ends_at=start + timedelta(hours=2), **overrides)
    resident = await make_user()
    rh = await auth_headers(app.ctx.redis, resident)
    assert (await client.post(f"{BASE}/{activity.id}/signups", headers=rh)).json()["status"] == "confirmed"
    moved = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
    activity.starts_at, activity.ends_at = moved, moved + timedelta(hours=2)
    await activity.save()
    return activity, await auth_headers(app.ctx.redis, leader), rh, resident


async def _code(client, activity, leader_headers) -> str:
    resp = await client.get(f"{BASE}/{activity.id}/checkin-code", headers=leader_headers)
    assert resp.status_code == 200, resp.text
    return resp.json()["scene"]


async def test_organizer_gets_a_short_signed_code_as_a_mini_program_code(app, client, fake_wechat):
    activity, lh, rh, _ = await _ongoing(app, client)
    body = (await client.get(f"{BASE}/{activity.id}/checkin-code", headers=lh)).json()
    assert SCENE.fullmatch(body["scene"]) and body["ttl_seconds"] == app.ctx.settings.checkin_code_ttl_seconds
    assert base64.b64decode(body["image_base64"]).startswith(b"\x89PNG")
    call = fake_wechat.state.calls("wxa/getwxacodeunlimit")[-1]["json"]
    assert call["scene"] == body["scene"] and call["page"] == "pages/checkin/index"
    assert_envelope(await client.get(f"{BASE}/{activity.id}/checkin-code", headers=rh), 403, "forbidden")
    other = await auth_headers(app.ctx.redis, await make_user("leader"))
    await make_org(leader=await make_user("leader"))
    assert_envelope(await client.get(f"{BASE}/{activity.id}/checkin-code", headers=other), 404, "activity_not_found")


def test_code_fits_wechat_scene_even_for_large_ids():
    code = CheckinSigner("k" * 40).sign(activity_id=2**31 - 1, expires_at=datetime(2099, 12, 31, tzinfo=UTC))
    assert SCENE.fullmatch(code) and len(code) <= 32


async def test_check_in_with_valid_code_and_idempotent(app, client):
    activity, lh, rh, _ = await _ongoing(app, client)
    code = await _code(client, activity, lh)
    first = await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code}, headers=rh)
    assert first.status_code == 200 and first.json()["checked_in_at"]
    second = await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code}, headers=rh)
    assert second.json()["checked_in_at"] == first.json()["checked_in_at"]


async def test_expired_tampered_or_foreign_codes_are_refused(app, client):
    activity, lh, rh, _ = await _ongoing(app, client)
    secret = app.ctx.settings.secret_key.get_secret_value()
    expired = CheckinSigner(secret).sign(activity_id=activity.id, expires_at=datetime.now(UTC) - timedelta(seconds=1))
    resp = await client.post(f"{BASE}/{activity.id}/checkins", json={"code": expired}, headers=rh)
    assert_envelope(resp, 422, "checkin_code_expired")
    good = await _code(client, activity, lh)
    aid, exp, mac = good.split(".")
    later = checkins._b36(int(exp, 36) + 3600)  # stretch the expiry without the key
    flipped = f"{aid}.{exp}.{mac[:-1]}{'B' if mac[-1] == 'A' else 'A'}"
    for tampered in (f"{aid}.{later}.{mac}", flipped, "garbage", "a.b.c.d"):
        resp = await client.post(f"{BASE}/{activity.id}/checkins", json={"code": tampered}, headers=rh)
        assert_envelope(resp, 422, "checkin_code_invalid")
    forged = CheckinSigner("x" * 40).sign(activity_id=activity.id, expires_at=datetime.now(UTC) + timedelta(minutes=5))
    assert_envelope(await client.post(f"{BASE}/{activity.id}/checkins", json={"code": forged}, headers=rh),
                    422, "checkin_code_invalid")
    other = await make_activity(org=await make_org())
    foreign = CheckinSigner(secret).sign(activity_id=other.id, expires_at=datetime.now(UTC) + timedelta(minutes=1))
    assert_envelope(await client.post(f"{BASE}/{activity.id}/checkins", json={"code": foreign}, headers=rh),
                    422, "checkin_code_wrong_activity")
    assert (await Signup.get(activity_id=activity.id)).checked_in_at is None


async def test_check_in_radius(app, client):
    activity, lh, rh, _ = await _ongoing(app, client, lat=34.86, lng=117.55, checkin_radius_m=200)
    code = await _code(client, activity, lh)
    resp = await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code}, headers=rh)
    assert_envelope(resp, 422)
    far = await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code, "lat": 34.87, "lng": 117.55},
                            headers=rh)
    body = assert_envelope(far, 422, "checkin_out_of_range")
    assert body["details"]["distance_m"] > 1000
    near = await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code, "lat": 34.8605, "lng": 117.5505},
                             headers=rh)
    assert near.status_code == 200


async def test_only_confirmed_residents_check_in(app, client):
    activity, lh, _, _ = await _ongoing(app, client)
    code = await _code(client, activity, lh)
    stranger = await auth_headers(app.ctx.redis, await make_user())
    assert_envelope(await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code}, headers=stranger),
                    403, "not_confirmed")


def test_hours_worked_example():
    """Activity 09:00–11:00; early arrival and late stay do not count, absence in between does."""
    day = datetime(2025, 10, 29, tzinfo=UTC)
    start, end = day.replace(hour=9), day.replace(hour=11)
    def at(h, m):
        return day.replace(hour=h, minute=m)
    assert service_minutes(checked_in_at=at(8, 40), checked_out_at=at(11, 30), starts_at=start, ends_at=end) == 120
    assert service_minutes(checked_in_at=at(9, 15), checked_out_at=at(10, 45), starts_at=start, ends_at=end) == 90
    assert service_minutes(checked_in_at=at(10, 59), checked_out_at=at(12, 0), starts_at=start, ends_at=end) == 1
    assert service_minutes(checked_in_at=at(11, 5), checked_out_at=at(11, 30), starts_at=start, ends_at=end) == 0


async def test_checkout_writes_ledger_and_my_hours(app, client, monkeypatch):
    activity, lh, rh, _ = await _ongoing(app, client)
    code = await _code(client, activity, lh)
    # Checked in 20 minutes before the start (the early minutes do not count) …
    early = activity.starts_at - timedelta(minutes=20)
    await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code}, headers=rh)
    await Signup.filter(activity_id=activity.id).update(checked_in_at=early)
    # … and out 90 minutes after the start: 90 minutes, 1.5 hours.
    leave = activity.starts_at + timedelta(minutes=90)
    monkeypatch.setattr(clock, "now", lambda: leave)
    secret = app.ctx.settings.secret_key.get_secret_value()
    code = CheckinSigner(secret).sign(activity_id=activity.id, expires_at=leave + timedelta(seconds=60))
    out = await client.post(f"{BASE}/{activity.id}/checkout", json={"code": code}, headers=rh)
    assert out.status_code == 200, out.text
    assert out.json()["minutes"] == 90 and out.json()["hours"] == 1.5
    again = await client.post(f"{BASE}/{activity.id}/checkout", json={"code": code}, headers=rh)
    assert again.json()["minutes"] == 90 and await ServiceHours.all().count() == 1
    mine = (await client.get("/api/mp/v1/me/service-hours", headers=rh)).json()
    assert mine["total_minutes"] == 90 and mine["total_hours"] == 1.5 and mine["items"][0]["title"] == activity.title
    signed = (await client.get("/api/mp/v1/me/signups", headers=rh)).json()["items"]
    assert signed[0]["activity_id"] == activity.id and signed[0]["checked_out_at"]


async def test_checkout_before_checkin_is_refused(app, client):
    activity, lh, rh, _ = await _ongoing(app, client)
    code = await _code(client, activity, lh)
    assert_envelope(await client.post(f"{BASE}/{activity.id}/checkout", json={"code": code}, headers=rh),
                    409, "not_checked_in")


async def test_checkout_before_the_start_is_refused_and_can_be_done_later(app, client, monkeypatch):
    activity, lh, rh, _ = await _ongoing(app, client)
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=20)  # check-in opens before the start
    activity.starts_at, activity.ends_at = start, start + timedelta(hours=2)
    await activity.save()
    code = await _code(client, activity, lh)
    assert (await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code}, headers=rh)).status_code == 200
    body = assert_envelope(await client.post(f"{BASE}/{activity.id}/checkout", json={"code": code}, headers=rh),
                           409, "checkout_before_start")
    assert "开始后才能签退" in body["message"] and clock.local(start).strftime("%H:%M") in body["message"]
    assert body["details"]["starts_at"] == clock.iso(start)
    assert await ServiceHours.all().count() == 0
    assert (await Signup.get(activity_id=activity.id)).checked_out_at is None
    # After the start the same resident checks out and gets the minutes present.
    leave = start + timedelta(minutes=45)
    monkeypatch.setattr(clock, "now", lambda: leave)
    secret = app.ctx.settings.secret_key.get_secret_value()
    code = CheckinSigner(secret).sign(activity_id=activity.id, expires_at=leave + timedelta(seconds=60))
    out = await client.post(f"{BASE}/{activity.id}/checkout", json={"code": code}, headers=rh)
    assert out.status_code == 200, out.text
    assert out.json()["minutes"] == 45


async def test_checkout_documents_its_refusal_before_the_start(client):
    spec = (await client.get("/docs/openapi.json")).json()
    op = spec["paths"]["/api/mp/v1/activities/{activity_id}/checkout"]["post"]
    codes = op["responses"]["409"]["content"]["application/json"]["schema"]["allOf"][1]["properties"]["code"]["enum"]
    assert "checkout_before_start" in codes and "not_checked_in" in codes


async def test_organizer_correction_is_audited_and_bounded(app, client):
    activity, lh, rh, resident = await _ongoing(app, client)
    url = f"{BASE}/{activity.id}/service-hours/{resident.id}"
    resp = await client.patch(url, json={"minutes": 100, "reason": "忘记签退，现场核实"}, headers=lh)
    assert resp.status_code == 200 and resp.json()["minutes"] == 100 and resp.json()["corrected"] is True
    resp = await client.patch(url, json={"minutes": 110, "reason": "再次核实"}, headers=lh)
    assert resp.json()["minutes"] == 110
    logs = await AuditLog.filter(action="service_hours.correct").order_by("id")
    assert [log.after["minutes"] for log in logs] == [100, 110] and logs[1].before["minutes"] == 100
    assert await ServiceHours.all().count() == 1
    assert_envelope(await client.patch(url, json={"minutes": 121, "reason": "超过活动时长"}, headers=lh), 422)
    other = await make_user("leader")
    await make_org(leader=other)
    resp = await client.patch(url, json={"minutes": 5, "reason": "别的组织"},
                              headers=await auth_headers(app.ctx.redis, other))
    assert_envelope(resp, 404, "activity_not_found")
    assert_envelope(await client.patch(url, json={"minutes": 5, "reason": "自己改"}, headers=rh), 403)
    assert (await client.get("/api/mp/v1/me/service-hours", headers=rh)).json()["total_minutes"] == 110


async def test_malformed_check_in_and_out_requests_are_refused(app, client, login):
    activity, lh, rh, resident = await _ongoing(app, client, lat=34.86, lng=117.55, checkin_radius_m=200)
    code = await _code(client, activity, lh)
    for path in ("checkins", "checkout"):
        for body, status in [({"code": "\x00" + code}, 422), ({"code": ""}, 422), ({"code": 7}, 422), ({}, 422),
                             ({"code": "z" * 65}, 422), ({"code": code, "lat": "北", "lng": 117.55}, 422)]:
            assert_envelope(await client.post(f"{BASE}/{activity.id}/{path}", json=body, headers=rh), status)
        for bad_id in (2**40, 999999):
            assert_envelope(await client.post(f"{BASE}/{bad_id}/{path}", json={"code": code}, headers=rh), 404)
        assert_envelope(await client.post(f"{BASE}/{activity.id}/{path}", json={"code": code}), 401)
        assert_envelope(await client.post(f"{BASE}/{activity.id}/{path}", json={"code": code},
                                          headers=await login("staff")), 403, "forbidden")
    body = assert_envelope(await client.post(f"{BASE}/{activity.id}/checkins", json={"code": code, "lat": 34.86},
                                             headers=rh), 422)
    assert body["details"]["fields"][0]["field"] == "lat"
    url = f"{BASE}/{activity.id}/service-hours"
    for target, body, status in [(2**40, {"minutes": 5, "reason": "核实"}, 404),
                                 (resident.id, {"minutes": -1, "reason": "核实"}, 422),
                                 (resident.id, {"minutes": 5, "reason": "\x00核实"}, 422),
                                 (999999, {"minutes": 5, "reason": "核实一下"}, 404)]:
        assert_envelope(await client.patch(f"{url}/{target}", json=body, headers=lh), status)
    assert_envelope(await client.get(f"{BASE}/{2**40}/checkin-code", headers=lh), 404)
    assert (await Signup.get(activity_id=activity.id)).checked_in_at is None
    assert await ServiceHours.all().count() == 0
