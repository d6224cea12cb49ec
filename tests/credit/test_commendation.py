"""评优 candidates: organizations on either credit list are excluded (失信惩戒), the latest due annual report
must be accepted, each candidate shows credit_good (守信激励); town staff see their town only."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from backend.models.annual_report import AnnualReport, ReportYear
from backend.models.credit import CreditEntry
from backend.services import exports
from tests.factories import town
from tests.helpers import assert_envelope

from .conftest import leader, resident, staff

URL = "/api/admin/v1/orgs/commendation-candidates"


async def _year(year: int, closes: date) -> ReportYear:
    return await ReportYear.create(year=year, window_opens=date(year + 1, 1, 1), window_closes=closes,
                                   active_on=date(year, 12, 31), registered_before=date(year, 7, 1))


async def _report(ry: ReportYear, org, status: str) -> AnnualReport:
    return await AnnualReport.create(report_year=ry, year=ry.year, org=org, town_id=org.town_id, status=status)


async def _entry(org, status: str, credit_list: str = "abnormal") -> CreditEntry:
    return await CreditEntry.create(org=org, credit_list=credit_list, ground="minor_penalty",
                                    answer_due=date(2026, 7, 1), status=status)


async def _world(app, clock):
    clock.set(2026, 9, 1)
    y2024, y2025 = await _year(2024, date(2025, 5, 31)), await _year(2025, date(2026, 5, 31))
    y2026 = await _year(2026, date(2027, 5, 31))  # not due yet: its draft does not count
    orgs = {}
    for key in ("good", "abnormal", "untrustworthy", "removal_proposed", "removed", "dropped", "overdue",
                "returned", "no_report", "pending"):
        orgs[key], _ = await leader(app, coverage_form="instructor", **({"status": "pending"} if key == "pending"
                                                                         else {}))
    orgs["other_town"], _ = await leader(app, coverage_form="instructor", town=await town(1))
    for key, org in orgs.items():
        if key == "no_report":
            continue
        await _report(y2024, org, "accepted")
        await _report(y2025, org, {"overdue": "overdue", "returned": "returned"}.get(key, "accepted"))
        await _report(y2026, org, "draft")
    await _entry(orgs["abnormal"], "included")
    await _entry(orgs["untrustworthy"], "included", "untrustworthy")
    await _entry(orgs["removal_proposed"], "removal_proposed")  # still listed until the district decides
    await _entry(orgs["removed"], "removed")  # off the list, but not credit_good for 3 years
    await _entry(orgs["dropped"], "dropped")  # never listed
    return orgs


async def test_candidates_exclude_listed_organizations_and_show_credit_good(app, client, clock):
    orgs = await _world(app, clock)
    resp = await client.get(URL, headers=await staff(app))
    assert resp.status_code == 200, resp.text
    body = resp.json()
    got = {row["org_id"]: row for row in body["items"]}
    expected = {orgs[k].id: good for k, good in
                (("good", True), ("removed", False), ("dropped", True), ("other_town", True))}
    assert {i: row["credit_good"] for i, row in got.items()} == expected
    assert body["total"] == 4 and (body["page"], body["page_size"]) == (1, 20)
    row = got[orgs["good"].id]
    assert row["latest_report_year"] == 2025 and row["town_name"] and row["category_label"]
    assert orgs["abnormal"].id not in got and orgs["untrustworthy"].id not in got

    # Paginated like the other staff lists.
    page = (await client.get(URL, headers=await staff(app), params={"page": 2, "page_size": 3})).json()
    assert page["total"] == 4 and len(page["items"]) == 1 and page["page"] == 2


async def test_town_staff_see_their_town_only_and_others_are_refused(app, client, clock):
    orgs = await _world(app, clock)
    town0 = await staff(app, 0)
    ids = {r["org_id"] for r in (await client.get(URL, headers=town0)).json()["items"]}
    assert ids == {orgs["good"].id, orgs["removed"].id, orgs["dropped"].id}
    ids = {r["org_id"] for r in (await client.get(URL, headers=await staff(app, 1))).json()["items"]}
    assert ids == {orgs["other_town"].id}
    assert_envelope(await client.get(URL, headers=town0, params={"town_id": (await town(1)).id}), 403,
                    "out_of_scope")
    district = (await client.get(URL, headers=await staff(app), params={"town_id": (await town(1)).id})).json()
    assert [r["org_id"] for r in district["items"]] == [orgs["other_town"].id]
    _, leader_headers = await leader(app)
    for headers in (leader_headers, await resident(app)):
        assert_envelope(await client.get(URL, headers=headers), 403, "forbidden")
        assert_envelope(await client.get(f"{URL}.xlsx", headers=headers), 403, "forbidden")


async def test_the_export_lists_the_same_candidates(app, client, clock):
    orgs = await _world(app, clock)
    resp = await client.get(f"{URL}.xlsx", headers=await staff(app, 0))
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith(exports.CONTENT_TYPE)
    sheet = load_workbook(io.BytesIO(resp.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("ID", "社会组织名称")
    assert {(r[0], r[8]) for r in rows[1:]} == {(orgs["good"].id, "是"), (orgs["removed"].id, "否"),
                                                (orgs["dropped"].id, "是")}
