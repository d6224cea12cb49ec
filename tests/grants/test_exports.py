"""Grant exports write what applicants typed as text: a project name can never become a live formula."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from backend.models.grant import ApplicationStatus, GrantApplication
from tests.grants.conftest import make_leader, make_program, staff_headers

FORMULA = '=HYPERLINK("http://x","y")'


async def test_formula_in_project_name_stays_text_in_ranking_and_notice_xlsx(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app, name="+社区互助会")
    await GrantApplication.create(
        program=program, org=leader.org, project_name=FORMULA, focus_area="@公益慈善",
        status=ApplicationStatus.public_notice, requested_amount=Decimal("50000"), approved_amount=Decimal("45000"),
        aggregate_score=Decimal("84"), notice_start=date(2026, 9, 30), notice_end=date(2026, 10, 13))
    staff = await staff_headers(app)

    for export, project_cell in (("ranking.xlsx", "C2"), ("notice.xlsx", "C2")):
        resp = await client.get(f"/api/admin/v1/grants/programs/{program.id}/{export}", headers=staff)
        assert resp.status_code == 200, resp.text
        sheet = load_workbook(io.BytesIO(resp.content)).active
        cell = sheet[project_cell]
        assert (cell.value, cell.data_type) == (FORMULA, "s"), export
        assert (sheet["B2"].value, sheet["B2"].data_type) == ("+社区互助会", "s"), export
        assert (sheet["D2"].value, sheet["D2"].data_type) == ("@公益慈善", "s"), export
        formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == [], export
