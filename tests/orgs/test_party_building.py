"""Party-building coverage: a hand-counted 56-organization scenario, suggestions, joint branches (≤5
units, also under concurrency), instructors, the .xlsx export."""

from __future__ import annotations

import asyncio
import io

from openpyxl import load_workbook

from backend.crypto import PersonalData
from backend.models.audit import AuditLog
from backend.models.organization import JointBranch, Organization
from backend.services.party_building import balanced_chunks, responsible_party_org
from tests.factories import community_of, make_org, town
from tests.helpers import assert_envelope


async def _many(n, **fields):
    return [await make_org(**fields) for _ in range(n)]


async def seed_scenario():
    """56 organizations in three towns; the comments are the hand count the tests assert."""
    a, b, c = await town(0), await town(1), await town(2)
    # Town A: 25 organizations, 23 active.
    await _many(5, town=a, party_member_count=3, own_party_org=True, coverage_form="own")
    await _many(2, town=a, party_member_count=4)  # need own, have none
    await _many(6, town=a, party_member_count=1, category="charity")  # suggestion candidates
    await _many(1, town=a, party_member_count=2, category="science_tech")  # a single → merged
    branch_a = await JointBranch.create(name="甲镇联合党支部", region=a)
    await _many(3, town=a, party_member_count=1, joint_branch=branch_a, coverage_form="joint_branch")
    await _many(4, town=a, party_member_count=0, instructor_name="指导员甲", coverage_form="instructor")
    blank_spots = await _many(2, town=a, party_member_count=0, blank_spot=True)  # 三同步 blank spots
    await make_org(town=a, status="pending", party_member_count=1)
    await make_org(town=a, status="rejected")
    # Town B: 17 organizations, 16 active.
    await _many(3, town=b, party_member_count=6, own_party_org=True, coverage_form="own")
    await _many(5, town=b, party_member_count=2, category="community_service")
    await _many(3, town=b, party_member_count=1, category="science_tech")
    await make_org(town=b, party_member_count=1, category="charity")
    await make_org(town=b, party_member_count=2, category="other", supervisor_unit="区文联")
    branch_b = await JointBranch.create(name="乙镇联合党支部", region=b)
    await _many(2, town=b, party_member_count=0, joint_branch=branch_b, coverage_form="joint_branch")
    await make_org(town=b, party_member_count=0, instructor_name="指导员乙", coverage_form="instructor")
    await make_org(town=b, status="deregistered")
    # Town C: 14 organizations, 13 active.
    await _many(11, town=c, party_member_count=1, category="charity")
    await make_org(town=c, party_member_count=3, own_party_org=True, coverage_form="own")
    await make_org(town=c, party_member_count=2, category="community_service", instructor_name="指导员丙",
                   coverage_form="instructor")  # has an instructor but 1–2 members need a joint branch
    await make_org(town=c, status="pending")
    return a, b, c, blank_spots


async def test_coverage_numbers_equal_the_hand_count(client, login):
    a, b, c, blank_spots = await seed_scenario()
    assert await Organization.all().count() == 56
    data = (await client.get("/api/admin/v1/party-building/coverage", headers=await login("staff"))).json()
    overall = data["overall"]
    assert data["scope"]["name"] == "全区" and data["denominator"] == "active"
    assert overall["total"] == 56 and overall["active"] == 52
    assert overall["by_status"] == {"pending": 2, "active": 52, "returned": 0, "rejected": 1, "deregistered": 1}
    cov = overall["coverage"]
    assert (cov["own"], cov["joint_branch"], cov["instructor"], cov["none"]) == (9, 5, 6, 32)
    assert (cov["covered"], cov["uncovered"]) == (19, 33)
    assert cov["own_rate"] == round(9 / 52, 4) and cov["covered_rate"] == round(19 / 52, 4)
    assert overall["required"] == {"own": 2 + 5 + 3 + 1, "joint_branch": 6 + 1 + 3 + 5 + 3 + 2 + 11 + 1,
                                   "instructor": 4 + 2 + 2 + 1}
    assert cov["joint_branch_rate"] == round(5 / 52, 4) and cov["instructor_rate"] == round(6 / 52, 4)
    # Active organizations by category, counted off the seeding above (the factory default is 城乡社区服务类).
    assert overall["by_category"] == {"community_service": 5 + 2 + 3 + 4 + 2 + 3 + 5 + 2 + 1 + 1 + 1,
                                      "charity": 6 + 1 + 11, "science_tech": 1 + 3, "other": 1,
                                      "industry_association": 0}
    assert overall["blank_spot_count"] == 2
    assert sorted(s["id"] for s in data["blank_spots"]) == sorted(o.id for o in blank_spots)
    towns = {t["town"]["id"]: t for t in data["towns"]}
    assert (towns[a.id]["active"], towns[a.id]["coverage"]["covered"]) == (23, 12)
    assert (towns[b.id]["active"], towns[b.id]["coverage"]["covered"]) == (16, 6)
    assert (towns[c.id]["active"], towns[c.id]["coverage"]["covered"]) == (13, 1)
    forms = ("own", "joint_branch", "instructor", "none")
    assert tuple(towns[a.id]["coverage"][f] for f in forms) == (5, 3, 4, 2 + 6 + 1 + 2)
    assert tuple(towns[b.id]["coverage"][f] for f in forms) == (3, 2, 1, 5 + 3 + 1 + 1)
    assert tuple(towns[c.id]["coverage"][f] for f in forms) == (1, 0, 1, 11)
    assert towns[a.id]["by_status"] == {"pending": 1, "active": 23, "returned": 0, "rejected": 1, "deregistered": 0}
    assert towns[b.id]["coverage"]["covered_rate"] == round(6 / 16, 4)
    assert towns[c.id]["by_category"]["charity"] == 11
    assert towns[(await town(5)).id]["active"] == 0 and towns[(await town(5)).id]["coverage"]["covered_rate"] == 0


async def test_town_staff_see_only_their_town(client, login):
    a, b, _, _ = await seed_scenario()
    staff = await login("staff", scope_region_id=b.id)
    data = (await client.get("/api/admin/v1/party-building/coverage", headers=staff)).json()
    assert data["scope"] == {"town_id": b.id, "name": b.name}
    assert [t["town"]["id"] for t in data["towns"]] == [b.id] and data["overall"]["active"] == 16
    assert data["blank_spots"] == []
    assert_envelope(await client.get("/api/admin/v1/party-building/coverage", params={"town_id": a.id},
                                     headers=staff), 403)
    district = await login("staff")
    only_a = (await client.get("/api/admin/v1/party-building/coverage", params={"town_id": a.id},
                               headers=district)).json()
    assert only_a["overall"]["active"] == 23 and len(only_a["blank_spots"]) == 2


async def test_suggestions_group_by_town_and_category_at_most_five(client, login):
    a, b, c, _ = await seed_scenario()
    items = (await client.get("/api/admin/v1/party-building/joint-branch-suggestions",
                              headers=await login("staff"))).json()["items"]
    orgs = {o.id: o for o in await Organization.all()}
    sizes: dict[int, list[int]] = {}
    seen = set()
    for group in items:
        assert 1 <= group["unit_count"] <= 5 and group["unit_count"] == len(group["units"])
        towns = {orgs[u["id"]].town_id for u in group["units"]}
        assert towns == {group["town"]["id"]}, "a suggestion never mixes towns"
        for u in group["units"]:
            assert 1 <= orgs[u["id"]].party_member_count <= 2 and orgs[u["id"]].joint_branch_id is None
            assert u["id"] not in seen
            seen.add(u["id"])
        sizes.setdefault(group["town"]["id"], []).append(group["unit_count"])
    assert sorted(sizes[a.id]) == [3, 4] and sorted(sizes[b.id]) == [2, 3, 5] and sorted(sizes[c.id]) == [4, 4, 4]
    assert len(seen) == 7 + 10 + 12
    b_groups = [g for g in items if g["town"]["id"] == b.id]
    assert sorted(g["categories"] for g in b_groups if g["unit_count"] != 2) == [["community_service"],
                                                                                 ["science_tech"]]
    town_staff = await login("staff", scope_region_id=c.id)
    only_c = (await client.get("/api/admin/v1/party-building/joint-branch-suggestions", headers=town_staff)).json()
    assert {g["town"]["id"] for g in only_c["items"]} == {c.id}


async def test_blank_spots_and_suggestions_are_paged_by_the_api_within_the_town(client, login):
    a, b, c, blank_a = await seed_scenario()
    blank_b = await _many(3, town=b, party_member_count=0, blank_spot=True)
    await make_org(town=b, party_member_count=0, blank_spot=True, status="pending")  # not registered: not listed
    url = "/api/admin/v1/party-building/blank-spots"
    district, staff_b = await login("staff"), await login("staff", scope_region_id=b.id)
    first = (await client.get(url, params={"page": 1, "page_size": 2}, headers=staff_b)).json()
    second = (await client.get(url, params={"page": 2, "page_size": 2}, headers=staff_b)).json()
    assert (first["total"], first["page"], first["page_size"]) == (3, 1, 2)
    assert [s["id"] for s in first["items"] + second["items"]] == [o.id for o in blank_b]
    assert second["items"][0]["town"] == {"id": b.id, "name": b.name}
    everywhere = (await client.get(url, headers=district)).json()
    assert [s["id"] for s in everywhere["items"]] == [o.id for o in [*blank_a, *blank_b]]
    assert (await client.get(url, params={"town_id": a.id}, headers=district)).json()["total"] == 2
    assert_envelope(await client.get(url, params={"town_id": a.id}, headers=staff_b), 403, "out_of_scope")
    sugg = "/api/admin/v1/party-building/joint-branch-suggestions"
    whole = (await client.get(sugg, params={"page_size": 100}, headers=district)).json()
    assert whole["total"] == len(whole["items"]) == 8
    pages = [(await client.get(sugg, params={"page": n, "page_size": 3}, headers=district)).json() for n in (1, 2, 3)]
    assert [g for p in pages for g in p["items"]] == whole["items"] and pages[2]["total"] == 8
    staff_c = await login("staff", scope_region_id=c.id)
    only_c = (await client.get(sugg, params={"page_size": 2}, headers=staff_c)).json()
    assert only_c["total"] == 3 and len(only_c["items"]) == 2
    for path in (url, sugg):
        body = assert_envelope(await client.get(path, params={"page_size": "500"}, headers=staff_b), 422)
        assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
        assert_envelope(await client.get(path, params={"page": "0"}, headers=staff_b), 422)


def test_balanced_chunks_avoid_singletons():
    assert [len(c) for c in balanced_chunks(list(range(6)))] == [3, 3]
    assert [len(c) for c in balanced_chunks(list(range(11)))] == [4, 4, 3]
    assert [len(c) for c in balanced_chunks(list(range(5)))] == [5]
    assert balanced_chunks([]) == []


async def test_joint_branch_crud_and_five_unit_limit(client, login):
    a, b = await town(0), await town(1)
    units = await _many(6, town=a, party_member_count=1)
    staff = await login("staff")
    body = assert_envelope(await client.post("/api/admin/v1/party-building/joint-branches", headers=staff,
                                             json={"name": "临城联合党支部", "town_id": a.id,
                                                   "org_ids": [u.id for u in units]}), 422)
    assert body["details"]["fields"][0]["field"] == "org_ids"
    assert await JointBranch.all().count() == 0
    resp = await client.post("/api/admin/v1/party-building/joint-branches", headers=staff,
                             json={"name": "临城联合党支部", "town_id": a.id, "org_ids": [u.id for u in units[:5]]})
    assert resp.status_code == 201, resp.text
    branch = resp.json()
    assert branch["unit_count"] == 5
    assert (await Organization.get(id=units[0].id)).coverage_form == "joint_branch"
    body = assert_envelope(await client.post(f"/api/admin/v1/party-building/joint-branches/{branch['id']}/members",
                                             json={"org_id": units[5].id}, headers=staff), 409, "joint_branch_full")
    assert "不超过 5 个" in body["message"]
    # Removing one frees a place; the removed unit falls back to no coverage.
    resp = await client.delete(f"/api/admin/v1/party-building/joint-branches/{branch['id']}/members/{units[0].id}",
                               headers=staff)
    assert resp.json()["unit_count"] == 4
    assert (await Organization.get(id=units[0].id)).coverage_form == "none"
    resp = await client.post(f"/api/admin/v1/party-building/joint-branches/{branch['id']}/members",
                             json={"org_id": units[5].id}, headers=staff)
    assert resp.status_code == 201 and resp.json()["unit_count"] == 5
    # Other towns, 3+ member organizations and double membership are refused.
    other_town = await make_org(town=b, party_member_count=1)
    big = await make_org(town=a, party_member_count=3)
    for org_id, status in ((other_town.id, 422), (big.id, 422), (units[1].id, 409)):
        resp = await client.post(f"/api/admin/v1/party-building/joint-branches/{branch['id']}/members",
                                 json={"org_id": org_id}, headers=staff)
        assert_envelope(resp, status)
    resp = await client.patch(f"/api/admin/v1/party-building/joint-branches/{branch['id']}", headers=staff,
                              json={"name": "临城街道第一联合党支部"})
    assert resp.json()["name"] == "临城街道第一联合党支部"
    listing = (await client.get("/api/admin/v1/party-building/joint-branches", headers=staff)).json()["items"]
    assert [x["id"] for x in listing] == [branch["id"]]
    assert (await client.delete(f"/api/admin/v1/party-building/joint-branches/{branch['id']}",
                                headers=staff)).status_code == 200
    assert await Organization.filter(coverage_form="joint_branch").count() == 0
    assert await AuditLog.filter(object_type="joint_branch").count() >= 5


async def test_concurrent_additions_never_exceed_five(client, login):
    a = await town(0)
    staff = await login("staff")
    first = await _many(3, town=a, party_member_count=1)
    branch = (await client.post("/api/admin/v1/party-building/joint-branches", headers=staff,
                                json={"name": "并发测试联合党支部", "town_id": a.id,
                                      "org_ids": [o.id for o in first]})).json()
    newcomers = await _many(4, town=a, party_member_count=2)
    responses = await asyncio.gather(*(
        client.post(f"/api/admin/v1/party-building/joint-branches/{branch['id']}/members", json={"org_id": o.id},
                    headers=staff) for o in newcomers))
    codes = sorted(r.status_code for r in responses)
    assert codes == [201, 201, 409, 409], [r.text for r in responses]
    assert await Organization.filter(joint_branch_id=branch["id"]).count() == 5


async def test_town_staff_manage_only_their_towns_branches(client, login):
    a, b = await town(0), await town(1)
    district = await login("staff")
    unit = await make_org(town=b, party_member_count=1)
    branch = (await client.post("/api/admin/v1/party-building/joint-branches", headers=district,
                                json={"name": "乙镇联合党支部", "town_id": b.id, "org_ids": [unit.id]})).json()
    staff_a = await login("staff", scope_region_id=a.id)
    assert_envelope(await client.post("/api/admin/v1/party-building/joint-branches", headers=staff_a,
                                      json={"name": "越权联合党支部", "town_id": b.id}), 403)
    assert_envelope(await client.get(f"/api/admin/v1/party-building/joint-branches/{branch['id']}",
                                     headers=staff_a), 404)
    assert_envelope(await client.delete(f"/api/admin/v1/party-building/joint-branches/{branch['id']}",
                                        headers=staff_a), 404)
    assert (await client.get("/api/admin/v1/party-building/joint-branches", headers=staff_a)).json()["items"] == []
    assert_envelope(await client.get("/api/admin/v1/party-building/joint-branches", params={"town_id": b.id},
                                     headers=staff_a), 403, "out_of_scope")
    for method, path, payload in [
        ("patch", f"/api/admin/v1/party-building/joint-branches/{branch['id']}", {"name": "越权改名"}),
        ("post", f"/api/admin/v1/party-building/joint-branches/{branch['id']}/members", {"org_id": unit.id}),
        ("delete", f"/api/admin/v1/party-building/joint-branches/{branch['id']}/members/{unit.id}", None),
    ]:
        kwargs = {"headers": staff_a, **({"json": payload} if payload else {})}
        assert_envelope(await getattr(client, method)(path, **kwargs), 404)
    assert (await JointBranch.get(id=branch["id"])).name == "乙镇联合党支部"
    assert_envelope(await client.get("/api/admin/v1/party-building/joint-branch-suggestions",
                                     params={"town_id": b.id}, headers=staff_a), 403, "out_of_scope")
    # Their own town is fine.
    assert (await client.get("/api/admin/v1/party-building/joint-branches", params={"town_id": a.id},
                             headers=staff_a)).status_code == 200


async def test_party_data_update_by_leader_and_staff(client, login, app):
    from tests.factories import auth_headers, make_user

    leader = await make_user("leader")
    org = await make_org(leader=leader)
    headers = await auth_headers(app.ctx.redis, leader)
    body = assert_envelope(await client.put(f"/api/mp/v1/orgs/{org.id}/party", headers=headers,
                                            json={"party_member_count": 2, "own_party_org": True}), 422)
    assert body["details"]["fields"][0]["field"] == "own_party_org"
    resp = await client.put(f"/api/mp/v1/orgs/{org.id}/party", headers=headers,
                            json={"party_member_count": 3, "own_party_org": True})
    party = resp.json()["party_building"]
    assert party["coverage_form"] == "own" and party["covered"] and party["required_form"] == "own"
    resp = await client.put(f"/api/admin/v1/orgs/{org.id}/party", headers=await login("staff"),
                            json={"party_member_count": 2, "own_party_org": False})
    assert resp.json()["party_building"]["coverage_form"] == "none"
    assert resp.json()["party_building"]["required_form"] == "joint_branch"
    assert await AuditLog.filter(action="org.party_data").count() == 2


async def test_responsible_party_organization_follows_item_1(client, login):
    a = await town(0)
    community = await community_of(a)
    assert responsible_party_org(supervisor_unit="区科协", category="science_tech", town_name=a.name,
                                 community_name=None) == "区科协党组织"
    org = await make_org(town=a, community=community, category="community_service")
    view = (await client.get(f"/api/admin/v1/orgs/{org.id}", headers=await login("staff"))).json()
    assert view["party_building"]["responsible_party_org"] == f"{a.name}党委/{community.name}党组织"
    direct = await make_org(town=a, category="charity")
    view = (await client.get(f"/api/admin/v1/orgs/{direct.id}", headers=await login("staff"))).json()
    assert view["party_building"]["responsible_party_org"] == "社会组织综合党委"


async def test_export_has_one_row_per_organization_in_scope(client, login, app):
    _, _, c, _ = await seed_scenario()
    pd = PersonalData(app.ctx.settings.data_encryption_key.get_secret_value())
    await Organization.filter(town_id=c.id).update(contact_phone_encrypted=pd.encrypt("13812345678"))
    resp = await client.get("/api/admin/v1/party-building/coverage.xlsx", headers=await login("staff"))
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in resp.headers["content-disposition"]
    wb = load_workbook(io.BytesIO(resp.content))
    rows = list(wb["组织明细"].iter_rows(values_only=True))
    assert rows[0][:2] == ("ID", "社会组织名称")
    assert len(rows) - 1 == 56 == len({r[0] for r in rows[1:]})
    assert {r[0] for r in rows[1:]} == set(await Organization.all().values_list("id", flat=True))
    assert "党建工作负责党组织" in rows[0] and "13812345678" not in str(rows) and "138****5678" not in str(rows)
    summary = list(wb["镇街汇总"].iter_rows(values_only=True))
    assert len(summary) == 1 + 8
    # One row per organization in scope: the rows are exactly the organizations of town C.
    staff_c = await login("staff", scope_region_id=c.id)
    resp = await client.get("/api/admin/v1/party-building/coverage.xlsx", headers=staff_c)
    rows = list(load_workbook(io.BytesIO(resp.content))["组织明细"].iter_rows(values_only=True))
    assert len(rows) - 1 == 14 and {r[3] for r in rows[1:]} == {c.name}
    assert {r[0] for r in rows[1:]} == set(await Organization.filter(town_id=c.id).values_list("id", flat=True))


async def test_supervision_level_with_reason_and_history(client, login):
    org = await make_org()
    staff = await login("staff")
    body = assert_envelope(await client.post(f"/api/admin/v1/orgs/{org.id}/supervision", headers=staff,
                                             json={"level": "talk"}), 422)
    assert body["details"]["fields"][0]["field"] == "reason"
    for level, reason in (("guidance", "运作不规范，加强指导"), ("talk", "轻微违规，教育约谈")):
        resp = await client.post(f"/api/admin/v1/orgs/{org.id}/supervision", headers=staff,
                                 json={"level": level, "reason": reason})
        assert resp.status_code == 201
    history = (await client.get(f"/api/admin/v1/orgs/{org.id}/supervision", headers=staff)).json()["items"]
    assert [(h["previous_level"], h["level"]) for h in history] == [("guidance", "talk"), ("normal", "guidance")]
    assert (await Organization.get(id=org.id)).supervision_level == "talk"
    assert await AuditLog.filter(action="org.supervision").count() == 2


async def test_supervision_history_is_paged_by_the_api_within_the_town(client, login):
    org = await make_org(town=await town(0))
    staff = await login("staff", scope_region_id=org.town_id)
    levels = ["guidance", "talk", "key", "normal", "guidance"]
    for level in levels:
        resp = await client.post(f"/api/admin/v1/orgs/{org.id}/supervision", headers=staff,
                                 json={"level": level, "reason": f"调整为{level}"})
        assert resp.status_code == 201, resp.text
    url = f"/api/admin/v1/orgs/{org.id}/supervision"
    first = (await client.get(url, params={"page": 1, "page_size": 2}, headers=staff)).json()
    last = (await client.get(url, params={"page": 3, "page_size": 2}, headers=staff)).json()
    assert (first["total"], first["page"], first["page_size"]) == (5, 1, 2)
    assert [h["level"] for h in first["items"]] == ["guidance", "normal"] and len(last["items"]) == 1
    assert last["items"][0]["previous_level"] == "normal" and last["items"][0]["level"] == "guidance"
    body = assert_envelope(await client.get(url, params={"page_size": "500"}, headers=staff), 422)
    assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
    assert_envelope(await client.get(url, params={"page": "0"}, headers=staff), 422)
    other_town = await login("staff", scope_region_id=(await town(1)).id)
    assert_envelope(await client.get(url, params={"page_size": 2}, headers=other_town), 404)


async def test_export_keeps_formula_like_names_as_text(client, login):
    org = await make_org(name='=HYPERLINK("http://evil.example","点我")')
    resp = await client.get("/api/admin/v1/party-building/coverage.xlsx", headers=await login("staff"))
    sheet = load_workbook(io.BytesIO(resp.content))["组织明细"]
    name_cell = sheet.cell(row=2, column=2)
    assert sheet.cell(row=2, column=1).value == org.id
    assert name_cell.value == org.name and name_cell.data_type == "s"
