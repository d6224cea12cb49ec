"""Incubation bases, recruitment, explained eligibility, quota, milestones, graduation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from backend.models.audit import AuditLog
from backend.models.grant import Attachment
from backend.models.incubation import AdmissionRequest, IncubationBase
from backend.models.outbox import OutboxEvent
from tests.factories import auth_headers, community_of, make_org, make_user, town
from tests.helpers import assert_envelope

S = "/api/admin/v1/incubation"
M = "/api/mp/v1/incubation"
PDF = b"%PDF-1.4\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 64


async def _staff(app, town_index=None):
    scope = (await town(town_index)).id if town_index is not None else None
    return await auth_headers(app.ctx.redis, await make_user("staff", scope_region_id=scope))


async def _leader(app, **org):
    user = await make_user("leader")
    o = await make_org(leader=user, **org)
    return o, await auth_headers(app.ctx.redis, user)


async def _base(client, staff, *, quota=1, tier="district", region_id=None, recruiting=True):
    resp = await client.post(f"{S}/bases", headers=staff, json={
        "name": "区社会组织孵化基地", "tier": tier, "region_id": region_id, "quota": quota,
        "support_types": ["党建指导", "活动场地", "公益创投"]})
    assert resp.status_code == 201, resp.text
    base = resp.json()
    if recruiting:
        now = datetime.now(UTC)
        resp = await client.post(f"{S}/bases/{base['id']}/windows", headers=staff, json={
            "opens_at": (now - timedelta(days=1)).isoformat(), "closes_at": (now + timedelta(days=30)).isoformat()})
        assert resp.status_code == 201, resp.text
    return base


REQUEST = {"support_types": ["活动场地", "党建指导"], "statement": "需要活动场地开展助老服务",
           "materials": [{"name": "章程"}]}


async def test_admission_to_a_full_base_is_refused(app, client):
    staff = await _staff(app)
    base = await _base(client, staff, quota=1)
    _, first = await _leader(app)
    _, second = await _leader(app)
    r1 = (await client.post(f"{M}/bases/{base['id']}/admissions", headers=first, json=REQUEST)).json()
    r2 = (await client.post(f"{M}/bases/{base['id']}/admissions", headers=second, json=REQUEST)).json()
    resp = await client.post(f"{S}/admissions/{r1['id']}/admit", headers=staff, json={
        "period_end": "2027-12-31", "milestones": [{"title": "完成党建指导", "due_date": "2027-03-31"}]})
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "admitted" and len(resp.json()["milestones"]) == 1
    body = assert_envelope(await client.post(f"{S}/admissions/{r2['id']}/admit", headers=staff,
                                             json={"period_end": "2027-12-31"}), 409, "base_full")
    assert "名额已满" in body["message"]
    assert (await AdmissionRequest.get(id=r2["id"])).status == "pending"
    assert (await IncubationBase.get(id=base["id"])).occupied == 1
    # Graduation waits for the milestones, then frees the place for the next organization.
    assert_envelope(await client.post(f"{S}/admissions/{r1['id']}/graduate", headers=staff, json={}), 409,
                    "milestones_open")
    milestone_id = resp.json()["milestones"][0]["id"]
    assert (await client.post(f"{S}/admissions/{r1['id']}/milestones/{milestone_id}/complete", headers=staff,
                              json={"note": "已建立党建联系人"})).status_code == 200
    resp = await client.post(f"{S}/admissions/{r1['id']}/graduate", headers=staff, json={"reason": "出壳"})
    assert resp.json()["status"] == "graduated"
    assert (await client.post(f"{S}/admissions/{r2['id']}/admit", headers=staff,
                              json={"period_end": "2027-12-31"})).status_code == 200
    kinds = set(await OutboxEvent.all().values_list("kind", flat=True))
    assert {"incubation.admitted", "incubation.graduated"} <= kinds


async def _include(org_id: int, credit_list: str, ground: str) -> None:
    """Put the organization on a list through the due process (answer period already over)."""
    from datetime import date

    from backend.models.credit import CreditEntry
    from backend.services import credit
    from backend.services.actor import Actor

    district = await make_user("staff")
    entry = await CreditEntry.create(org_id=org_id, credit_list=credit_list, ground=ground, answer_due=date(2020, 1, 1))
    await credit.decide(actor=Actor(user_id=district.id, role="staff"), entry_id=entry.id, include=True,
                        reason="经核实")


async def test_an_organization_on_the_abnormal_list_is_told_why(app, client):
    staff = await _staff(app)
    base = await _base(client, staff)
    org, leader = await _leader(app)
    # The hand-set route no longer types the status: it opens a proposal and sets the report due date.
    resp = await client.put(f"/api/admin/v1/orgs/{org.id}/credit-status", headers=staff, json={
        "credit_status": "abnormal", "annual_report_due": "2020-05-31", "reason": "未按时报送年报"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["credit_status"] == "normal"
    audit = await AuditLog.get(action="org.annual_report_due", object_id=str(org.id))
    assert audit.after["annual_report_due"] == "2020-05-31"
    await _include(org.id, "abnormal", "annual_report")
    check = (await client.get(f"{M}/eligibility", headers=leader)).json()
    assert check["eligible"] is False
    assert any("活动异常名录" in r for r in check["reasons"]) and any("年度报告已逾期" in r for r in check["reasons"])
    body = assert_envelope(await client.post(f"{M}/bases/{base['id']}/admissions", headers=leader, json=REQUEST),
                           422, "not_eligible")
    assert "活动异常名录" in body["message"] and len(body["details"]["reasons"]) == 2
    assert await AdmissionRequest.all().count() == 0
    await client.put(f"/api/admin/v1/orgs/{org.id}/credit-status", headers=staff,
                     json={"credit_status": "normal", "reason": "已补报"})
    await _include(org.id, "untrustworthy", "judgment_debtor")
    check = (await client.get(f"{M}/eligibility", headers=leader)).json()
    assert check["reasons"] == ["组织被列入严重违法失信名单，不得享受扶持政策"]


async def test_inactive_organization_is_not_eligible(app, client):
    _, leader = await _leader(app, status="pending")
    check = (await client.get(f"{M}/eligibility", headers=leader)).json()
    assert check["eligible"] is False and "已登记" in check["reasons"][0]


async def test_requests_need_an_open_window_and_offered_support(app, client):
    staff = await _staff(app)
    closed = await _base(client, staff, recruiting=False)
    _, leader = await _leader(app)
    assert_envelope(await client.post(f"{M}/bases/{closed['id']}/admissions", headers=leader, json=REQUEST), 409,
                    "recruitment_closed")
    base = await _base(client, staff)
    body = assert_envelope(await client.post(f"{M}/bases/{base['id']}/admissions", headers=leader,
                                             json={**REQUEST, "support_types": ["活动场地", "费用减免"]}), 422)
    assert body["details"]["fields"][0]["field"] == "support_types[1]"
    assert (await client.post(f"{M}/bases/{base['id']}/admissions", headers=leader, json=REQUEST)).status_code == 201
    assert_envelope(await client.post(f"{M}/bases/{base['id']}/admissions", headers=leader, json=REQUEST), 409,
                    "admission_exists")
    listed = (await client.get(f"{M}/bases")).json()["items"]
    assert {b["id"]: b["recruiting"] for b in listed} == {closed["id"]: False, base["id"]: True}


async def test_reject_with_reason_and_leaders_see_only_their_own(app, client):
    staff = await _staff(app)
    base = await _base(client, staff)
    _, leader = await _leader(app)
    _, stranger = await _leader(app)
    req = (await client.post(f"{M}/bases/{base['id']}/admissions", headers=leader, json=REQUEST)).json()
    assert_envelope(await client.post(f"{S}/admissions/{req['id']}/reject", headers=staff, json={"reason": ""}), 422)
    resp = await client.post(f"{S}/admissions/{req['id']}/reject", headers=staff, json={"reason": "服务领域不符"})
    assert resp.json()["status"] == "rejected"
    mine = (await client.get(f"{M}/admissions/{req['id']}", headers=leader)).json()
    assert mine["reason"] == "服务领域不符" and mine["status_label"] == "未通过"
    assert_envelope(await client.get(f"{M}/admissions/{req['id']}", headers=stranger), 404)
    assert (await client.get(f"{M}/admissions", headers=stranger)).json()["items"] == []
    assert_envelope(await client.post(f"{S}/admissions/{req['id']}/admit", headers=staff,
                                      json={"period_end": "2027-12-31"}), 409, "illegal_transition")
    assert_envelope(await client.post(f"{S}/admissions/{req['id']}/leave", headers=staff, json={"reason": "退出"}),
                    409, "illegal_transition")


async def test_materials_are_sniffed_and_an_executable_is_refused(app, client):
    staff = await _staff(app)
    base = await _base(client, staff)
    _, leader = await _leader(app)
    req = (await client.post(f"{M}/bases/{base['id']}/admissions", headers=leader, json=REQUEST)).json()
    url = f"{M}/admissions/{req['id']}/materials"
    body = assert_envelope(await client.post(url, headers=leader, files={"file": ("章程.pdf", EXE)}), 422)
    assert body["details"]["fields"][0]["field"] == "file"
    assert await Attachment.all().count() == 0
    resp = await client.post(url, headers=leader, files={"file": ("章程.pdf", PDF)}, data={"kind": "章程"})
    assert resp.status_code == 201 and resp.json()["content_type"] == "application/pdf"
    detail = (await client.get(f"{S}/admissions/{req['id']}", headers=staff)).json()
    assert detail["attachments"][0]["kind"] == "章程" and detail["eligibility_reasons"] == []


async def test_bases_by_tier_and_scope(app, client):
    district = await _staff(app)
    town_staff = await _staff(app, 0)
    t0, t1 = await town(0), await town(1)
    c0 = await community_of(t0)
    assert_envelope(await client.post(f"{S}/bases", headers=town_staff, json={
        "name": "区级基地", "tier": "district", "quota": 3, "support_types": ["党建指导"]}), 403)
    body = assert_envelope(await client.post(f"{S}/bases", headers=district, json={
        "name": "镇级基地", "tier": "town", "region_id": c0.id, "quota": 3, "support_types": ["党建指导"]}), 422)
    assert body["details"]["fields"][0]["field"] == "region_id"
    assert_envelope(await client.post(f"{S}/bases", headers=town_staff, json={
        "name": "外镇基地", "tier": "town", "region_id": t1.id, "quota": 3, "support_types": ["党建指导"]}), 403)
    own = await _base(client, town_staff, tier="community", region_id=c0.id, recruiting=False)
    other = await _base(client, district, tier="town", region_id=t1.id, recruiting=False)
    listed = {b["id"] for b in (await client.get(f"{S}/bases", headers=town_staff)).json()["items"]}
    assert own["id"] in listed and other["id"] not in listed
    assert_envelope(await client.put(f"{S}/bases/{other['id']}", headers=town_staff, json={"quota": 9}), 404)
    resp = await client.put(f"{S}/bases/{own['id']}", headers=town_staff, json={"quota": 5})
    assert resp.json()["quota"] == 5
    assert_envelope(await client.post(f"{S}/bases/{own['id']}/windows", headers=town_staff, json={
        "opens_at": "2026-10-01T00:00:00+08:00", "closes_at": "2026-09-01T00:00:00+08:00"}), 422)


async def test_credit_status_route_respects_scope(app, client):
    org, _ = await _leader(app)
    other_town = await _staff(app, 1)
    assert_envelope(await client.put(f"/api/admin/v1/orgs/{org.id}/credit-status", headers=other_town,
                                     json={"credit_status": "abnormal", "reason": "测试"}), 404)
    assert_envelope(await client.put(f"/api/admin/v1/orgs/{org.id}/credit-status", headers=await _staff(app),
                                     json={"credit_status": "bogus", "reason": "测试"}), 422)


async def test_a_window_given_in_beijing_time_is_open_at_once_and_bad_ids_are_refused(app, client):
    staff = await _staff(app)
    base = await _base(client, staff, recruiting=False)
    now = datetime.now(UTC).astimezone(timezone(timedelta(hours=8)))
    resp = await client.post(f"{S}/bases/{base['id']}/windows", headers=staff, json={
        "opens_at": (now - timedelta(hours=1)).isoformat(), "closes_at": (now + timedelta(hours=1)).isoformat()})
    assert resp.status_code == 201, resp.text
    _, leader = await _leader(app)
    # Stored instants share one zone, so the open window is found on SQLite (text comparison) too.
    resp = await client.post(f"{M}/bases/{base['id']}/admissions", headers=leader, json=REQUEST)
    assert resp.status_code == 201, resp.text
    big = 99_999_999_999
    body = assert_envelope(await client.post(f"{S}/bases", headers=staff, json={
        "name": "社区孵化基地", "tier": "community", "region_id": big, "quota": 1, "support_types": ["活动场地"]}), 422)
    assert body["details"]["fields"][0]["field"] == "region_id"
    assert_envelope(await client.get(f"{S}/admissions", headers=staff, params={"base_id": str(big)}), 422)
    assert_envelope(await client.get(f"{M}/eligibility", headers=leader, params={"org_id": str(big)}), 422)
    body = assert_envelope(await client.post(f"{S}/bases/{base['id']}/windows", headers=staff, json={
        "opens_at": "2026-01-01T00:00:00", "closes_at": "9999-12-31T23:59:59"}), 422)
    assert body["details"]["fields"][0]["field"] == "closes_at"


async def test_create_update_and_list_give_a_base_the_same_shape_and_values(app, client):
    district = await _staff(app)
    t0 = await town(0)
    c0 = await community_of(t0)
    created = [await _base(client, district, tier="town", region_id=t0.id, recruiting=False),
               await _base(client, district, tier="community", region_id=c0.id, recruiting=False),
               await _base(client, district, recruiting=False)]
    assert [b["region_name"] for b in created] == [t0.name, c0.name, None]
    listed = {b["id"]: b for b in (await client.get(f"{S}/bases", headers=district)).json()["items"]}
    assert [listed[b["id"]] for b in created] == created
    updated = (await client.put(f"{S}/bases/{created[0]['id']}", headers=district, json={"quota": 4})).json()
    assert updated == {**created[0], "quota": 4, "available": 4}
    listed = {b["id"]: b for b in (await client.get(f"{S}/bases", headers=district)).json()["items"]}
    assert listed[updated["id"]] == updated


async def test_bases_and_admissions_are_paged_by_the_api_within_the_scope(app, client):
    district = await _staff(app)
    town_staff = await _staff(app, 0)
    t0, t1 = await town(0), await town(1)
    own = [await _base(client, district, tier="town", region_id=t0.id, quota=5) for _ in range(3)]
    await _base(client, district, tier="town", region_id=t1.id, recruiting=False)
    first = (await client.get(f"{S}/bases", headers=town_staff, params={"page": 1, "page_size": 2})).json()
    second = (await client.get(f"{S}/bases", headers=town_staff, params={"page": 2, "page_size": 2})).json()
    assert (first["total"], first["page"], first["page_size"]) == (3, 1, 2)
    assert [b["id"] for b in first["items"] + second["items"]] == [b["id"] for b in own]
    assert (await client.get(f"{S}/bases", headers=district)).json()["total"] == 4
    for _ in range(3):
        _, leader = await _leader(app, town_id=t0.id)
        resp = await client.post(f"{M}/bases/{own[0]['id']}/admissions", headers=leader, json=REQUEST)
        assert resp.status_code == 201, resp.text
    page = (await client.get(f"{S}/admissions", headers=town_staff,
                             params={"base_id": own[0]["id"], "page": 2, "page_size": 2})).json()
    assert page["total"] == 3 and len(page["items"]) == 1 and page["page"] == 2
    body = assert_envelope(await client.get(f"{S}/admissions", headers=town_staff, params={"page_size": "500"}), 422)
    assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
    assert_envelope(await client.get(f"{S}/bases", headers=town_staff, params={"page": "0"}), 422)


async def _window(client, staff, base_id, opens, closes, note=""):
    resp = await client.post(f"{S}/bases/{base_id}/windows", headers=staff, json={
        "opens_at": opens.isoformat(), "closes_at": closes.isoformat(), "note": note})
    assert resp.status_code == 201, resp.text
    return resp.json()


async def test_past_recruitment_windows_are_listed_within_the_scope_with_what_they_brought_in(app, client):
    from backend.models.incubation import RecruitmentWindow

    district = await _staff(app)
    town_staff = await _staff(app, 0)
    t0, t1 = await town(0), await town(1)
    now = datetime.now(UTC)
    own = await _base(client, district, tier="town", region_id=t0.id, quota=5, recruiting=False)
    other = await _base(client, district, tier="town", region_id=t1.id, recruiting=False)
    older = await _window(client, district, own["id"], now - timedelta(days=90), now - timedelta(days=60), "第一期")
    recent = await _window(client, district, own["id"], now - timedelta(days=5), now + timedelta(days=5), "第二期")
    upcoming = await _window(client, district, own["id"], now + timedelta(days=30), now + timedelta(days=60))
    await _window(client, district, other["id"], now - timedelta(days=20), now - timedelta(days=10))
    _, leader = await _leader(app, town_id=t0.id)
    req = (await client.post(f"{M}/bases/{own['id']}/admissions", headers=leader, json=REQUEST)).json()
    _, second = await _leader(app, town_id=t0.id)
    assert (await client.post(f"{M}/bases/{own['id']}/admissions", headers=second, json=REQUEST)).status_code == 201
    assert (await client.post(f"{S}/admissions/{req['id']}/admit", headers=town_staff,
                              json={"period_end": "2027-12-31"})).status_code == 200
    # The running window has just closed.
    await RecruitmentWindow.filter(id=recent["id"]).update(closes_at=now - timedelta(days=1))

    past = (await client.get(f"{S}/windows", headers=town_staff)).json()
    assert past["total"] == 2 and [w["id"] for w in past["items"]] == [recent["id"], older["id"]]
    first = past["items"][0]
    assert (first["base_name"], first["region_name"], first["note"]) == (own["name"], t0.name, "第二期")
    assert (first["requests"], first["admitted"]) == (2, 1) and first["closes_at"].endswith("+08:00")
    assert (past["items"][1]["requests"], past["items"][1]["admitted"]) == (0, 0)
    assert (await client.get(f"{S}/windows", headers=district)).json()["total"] == 3
    paged = (await client.get(f"{S}/windows", headers=district, params={"page": 3, "page_size": 1})).json()
    assert [w["id"] for w in paged["items"]] == [older["id"]]
    coming = (await client.get(f"{S}/windows", headers=town_staff, params={"state": "upcoming"})).json()
    assert [w["id"] for w in coming["items"]] == [upcoming["id"]]
    assert (await client.get(f"{S}/windows", headers=town_staff, params={"state": "open"})).json()["total"] == 0
    # Another town's base: nothing of it, even asked by id.
    assert (await client.get(f"{S}/windows", headers=town_staff, params={"base_id": other["id"]})).json()["total"] == 0
    assert_envelope(await client.get(f"{S}/windows", headers=leader), 403)
    body = assert_envelope(await client.get(f"{S}/windows", headers=town_staff, params={"state": "past"}), 422)
    assert body["details"]["fields"][0]["field"] == "state" and "开放状态" in body["message"]

