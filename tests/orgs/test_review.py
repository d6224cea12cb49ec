"""Two-level review of registrations and changes (the town's opinion, then the district's decision);
every step audited with who/when/what/before/after."""

from __future__ import annotations

from tortoise import connections

from backend.models.audit import AuditLog
from backend.models.organization import Organization
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope
from tests.orgs.support import PARTY_CHARTER, PLAIN_CHARTER, make_credit_code, org_payload


async def _pending(client, login, **overrides):
    headers = await login("resident")
    resp = await client.post("/api/mp/v1/orgs", json=org_payload((await town(0)).id, **overrides), headers=headers)
    assert resp.status_code == 201, resp.text
    return resp.json()["id"], headers


async def _town_passes(client, login, org_id, remarks="材料齐全，同意报区级审核"):
    """The town's staff pass the registration or change on to the district."""
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=town_staff,
                             json={"decision": "pass", "reason": remarks})
    assert resp.status_code == 200, resp.text
    assert resp.json()["review_stage"] == "district"
    return town_staff


async def test_approve_sets_active_approved_at_credit_code_and_audits(client, login):
    org_id, _ = await _pending(client, login)
    await _town_passes(client, login, org_id)
    staff = await login("staff")
    code = make_credit_code(2024)
    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                             json={"decision": "approve", "reason": "材料齐全", "credit_code": code})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["status"] == "active" and body["approved_at"] and body["credit_code"] == code
    log = await AuditLog.get(action="org.review.approve", object_id=str(org_id))
    assert log.actor_id is not None and log.actor_role == "staff" and log.created_at
    assert log.before["status"] == "pending" and log.after["status"] == "active"
    assert log.after["credit_code"] == code and log.reason == "材料齐全"


async def test_return_and_reject_need_a_reason_and_are_audited(client, login):
    org_id, leader = await _pending(client, login)
    await _town_passes(client, login, org_id)
    staff = await login("staff")
    body = assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                                             json={"decision": "return"}), 422)
    assert body["details"]["fields"][0]["field"] == "reason"
    assert (await Organization.get(id=org_id)).status == "pending"
    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                             json={"decision": "return", "reason": "请补充住所证明"})
    assert resp.json()["status"] == "returned" and resp.json()["status_reason"] == "请补充住所证明"
    log = await AuditLog.get(action="org.review.return")
    assert (log.before["status"], log.after["status"]) == ("pending", "returned")
    # The leader fixes it and resubmits; then staff reject.
    resp = await client.patch(f"/api/mp/v1/orgs/{org_id}", headers=leader, json={"address": "临山路 9 号"})
    assert resp.status_code == 200 and resp.json()["status"] == "pending"
    assert resp.json()["review_stage"] == "town"  # a resubmission goes through the town again
    await _town_passes(client, login, org_id)
    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                             json={"decision": "reject", "reason": "发起人不符合条件"})
    assert resp.json()["status"] == "rejected"
    log = await AuditLog.get(action="org.review.reject")
    assert (log.before["status"], log.after["status"], log.reason) == ("pending", "rejected", "发起人不符合条件")
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                                      json={"decision": "approve"}), 409, "nothing_to_review")


async def test_flagged_charter_needs_explicit_override_with_reason(client, login):
    org_id, _ = await _pending(client, login, charter_text=PLAIN_CHARTER)
    await _town_passes(client, login, org_id)
    staff = await login("staff")
    body = assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                                             json={"decision": "approve"}), 409, "charter_party_clause_missing")
    assert "党的全面领导" in body["message"]
    assert (await Organization.get(id=org_id)).status == "pending"
    body = assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                                             json={"decision": "approve", "override_charter_flag": True}), 422)
    assert body["details"]["fields"][0]["field"] == "reason"
    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                             json={"decision": "approve", "override_charter_flag": True,
                                   "reason": "章程已线下修正，补充条款待备案"})
    assert resp.status_code == 200 and resp.json()["status"] == "active"
    assert resp.json()["charter_flags"] == ["party_clause_missing"]


async def test_three_synchronizations_blank_spot_on_approve(client, login):
    bare, _ = await _pending(client, login, name="无党员协会")
    own, _ = await _pending(client, login, name="党员协会", party_member_count=4, own_party_org=True)
    staff = await login("staff")
    for org_id in (bare, own):
        await _town_passes(client, login, org_id)
        await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff, json={"decision": "approve"})
    assert (await Organization.get(id=bare)).blank_spot
    assert not (await Organization.get(id=own)).blank_spot
    spots = (await client.get("/api/admin/v1/party-building/coverage", headers=staff)).json()["blank_spots"]
    assert [s["id"] for s in spots] == [bare]
    # Assigning an instructor resolves the blank spot.
    resp = await client.put(f"/api/admin/v1/orgs/{bare}/instructor", headers=staff, json={"instructor_name": "张建国"})
    assert resp.json()["party_building"]["coverage_form"] == "instructor"
    assert resp.json()["party_building"]["blank_spot"] is False
    assert (await client.get("/api/admin/v1/party-building/coverage", headers=staff)).json()["blank_spots"] == []


async def test_change_to_active_org_goes_back_to_review(client, login, app):
    leader = await make_user("leader")
    org = await make_org(leader=leader, name="旧名称协会", charter_text=PARTY_CHARTER, charter_party_clause=True,
                         contact_phone_encrypted=None)
    headers = await auth_headers(app.ctx.redis, leader)
    resp = await client.patch(f"/api/mp/v1/orgs/{org.id}", headers=headers,
                              json={"name": "新名称协会", "contact_phone": "13900001111"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["name"] == "旧名称协会" and body["status"] == "active" and body["change_status"] == "pending"
    assert body["pending_change"]["name"] == "新名称协会"
    assert body["pending_change"]["contact_phone"] == "139****1111" and "13900001111" not in resp.text
    # The proposed phone waits in the row encrypted, like the current one.
    rows = await connections.get("default").execute_query_dict(f"SELECT * FROM organization WHERE id = {org.id}")
    assert rows[0]["pending_change"] and "13900001111" not in str(rows[0])
    staff = await login("staff")
    queue = (await client.get("/api/admin/v1/orgs", params={"status": "change_pending"}, headers=staff)).json()
    assert [o["id"] for o in queue["items"]] == [org.id]
    await _town_passes(client, login, org.id)
    resp = await client.post(f"/api/admin/v1/orgs/{org.id}/review", headers=staff, json={"decision": "approve"})
    assert resp.json()["name"] == "新名称协会" and resp.json()["change_status"] == "none"
    assert resp.json()["contact_phone"] == "139****1111"
    log = await AuditLog.get(action="org.change_review.approve")
    assert log.before["pending_change"]["name"] == "新名称协会" and log.after["name"] == "新名称协会"
    assert "13900001111" not in str(log.before)


async def test_change_with_flagged_charter_and_rejection(client, login, app):
    leader = await make_user("leader")
    org = await make_org(leader=leader, charter_text=PARTY_CHARTER, charter_party_clause=True)
    headers = await auth_headers(app.ctx.redis, leader)
    await client.patch(f"/api/mp/v1/orgs/{org.id}", headers=headers, json={"charter_text": PLAIN_CHARTER})
    staff = await login("staff")
    view = (await client.get(f"/api/admin/v1/orgs/{org.id}", headers=staff)).json()
    assert view["pending_change"]["charter_flags"] == ["party_clause_missing"]
    await _town_passes(client, login, org.id)
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{org.id}/review", headers=staff,
                                      json={"decision": "approve"}), 409, "charter_party_clause_missing")
    resp = await client.post(f"/api/admin/v1/orgs/{org.id}/review", headers=staff,
                             json={"decision": "reject", "reason": "章程须载明党的领导"})
    assert resp.json()["change_status"] == "none" and resp.json()["charter_party_clause"] is True
    assert await AuditLog.exists(action="org.change_review.reject")


async def test_review_credit_code_is_validated_and_unique(client, login):
    existing = await make_org(credit_code=make_credit_code(77))
    org_id, _ = await _pending(client, login)
    await _town_passes(client, login, org_id)
    staff = await login("staff")
    body = assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                                             json={"decision": "approve", "credit_code": "91350100M000100Y44"}), 422)
    assert body["details"]["fields"][0]["field"] == "credit_code"
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=staff,
                                      json={"decision": "approve", "credit_code": existing.credit_code}),
                    409, "credit_code_taken")
    assert (await Organization.get(id=org_id)).status == "pending"


async def test_town_gives_the_opinion_and_only_the_district_decides(client, login):
    org_id, _ = await _pending(client, login)
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    district = await login("staff")
    # The town cannot make the final decision; the district cannot decide before the town's opinion,
    # nor give the town's opinion in its place.
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=town_staff,
                                      json={"decision": "approve"}), 403, "district_staff_only")
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=district,
                                      json={"decision": "approve"}), 409, "town_opinion_pending")
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=district,
                                      json={"decision": "pass"}), 403, "town_staff_only")
    assert (await Organization.get(id=org_id)).status == "pending"
    assert not await AuditLog.filter(action__startswith="org.review").exists()

    def queue(stage):
        return client.get("/api/admin/v1/orgs", params={"stage": stage}, headers=district)
    assert [o["id"] for o in (await queue("town")).json()["items"]] == [org_id]
    assert (await queue("district")).json()["total"] == 0
    view = (await client.get(f"/api/admin/v1/orgs/{org_id}", headers=district)).json()
    assert (view["review_stage"], view["review_stage_label"]) == ("town", "待镇街初审")

    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=town_staff,
                             json={"decision": "pass", "reason": "经实地核查，住所属实"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body["status"], body["review_stage"], body["review_stage_label"]) == ("pending", "district", "待区级审核")
    assert body["town_opinion"] == "经实地核查，住所属实" and body["town_reviewed_at"]
    log = await AuditLog.get(action="org.review.town_pass", object_id=str(org_id))
    assert log.actor_role == "staff" and log.reason == "经实地核查，住所属实"
    assert log.before["town_reviewed_at"] is None and log.after["town_opinion"] == "经实地核查，住所属实"
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=town_staff,
                                      json={"decision": "return", "reason": "再看看"}), 409, "town_opinion_given")
    assert (await queue("town")).json()["total"] == 0
    assert [o["id"] for o in (await queue("district")).json()["items"]] == [org_id]

    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/review", headers=district, json={"decision": "approve"})
    assert resp.status_code == 200 and resp.json()["status"] == "active"
    assert resp.json()["review_stage"] is None
    assert await AuditLog.exists(action="org.review.approve", object_id=str(org_id))
    assert (await queue("district")).json()["total"] == 0


async def test_town_return_needs_a_reason_and_goes_back_to_the_leader(client, login):
    org_id, leader = await _pending(client, login)
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    body = assert_envelope(await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=town_staff,
                                             json={"decision": "return"}), 422)
    assert body["details"]["fields"][0]["field"] == "reason"
    resp = await client.post(f"/api/admin/v1/orgs/{org_id}/town-review", headers=town_staff,
                             json={"decision": "return", "reason": "请补充场地使用证明"})
    assert resp.status_code == 200, resp.text
    assert (resp.json()["status"], resp.json()["status_reason"]) == ("returned", "请补充场地使用证明")
    assert resp.json()["review_stage"] is None
    log = await AuditLog.get(action="org.review.town_return", object_id=str(org_id))
    assert (log.before["status"], log.after["status"]) == ("pending", "returned")
    resp = await client.patch(f"/api/mp/v1/orgs/{org_id}", headers=leader, json={"address": "临山路 10 号"})
    assert (resp.json()["status"], resp.json()["review_stage"]) == ("pending", "town")


async def test_a_change_is_reviewed_in_two_levels_and_edits_restart_the_town_stage(client, login, app):
    leader = await make_user("leader")
    org = await make_org(leader=leader, name="两级审核协会", charter_text=PARTY_CHARTER, charter_party_clause=True)
    headers = await auth_headers(app.ctx.redis, leader)
    await client.patch(f"/api/mp/v1/orgs/{org.id}", headers=headers, json={"address": "新址 1 号"})
    district = await login("staff")
    assert_envelope(await client.post(f"/api/admin/v1/orgs/{org.id}/review", headers=district,
                                      json={"decision": "approve"}), 409, "town_opinion_pending")
    town_staff = await _town_passes(client, login, org.id)
    # The leader edits the change after the town passed it: the town looks again.
    resp = await client.patch(f"/api/mp/v1/orgs/{org.id}", headers=headers, json={"address": "新址 2 号"})
    assert resp.json()["review_stage"] == "town" and resp.json()["town_opinion"] == ""
    resp = await client.post(f"/api/admin/v1/orgs/{org.id}/town-review", headers=town_staff,
                             json={"decision": "return", "reason": "新址材料不全"})
    assert (resp.json()["change_status"], resp.json()["change_reason"]) == ("returned", "新址材料不全")
    assert resp.json()["address"] == "测试路 1 号"
    assert await AuditLog.exists(action="org.change_review.town_return", object_id=str(org.id))
