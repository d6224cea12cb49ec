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
