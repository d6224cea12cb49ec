"""Refused paths for every grant, incubation and credit-status route: no token, wrong role, wrong scope."""

from __future__ import annotations

import re

import pytest

from backend.auth import PUBLIC, allowed_roles
from tests.grants.conftest import make_leader, make_program, staff_headers, submitted
from tests.helpers import assert_envelope

MINE = ("admin_grants", "admin_incubation", "admin_org_credit", "mp_grants", "mp_incubation")


def _routes(app, blueprint_prefixes):
    for route in app.router.routes:
        bp_name = route.name.split(".")[1] if "." in route.name else ""
        if bp_name not in blueprint_prefixes:
            continue
        path = "/" + re.sub(r"<[^>]+>", "1", route.path).lstrip("/")
        for method in route.methods - {"HEAD", "OPTIONS"}:
            yield method, path, allowed_roles(route.handler)


async def test_every_route_refuses_anonymous_callers(app, client):
    checked = 0
    for method, path, roles in _routes(app, MINE):
        if PUBLIC in roles:
            continue
        assert_envelope(await client.request(method, path), 401, "unauthorized")
        checked += 1
    assert checked >= 40


@pytest.mark.parametrize("role", ["resident", "leader"])
async def test_staff_routes_refuse_residents_and_leaders(app, client, login, role):
    headers = await login(role)
    routes = list(_routes(app, ("admin_grants", "admin_incubation", "admin_org_credit")))
    assert len(routes) >= 30
    for method, path, _ in routes:
        resp = await client.request(method, path, headers=headers, json={})
        assert_envelope(resp, 403, "forbidden")


@pytest.mark.parametrize("role", ["resident", "staff"])
async def test_leader_routes_refuse_other_roles(app, client, login, role):
    headers = await login(role)
    leader_only = [(m, p) for m, p, roles in _routes(app, ("mp_grants", "mp_incubation")) if roles == {"leader"}]
    assert len(leader_only) >= 12
    for method, path in leader_only:
        assert_envelope(await client.request(method, path, headers=headers, json={}), 403, "forbidden")


async def test_expert_routes_refuse_people_without_an_expert_profile(app, client, login):
    headers = await login("resident")
    expert_routes = [(m, p) for m, p, _ in _routes(app, ("mp_grants",)) if "/review/" in p]
    assert len(expert_routes) == 6
    for method, path in expert_routes:
        body = {"reason": "冲突说明", "scores": {"a": 1}} if method != "GET" else None
        assert_envelope(await client.request(method, path, headers=headers, json=body), 403, "not_expert")


async def test_district_only_actions_refuse_town_staff(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    application = await submitted(client, leader, program)
    town_staff = await staff_headers(app, town_index=0)
    a = f"/api/admin/v1/grants/applications/{application['id']}"
    assert (await client.post(f"{a}/formal-check", headers=town_staff, json={"passed": True})).status_code == 200
    assert_envelope(await client.post(f"{a}/experts", headers=town_staff, json={}), 403, "district_staff_only")
    assert_envelope(await client.post(f"{a}/decision", headers=town_staff, json={"approve": False, "reason": "不符"}),
                    403, "district_staff_only")
    assert_envelope(await client.post(f"{a}/notice", headers=town_staff), 403, "district_staff_only")
    assert_envelope(await client.post(f"{a}/revoke", headers=town_staff, json={"reason": "x"}), 403)
    body = {"year": 2026, "name": "镇级创投", "total_budget": "1000", "per_project_cap": "100",
            "opens_at": "2026-09-01T00:00:00+08:00", "closes_at": "2026-10-01T00:00:00+08:00",
            "rubric": [{"key": "a", "name": "甲", "weight": 1}]}
    assert_envelope(await client.post("/api/admin/v1/grants/programs", headers=town_staff, json=body), 403)


async def test_program_rules_are_validated(app, client):
    staff = await staff_headers(app)
    base = {"year": 2026, "name": "2026 公益创投", "total_budget": "1000000", "per_project_cap": "100000",
            "opens_at": "2026-09-01T00:00:00+08:00", "closes_at": "2026-10-01T00:00:00+08:00",
            "rubric": [{"key": "need", "name": "需求", "weight": 40}, {"key": "design", "name": "设计", "weight": 60}]}
    for override, field in [({"experts_per_application": 4}, "experts_per_application"),
                            ({"tranches": [50, 40]}, "tranches"),
                            ({"closes_at": "2026-08-01T00:00:00+08:00"}, "closes_at"),
                            ({"per_project_cap": "2000000"}, "per_project_cap"),
                            ({"status": "closed"}, None)]:
        resp = await client.post("/api/admin/v1/grants/programs", headers=staff, json={**base, **override})
        if field is None:  # unknown fields are ignored, never assigned
            assert resp.status_code == 201
            continue
        body = assert_envelope(resp, 422)
        assert body["details"]["fields"][0]["field"] == field, body
    created = resp.json()
    assert created["tranches"] == [60, 40] and created["forbidden_categories"] == ["人员奖金", "罚款", "招待费"]
    assert "公益慈善" in created["focus_areas"]
    public = await client.get(f"/api/mp/v1/grants/programs/{created['id']}")
    assert public.json()["rubric"][0]["key"] == "need"
    assert_envelope(await client.get("/api/mp/v1/grants/programs/999"), 404, "program_not_found")


async def test_decision_notice_and_objection_refusals(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    application = await submitted(client, leader, program)
    staff = await staff_headers(app)
    a = f"/api/admin/v1/grants/applications/{application['id']}"
    body = assert_envelope(await client.post(f"{a}/formal-check", headers=staff, json={"passed": False}), 422)
    assert body["details"]["fields"][0]["field"] == "reason"
    assert_envelope(await client.post(f"{a}/decision", headers=staff, json={"approve": True,
                                                                            "approved_amount": "1"}),
                    409, "illegal_transition")
    assert_envelope(await client.post(f"/api/mp/v1/grants/notices/{application['id']}/objections",
                                      headers=leader.headers, json={"content": "不在公示期的异议"}), 404)
    assert_envelope(await client.post(f"{a}/objections", headers=staff, json={"content": "来电异议"}), 409,
                    "not_in_notice")
    assert_envelope(await client.post(f"{a}/tranches", headers=staff, json={}), 409, "illegal_transition")
    assert_envelope(await client.post(f"{a}/close", headers=staff, json={}), 409, "illegal_transition")
    assert_envelope(await client.post(f"/api/mp/v1/grants/applications/{application['id']}/reports",
                                      headers=leader.headers,
                                      json={"kind": "midterm", "summary": "中期执行情况说明文字"}),
                    409, "illegal_transition")
    assert_envelope(await client.post(f"{a}/reports/1/review", headers=staff, json={"accepted": True}), 404)
    assert_envelope(await client.put(f"{a}/objections/1", headers=staff,
                                     json={"upheld": True, "resolution": "成立"}), 404)
    assert_envelope(await client.post(f"{a}/site-visit", headers=staff,
                                      json={"notes": "考察", "visited_on": "2026-09-02"}), 409, "illegal_transition")
    assert_envelope(await client.post(f"{a}/agreement", headers=staff, json={"agreement_no": "X"}), 409,
                    "illegal_transition")
    resp = await client.post(f"{a}/formal-check", headers=staff, json={"passed": True})
    assert resp.status_code == 200
    resp = await client.get(f"/api/admin/v1/grants/programs/{program.id}/ranking", headers=staff)
    assert resp.json()["items"] == []


async def test_upheld_objection_blocks_the_agreement_and_leads_to_revocation(app, client, clock):
    from backend.models.grant import GrantApplication

    program = await make_program(clock)
    leader = await make_leader(app)
    application = await submitted(client, leader, program)
    await GrantApplication.filter(id=application["id"]).update(status="approved", approved_amount="1000")
    staff = await staff_headers(app)
    a = f"/api/admin/v1/grants/applications/{application['id']}"
    assert (await client.post(f"{a}/notice", headers=staff)).status_code == 200
    obj = (await client.post(f"{a}/objections", headers=staff, json={"content": "材料造假", "source": "来信"})).json()
    await client.put(f"{a}/objections/{obj['id']}", headers=staff, json={"upheld": True, "resolution": "核查属实"})
    clock.set(2026, 10, 1)
    assert_envelope(await client.post(f"{a}/agreement", headers=staff, json={"agreement_no": "X"}), 409,
                    "objection_upheld")
    assert_envelope(await client.post(f"{a}/revoke", headers=staff, json={"reason": " "}), 422)
    resp = await client.post(f"{a}/revoke", headers=staff, json={"reason": "公示异议成立"})
    assert resp.json()["status"] == "rejected"
    assert_envelope(await client.post(f"/api/mp/v1/grants/notices/{application['id']}/objections",
                                      headers=leader.headers, json={"content": "公示结束后的异议"}), 404)


async def test_program_times_without_a_zone_are_beijing_time_and_far_years_are_refused(app, client):
    staff = await staff_headers(app)
    base = {"year": 2026, "name": "2026 公益创投", "total_budget": "1000000", "per_project_cap": "100000",
            "rubric": [{"key": "need", "name": "需求", "weight": 100}]}
    # Naive and aware times mixed: the naive one is Beijing time, not a 500 on comparing them.
    resp = await client.post("/api/admin/v1/grants/programs", headers=staff, json={
        **base, "opens_at": "2026-09-01T00:00:00", "closes_at": "2026-09-30T16:00:00Z"})
    assert resp.status_code == 201, resp.text
    assert resp.json()["opens_at"] == "2026-09-01T00:00:00+08:00"
    assert resp.json()["closes_at"] == "2026-10-01T00:00:00+08:00"
    body = assert_envelope(await client.post("/api/admin/v1/grants/programs", headers=staff, json={
        **base, "opens_at": "2026-09-01T00:00:00", "closes_at": "9999-12-31T23:59:59"}), 422)
    assert body["details"]["fields"][0]["field"] == "closes_at"


async def test_ids_beyond_the_database_range_are_refused_not_a_500(app, client, clock):
    staff = await staff_headers(app)
    big = 99_999_999_999
    for url, payload, field in [
        ("/api/admin/v1/grants/experts", {"name": "专家", "user_id": big}, "user_id"),
        ("/api/admin/v1/grants/experts", {"name": "专家", "org_links": [big]}, "org_links.0"),
        ("/api/admin/v1/grants/applications/1/experts", {"expert_ids": [big]}, "expert_ids.0"),
    ]:
        body = assert_envelope(await client.post(url, headers=staff, json=payload), 422)
        assert body["details"]["fields"][0]["field"] == field, body
    assert_envelope(await client.get("/api/mp/v1/grants/notices", params={"program_id": str(big)}), 422)
    leader = await make_leader(app)
    program = await make_program(clock)
    assert_envelope(await client.post(f"/api/mp/v1/grants/programs/{program.id}/applications",
                                      params={"org_id": str(big)}, headers=leader.headers,
                                      json={"project_name": "项目", "focus_area": "公益慈善"}), 422)
