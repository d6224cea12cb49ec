"""Grant and incubation answers: instants leave in Beijing time with the offset; the writer keeps text text."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook

from backend.services import exports
from tests.grants.conftest import draft, make_leader, make_program, staff_headers, upload


async def test_instants_in_grant_answers_carry_the_beijing_offset(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    listed = (await client.get("/api/mp/v1/grants/programs")).json()["items"][0]
    assert listed["opens_at"] == (clock.current - timedelta(days=10)).isoformat()
    assert listed["opens_at"].endswith("+08:00") and listed["total_budget"] == "1000000.00"

    application = await draft(client, leader, program)
    attachment = (await upload(client, leader, application["id"])).json()
    assert attachment["uploaded_at"].endswith("+08:00")
    resp = await client.post(f"/api/mp/v1/grants/applications/{application['id']}/submit", headers=leader.headers)
    assert resp.json()["submitted_at"] == clock.current.isoformat()

    staff = await staff_headers(app)
    detail = (await client.get(f"/api/admin/v1/grants/applications/{application['id']}", headers=staff)).json()
    assert detail["history"] and all(h["at"].endswith("+08:00") for h in detail["history"])
    mine = (await client.get(f"/api/mp/v1/grants/applications/{application['id']}", headers=leader.headers)).json()
    assert [s["status"] for s in mine["timeline_of_status"]] == ["draft", "submitted"]


def test_the_writer_keeps_every_formula_looking_text_as_text():
    risky = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")']
    data = exports.workbook([exports.Sheet("名单", [["名称", "数量"], *([text, 3] for text in risky)])])
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [(t, "s", True) for t in risky]
    assert {row[1].data_type for row in sheet.iter_rows(min_row=2)} == {"n"}


async def test_staff_lists_of_programs_applications_ranking_and_experts_are_paged(app, client, clock):
    from decimal import Decimal

    from backend.models.grant import GrantApplication
    from tests.grants.conftest import make_expert, submitted
    from tests.helpers import assert_envelope

    programs = [await make_program(clock, year=2020 + i, name=f"{2020 + i} 年度公益创投") for i in range(3)]
    staff = await staff_headers(app)
    P = "/api/admin/v1/grants/programs"
    page = (await client.get(P, headers=staff, params={"page": 2, "page_size": 2})).json()
    assert (page["total"], page["page"], page["page_size"]) == (3, 2, 2)
    assert [p["id"] for p in page["items"]] == [programs[0].id]  # newest year first
    assert (await client.get(f"{P}/{programs[1].id}", headers=staff)).json()["year"] == 2021
    assert_envelope(await client.get(f"{P}/999999", headers=staff), 404)

    program = programs[2]
    apps = [await submitted(client, await make_leader(app), program) for _ in range(3)]
    await draft(client, await make_leader(app), program)
    for score, a in zip(("90", "80", "80"), apps, strict=True):
        await GrantApplication.filter(id=a["id"]).update(aggregate_score=Decimal(score), status="scored")
    url = f"{P}/{program.id}/applications"
    listed = (await client.get(url, headers=staff, params={"status": ["scored", "draft"], "page_size": 3})).json()
    assert listed["total"] == 4 and len(listed["items"]) == 3
    scored = (await client.get(url, headers=staff, params={"status": "scored", "page": 2, "page_size": 2})).json()
    assert scored["total"] == 3 and [a["id"] for a in scored["items"]] == [apps[2]["id"]]
    ranked = (await client.get(f"{P}/{program.id}/ranking", headers=staff, params={"page": 2, "page_size": 1})).json()
    assert ranked["total"] == 3 and [(r["application_id"], r["rank"]) for r in ranked["items"]] == [(apps[1]["id"], 2)]

    for _ in range(3):
        await make_expert(app)
    experts = (await client.get("/api/admin/v1/grants/experts", headers=staff, params={"page_size": 2})).json()
    assert experts["total"] == 3 and len(experts["items"]) == 2
    retired = await client.get("/api/admin/v1/grants/experts", headers=staff, params={"active": "false"})
    assert retired.json()["total"] == 0

    for path in (P, url, f"{P}/{program.id}/ranking", "/api/admin/v1/grants/experts"):
        body = assert_envelope(await client.get(path, headers=staff, params={"page_size": "101"}), 422)
        assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
    assert_envelope(await client.get(url, headers=staff, params={"status": "nonsense"}), 422)


async def test_grant_programs_are_filtered_by_their_application_period(app, client):
    from datetime import UTC, datetime

    from backend.models.grant import GrantProgram
    from tests.helpers import assert_envelope

    district = await staff_headers(app)
    now = datetime.now(UTC)
    made = {}
    for key, opens, closes in (("closed", -60, -30), ("open", -1, 10), ("upcoming", 10, 40)):
        made[key] = await GrantProgram.create(
            year=2026, name=f"{key} 创投", total_budget=100000, per_project_cap=10000, focus_areas=["公益慈善"],
            opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes),
            rubric=[{"key": "need", "name": "需求", "weight": 100}], required_attachments=[])
    for key, program in made.items():
        resp = await client.get("/api/admin/v1/grants/programs", headers=district, params={"state": key})
        assert [p["id"] for p in resp.json()["items"]] == [program.id], key
    assert (await client.get("/api/admin/v1/grants/programs", headers=district)).json()["total"] == 3
    assert_envelope(await client.get("/api/admin/v1/grants/programs", headers=district, params={"state": "x"}), 422)
