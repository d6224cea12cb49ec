"""Classified supervision follows the facts: the suggested level from credit entries and inspection findings,
staff confirming or overriding it with the history showing both, and item-10 fee findings in the record."""

from __future__ import annotations

from datetime import date

from backend.models.annual_report import AnnualReport, ReportYear
from backend.models.credit import CreditEntry, InspectionPlan, InspectionResult
from tests.helpers import assert_envelope

from .conftest import leader, resident, staff

S = "/api/admin/v1/orgs"


async def test_the_suggested_level_follows_the_record_and_staff_override_it_with_a_reason(app, client, clock):
    clock.set(2026, 9, 1)
    org, leader_headers = await leader(app, category="industry_association", coverage_form="instructor")
    district = await staff(app)
    first = (await client.get(f"{S}/{org.id}/supervision-file", headers=district)).json()
    assert (first["level"], first["suggested_level"], first["suggestion_reasons"]) == ("normal", "normal", [])
    plan = await InspectionPlan.create(year=2026, kind="periodic", title="定期抽查", ratio="0.03", items=["finances"],
                                       planned_on=date(2026, 9, 15), status="drawn")
    await InspectionResult.create(plan=plan, org=org, status="rectifying", problem_items=["finances"],
                                  fee_findings="会费设 6 个档次", rectification_due=date(2026, 10, 15))
    ry = await ReportYear.create(year=2025, window_opens=date(2026, 1, 1), window_closes=date(2026, 5, 31),
                                 active_on=date(2025, 12, 31), registered_before=date(2025, 7, 1))
    await AnnualReport.create(report_year=ry, year=2025, org=org, town_id=org.town_id, status="accepted",
                              findings=[{"code": "fee_levels_over_4", "field": "member_fees.levels",
                                         "message": "会费设 6 个档次，超过 4 级"}])
    assert (await client.get(f"{S}/{org.id}/supervision-file", headers=district)).json()["suggested_level"] == \
        "guidance"
    await CreditEntry.create(org=org, credit_list="abnormal", ground="rectification", answer_due=date(2026, 1, 5),
                             status="included")
    record = (await client.get(f"{S}/{org.id}/supervision-file", headers=district)).json()
    assert record["suggested_level"] == "talk" and "列入活动异常名录" in record["suggestion_reasons"]
    assert sorted(f["source"] for f in record["fee_findings"]) == ["annual_report", "inspection"]
    # Staff override the suggestion with a reason; the history keeps both.
    resp = await client.post(f"{S}/{org.id}/supervision", headers=district,
                             json={"level": "guidance", "reason": "已主动整改，先行指导"})
    assert resp.status_code == 201, resp.text
    assert (resp.json()["level"], resp.json()["suggested_level"]) == ("guidance", "talk")
    record = (await client.get(f"{S}/{org.id}/supervision-file", headers=district)).json()
    assert record["level"] == "guidance" and record["history"][0]["suggested_level"] == "talk"
    await CreditEntry.create(org=org, credit_list="untrustworthy", ground="major_fine", answer_due=date(2026, 1, 5),
                             status="included")
    assert (await client.get(f"{S}/{org.id}/supervision-file", headers=district)).json()["suggested_level"] == "key"
    # Refused: another town's staff (as if absent), residents and leaders.
    assert_envelope(await client.get(f"{S}/{org.id}/supervision-file", headers=await staff(app, 1)), 404,
                    "org_not_found")
    assert_envelope(await client.get(f"{S}/{org.id}/supervision-file", headers=await resident(app)), 403, "forbidden")
    assert_envelope(await client.get(f"{S}/{org.id}/supervision-file", headers=leader_headers), 403, "forbidden")
