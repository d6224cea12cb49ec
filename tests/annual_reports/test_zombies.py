"""Zombie screening: signals with evidence, the clean-up list, dismissal, cases and deregistration."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from backend.jobs import annual_reports as annual_report_jobs
from backend.jobs import drain_inline, event_notices
from backend.models.activity import Activity, Signup, SignupStatus
from backend.models.annual_report import AnnualReport, ReportYear, ZombieEntry
from backend.models.audit import AuditLog
from backend.models.grant import GrantApplication, GrantProgram
from backend.models.incubation import AdmissionRequest, IncubationBase
from backend.models.notice import Notice
from backend.models.organization import CoverageForm, JointBranch, Organization
from backend.models.outbox import OutboxEvent
from backend.services import zombies
from tests.annual_reports.conftest import TZ, S, leader, resident, staff
from tests.factories import make_activity, make_user, town
from tests.helpers import assert_envelope


async def _closed_years(*orgs, accepted=()):
    """Report years 2024 and 2025, both closed; each organization's reports overdue unless accepted."""
    for year in (2024, 2025):
        ry = await ReportYear.create(year=year, window_opens=date(year + 1, 1, 1), window_closes=date(year + 1, 5, 31),
                                     active_on=date(year, 12, 31), registered_before=date(year, 7, 1))
        for org in orgs:
            await AnnualReport.create(report_year=ry, year=year, org=org, town_id=org.town_id,
                                      status="accepted" if org in accepted else "overdue")


async def _fail_contacts(client, headers, org, days_ago=(60, 40, 20), method="phone"):
    today = date(2026, 9, 1)
    for n in days_ago:
        resp = await client.post(f"{S}/orgs/{org.id}/contact-attempts", headers=headers, json={
            "method": method, "outcome": "failed", "attempted_on": (today - timedelta(days=n)).isoformat(),
            "note": "电话无人接听"})
        assert resp.status_code == 201, resp.text


async def _sweep(client, headers, app_settings=None):
    resp = await client.post(f"{S}/zombie-sweeps", headers=headers)
    assert resp.status_code == 202, resp.text
    await drain_inline()  # the embedded cache runs the job in-process
    # With Redis the job waits for an arq worker; run it here as the worker would (re-running is safe).
    await annual_report_jobs.zombie_sweep({"settings": app_settings}, resp.json()["id"])
    done = await client.get(f"{S}/zombie-sweeps/{resp.json()['id']}", headers=headers)
    assert done.json()["status"] == "done", done.text
    return done.json()


async def test_the_sweep_lists_no_reports_plus_unreachable_and_not_mere_inactivity(app, client, clock):
    clock.set(2026, 9, 1)
    district = await staff(app)
    zombie, _ = await leader(app, approved_at=datetime(2020, 1, 1, tzinfo=TZ))
    quiet, _ = await leader(app, approved_at=datetime(2020, 1, 1, tzinfo=TZ))  # only lacks activities
    await _closed_years(zombie, quiet, accepted=(quiet,))
    await _fail_contacts(client, district, zombie)
    progress = await _sweep(client, district)
    assert progress["total"] == 2 and progress["processed"] == 2 and progress["listed"] == 1
    listed = (await client.get(f"{S}/zombie-entries", headers=district)).json()["items"]
    assert [e["org_id"] for e in listed] == [zombie.id]
    keys = {s["key"]: s for s in listed[0]["signals"]}
    assert {"no_annual_report", "unreachable", "no_activity"} == set(keys)
    assert "2024、2025" in keys["no_annual_report"]["evidence"]
    assert "3 次联系均失败" in keys["unreachable"]["evidence"]
    quiet_entry = await ZombieEntry.get_or_none(org_id=quiet.id)
    assert quiet_entry is None
    # Safe to re-run: the same single entry, refreshed.
    await _sweep(client, district)
    assert await ZombieEntry.all().count() == 1


async def test_unreachable_needs_three_failures_over_thirty_days_with_no_success_since(app, client, clock):
    clock.set(2026, 9, 1)
    district = await staff(app)
    org, _ = await leader(app)
    await _fail_contacts(client, district, org, days_ago=(25, 15, 5))  # 20 days apart: not yet
    assert await zombies._unreachable(org, date(2026, 9, 1)) is None
    await _fail_contacts(client, district, org, days_ago=(50,))
    assert await zombies._unreachable(org, date(2026, 9, 1)) is not None
    resp = await client.post(f"{S}/orgs/{org.id}/contact-attempts", headers=district, json={
        "method": "visit", "outcome": "reached", "attempted_on": "2026-08-31"})
    assert resp.status_code == 201
    assert await zombies._unreachable(org, date(2026, 9, 1)) is None


async def test_council_term_and_supervisor_signals(app, client, clock):
    clock.set(2026, 9, 1)
    district = await staff(app)
    org, _ = await leader(app)
    ry = await ReportYear.create(year=2024, window_opens=date(2025, 1, 1), window_closes=date(2025, 5, 31),
                                 active_on=date(2024, 12, 31), registered_before=date(2024, 7, 1))
    await AnnualReport.create(report_year=ry, year=2024, org=org, town_id=org.town_id, status="accepted",
                              council_term_end=date(2025, 12, 31))
    signal = await zombies._council_term_expired(org, date(2026, 9, 1))
    assert signal is not None and "2025-12-31" in signal["evidence"]
    resp = await client.post(f"{S}/orgs/{org.id}/council-elections", headers=district, json={
        "held_on": "2026-01-10", "term_end": "2031-01-09"})
    assert resp.status_code == 201, resp.text
    assert await zombies._council_term_expired(org, date(2026, 9, 1)) is None
    await client.post(f"{S}/orgs/{org.id}/contact-attempts", headers=district, json={
        "method": "supervisor", "outcome": "failed", "attempted_on": "2026-08-01", "note": "区科协反馈联系不上"})
    signal = await zombies._supervisor_unreachable(org, date(2026, 9, 1))
    assert signal is not None and "区科协" in signal["evidence"]


async def test_contacts_are_recorded_only_within_the_staff_members_town(app, client, clock):
    clock.set(2026, 9, 1)
    org, leader_headers = await leader(app)
    body = {"method": "phone", "outcome": "failed", "attempted_on": "2026-08-01"}
    assert_envelope(await client.post(f"{S}/orgs/{org.id}/contact-attempts", headers=await staff(app, 1), json=body),
                    404, "org_not_found")
    assert_envelope(await client.post(f"{S}/orgs/{org.id}/contact-attempts", headers=leader_headers, json=body), 403)
    assert (await client.post(f"{S}/orgs/{org.id}/contact-attempts", headers=await staff(app, 0),
                              json=body)).status_code == 201
    assert_envelope(await client.post(f"{S}/zombie-sweeps", headers=await staff(app, 0)), 403, "district_staff_only")


async def test_council_elections_are_recorded_and_listed_only_within_the_staff_members_town(app, client, clock):
    from backend.models.annual_report import CouncilElection

    clock.set(2026, 9, 1)
    org, leader_headers = await leader(app)
    url = f"{S}/orgs/{org.id}/council-elections"
    body = {"held_on": "2026-01-10", "term_end": "2031-01-09", "note": "第三届理事会"}
    # Allowed: the organization's own town and the district; refused: another town (404), non-staff (403).
    own_town, district, other_town = await staff(app, 0), await staff(app), await staff(app, 1)
    assert (await client.post(url, headers=own_town, json=body)).status_code == 201
    assert (await client.post(url, headers=district, json={"held_on": "2021-01-10",
                                                            "term_end": "2026-01-09"})).status_code == 201
    assert_envelope(await client.post(url, headers=other_town, json=body), 404, "org_not_found")
    assert_envelope(await client.post(url, headers=leader_headers, json=body), 403)
    for allowed in (own_town, district):
        listed = (await client.get(url, headers=allowed)).json()["items"]
        assert [(e["held_on"], e["term_end"], e["note"]) for e in listed] == [
            ("2026-01-10", "2031-01-09", "第三届理事会"), ("2021-01-10", "2026-01-09", "")]
    assert_envelope(await client.get(url, headers=other_town), 404, "org_not_found")
    assert_envelope(await client.get(url, headers=leader_headers), 403)
    assert_envelope(await client.get(url, headers=await resident(app)), 403)
    # A term ending before the election is refused in Chinese and nothing is recorded.
    refused = assert_envelope(await client.post(url, headers=own_town, json={
        "held_on": "2026-08-01", "term_end": "2026-07-01"}), 422)
    assert refused["details"]["fields"][0]["field"] == "term_end" and "任期届满" in refused["message"]
    assert await CouncilElection.filter(org_id=org.id).count() == 2
    audited = await AuditLog.filter(action="org.council_election", object_id=org.id).count()
    assert audited == 2


async def test_dismissal_holds_until_a_new_signal_appears(app, client, clock):
    clock.set(2026, 9, 1)
    district = await staff(app)
    org, _ = await leader(app, approved_at=datetime(2020, 1, 1, tzinfo=TZ))
    await _closed_years(org)
    await _sweep(client, district)
    entry = await ZombieEntry.get(org_id=org.id)
    assert_envelope(await client.post(f"{S}/zombie-entries/{entry.id}/dismiss", headers=await staff(app, 1),
                                      json={"reason": "正常运转"}), 404, "zombie_entry_not_found")
    resp = await client.post(f"{S}/zombie-entries/{entry.id}/dismiss", headers=await staff(app, 0),
                             json={"reason": "已电话核实，组织正常运转，年报系统外纸质报送"})
    assert resp.status_code == 200 and resp.json()["status"] == "dismissed"
    await _sweep(client, district)
    assert (await client.get(f"{S}/zombie-entries", headers=district)).json()["items"] == []
    await _fail_contacts(client, district, org)
    await _sweep(client, district)
    assert [e["org_id"] for e in (await client.get(f"{S}/zombie-entries", headers=district)).json()["items"]] == [
        org.id]


async def test_deregistering_cancels_activities_tells_residents_and_leaves_the_directory(app, client, clock):
    clock.set(2026, 9, 1)
    district, town_staff = await staff(app), await staff(app, 0)
    org, _ = await leader(app, approved_at=datetime(2020, 1, 1, tzinfo=TZ))
    branch = await JointBranch.create(name="临城联合党支部", region=await town(0))
    await Organization.filter(id=org.id).update(joint_branch_id=branch.id, party_member_count=1,
                                                coverage_form=CoverageForm.joint_branch)
    start = datetime(2026, 9, 20, 9, tzinfo=TZ)
    upcoming = await make_activity(org=org, starts_at=start, ends_at=start + timedelta(hours=2), signup_deadline=start)
    past_start = datetime(2023, 5, 1, 9, tzinfo=TZ)
    past = await make_activity(org=org, starts_at=past_start, ends_at=past_start + timedelta(hours=2),
                               signup_deadline=past_start)
    signed_up = await make_user()
    await Signup.create(activity=upcoming, user=signed_up, status=SignupStatus.confirmed)
    base = await IncubationBase.create(name="区孵化基地", tier="district", support_types=["活动场地"], quota=3,
                                       occupied=1)
    admission = await AdmissionRequest.create(base=base, org=org, support_types=["活动场地"], status="admitted")
    now = datetime(2026, 1, 1, tzinfo=TZ)
    program = await GrantProgram.create(year=2026, name="公益创投", total_budget=100000, per_project_cap=50000,
                                        opens_at=now, closes_at=now)
    application = await GrantApplication.create(program=program, org=org, project_name="助老", focus_area="公益慈善",
                                                status="submitted")
    await _closed_years(org)
    await _fail_contacts(client, district, org)
    await _sweep(client, district)
    entry = await ZombieEntry.get(org_id=org.id)
    resp = await client.post(f"{S}/zombie-entries/{entry.id}/cases", headers=town_staff, json={"note": "核查清理"})
    assert resp.status_code == 201, resp.text
    case_id = resp.json()["id"]
    assert_envelope(await client.post(f"{S}/zombie-entries/{entry.id}/cases", headers=town_staff, json={}), 409,
                    "zombie_entry_state")
    body = {"kind": "revoked", "reason": "连续两年未年报且无法取得联系", "effective_on": "2026-09-01"}
    assert_envelope(await client.post(f"{S}/zombie-cases/{case_id}/deregister", headers=town_staff, json=body), 403,
                    "district_staff_only")
    assert_envelope(await client.post(f"{S}/zombie-cases/{case_id}/deregister", headers=await staff(app, 1),
                                      json=body), 404, "cleanup_case_not_found")
    assert_envelope(await client.post(f"{S}/zombie-cases/{case_id}/deregister", headers=await resident(app),
                                      json=body), 403, "forbidden")
    assert (await Organization.get(id=org.id)).status == "active"
    resp = await client.post(f"{S}/zombie-cases/{case_id}/deregister", headers=district, json=body)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "closed" and resp.json()["outcome"] == "revoked"
    fresh = await Organization.get(id=org.id)
    assert fresh.status == "deregistered" and fresh.joint_branch_id is None and fresh.coverage_form != "joint_branch"
    assert (await Activity.get(id=upcoming.id)).status == "cancelled"
    assert (await Activity.get(id=past.id)).status == "published"
    assert (await AdmissionRequest.get(id=admission.id)).status == "left"
    assert (await IncubationBase.get(id=base.id)).occupied == 0
    grant = await GrantApplication.get(id=application.id)
    assert grant.status == "rejected" and "撤销登记" in grant.decision_reason
    assert (await ZombieEntry.get(id=entry.id)).status == "closed"
    cancelled = await OutboxEvent.get(kind="activity.cancelled")
    assert cancelled.payload["user_ids"] == [signed_up.id]
    assert await OutboxEvent.filter(kind="org.deregistered").count() == 1
    created = await event_notices.consume_outbox()
    told = [n for n in [await Notice.get(id=i) for i in created] if n.audience == {"kind": "users",
                                                                                  "user_ids": [signed_up.id]}]
    assert len(told) == 1 and "已取消" in told[0].body
    directory = (await client.get("/api/mp/v1/orgs/")).json()
    assert org.id not in [o["id"] for o in directory["items"]]
    assert await AuditLog.filter(action="org.deregistered.revoked", object_id=str(org.id)).exists()
    assert await AuditLog.filter(action="grant.withdrawn_deregistered").count() == 1
    assert_envelope(await client.post(f"{S}/zombie-cases/{case_id}/deregister", headers=district, json=body), 409,
                    "cleanup_case_closed")


async def test_an_unknown_entry_status_is_a_422_naming_it(app, client):
    # Found by the fuzz profile: any text reached the status column's enum check and answered 500.
    district = await staff(app)
    for status in ("W\u00d5\u00b4\x07", "unknown"):
        body = assert_envelope(await client.get(f"{S}/zombie-entries", params={"status": status}, headers=district),
                               422, "validation_failed")
        assert body["details"]["fields"][0]["field"] == "status"
    for status in ("all", "dismissed"):
        resp = await client.get(f"{S}/zombie-entries", params={"status": status}, headers=district)
        assert resp.status_code == 200, resp.text


async def test_entries_and_cases_are_paged_by_the_api_within_the_town(app, client):
    district, town_staff = await staff(app), await staff(app, 0)
    own, _ = await leader(app)
    own = [own] + [(await leader(app))[0] for _ in range(2)]
    other, _ = await leader(app, town=await town(1))
    for n, org in enumerate([*own, other]):
        await ZombieEntry.create(org=org, town_id=org.town_id, signal_count=n + 1,
                                 signals=[{"key": "no_annual_report", "label": "未报年报", "evidence": "2025",
                                                   "facts": {}}])
    first = (await client.get(f"{S}/zombie-entries", headers=town_staff, params={"page": 1, "page_size": 2})).json()
    second = (await client.get(f"{S}/zombie-entries", headers=town_staff, params={"page": 2, "page_size": 2})).json()
    assert (first["total"], first["page"], first["page_size"]) == (3, 1, 2)
    assert [e["org_id"] for e in first["items"] + second["items"]] == [o.id for o in reversed(own)]
    assert (await client.get(f"{S}/zombie-entries", headers=district)).json()["total"] == 4
    for entry in await ZombieEntry.all().order_by("id"):
        resp = await client.post(f"{S}/zombie-entries/{entry.id}/cases", headers=district, json={"note": ""})
        assert resp.status_code == 201, resp.text
        assert resp.json()["org_name"] == (await Organization.get(id=entry.org_id)).name
    page = (await client.get(f"{S}/zombie-cases", headers=town_staff, params={"page": 2, "page_size": 2})).json()
    assert (page["total"], page["page"], len(page["items"])) == (3, 2, 1)
    assert page["items"][0]["org_id"] == own[0].id and page["items"][0]["org_name"] == own[0].name
    assert (await client.get(f"{S}/zombie-cases", headers=district)).json()["total"] == 4
    for path in ("zombie-entries", "zombie-cases"):
        body = assert_envelope(await client.get(f"{S}/{path}", headers=town_staff, params={"page_size": "500"}), 422)
        assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
        assert_envelope(await client.get(f"{S}/{path}", headers=town_staff, params={"page": "0"}), 422)


async def test_an_organizations_contacts_and_elections_are_paged_by_the_api_within_the_town(app, client, clock):
    clock.set(2026, 9, 1)
    org, _ = await leader(app)
    own_town, other_town = await staff(app, 0), await staff(app, 1)
    await _fail_contacts(client, own_town, org, days_ago=(50, 40, 30, 20, 10))
    for year in (2016, 2021, 2026):
        resp = await client.post(f"{S}/orgs/{org.id}/council-elections", headers=own_town,
                                 json={"held_on": f"{year}-01-10", "term_end": f"{year + 5}-01-09"})
        assert resp.status_code == 201, resp.text
    contacts = (await client.get(f"{S}/orgs/{org.id}/contact-attempts", headers=own_town,
                                 params={"page": 2, "page_size": 2})).json()
    assert (contacts["total"], contacts["page"], contacts["page_size"]) == (5, 2, 2)
    assert [c["attempted_on"] for c in contacts["items"]] == ["2026-08-02", "2026-07-23"]
    elections = (await client.get(f"{S}/orgs/{org.id}/council-elections", headers=own_town,
                                  params={"page": 1, "page_size": 2})).json()
    assert elections["total"] == 3 and [e["held_on"] for e in elections["items"]] == ["2026-01-10", "2021-01-10"]
    for path in ("contact-attempts", "council-elections"):
        url = f"{S}/orgs/{org.id}/{path}"
        body = assert_envelope(await client.get(url, headers=own_town, params={"page_size": "500"}), 422)
        assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
        assert_envelope(await client.get(url, headers=own_town, params={"page": "0"}), 422)
        assert_envelope(await client.get(url, headers=other_town, params={"page_size": 2}), 404, "org_not_found")
