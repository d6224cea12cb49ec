"""Expert assignment with conflict-of-interest recusal, scoring rules, and who sees what."""

from __future__ import annotations

from backend.models.grant import AssignmentStatus, ExpertAssignment, GrantApplication
from backend.models.organization import MemberRole, OrgMember
from tests.grants.conftest import PDF, make_expert, make_leader, make_program, staff_headers, submitted
from tests.helpers import assert_envelope

A = "/api/admin/v1/grants/applications"
R = "/api/mp/v1/grants/review"


async def _formal_passed(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    application = await submitted(client, leader, program)
    staff = await staff_headers(app)
    await client.post(f"{A}/{application['id']}/formal-check", headers=staff, json={"passed": True})
    return leader, application["id"], staff


async def test_declared_conflict_recuses_and_the_seat_is_refilled(app, client, clock):
    _, app_id, staff = await _formal_passed(app, client, clock)
    experts = [await make_expert(app) for _ in range(4)]
    resp = await client.post(f"{A}/{app_id}/experts", headers=staff,
                             json={"expert_ids": [e.expert.id for e in experts[:3]], "fill_from_pool": False})
    assert resp.status_code == 200, resp.text
    first = await ExpertAssignment.get(application_id=app_id, expert_id=experts[0].expert.id)
    resp = await client.post(f"{R}/assignments/{first.id}/conflict", headers=experts[0].headers,
                             json={"reason": "本人曾为该组织提供有偿咨询"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["replacement_assignment_id"]
    await first.refresh_from_db()
    assert first.status == AssignmentStatus.recused
    live = await ExpertAssignment.filter(application_id=app_id, status__not=AssignmentStatus.recused)
    assert sorted(a.expert_id for a in live) == sorted(e.expert.id for e in experts[1:])
    # The recused expert no longer sees the application; the replacement does.
    assert_envelope(await client.get(f"{R}/applications/{app_id}", headers=experts[0].headers), 404)
    assert (await client.get(f"{R}/applications/{app_id}", headers=experts[3].headers)).status_code == 200
    # Review completes with three unconflicted experts.
    for e in experts[1:]:
        a = await ExpertAssignment.get(application_id=app_id, expert_id=e.expert.id)
        await client.post(f"{R}/assignments/{a.id}/accept", headers=e.headers)
        r = await client.put(f"{R}/assignments/{a.id}/scores", headers=e.headers,
                             json={"scores": {"need": 60, "design": 70}})
        assert r.status_code == 200, r.text
    assert (await GrantApplication.get(id=app_id)).status == "scored"
    detail = (await client.get(f"{A}/{app_id}", headers=staff)).json()
    assert [a["status"] for a in detail["assignments"]].count("recused") == 1
    assert any(h["action"] == "grant.expert_recused" and "有偿咨询" in h["reason"] for h in detail["history"])


async def test_an_expert_of_the_applying_organization_is_never_assigned(app, client, clock):
    leader, app_id, staff = await _formal_passed(app, client, clock)
    member = await make_expert(app)
    await OrgMember.create(org=leader.org, user=member.user, role=MemberRole.member)
    linked = await make_expert(app, org_links=[leader.org.id])
    clean = [await make_expert(app) for _ in range(2)]
    for bad in (member, linked):
        body = assert_envelope(await client.post(f"{A}/{app_id}/experts", headers=staff,
                                                 json={"expert_ids": [bad.expert.id]}), 409, "expert_conflict")
        assert "回避" in body["message"] and body["details"]["expert_id"] == bad.expert.id
    # The pool skips them too: two clean experts are not enough, and nothing is stored.
    assert_envelope(await client.post(f"{A}/{app_id}/experts", headers=staff, json={}), 409, "expert_pool_exhausted")
    assert await ExpertAssignment.filter(application_id=app_id).count() == 0
    assert (await GrantApplication.get(id=app_id)).status == "formal_passed"
    third = await make_expert(app)
    resp = await client.post(f"{A}/{app_id}/experts", headers=staff, json={})
    assert resp.status_code == 200, resp.text
    assigned = {a["expert_id"] for a in resp.json()["items"]}
    assert assigned == {clean[0].expert.id, clean[1].expert.id, third.expert.id}
    assert (await GrantApplication.get(id=app_id)).status == "expert_review"


async def test_refill_never_picks_a_linked_expert(app, client, clock):
    leader, app_id, staff = await _formal_passed(app, client, clock)
    experts = [await make_expert(app) for _ in range(3)]
    await make_expert(app, org_links=[leader.org.id])
    await client.post(f"{A}/{app_id}/experts", headers=staff, json={"expert_ids": [e.expert.id for e in experts]})
    a = await ExpertAssignment.get(application_id=app_id, expert_id=experts[0].expert.id)
    resp = await client.post(f"{R}/assignments/{a.id}/conflict", headers=experts[0].headers, json={"reason": "亲属"})
    assert resp.json()["replacement_assignment_id"] is None
    assert await ExpertAssignment.filter(application_id=app_id, status__not="recused").count() == 2
    # Staff add a fresh expert by hand; the seat is filled again.
    extra = await make_expert(app)
    resp = await client.post(f"{A}/{app_id}/experts", headers=staff, json={"expert_ids": [extra.expert.id]})
    assert resp.status_code == 200, resp.text
    assert await ExpertAssignment.filter(application_id=app_id, status__not="recused").count() == 3


async def test_experts_see_only_their_own_assignments(app, client, clock):
    _, app_id, staff = await _formal_passed(app, client, clock)
    experts = [await make_expert(app) for _ in range(3)]
    outsider = await make_expert(app)
    await client.post(f"{A}/{app_id}/experts", headers=staff, json={"expert_ids": [e.expert.id for e in experts]})
    assert_envelope(await client.get(f"{R}/applications/{app_id}", headers=outsider.headers), 404)
    mine = (await client.get(f"{R}/assignments", headers=experts[0].headers)).json()["items"]
    assert [m["application_id"] for m in mine] == [app_id]
    assert (await client.get(f"{R}/assignments", headers=outsider.headers)).json()["items"] == []
    other = await ExpertAssignment.get(application_id=app_id, expert_id=experts[1].expert.id)
    assert_envelope(await client.post(f"{R}/assignments/{other.id}/accept", headers=experts[0].headers), 404)
    assert_envelope(await client.put(f"{R}/assignments/{other.id}/scores", headers=outsider.headers,
                                     json={"scores": {"need": 1, "design": 1}}), 404)
    view = (await client.get(f"{R}/applications/{app_id}", headers=experts[0].headers)).json()
    assert "history" not in view and "decision_reason" not in view and view["my_assignment"]["status"] == "pending"
    # The assigned expert reads the materials; an unassigned one cannot, even knowing the ids.
    file_url = f"{R}/applications/{app_id}/attachments/{view['attachments'][0]['id']}"
    resp = await client.get(file_url, headers=experts[0].headers)
    assert resp.status_code == 200 and resp.content == PDF and "attachment" in resp.headers["content-disposition"]
    assert_envelope(await client.get(file_url, headers=outsider.headers), 404, "application_not_found")
    assert_envelope(await client.get(f"{R}/applications/{app_id}/attachments/999999", headers=experts[0].headers),
                    404, "attachment_not_found")
    # People without an expert profile are refused outright.
    leader2 = await make_leader(app)
    assert_envelope(await client.get(f"{R}/assignments", headers=leader2.headers), 403, "not_expert")
    assert_envelope(await client.get(f"{R}/applications/{app_id}", headers=leader2.headers), 403, "not_expert")


async def test_scoring_rules(app, client, clock):
    _, app_id, staff = await _formal_passed(app, client, clock)
    experts = [await make_expert(app) for _ in range(3)]
    await client.post(f"{A}/{app_id}/experts", headers=staff, json={"expert_ids": [e.expert.id for e in experts]})
    a = await ExpertAssignment.get(application_id=app_id, expert_id=experts[0].expert.id)
    url = f"{R}/assignments/{a.id}/scores"
    assert_envelope(await client.put(url, headers=experts[0].headers, json={"scores": {"need": 50, "design": 50}}),
                    409, "assignment_not_accepted")
    await client.post(f"{R}/assignments/{a.id}/accept", headers=experts[0].headers)
    body = assert_envelope(await client.put(url, headers=experts[0].headers, json={"scores": {"need": 50}}), 422)
    assert body["details"]["fields"][0]["field"] == "scores.design"
    body = assert_envelope(await client.put(url, headers=experts[0].headers,
                                            json={"scores": {"need": 50, "design": 101}}), 422)
    assert body["details"]["fields"][0]["field"] == "scores.design"
    assert (await client.put(url, headers=experts[0].headers,
                             json={"scores": {"need": 50, "design": 50}})).status_code == 200
    assert_envelope(await client.put(url, headers=experts[0].headers, json={"scores": {"need": 9, "design": 9}}),
                    409, "already_scored")
    assert_envelope(await client.post(f"{R}/assignments/{a.id}/conflict", headers=experts[0].headers,
                                      json={"reason": "补充声明"}), 409, "assignment_closed")


async def test_expert_pool_is_managed_by_district_staff(app, client, login):
    await login("resident", openid="o-expert-zhang")
    staff = await staff_headers(app)
    resp = await client.post("/api/admin/v1/grants/experts", headers=staff,
                             json={"name": "张教授", "affiliation": "某大学社工系", "openid": "o-expert-zhang",
                                   "org_links": [5]})
    assert resp.status_code == 201, resp.text
    assert resp.json()["user_id"] and resp.json()["org_links"] == [5]
    assert_envelope(await client.post("/api/admin/v1/grants/experts", headers=staff,
                                      json={"name": "李", "openid": "o-nobody"}), 422)
    town_staff = await staff_headers(app, town_index=0)
    assert_envelope(await client.post("/api/admin/v1/grants/experts", headers=town_staff, json={"name": "王"}),
                    403, "district_staff_only")
    resp = await client.put(f"/api/admin/v1/grants/experts/{resp.json()['id']}", headers=staff, json={"active": False})
    assert resp.json()["active"] is False
    assert len((await client.get("/api/admin/v1/grants/experts", headers=staff)).json()["items"]) == 1
