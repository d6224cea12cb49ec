"""双随机一公开: a periodic plan draws at least 3%, never an inspector with a conflict link, at least two per
check, reproducibly from the published seed and list; results, rectification, and the overdue proposal."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from backend.jobs import event_notices
from backend.models.audit import AuditLog
from backend.models.credit import CreditEntry, InspectionResult
from backend.models.grant import Expert
from backend.models.notice import Notice
from backend.models.organization import OrgMember
from backend.services import credit_sweep, inspections
from tests.factories import make_org, make_user
from tests.helpers import assert_envelope

from .conftest import leader, resident, staff

A = "/api/admin/v1/inspections"
P = "/api/mp/v1/inspections"
ROOT = Path(__file__).resolve().parents[2]
PLAN = {"year": 2026, "kind": "periodic", "title": "2026 年度定期抽查", "items": ["annual_report", "finances"],
        "planned_on": "2026-09-15"}


async def _pool(client, district, orgs):
    """Five inspectors; A is linked to every organization, B (an expert) to the even ones, C is a member of
    the odd ones."""
    ids = [o.id for o in orgs]
    expert = await Expert.create(name="评审专家", org_links=[i for i in ids if i % 2 == 0])
    member = await make_user("staff")
    for org_id in [i for i in ids if i % 2 == 1]:
        await OrgMember.create(org_id=org_id, user_id=member.id)
    bodies = [{"name": "甲", "org_links": ids}, {"name": "乙", "kind": "expert", "expert_id": expert.id},
              {"name": "丙", "user_id": member.id}, {"name": "丁"}, {"name": "戊", "kind": "expert"}]
    made = []
    for body in bodies:
        resp = await client.post(f"{A}/inspectors", headers=district, json=body)
        assert resp.status_code == 201, resp.text
        made.append(resp.json()["id"])
    return made, {made[0]: set(ids), made[1]: {i for i in ids if i % 2 == 0}, made[2]: {i for i in ids if i % 2 == 1}}


async def test_a_periodic_plan_draws_three_percent_without_conflicts_reproducibly(app, client, clock):
    clock.set(2026, 9, 1)
    district = await staff(app)
    orgs = [await make_org() for _ in range(100)]
    inspector_ids, conflicts = await _pool(client, district, orgs)
    # Refused: town staff, residents, a ratio under 3%, a single inspector per check.
    assert_envelope(await client.post(f"{A}/plans", headers=await staff(app, 0), json=PLAN), 403,
                    "district_staff_only")
    assert_envelope(await client.post(f"{A}/plans", headers=await resident(app), json=PLAN), 403, "forbidden")
    assert_envelope(await client.post(f"{A}/plans", headers=district, json={**PLAN, "ratio": 0.02}), 422)
    assert_envelope(await client.post(f"{A}/plans", headers=district, json={**PLAN, "inspectors_per_check": 1}), 422)
    assert_envelope(await client.post(f"{A}/inspectors", headers=await staff(app, 0), json={"name": "己"}), 403,
                    "district_staff_only")
    resp = await client.post(f"{A}/plans", headers=district, json=PLAN)
    assert resp.status_code == 201, resp.text
    plan = resp.json()
    assert Decimal(plan["ratio"]) == Decimal("0.03")
    assert_envelope(await client.post(f"{A}/plans/{plan['id']}/draw", headers=await staff(app, 0)), 403,
                    "district_staff_only")
    resp = await client.post(f"{A}/plans/{plan['id']}/draw", headers=district)
    assert resp.status_code == 200, resp.text
    drawn = resp.json()
    assert drawn["seed"] and drawn["draw_input"]["count"] == 3 and len(drawn["draw_input"]["orgs"]) == 100
    results = await InspectionResult.filter(plan_id=plan["id"])
    assert len(results) >= 3
    for r in results:
        assert len(r.inspector_ids) >= 2 and inspector_ids[0] not in r.inspector_ids
        assert not any(r.org_id in conflicts.get(i, set()) for i in r.inspector_ids)
    # Anyone recomputes the same draw from what is published.
    public = (await client.get(f"{P}/plans/{plan['id']}")).json()
    published = sorted((r["org_id"], sorted(r["inspector_ids"])) for r in public["results"])
    recomputed = inspections.compute_draw(public["plan"]["seed"], public["plan"]["draw_input"])
    assert sorted(recomputed) == published
    assert "甲" not in str(public) and "评审专家" not in str(public)  # inspectors appear by number only
    assert (await client.get(f"{A}/plans/{plan['id']}/verification", headers=district)).json()["matches"] is True
    env = {**os.environ, "APP_ENV": "test", "VAR_DIR": str(app.ctx.settings.var_dir), "LOG_LEVEL": "WARNING"}
    done = subprocess.run([sys.executable, "-m", "backend", "redraw", str(plan["id"])], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "复算结果与公布结果一致" in done.stdout and drawn["seed"] in done.stdout
    # A draw is done once; a redraw needs a reason, is audited, and is refused after a check is recorded.
    assert_envelope(await client.post(f"{A}/plans/{plan['id']}/draw", headers=district), 409,
                    "inspection_already_drawn")
    assert_envelope(await client.post(f"{A}/plans/{plan['id']}/redraw", headers=district, json={}), 422)
    resp = await client.post(f"{A}/plans/{plan['id']}/redraw", headers=district, json={"reason": "检查人员回避调整"})
    assert resp.status_code == 200 and resp.json()["seed"] != drawn["seed"] and resp.json()["redraw_count"] == 1
    assert await AuditLog.filter(action="inspection.redrawn", reason="检查人员回避调整").exists()
    first = await InspectionResult.filter(plan_id=plan["id"]).first()
    assert first is not None
    resp = await client.post(f"{A}/results/{first.id}", headers=district,
                             json={"problems": False, "inspected_on": "2026-09-15"})
    assert resp.status_code == 200 and resp.json()["status"] == "no_problem"
    assert_envelope(await client.post(f"{A}/plans/{plan['id']}/redraw", headers=district, json={"reason": "再抽"}),
                    409, "inspection_started")


async def test_an_overdue_rectification_is_proposed_and_an_accepted_one_is_not(app, client, clock):
    clock.set(2026, 9, 1)
    district = await staff(app)
    late, late_headers = await leader(app, coverage_form="instructor")
    prompt, prompt_headers = await leader(app, coverage_form="instructor")
    _, stranger = await leader(app, coverage_form="instructor")
    for name in ("丁", "戊"):
        await client.post(f"{A}/inspectors", headers=district, json={"name": name})
    resp = await client.post(f"{A}/plans", headers=district, json={**PLAN, "ratio": 1})
    plan_id = resp.json()["id"]
    await client.post(f"{A}/plans/{plan_id}/draw", headers=district)
    results = {r.org_id: r for r in await InspectionResult.filter(plan_id=plan_id)}
    problem = {"problems": True, "problem_items": ["finances"], "findings": "账目不全",
               "fee_findings": "会费标准超过 4 级", "inspected_on": "2026-09-15", "rectification_due": "2026-10-15"}
    assert_envelope(await client.post(f"{A}/results/{results[late.id].id}", headers=district,
                                      json={**problem, "rectification_due": None}), 422)
    assert_envelope(await client.post(f"{A}/results/{results[late.id].id}", headers=await staff(app, 1),
                                      json=problem), 404, "inspection_result_not_found")
    for org in (late, prompt):
        resp = await client.post(f"{A}/results/{results[org.id].id}", headers=district, json=problem)
        assert resp.status_code == 200 and resp.json()["status"] == "rectifying", resp.text
    # The prompt organization rectifies and staff accept; a stranger cannot submit for it.
    assert_envelope(await client.post(f"{P}/results/{results[prompt.id].id}/rectification", headers=stranger,
                                      json={"report": "已整改"}), 404, "inspection_result_not_found")
    resp = await client.post(f"{P}/results/{results[prompt.id].id}/rectification", headers=prompt_headers,
                             json={"report": "已补全账目并调整会费标准"})
    assert resp.status_code == 200 and resp.json()["status"] == "submitted"
    assert_envelope(await client.post(f"{A}/results/{results[prompt.id].id}/rectification-review",
                                      headers=prompt_headers, json={"accept": True}), 403, "forbidden")
    resp = await client.post(f"{A}/results/{results[prompt.id].id}/rectification-review", headers=district,
                             json={"accept": True, "reason": "整改到位"})
    assert resp.status_code == 200 and resp.json()["status"] == "accepted"
    told = [await Notice.get(id=i) for i in await event_notices.consume_outbox()]
    assert sorted(n.audience["org_ids"][0] for n in told if n.title.startswith("抽查发现问题")) == sorted(
        [late.id, prompt.id])
    mine = (await client.get(f"{P}/results/mine", headers=late_headers)).json()["items"]
    assert [r["org_id"] for r in mine] == [late.id] and mine[0]["rectification_due"] == "2026-10-15"
    clock.set(2026, 10, 15)
    assert (await credit_sweep.run(answer_days=10, coverage_months=6)).proposed == []  # due today, not past
    clock.set(2026, 10, 16)
    out = await credit_sweep.run(answer_days=10, coverage_months=6)
    entries = await CreditEntry.filter(id__in=out.proposed)
    assert [(e.org_id, e.ground) for e in entries] == [(late.id, "rectification")]
    assert entries[0].evidence["problem_items"] == ["finances"]
    assert (await credit_sweep.run(answer_days=10, coverage_months=6)).proposed == []
    assert date.fromisoformat(str(entries[0].answer_due)) > date(2026, 10, 16)


async def test_an_inspector_naming_a_missing_account_is_refused_not_a_500(app, client, clock):
    district = await staff(app)
    body = assert_envelope(await client.post(f"{A}/inspectors", headers=district,
                                             json={"name": "庚", "kind": "staff", "user_id": 2147483646}), 422)
    assert body["details"]["fields"][0]["field"] == "user_id"


async def test_credit_entry_status_is_its_own_component_in_the_contract(client):
    doc = (await client.get("/docs/openapi.json")).json()
    assert "proposed" in doc["components"]["schemas"]["CreditEntryStatus"]["enum"]
    assert "proposed" not in doc["components"]["schemas"]["EntryStatus"]["enum"]


async def test_staff_list_and_read_plans_with_the_published_seed_residents_do_not(app, client, clock):
    clock.set(2026, 9, 1)
    district = await staff(app)
    for _ in range(5):
        await make_org()
    await _pool(client, district, [])
    plan = (await client.post(f"{A}/plans", headers=district, json=PLAN)).json()
    drawn = (await client.post(f"{A}/plans/{plan['id']}/draw", headers=district)).json()
    town = await staff(app, 0)
    listed = (await client.get(f"{A}/plans", headers=town)).json()["items"]
    assert [(p["id"], p["seed"]) for p in listed] == [(plan["id"], drawn["seed"])]
    one = (await client.get(f"{A}/plans/{plan['id']}", headers=district)).json()
    assert one["seed"] == drawn["seed"] and one["status"] == "drawn"
    assert_envelope(await client.get(f"{A}/plans/{plan['id'] + 999}", headers=district), 404)
    assert_envelope(await client.get(f"{A}/plans", headers=await resident(app)), 403, "forbidden")


async def test_plans_the_pool_and_a_plans_results_are_paged_by_the_api(app, client, clock):
    clock.set(2026, 9, 1)
    district, town = await staff(app), await staff(app, 0)
    for _ in range(5):
        await make_org()
    await _pool(client, district, [])
    plans = [(await client.post(f"{A}/plans", headers=district, json={**PLAN, "ratio": 1, "year": y})).json()
             for y in (2024, 2025, 2026)]
    first = (await client.get(f"{A}/plans", headers=town, params={"page": 1, "page_size": 2})).json()
    second = (await client.get(f"{A}/plans", headers=town, params={"page": 2, "page_size": 2})).json()
    assert (first["total"], first["page"], first["page_size"]) == (3, 1, 2)
    assert [p["year"] for p in first["items"] + second["items"]] == [2026, 2025, 2024]
    pool = (await client.get(f"{A}/inspectors", headers=town, params={"page": 2, "page_size": 3})).json()
    assert (pool["total"], [i["name"] for i in pool["items"]]) == (5, ["丁", "戊"])
    plan_id = plans[-1]["id"]
    assert (await client.post(f"{A}/plans/{plan_id}/draw", headers=district)).status_code == 200
    drawn = await InspectionResult.filter(plan_id=plan_id).order_by("id")
    assert len(drawn) == 5
    await InspectionResult.filter(id=drawn[1].id).update(status="no_problem")
    await InspectionResult.filter(id=drawn[3].id).update(status="rectifying")
    url = f"{A}/plans/{plan_id}/results"
    page = (await client.get(url, headers=town, params={"page": 2, "page_size": 2})).json()
    assert (page["total"], [r["id"] for r in page["items"]]) == (5, [drawn[2].id, drawn[3].id])
    done = (await client.get(f"{url}?status=no_problem&status=rectifying&page_size=1", headers=town)).json()
    assert (done["total"], [r["id"] for r in done["items"]]) == (2, [drawn[1].id])
    for path in ("plans", "inspectors", f"plans/{plan_id}/results"):
        body = assert_envelope(await client.get(f"{A}/{path}", headers=town, params={"page_size": "500"}), 422)
        assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
        assert_envelope(await client.get(f"{A}/{path}", headers=town, params={"page": "0"}), 422)
    body = assert_envelope(await client.get(url, headers=town, params={"status": "lost"}), 422)
    assert body["details"]["fields"][0]["field"].startswith("status")
    assert_envelope(await client.get(f"{A}/plans/{plan_id + 999}/results", headers=town), 404)
    # The mini-program's published plan still carries every result.
    assert len((await client.get(f"{P}/plans/{plan_id}")).json()["results"]) == 5
