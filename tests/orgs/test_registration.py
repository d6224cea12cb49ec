"""Registration: item 4 (direct vs dual management), item 5 charter flag, phones, directory, views."""

from __future__ import annotations

from tortoise import connections

from backend.crypto import PersonalData
from backend.models.audit import AuditLog
from backend.models.organization import Organization, OrgMember
from backend.models.user import User
from tests.factories import community_of, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import PLAIN_CHARTER, make_credit_code, org_payload


async def test_charity_registers_directly_and_caller_becomes_leader(client, login):
    headers = await login("resident", openid="o-founder")
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id), headers=headers)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["status"] == "pending" and body["registration_mode"] == "direct"
    assert body["supervisor_unit"] is None
    user = await User.get(openid="o-founder")
    assert user.role == "leader"
    member = await OrgMember.get(org_id=body["id"], user_id=user.id)
    assert member.role == "leader" and member.confirmed
    assert await AuditLog.exists(action="org.register", object_id=str(body["id"]))


async def test_financial_security_without_supervisor_is_refused(client, login):
    headers = await login("resident")
    payload = org_payload((await town(0)).id, name="互助理财协会", sensitive_areas=["financial_security"])
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=payload, headers=headers), 422)
    assert body["details"]["fields"][0]["field"] == "supervisor_unit"
    assert "金融安全" in body["message"]
    assert not await Organization.exists(name="互助理财协会")


async def test_sensitive_area_with_supervisor_registers_as_dual_management(client, login):
    headers = await login("resident")
    payload = org_payload((await town(0)).id, sensitive_areas=["life_health"], supervisor_unit="区卫生健康局")
    resp = await client.post("/api/mp/v1/orgs", json=payload, headers=headers)
    assert resp.status_code == 201, resp.text
    assert resp.json()["registration_mode"] == "dual"
    assert resp.json()["party_building"]["responsible_party_org"] == "区卫生健康局党组织"
    org = await Organization.get(id=resp.json()["id"])
    assert org.sensitive_field and org.sensitive_areas == ["life_health"]


async def test_other_category_needs_supervisor(client, login):
    headers = await login("resident")
    payload = org_payload((await town(0)).id, category="other", name="书画研究会")
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=payload, headers=headers), 422)
    assert body["details"]["fields"][0]["field"] == "supervisor_unit"
    payload["supervisor_unit"] = "区文联"
    assert (await client.post("/api/mp/v1/orgs", json=payload, headers=headers)).status_code == 201


async def test_unknown_sensitive_area_and_mass_assignment_are_ignored_or_refused(client, login):
    headers = await login("resident")
    t = await town(0)
    body = assert_envelope(await client.post("/api/mp/v1/orgs", json=org_payload(t.id, sensitive_areas=["religion"]),
                                             headers=headers), 422)
    assert body["details"]["fields"][0]["field"].startswith("sensitive_areas")
    resp = await client.post("/api/mp/v1/orgs", json=org_payload(t.id, status="active", blank_spot=True),
                             headers=headers)
    assert resp.status_code == 201 and resp.json()["status"] == "pending"


async def test_community_must_belong_to_town(client, login):
    headers = await login("resident")
    other_community = await community_of(await town(1))
    body = assert_envelope(await client.post(
        "/api/mp/v1/orgs", json=org_payload((await town(0)).id, community_id=other_community.id), headers=headers), 422)
    assert body["details"]["fields"][0]["field"] == "community_id"


async def test_charter_without_party_clause_is_accepted_but_flagged(client, login):
    headers = await login("resident")
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, charter_text=PLAIN_CHARTER),
                             headers=headers)
    assert resp.status_code == 201
    assert resp.json()["charter_party_clause"] is False
    assert resp.json()["charter_flags"] == ["party_clause_missing"]
    staff_view = (await client.get(f"/api/admin/v1/orgs/{resp.json()['id']}", headers=await login("staff"))).json()
    assert staff_view["charter_flags"] == ["party_clause_missing"]


async def test_charter_phrases_detected_across_line_breaks(client, login):
    headers = await login("resident")
    text = "第三条 本会坚持党的\n领导，围绕中心、服务大局。"
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, charter_text=text),
                             headers=headers)
    assert resp.json()["charter_party_clause"] is True and resp.json()["charter_flags"] == []


async def test_flagged_content_is_refused(client, login, fake_wechat):
    fake_wechat.state.set_flagged(["违禁词"])
    headers = await login("resident")
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, description="含有违禁词的简介"),
                             headers=headers)
    assert_envelope(resp, 422, "content_risky")
    assert await Organization.all().count() == 0


async def test_phone_is_encrypted_at_rest_masked_in_responses_and_full_read_audited(client, login, app):
    headers = await login("resident")
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id), headers=headers)
    org_id = resp.json()["id"]
    assert "13812345678" not in resp.text and resp.json()["contact_phone"] == "138****5678"
    conn = connections.get("default")
    rows = await conn.execute_query_dict(f"SELECT * FROM organization WHERE id = {int(org_id)}")
    assert rows and "13812345678" not in str(rows[0])
    # It is encrypted (recoverable with the key), not dropped or hashed.
    pd = PersonalData(app.ctx.settings.data_encryption_key.get_secret_value())
    assert pd.decrypt(rows[0]["contact_phone_encrypted"]) == "13812345678"
    # The leader's own views are masked too.
    for path in (f"/api/mp/v1/orgs/{org_id}", "/api/mp/v1/orgs/mine"):
        own = await client.get(path, headers=headers)
        assert own.status_code == 200 and "13812345678" not in own.text and "138****5678" in own.text
    staff = await login("staff")
    for path in ("/api/admin/v1/orgs", f"/api/admin/v1/orgs/{org_id}"):
        view = await client.get(path, headers=staff)
        assert "13812345678" not in view.text and "138****5678" in view.text
    assert not await AuditLog.exists(action="org.phone.read")
    # Refused reads (a leader, another town's staff) get nothing and leave no "read" behind.
    assert_envelope(await client.get(f"/api/admin/v1/orgs/{org_id}/contact-phone", headers=headers), 403)
    other_town = await login("staff", scope_region_id=(await town(1)).id)
    assert_envelope(await client.get(f"/api/admin/v1/orgs/{org_id}/contact-phone", headers=other_town), 404)
    assert not await AuditLog.exists(action="org.phone.read")
    full = await client.get(f"/api/admin/v1/orgs/{org_id}/contact-phone", headers=staff)
    assert full.json() == {"contact_phone": "13812345678"}
    log = await AuditLog.get(action="org.phone.read")
    assert log.object_id == str(org_id) and log.actor_role == "staff" and log.actor_id is not None
    assert log.request_id == full.headers["x-request-id"]
    # The audit trail itself never stores the number.
    audit_rows = await conn.execute_query_dict("SELECT * FROM audit_log")
    assert audit_rows and "13812345678" not in str(audit_rows)


PUBLIC_FIELDS = {"id", "name", "credit_code", "legal_form", "legal_form_label", "category", "category_label", "town",
                 "community", "address", "description", "served_groups", "approved_at", "credit_mark"}


async def test_public_directory_filters_and_hides_personal_data(client, login, app):
    t0, t1 = await town(0), await town(1)
    pd = PersonalData(app.ctx.settings.data_encryption_key.get_secret_value())
    elder = await make_org(name="临山社区爱心助老协会", town=t0, served_groups=["孤寡老人"],
                           served_groups_text="|孤寡老人|", contact_name="王芳", category="charity",
                           contact_phone_encrypted=pd.encrypt("13812345678"), credit_code=make_credit_code(31))
    await make_org(name="常庄助残服务中心", town=t1, served_groups=["残疾人"], served_groups_text="|残疾人|",
                   category="community_service")
    await make_org(name="待审爱心协会", town=t0, status="pending")
    resp = await client.get("/api/mp/v1/orgs", params={"q": "爱心"})
    assert [o["name"] for o in resp.json()["items"]] == ["临山社区爱心助老协会"]
    assert "王芳" not in resp.text and "contact" not in resp.text
    # No personal data in any form: neither the phone (full or masked) nor the contact person.
    for leak in ("13812345678", "138****5678", "王芳", "phone", "status_reason", "charter"):
        assert leak not in resp.text, leak
    assert set(resp.json()["items"][0]) == PUBLIC_FIELDS
    detail = await client.get(f"/api/mp/v1/orgs/{elder.id}", headers=await login("resident"))
    assert set(detail.json()) == PUBLIC_FIELDS and "138****5678" not in detail.text and "王芳" not in detail.text
    assert (await client.get("/api/mp/v1/orgs", params={"town_id": t1.id})).json()["total"] == 1
    assert (await client.get("/api/mp/v1/orgs", params={"served_group": "残疾人"})).json()["items"][0]["name"] \
        == "常庄助残服务中心"
    assert (await client.get("/api/mp/v1/orgs", params={"category": "charity"})).json()["total"] == 1
    page = (await client.get("/api/mp/v1/orgs", params={"page_size": 1, "page": 2})).json()
    assert page["total"] == 2 and len(page["items"]) == 1
    assert_envelope(await client.get("/api/mp/v1/orgs", params={"page_size": 500}), 422)


async def test_public_view_vs_leader_view(client, login, app):
    from tests.factories import auth_headers

    leader = await make_user("leader")
    org = await make_org(leader=leader, contact_name="李强")
    pending = await make_org(leader=leader, status="pending")
    public = await client.get(f"/api/mp/v1/orgs/{org.id}")
    assert public.status_code == 200 and "contact_name" not in public.json() and "李强" not in public.text
    assert_envelope(await client.get(f"/api/mp/v1/orgs/{pending.id}"), 404)
    headers = await auth_headers(app.ctx.redis, leader)
    own = (await client.get(f"/api/mp/v1/orgs/{pending.id}", headers=headers)).json()
    assert own["status"] == "pending" and "contact_phone" in own
    mine = (await client.get("/api/mp/v1/orgs/mine", headers=headers)).json()["items"]
    assert {m["id"] for m in mine} == {org.id, pending.id}


async def test_demo_organizations_load_once(client):
    from backend.seed import DEMO_ORGS, seed_demo_orgs

    assert await seed_demo_orgs() == len(DEMO_ORGS)
    assert await seed_demo_orgs() == 0
    listing = (await client.get("/api/mp/v1/orgs")).json()
    assert listing["total"] == sum(1 for o in DEMO_ORGS if o[4] == "active")
