"""The roster: the organizer and staff in scope see it; residents and other leaders do not."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from backend.crypto import PersonalData
from backend.models.audit import AuditLog
from tests.factories import auth_headers, make_activity, make_org, make_user, town
from tests.helpers import assert_envelope


async def _setup(app, client):
    leader = await make_user("leader")
    org = await make_org(leader=leader)
    activity = await make_activity(org=org, capacity=1)
    pd = PersonalData(app.ctx.settings.data_encryption_key.get_secret_value())
    with_phone = await make_user(real_name="张三", phone_encrypted=pd.encrypt("13812345678"))
    without_phone = await make_user(nickname="小李")
    for u in (with_phone, without_phone):
        await client.post(f"/api/mp/v1/activities/{activity.id}/signups", headers=await auth_headers(app.ctx.redis, u))
    return activity, await auth_headers(app.ctx.redis, leader)


async def test_leader_sees_names_masked_phones_and_status(app, client):
    activity, lh = await _setup(app, client)
    resp = await client.get(f"/api/mp/v1/activities/{activity.id}/roster", headers=lh)
    assert resp.status_code == 200, resp.text
    items = resp.json()["items"]
    assert [(i["name"], i["phone"], i["status"]) for i in items] == [
        ("张三", "138****5678", "confirmed"), ("小李", "", "waitlisted")]
    assert "13812345678" not in resp.text


async def test_xlsx_export(app, client):
    activity, lh = await _setup(app, client)
    resp = await client.get(f"/api/mp/v1/activities/{activity.id}/roster.xlsx", headers=lh)
    assert resp.status_code == 200 and "spreadsheetml" in resp.headers["content-type"]
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:4] == ("序号", "姓名", "手机号", "状态")
    assert rows[2][1:4] == ("张三", "138****5678", "报名成功") and rows[3][3] == "候补中"
    assert await AuditLog.filter(action="activity.roster_export").count() == 1


async def test_resident_and_other_leader_cannot_read_roster(app, client, login):
    activity, _ = await _setup(app, client)
    other = await make_user("leader")
    await make_org(leader=other)
    resident, stranger = await login("resident"), await auth_headers(app.ctx.redis, other)
    for suffix in ("roster", "roster.xlsx"):
        url = f"/api/mp/v1/activities/{activity.id}/{suffix}"
        assert_envelope(await client.get(url, headers=resident), 403, "forbidden")
        # Another organization's roster answers exactly as a missing activity does.
        assert_envelope(await client.get(url, headers=stranger), 404, "activity_not_found")


async def test_staff_read_rosters_within_their_scope(app, client, login):
    activity, _ = await _setup(app, client)
    url = f"/api/mp/v1/activities/{activity.id}/roster"
    assert (await client.get(url, headers=await login("staff"))).status_code == 200
    assert (await client.get(url, headers=await login("staff", scope_region_id=(await town(0)).id))).status_code == 200
    resp = await client.get(url, headers=await login("staff", scope_region_id=(await town(1)).id))
    assert_envelope(resp, 404, "activity_not_found")


async def test_xlsx_keeps_formula_like_names_as_text(app, client):
    leader = await make_user("leader")
    activity = await make_activity(org=await make_org(leader=leader), title="=1+1 读书会")
    evil = await make_user(nickname='=HYPERLINK("http://example.com","点我领奖")')
    await client.post(f"/api/mp/v1/activities/{activity.id}/signups", headers=await auth_headers(app.ctx.redis, evil))
    resp = await client.get(f"/api/mp/v1/activities/{activity.id}/roster.xlsx",
                            headers=await auth_headers(app.ctx.redis, leader))
    ws = load_workbook(io.BytesIO(resp.content)).active
    title, name = ws["A1"], ws["B3"]
    assert (title.value, title.data_type) == ("=1+1 读书会", "s")
    assert name.value.startswith("=HYPERLINK") and name.data_type == "s"
