"""Reminders that know who filed, the overdue sweep, progress per town (JSON and .xlsx)."""

from __future__ import annotations

import io
from datetime import date, timedelta

from openpyxl import load_workbook

from backend.jobs import event_notices
from backend.models.annual_report import AnnualReport
from backend.models.notice import Notice
from backend.models.outbox import OutboxEvent
from backend.services import annual_reports
from tests.annual_reports.conftest import S, fill, leader, resident, staff, submit
from tests.factories import town
from tests.helpers import assert_envelope

FILED = ["basic", "activities", "people", "finances", "donations", "party"]


async def _open(client, headers, *, opens: date, closes: date, year: int = 2025):
    resp = await client.post(f"{S}/annual-report-years", headers=headers, json={
        "year": year, "window_opens": opens.isoformat(), "window_closes": closes.isoformat()})
    assert resp.status_code == 201, resp.text
    return resp.json()


async def test_reminders_reach_only_organizations_that_have_not_submitted_and_never_twice(app, client, clock):
    clock.set(2026, 5, 20)
    filed, filed_headers = await leader(app)
    waiting, _ = await leader(app)
    drafting, drafting_headers = await leader(app)
    await _open(client, await staff(app), opens=date(2026, 1, 1), closes=date(2026, 5, 31))
    filed_report = await AnnualReport.get(org_id=filed.id)
    await fill(client, filed_headers, filed_report.id, FILED)
    assert (await submit(client, filed_headers, filed_report.id)).status_code == 200
    await fill(client, drafting_headers, (await AnnualReport.get(org_id=drafting.id)).id, ["basic"])
    today = date(2026, 5, 24)  # 7 days before the window closes
    created = await event_notices.annual_report_reminders(today=today)
    notices = [await Notice.get(id=i) for i in created]
    assert sorted(n.audience["org_ids"][0] for n in notices) == sorted([waiting.id, drafting.id])
    assert all(n.source_key.endswith(":7") and "2026-05-31" in n.body for n in notices)
    assert await event_notices.annual_report_reminders(today=today) == []  # a second run sends nothing twice
    assert await event_notices.annual_report_reminders(today=today + timedelta(days=1)) == []
    last_day = await event_notices.annual_report_reminders(today=date(2026, 5, 30))
    assert len(last_day) == 2
    assert filed.id not in [(await Notice.get(id=i)).audience["org_ids"][0] for i in last_day]


async def test_a_returned_report_is_reminded_of_its_correction_deadline(app, client, clock):
    clock.set(2026, 3, 2)
    org, headers = await leader(app)
    district = await staff(app)
    await _open(client, district, opens=date(2026, 1, 1), closes=date(2026, 5, 31))
    report = await AnnualReport.get(org_id=org.id)
    await fill(client, headers, report.id, FILED)
    await submit(client, headers, report.id)
    await client.post(f"{S}/annual-reports/{report.id}/town-check", headers=district,
                      json={"passed": False, "reasons": {"basic": "住所与登记不一致"}})
    due = (await AnnualReport.get(id=report.id)).correction_due
    assert due is not None
    created = await event_notices.annual_report_reminders(today=due - timedelta(days=1))
    assert len(created) == 1 and f"correction:{due}" in (await Notice.get(id=created[0])).source_key
    assert await event_notices.annual_report_reminders(today=due - timedelta(days=1)) == []


async def test_the_sweep_marks_the_rest_overdue_with_exactly_one_event_each(app, client, clock):
    clock.set(2026, 3, 2)
    district = await staff(app)
    silent, _ = await leader(app)
    drafting, drafting_headers = await leader(app)
    filed, filed_headers = await leader(app)
    await _open(client, district, opens=date(2026, 1, 1), closes=date(2026, 5, 31))
    await fill(client, drafting_headers, (await AnnualReport.get(org_id=drafting.id)).id, ["basic"])
    filed_report = await AnnualReport.get(org_id=filed.id)
    await fill(client, filed_headers, filed_report.id, FILED)
    await submit(client, filed_headers, filed_report.id)
    assert await annual_reports.sweep_overdue(today=date(2026, 5, 31)) == []  # the window is still open
    clock.set(2026, 6, 1)
    assert_envelope(await client.post(f"{S}/annual-report-years/overdue-sweep", headers=await staff(app, 0)), 403,
                    "district_staff_only")
    assert_envelope(await client.post(f"{S}/annual-report-years/overdue-sweep", headers=await resident(app)), 403,
                    "forbidden")
    resp = await client.post(f"{S}/annual-report-years/overdue-sweep", headers=district)
    assert resp.status_code == 200 and resp.json() == {"marked": 2}
    assert (await client.post(f"{S}/annual-report-years/overdue-sweep", headers=district)).json() == {"marked": 0}
    assert await annual_reports.sweep_overdue() == []
    events = await OutboxEvent.filter(kind="annual_report.overdue")
    assert sorted(e.payload["org_id"] for e in events) == sorted([silent.id, drafting.id])
    statuses = {r.org_id: r.status for r in await AnnualReport.all()}
    assert statuses == {silent.id: "overdue", drafting.id: "overdue", filed.id: "submitted"}
    # The leaders hear about it through the notices work (inbox + subscribe message).
    created = await event_notices.consume_outbox()
    overdue_notices = [n for n in [await Notice.get(id=i) for i in created] if n.title == "年度报告逾期未报"]
    assert len(overdue_notices) == 2
    # An overdue report may still be filed; it is marked late.
    report = await AnnualReport.get(org_id=drafting.id)
    await fill(client, drafting_headers, report.id, FILED)
    resp = await submit(client, drafting_headers, report.id)
    assert resp.status_code == 200 and resp.json()["late"] is True


async def test_progress_per_town_and_for_the_district_as_json_and_xlsx(app, client, clock):
    clock.set(2026, 3, 2)
    district, town0, town1 = await staff(app), await staff(app, 0), await staff(app, 1)
    second_town = await town(1)
    filed, filed_headers = await leader(app)
    await leader(app)
    await leader(app, town_id=second_town.id)
    await _open(client, district, opens=date(2026, 1, 1), closes=date(2026, 5, 31))
    report = await AnnualReport.get(org_id=filed.id)
    await fill(client, filed_headers, report.id, FILED)
    clock.set(2026, 6, 2)
    await submit(client, filed_headers, report.id)
    await annual_reports.sweep_overdue()
    resp = await client.get(f"{S}/annual-report-years/2025/progress", headers=district)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total"]["obliged"] == 3 and body["total"]["submitted"] == 1 and body["total"]["late"] == 1
    assert body["total"]["overdue"] == 2 and body["total"]["town_name"] == "全区"
    first_town_id = (await town(0)).id
    first = next(t for t in body["towns"] if t["town_id"] == first_town_id)
    assert first["obliged"] == 2 and first["submitted"] == 1 and first["overdue"] == 1
    scoped = (await client.get(f"{S}/annual-report-years/2025/progress", headers=town1)).json()
    assert [t["town_id"] for t in scoped["towns"]] == [second_town.id] and scoped["total"]["obliged"] == 1
    listing = (await client.get(f"{S}/annual-report-years/2025/reports", headers=town0,
                                params={"status": "late"})).json()
    assert [r["org_id"] for r in listing["items"]] == [filed.id]
    assert (await client.get(f"{S}/annual-report-years/2025/reports", headers=town1)).json()["total"] == 1
    xlsx = await client.get(f"{S}/annual-report-years/2025/progress.xlsx", headers=district)
    assert xlsx.status_code == 200 and xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("镇街", "应报", "未填报") and rows[-1][0] == "全区" and rows[-1][1] == 3
    assert_envelope(await client.get(f"{S}/annual-report-years/2025/progress", headers=await resident(app)), 403)
