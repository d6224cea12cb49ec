"""Report years, filling in section by section, item-10 findings, review across a holiday, publication."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from backend.models.activity import ActivityStatus, ServiceHours, Signup, SignupStatus
from backend.models.annual_report import AnnualReport
from backend.models.audit import AuditLog
from backend.models.grant import GrantApplication, GrantProgram, TranchePayment
from backend.models.organization import Organization, OrgCategory, OrgStatus
from backend.models.outbox import OutboxEvent
from tests.annual_reports.conftest import SECTIONS, TZ, M, S, fill, leader, resident, staff, submit
from tests.factories import make_activity, make_org, make_user
from tests.helpers import assert_envelope

COMMON = ["basic", "activities", "people", "finances", "donations", "party"]


async def _open(client, headers, year=2026, **body):
    return await client.post(f"{S}/annual-report-years", headers=headers, json={"year": year, **body})


async def _report_of(org) -> AnnualReport:
    return await AnnualReport.get(org_id=org.id)


async def test_opening_a_year_creates_reports_only_for_obliged_organizations(app, client, clock):
    district = await staff(app)
    obliged, _ = await leader(app, approved_at=datetime(2026, 6, 30, 9, tzinfo=TZ))
    late_registered, _ = await leader(app, approved_at=datetime(2026, 7, 2, 9, tzinfo=TZ))
    pending = await make_org(status=OrgStatus.pending)
    association, _ = await leader(app, category=OrgCategory.industry_association)
    resp = await _open(client, district)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["obliged"] == 2 and body["window_opens"] == "2027-01-01" and body["window_closes"] == "2027-05-31"
    assert body["registered_before"] == "2026-07-01"
    reports = {r.org_id: r for r in await AnnualReport.all()}
    assert set(reports) == {obliged.id, association.id}
    assert late_registered.id not in reports and pending.id not in reports
    assert all(r.status == "not_started" for r in reports.values())
    assert "member_fees" in reports[association.id].required_sections
    assert "member_fees" not in reports[obliged.id].required_sections
    assert (await Organization.get(id=obliged.id)).annual_report_due == date(2027, 5, 31)
    assert await AuditLog.filter(action="annual_report_year.open").count() == 1
    assert_envelope(await _open(client, district), 409, "report_year_exists")


async def test_only_district_staff_open_a_year(app, client, clock):
    _, leader_headers = await leader(app)
    assert_envelope(await _open(client, await staff(app, 0)), 403, "district_staff_only")
    assert_envelope(await _open(client, leader_headers), 403, "forbidden")
    assert_envelope(await _open(client, await resident(app)), 403, "forbidden")
    assert await AnnualReport.all().count() == 0
    assert (await _open(client, await staff(app))).status_code == 201


async def _grant_paid(org, *, amount: str, paid_on: date, index: int = 0):
    now = datetime(2026, 1, 1, tzinfo=TZ)
    program = await GrantProgram.create(year=2026, name="公益创投", total_budget=Decimal("100000"),
                                        per_project_cap=Decimal("50000"), opens_at=now, closes_at=now)
    app_row = await GrantApplication.create(program=program, org=org, project_name="助老", focus_area="公益慈善",
                                            status="in_progress")
    await TranchePayment.create(application=app_row, index=index, percent=60, amount=Decimal(amount), paid_on=paid_on)


async def test_activities_and_grants_sections_are_prefilled_with_the_years_figures(app, client, clock):
    clock.set(2027, 1, 10)
    org, headers = await leader(app)
    start = datetime(2026, 5, 1, 9, tzinfo=TZ)
    held = await make_activity(org=org, starts_at=start, ends_at=start + timedelta(hours=2), signup_deadline=start)
    other_year = datetime(2025, 12, 31, 9, tzinfo=TZ)
    await make_activity(org=org, starts_at=other_year, ends_at=other_year + timedelta(hours=1),
                        signup_deadline=other_year)
    await make_activity(org=org, starts_at=start, ends_at=start + timedelta(hours=1), signup_deadline=start,
                        status=ActivityStatus.draft)
    for minutes in (60, 90, 30):
        signup = await Signup.create(activity=held, user=await make_user(), status=SignupStatus.confirmed)
        await ServiceHours.create(signup=signup, user_id=signup.user_id, activity=held, minutes=minutes)
    await Signup.create(activity=held, user=await make_user(), status=SignupStatus.cancelled)
    await _grant_paid(org, amount="30000.00", paid_on=date(2026, 4, 1))
    await _grant_paid(org, amount="9999.00", paid_on=date(2027, 1, 2))
    assert (await _open(client, await staff(app))).status_code == 201
    report = await _report_of(org)
    resp = await client.get(f"{M}/{report.id}", headers=headers)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    sections = {s["key"]: s for s in body["sections"]}
    assert sections["activities"]["saved"] is False
    assert sections["activities"]["data"] == {"count": 1, "participants": 3, "service_hours": "3.0", "summary": ""}
    assert sections["finances"]["data"]["income"] == [
        {"source": "政府购买服务/公益创投", "amount": "30000.00", "note": "本系统记录的公益创投拨付"}]
    assert body["system_figures"]["grant_income"] == "30000.00"
    # The leader types their own figure; the system's stays beside it.
    typed = {**SECTIONS["activities"], "count": 15}
    resp = await client.put(f"{M}/{report.id}/sections/activities", headers=headers, json=typed)
    assert resp.status_code == 200, resp.text
    saved = {s["key"]: s for s in resp.json()["sections"]}["activities"]
    assert saved["saved"] and saved["data"]["count"] == 15
    assert resp.json()["system_figures"]["activities"]["count"] == 1
    assert resp.json()["status"] == "draft"


async def test_a_leader_reaches_only_their_own_report(app, client, clock):
    org, headers = await leader(app)
    _, other_headers = await leader(app)
    assert (await _open(client, await staff(app))).status_code == 201
    report = await _report_of(org)
    assert (await client.get(f"{M}/{report.id}", headers=headers)).status_code == 200
    assert_envelope(await client.get(f"{M}/{report.id}", headers=other_headers), 404, "annual_report_not_found")
    assert_envelope(await client.get(f"{M}/999999", headers=other_headers), 404, "annual_report_not_found")
    assert_envelope(await client.put(f"{M}/{report.id}/sections/basic", headers=other_headers,
                                     json=SECTIONS["basic"]), 404, "annual_report_not_found")
    assert_envelope(await client.get(f"{M}/{report.id}", headers=await resident(app)), 403, "forbidden")
    assert (await AnnualReport.get(id=report.id)).sections == {}


async def test_section_errors_name_the_field_and_save_nothing(app, client, clock):
    org, headers = await leader(app)
    assert (await _open(client, await staff(app))).status_code == 201
    report = await _report_of(org)
    bad = {**SECTIONS["finances"], "income": [{"source": "会费", "amount": "1"}, {"source": "捐赠", "amount": "2"},
                                              {"source": "其他", "amount": "-5"}], "income_total": "-2"}
    body = assert_envelope(await client.put(f"{M}/{report.id}/sections/finances", headers=headers, json=bad), 422)
    assert "finances.income[2].amount" in [f["field"] for f in body["details"]["fields"]]
    mismatch = {**SECTIONS["finances"], "income_total": "15000.00"}
    body = assert_envelope(await client.put(f"{M}/{report.id}/sections/finances", headers=headers, json=mismatch),
                           422)
    assert body["details"]["fields"] == [{"field": "finances.income_total",
                                          "message": "收入合计应等于各项之和 15000.50"}]
    assert_envelope(await client.put(f"{M}/{report.id}/sections/member_fees", headers=headers,
                                     json=SECTIONS["member_fees"]), 422, "section_not_required")
    fresh = await AnnualReport.get(id=report.id)
    assert fresh.sections == {} and fresh.status == "not_started"
    assert_envelope(await submit(client, headers, report.id), 422, "annual_report_incomplete")


async def test_five_fee_levels_are_submitted_and_shown_to_the_reviewer_as_a_finding(app, client, clock):
    org, headers = await leader(app, category=OrgCategory.industry_association)
    assert (await _open(client, await staff(app))).status_code == 201
    report = await _report_of(org)
    levels = [{"level": f"第{i}档", "amount": str(1000 * i)} for i in range(1, 6)]
    await fill(client, headers, report.id, [*COMMON, "member_fees"], member_fees={"levels": levels})
    clock.set(2027, 3, 1)
    resp = await submit(client, headers, report.id)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "submitted" and resp.json()["findings"] == []  # the leader does not see them
    assert resp.json()["commitment_name"] == "王建国" and resp.json()["late"] is False
    reviewer = await client.get(f"{S}/annual-reports/{report.id}", headers=await staff(app))
    findings = reviewer.json()["findings"]
    assert [f["code"] for f in findings] == ["fee_levels_over_4"]
    assert "一般不超过4级" in findings[0]["message"]
    # Editing a submitted report is a 409 naming the state.
    body = assert_envelope(await client.put(f"{M}/{report.id}/sections/basic", headers=headers,
                                            json=SECTIONS["basic"]), 409, "annual_report_locked")
    assert "已提交" in body["message"] and body["details"]["status"] == "submitted"


async def test_submitting_after_the_window_is_allowed_but_marked_late(app, client, clock):
    org, headers = await leader(app)
    assert (await _open(client, await staff(app))).status_code == 201
    report = await _report_of(org)
    await fill(client, headers, report.id, COMMON)
    clock.set(2027, 6, 1)
    resp = await submit(client, headers, report.id)
    assert resp.status_code == 200 and resp.json()["late"] is True


async def test_return_correct_within_five_working_days_resubmit_accept_publish(app, client, clock):
    district, town_staff, other_town = await staff(app), await staff(app, 0), await staff(app, 1)
    org, headers = await leader(app)
    assert (await _open(client, district, year=2025)).status_code == 201
    report = await _report_of(org)
    clock.set(2026, 4, 20)
    await fill(client, headers, report.id, COMMON)
    assert (await submit(client, headers, report.id)).status_code == 200
    # Town staff of another town: the report does not exist for them.
    assert_envelope(await client.post(f"{S}/annual-reports/{report.id}/town-check", headers=other_town,
                                      json={"passed": True}), 404, "annual_report_not_found")
    assert_envelope(await client.get(f"{S}/annual-reports/{report.id}", headers=other_town), 404,
                    "annual_report_not_found")
    # The district decides only after the town's check.
    assert_envelope(await client.post(f"{S}/annual-reports/{report.id}/decision", headers=district,
                                      json={"accept": True}), 409, "annual_report_locked")
    resp = await client.post(f"{S}/annual-reports/{report.id}/town-check", headers=town_staff,
                             json={"passed": True, "note": "材料齐全"})
    assert resp.status_code == 200 and resp.json()["status"] == "town_checked"
    # Only district staff decide.
    assert_envelope(await client.post(f"{S}/annual-reports/{report.id}/decision", headers=town_staff,
                                      json={"accept": True}), 403, "district_staff_only")
    assert_envelope(await client.post(f"{S}/annual-reports/{report.id}/decision", headers=district,
                                      json={"accept": False, "reasons": {"member_fees": "x"}}), 422)
    # Returned on Thursday 30 April 2026: 1–5 May is the 劳动节 holiday and Saturday 9 May a working day,
    # so the fifth working day is Monday 11 May (weekdays alone would give Thursday 7 May).
    clock.set(2026, 4, 30)
    resp = await client.post(f"{S}/annual-reports/{report.id}/decision", headers=district,
                             json={"accept": False, "reasons": {"finances": "支出明细不完整"}})
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "returned" and resp.json()["correction_due"] == "2026-05-11"
    mine = (await client.get(f"{M}/{report.id}", headers=headers)).json()
    assert mine["correction_due"] == "2026-05-11" and mine["editable"] is True
    assert {s["key"]: s for s in mine["sections"]}["finances"]["return_reason"] == "支出明细不完整"
    returned_event = await OutboxEvent.get(kind="annual_report.returned")
    assert returned_event.payload["correction_due"] == "2026-05-11"
    # Corrected and resubmitted, checked, accepted.
    clock.set(2026, 5, 8)
    fixed = {**SECTIONS["finances"], "expenses": [{"item": "活动支出", "amount": "6000"},
                                                  {"item": "办公费", "amount": "3000"}]}
    await fill(client, headers, report.id, ["finances"], finances=fixed)
    assert (await submit(client, headers, report.id)).json()["status"] == "submitted"
    assert (await client.post(f"{S}/annual-reports/{report.id}/town-check", headers=town_staff,
                              json={"passed": True})).status_code == 200
    resp = await client.post(f"{S}/annual-reports/{report.id}/decision", headers=district, json={"accept": True})
    assert resp.status_code == 200 and resp.json()["status"] == "accepted"
    assert_envelope(await client.put(f"{M}/{report.id}/sections/basic", headers=headers, json=SECTIONS["basic"]),
                    409, "annual_report_locked")
    kinds = [e.kind for e in await OutboxEvent.filter(kind__startswith="annual_report.").order_by("id")]
    assert kinds == ["annual_report.submitted", "annual_report.returned", "annual_report.submitted",
                     "annual_report.accepted"]
    actions = set(await AuditLog.filter(object_type="annual_report").values_list("action", flat=True))
    assert {"annual_report.submitted", "annual_report.town_checked", "annual_report.returned",
            "annual_report.accepted"} <= actions
    # Anyone reads the public part: the legal representative, never phones or other people's names.
    public = await client.get(f"{M}/public/{report.id}")
    assert public.status_code == 200, public.text
    data = public.json()
    assert data["legal_representative"] == "王建国" and data["org_name"] == org.name
    assert data["activities"]["count"] == 12 and data["finances"]["income_total"] == "15000.50"
    assert data["party_coverage_form"] == "joint_branch"
    assert "李秘书" not in public.text and "赵理事" not in public.text and "phone" not in public.text
    listing = (await client.get(f"{M}/public", params={"year": 2025})).json()
    assert [r["id"] for r in listing["items"]] == [report.id]


async def test_an_unaccepted_report_is_not_public(app, client, clock):
    org, _ = await leader(app)
    assert (await _open(client, await staff(app))).status_code == 201
    report = await _report_of(org)
    assert_envelope(await client.get(f"{M}/public/{report.id}"), 404, "annual_report_not_found")
    assert (await client.get(f"{M}/public")).json()["items"] == []


async def test_a_section_body_must_be_json_and_saves_nothing_otherwise(app, client, clock):
    """A section is a JSON document like every other body: a form post or plain text is refused
    with 415 before anything is read, and the section stays unsaved."""
    import orjson

    org, headers = await leader(app)
    assert (await _open(client, await staff(app))).status_code == 201
    report = await _report_of(org)
    raw = orjson.dumps(SECTIONS["basic"])
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        resp = await client.put(f"{M}/{report.id}/sections/basic", content=raw,
                                headers={**headers, "content-type": content_type})
        body = assert_envelope(resp, 415, "json_content_type_required")
        assert body["message"]
    assert (await AnnualReport.get(id=report.id)).sections == {}
    resp = await client.put(f"{M}/{report.id}/sections/basic", content=raw,
                            headers={**headers, "content-type": "application/json"})
    assert resp.status_code == 200, resp.text
