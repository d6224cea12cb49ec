"""Who may compose, template limits at compose time, and the second approval for district pushes."""

from __future__ import annotations

from backend import jobs
from backend.models.notice import Notice, NoticeApproval, NoticeStatus
from tests.factories import town
from tests.helpers import assert_envelope

URL = "/api/admin/v1/notices/"


def body(tmpl, **data):
    values = {"thing1": "年度检查", "time2": "2025-10-01 09:00", "thing3": "请按时办理"}
    values.update(data)
    return {"title": "关于年度检查的通知", "body": "请各社会组织按时参加年度检查。",
            "audience": {"kind": "all"}, "channels": ["inbox", "subscribe"], "template_id": tmpl.template_id,
            "data": values}


async def test_resident_and_leader_cannot_create_notices(client, login, templates):
    payload = body(templates["notice_general"])
    for role in ("resident", "leader"):
        assert_envelope(await client.post(URL, json=payload, headers=await login(role)), 403, "forbidden")
        assert_envelope(await client.post(URL + "preview", json=payload, headers=await login(role)), 403)
    assert_envelope(await client.post(URL, json=payload), 401)
    assert await Notice.all().count() == 0
    resp = await client.post(URL, json=payload, headers=await login("staff"))
    assert resp.status_code == 201, resp.text
    assert resp.json()["status"] == "draft" and resp.json()["needs_approval"] is True


async def test_over_long_thing_is_refused_naming_the_field(client, login, templates):
    headers = await login("staff")
    too_long = "这是一个远远超过二十个字符限制的通知主题文字内容"
    resp = await client.post(URL, json=body(templates["notice_general"], thing1=too_long), headers=headers)
    err = assert_envelope(resp, 422, "validation_failed")
    assert err["details"]["fields"][0]["field"] == "data.thing1"
    assert "20" in err["message"] and "通知主题" in err["message"]
    assert await Notice.all().count() == 0


async def test_other_template_limits_are_enforced(client, login, templates):
    headers = await login("staff")
    general, status = templates["notice_general"], templates["application_status"]
    bad_time = await client.post(URL, json=body(general, time2="明天上午"), headers=headers)
    assert assert_envelope(bad_time, 422)["details"]["fields"][0]["field"] == "data.time2"
    missing = await client.post(URL, json=body(general, thing3=""), headers=headers)
    assert assert_envelope(missing, 422)["details"]["fields"][0]["field"] == "data.thing3"
    unknown = await client.post(URL, json=body(general, thing9="x"), headers=headers)
    assert assert_envelope(unknown, 422)["details"]["fields"][0]["field"] == "data.thing9"
    phrase = {**body(status), "data": {"thing1": "项目", "phrase2": "已经审核通过了", "thing3": "备注"}}
    err = assert_envelope(await client.post(URL, json=phrase, headers=headers), 422)
    assert err["details"]["fields"][0]["field"] == "data.phrase2" and "5" in err["message"]
    no_template = {**body(general), "template_id": None}
    assert assert_envelope(await client.post(URL, json=no_template, headers=headers), 422)["details"][
        "fields"][0]["field"] == "template_id"
    ok = {**body(status), "data": {"thing1": "项目", "phrase2": "已立项", "thing3": "备注"}}
    assert (await client.post(URL, json=ok, headers=headers)).status_code == 201
    inbox_only = {**body(general), "channels": ["inbox"], "template_id": None, "data": {}}
    assert (await client.post(URL, json=inbox_only, headers=headers)).status_code == 201


async def test_district_push_needs_a_second_staff_members_approval(client, login, templates):
    author = await login("staff")
    notice = (await client.post(URL, json=body(templates["notice_general"]), headers=author)).json()
    send = f"{URL}{notice['id']}/send"
    approve = f"{URL}{notice['id']}/approve"
    assert_envelope(await client.post(send, headers=author), 409, "approval_required")
    assert_envelope(await client.post(approve, json={}, headers=author), 403, "self_approval")
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    assert_envelope(await client.post(approve, json={}, headers=town_staff), 404, "notice_not_found")
    assert_envelope(await client.post(approve, json={}, headers=await login("leader")), 403, "forbidden")
    assert await NoticeApproval.all().count() == 0

    second = await login("admin")
    resp = await client.post(approve, json={"comment": "同意"}, headers=second)
    assert resp.status_code == 200 and resp.json()["status"] == "approved"
    assert_envelope(await client.post(approve, json={}, headers=await login("staff")), 409, "notice_not_draft")
    resp = await client.post(send, headers=author)
    assert resp.status_code == 202 and resp.json()["status"] == "queued"
    await jobs.drain_inline()
    again = await client.post(send, headers=author)  # a second tap changes nothing
    assert again.status_code == 202 and again.json()["status"] in ("queued", "sending", "completed")


async def test_town_notice_sends_without_approval_and_lists_by_scope(client, login, templates):
    t0, t1 = await town(0), await town(1)
    staff0 = await login("staff", scope_region_id=t0.id)
    payload = {**body(templates["notice_general"]), "audience": {"kind": "org_leaders", "town_id": t0.id}}
    notice = (await client.post(URL, json=payload, headers=staff0)).json()
    resp = await client.post(f"{URL}{notice['id']}/send", headers=staff0)
    assert resp.status_code == 202 and resp.json()["status"] == "queued"
    await jobs.drain_inline()
    staff1 = await login("staff", scope_region_id=t1.id)
    assert (await client.get(URL, headers=staff1)).json()["total"] == 0
    assert_envelope(await client.get(f"{URL}{notice['id']}", headers=staff1), 404)
    assert_envelope(await client.post(f"{URL}{notice['id']}/cancel", headers=staff1), 404)
    assert (await client.get(URL, headers=staff0)).json()["total"] == 1
    assert (await client.get(URL, headers=await login("staff"))).json()["total"] == 1
    detail = await client.get(f"{URL}{notice['id']}", headers=staff0)
    assert detail.status_code == 200 and "progress" in detail.json()
    assert (await Notice.get(id=notice["id"])).status in (NoticeStatus.queued, NoticeStatus.sending,
                                                          NoticeStatus.completed)


async def test_schedule_without_a_zone_is_beijing_time_and_bad_values_are_refused(client, login, templates):
    staff = await login("staff", scope_region_id=(await town(0)).id)
    audience = {"kind": "org_leaders", "town_id": (await town(0)).id}
    payload = {"title": "定时通知", "body": "正文", "audience": audience, "channels": ["inbox"]}
    resp = await client.post(URL, headers=staff, json={**payload, "scheduled_at": "2099-01-01T09:00:00"})
    assert resp.status_code == 201, resp.text
    assert resp.json()["scheduled_at"].startswith("2099-01-01T09:00:00+08:00")
    for when in ["9999-12-31T23:59:59", "2000-01-01T00:00:00"]:
        body = assert_envelope(await client.post(URL, headers=staff, json={**payload, "scheduled_at": when}), 422)
        assert body["details"]["fields"][0]["field"] == "scheduled_at", body
    big = 99_999_999_999
    for audience, field in [({"kind": "org_leaders", "town_id": big}, "audience.town_id"),
                            ({"kind": "activity", "activity_id": big}, "audience.activity_id"),
                            ({"kind": "grant_program", "program_id": big}, "audience.program_id"),
                            ({"kind": "orgs", "org_ids": [big]}, "audience.org_ids.0")]:
        for url in (URL, URL + "preview"):
            body = assert_envelope(await client.post(url, headers=staff, json={**payload, "audience": audience}), 422)
            assert body["details"]["fields"][0]["field"] == field, body
    assert await Notice.all().count() == 1


async def test_template_values_of_the_wrong_json_type_are_refused(client, login, templates):
    # Found by the fuzz profile: `false` passed as the number 0 (pydantic's lax mode), and the document
    # says only text or numbers are allowed.
    headers = await login("staff")
    for value in (False, None, [], {}):
        for url in (URL, URL + "preview"):
            resp = await client.post(url, json=body(templates["notice_general"], thing3=value), headers=headers)
            err = assert_envelope(resp, 422, "validation_failed")
            assert err["details"]["fields"][0]["field"].startswith("data.thing3")
    assert await Notice.all().count() == 0


async def test_approve_takes_an_empty_body_as_no_comment(client, login, templates):
    author = await login("staff")
    for extra in ({}, {"Content-Type": "application/json"}):
        notice = (await client.post(URL, json=body(templates["notice_general"]), headers=author)).json()
        resp = await client.post(f"{URL}{notice['id']}/approve", content=b"", headers={**await login("admin"), **extra})
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"] == "approved"
        assert (await NoticeApproval.get(notice_id=notice["id"])).comment == ""


async def test_create_read_and_list_give_a_notice_the_same_shape_and_values(client, login, templates):
    staff = await login("staff")
    created = await client.post(URL, json=body(templates["notice_general"]), headers=staff)
    assert created.status_code == 201, created.text
    inbox_only = {**body(templates["notice_general"]), "channels": ["inbox"], "template_id": None, "data": {}}
    plain = (await client.post(URL, json=inbox_only, headers=staff)).json()
    assert created.json()["template_id"] == templates["notice_general"].template_id and plain["template_id"] is None
    listed = {n["id"]: n for n in (await client.get(URL, headers=staff)).json()["items"]}
    for notice in (created.json(), plain):
        detail = (await client.get(f"{URL}{notice['id']}", headers=staff)).json()
        assert listed[notice["id"]] == notice
        assert {k: v for k, v in detail.items() if k != "progress"} == notice
