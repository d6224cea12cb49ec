"""Credit lists with due process: proposals from an overdue report, the leader's answer period, the district's
decision, consequences for grants and incubation, public lookup, removal when the report is accepted."""

from __future__ import annotations

from datetime import date, timedelta

from backend.crypto import PersonalData
from backend.jobs import event_notices
from backend.models.annual_report import AnnualReport
from backend.models.audit import AuditLog
from backend.models.credit import CreditEntry
from backend.models.notice import Channel, Delivery, Notice
from backend.models.organization import Organization, OrgMember
from backend.services import credit_sweep, notice_deliveries, workdays
from tests.annual_reports.conftest import fill, submit
from tests.grants.conftest import APPLICATION, make_program
from tests.helpers import assert_envelope

from .conftest import leader, resident, staff

S = "/api/admin/v1"
M = "/api/mp/v1/credit"
FILED = ["basic", "activities", "people", "finances", "donations", "party"]
CODE = "51330100MJ0000001X"
PHONE = "13912345678"


async def _overdue_org(app, client, clock):
    """An organization whose 2025 report is overdue on 2026-06-01 (party coverage in place)."""
    clock.set(2026, 3, 2)
    org, headers = await leader(app, coverage_form="instructor", instructor_name="张指导", credit_code=CODE,
                                contact_name="王建国")
    pd: PersonalData = app.ctx.personal_data
    await Organization.filter(id=org.id).update(contact_phone_encrypted=pd.encrypt(PHONE))
    district = await staff(app)
    resp = await client.post(f"{S}/annual-report-years", headers=district, json={
        "year": 2025, "window_opens": "2026-01-01", "window_closes": "2026-05-31"})
    assert resp.status_code == 201, resp.text
    clock.set(2026, 6, 1)
    assert (await client.post(f"{S}/annual-report-years/overdue-sweep", headers=district)).json() == {"marked": 1}
    return org, headers, district


async def test_an_overdue_report_is_proposed_heard_decided_and_has_consequences(app, client, clock):
    org, headers, district = await _overdue_org(app, client, clock)
    # Only district staff run the sweep; a resident does not even reach it.
    assert_envelope(await client.post(f"{S}/credit-sweep", headers=await staff(app, 0)), 403, "district_staff_only")
    assert_envelope(await client.post(f"{S}/credit-sweep", headers=await resident(app)), 403, "forbidden")
    resp = await client.post(f"{S}/credit-sweep", headers=district)
    assert resp.status_code == 200 and resp.json() == {"proposed": 1, "removals": 0}
    assert (await client.post(f"{S}/credit-sweep", headers=district)).json() == {"proposed": 0, "removals": 0}
    entry = await CreditEntry.get(org_id=org.id)
    assert (entry.credit_list, entry.ground, entry.status) == ("abnormal", "annual_report", "proposed")
    assert entry.answer_due == workdays.add_working_days(date(2026, 6, 1), 10)
    assert (await Organization.get(id=org.id)).credit_status == "normal"  # a proposal lists nothing yet

    # The leader is told (a notice, delivered to the inbox) with ground and answer deadline.
    created = await event_notices.consume_outbox()
    told = [n for n in [await Notice.get(id=i) for i in created] if n.title.startswith("拟列入活动异常名录")]
    assert len(told) == 1 and "未按规定报送年度工作报告" in told[0].body and str(entry.answer_due) in told[0].body
    await notice_deliveries.fan_out(notice_id=told[0].id)
    leader_id = (await OrgMember.get(org_id=org.id)).user_id
    assert await Delivery.filter(notice_id=told[0].id, user_id=leader_id, channel=Channel.inbox).exists()

    # The queue: staff see it with evidence; residents and leaders do not reach staff queues.
    queue = (await client.get(f"{S}/credit-entries", params={"status": "proposed"}, headers=district)).json()
    assert queue["total"] == 1 and queue["items"][0]["evidence"]["year"] == 2025
    assert queue["items"][0]["proposed_by_system"] is True
    assert (await client.get(f"{S}/credit-entries", headers=await staff(app, 1))).json()["total"] == 0
    assert_envelope(await client.get(f"{S}/credit-entries", headers=await resident(app)), 403, "forbidden")
    assert_envelope(await client.get(f"{S}/credit-entries", headers=headers), 403, "forbidden")
    assert_envelope(await client.get(f"{S}/credit-entries/{entry.id}", headers=await staff(app, 1)), 404,
                    "credit_entry_not_found")

    # Inclusion is refused before the answer period ends, and never decided by leaders or town staff.
    decision = {"include": True, "reason": "逾期未报送年度工作报告"}
    assert_envelope(await client.post(f"{S}/credit-entries/{entry.id}/decision", headers=district, json=decision),
                    409, "credit_answer_period_open")
    assert_envelope(await client.post(f"{S}/credit-entries/{entry.id}/decision", headers=headers, json=decision),
                    403, "forbidden")
    assert_envelope(await client.post(f"{S}/credit-entries/{entry.id}/decision", headers=await staff(app, 0),
                                      json=decision), 403, "district_staff_only")
    assert (await CreditEntry.get(id=entry.id)).status == "proposed"

    # The leader sees the proposal; another leader does not.
    mine = (await client.get(f"{M}/entries", headers=headers)).json()["items"]
    assert [e["id"] for e in mine] == [entry.id]
    _, stranger = await leader(app)
    assert (await client.get(f"{M}/entries", headers=stranger)).json()["items"] == []
    assert_envelope(await client.post(f"{M}/entries/{entry.id}/answer", headers=stranger,
                                      json={"statement": "不是我们"}), 404, "credit_entry_not_found")

    # After the period, the district includes it; the status is derived, audited and announced.
    clock.set(2026, 6, 16)
    assert_envelope(await client.post(f"{M}/entries/{entry.id}/answer", headers=headers,
                                      json={"statement": "材料已在准备"}), 409, "credit_answer_closed")
    resp = await client.post(f"{S}/credit-entries/{entry.id}/decision", headers=district, json=decision)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "included" and resp.json()["authority"]
    assert (await Organization.get(id=org.id)).credit_status == "abnormal"
    assert await AuditLog.filter(action="credit.included", object_id=str(entry.id)).exists()
    assert_envelope(await client.post(f"{S}/credit-entries/{entry.id}/decision", headers=district, json=decision),
                    409, "credit_entry_state")

    # Consequences: no incubation request, no grant application; the directory marks it.
    check = (await client.get("/api/mp/v1/incubation/eligibility", headers=headers)).json()
    assert check["eligible"] is False and any("活动异常名录" in r for r in check["reasons"])
    program = await make_program(clock)
    assert_envelope(await client.post(f"/api/mp/v1/grants/programs/{program.id}/applications", headers=headers,
                                      json=APPLICATION), 409, "org_credit_listed")
    public_org = (await client.get(f"/api/mp/v1/orgs/{org.id}")).json()
    assert public_org["credit_mark"] == "活动异常名录"

    # The public lookup shows the entry (ground, decision date, authority) and no personal data.
    for q in (CODE, CODE.lower(), org.name[:4]):
        found = await client.get(f"{M}/lookup", params={"q": q})
        assert found.status_code == 200
        [row] = [r for r in found.json()["items"] if r["org_id"] == org.id]
        assert row["credit_status"] == "abnormal" and row["entries"][0]["ground_label"] == "未按规定报送年度工作报告"
        assert row["entries"][0]["decided_at"].startswith("2026-06-16") and row["entries"][0]["authority"]
        assert PHONE not in found.text and "phone" not in found.text and "王建国" not in found.text
    listed = (await client.get(f"{M}/lists", params={"credit_list": "abnormal"})).json()
    assert [r["org_id"] for r in listed["items"]] == [org.id]
    assert_envelope(await client.get(f"{M}/lookup", params={"q": "x"}), 422)

    # Accepting the late report proposes removal at once; the district's removal clears the status.
    report = await AnnualReport.get(org_id=org.id)
    await fill(client, headers, report.id, FILED)
    assert (await submit(client, headers, report.id)).status_code == 200
    await client.post(f"{S}/annual-reports/{report.id}/town-check", headers=district, json={"passed": True})
    resp = await client.post(f"{S}/annual-reports/{report.id}/decision", headers=district, json={"accept": True})
    assert resp.status_code == 200, resp.text
    entry = await CreditEntry.get(id=entry.id)
    assert entry.status == "removal_proposed"
    assert (await Organization.get(id=org.id)).credit_status == "abnormal"  # still listed until decided
    removal = {"remove": True, "reason": "已补报并审核通过"}
    assert_envelope(await client.post(f"{S}/credit-entries/{entry.id}/removal-decision", headers=await staff(app, 0),
                                      json=removal), 403, "district_staff_only")
    assert_envelope(await client.post(f"{S}/credit-entries/{entry.id}/removal-decision", headers=headers,
                                      json=removal), 403, "forbidden")
    resp = await client.post(f"{S}/credit-entries/{entry.id}/removal-decision", headers=district, json=removal)
    assert resp.status_code == 200 and resp.json()["status"] == "removed"
    assert (await Organization.get(id=org.id)).credit_status == "normal"
    assert (await client.get("/api/mp/v1/incubation/eligibility", headers=headers)).json()["eligible"] is True
    found = (await client.get(f"{M}/lookup", params={"q": CODE})).json()["items"][0]
    assert found["entries"] == [] and found["credit_status"] == "normal"
    # The history keeps every step.
    history = (await client.get(f"{S}/orgs/{org.id}/credit-entries", headers=district)).json()["items"]
    assert [h["status"] for h in history] == ["removed"]
    kinds = {e for e in await AuditLog.filter(object_type="credit_entry").values_list("action", flat=True)}
    assert {"credit.proposed", "credit.included", "credit.removal_proposed", "credit.removed"} <= kinds


async def test_the_leader_may_answer_within_the_period_and_then_the_district_may_decide(app, client, clock):
    org, headers, district = await _overdue_org(app, client, clock)
    await client.post(f"{S}/credit-sweep", headers=district)
    entry = await CreditEntry.get(org_id=org.id)
    assert_envelope(await client.post(f"{M}/entries/{entry.id}/answer", headers=headers, json={"statement": "x"}),
                    422)
    resp = await client.post(f"{M}/entries/{entry.id}/answer", headers=headers,
                             json={"statement": "因负责人住院未能按期报送，已在补报"})
    assert resp.status_code == 200 and resp.json()["answered_at"]
    resp = await client.post(f"{S}/credit-entries/{entry.id}/decision", headers=district,
                             json={"include": False, "reason": "情有可原，不予列入"})
    assert resp.status_code == 200 and resp.json()["status"] == "dropped"
    assert (await Organization.get(id=org.id)).credit_status == "normal"
    # A dropped fact is not proposed again by the next sweep.
    assert (await client.post(f"{S}/credit-sweep", headers=district)).json()["proposed"] == 0


async def test_two_years_on_the_abnormal_list_propose_untrustworthy_exactly_once(app, client, clock):
    org, _, district = await _overdue_org(app, client, clock)
    await client.post(f"{S}/credit-sweep", headers=district)
    entry = await CreditEntry.get(org_id=org.id)
    clock.set(2026, 6, 16)
    await client.post(f"{S}/credit-entries/{entry.id}/decision", headers=district,
                      json={"include": True, "reason": "逾期未报"})
    clock.set(2028, 6, 1)  # not yet two years
    assert (await credit_sweep.run(answer_days=10, coverage_months=6)).proposed == []
    clock.set(2028, 6, 17)
    first = await credit_sweep.run(answer_days=10, coverage_months=6)
    again = await credit_sweep.run(answer_days=10, coverage_months=6)
    assert (await client.post(f"{S}/credit-sweep", headers=district)).json()["proposed"] == 0
    escalations = await CreditEntry.filter(org_id=org.id, credit_list="untrustworthy")
    assert len(escalations) == 1 and first.proposed == [escalations[0].id] and again.proposed == []
    assert escalations[0].ground == "abnormal_two_years"
    assert escalations[0].evidence["abnormal_entry_id"] == entry.id


async def test_missing_party_coverage_and_failed_contact_are_proposed_and_cured(app, client, clock):
    clock.set(2026, 6, 1)
    bare, _ = await leader(app)  # approved 2024, no coverage at all
    recent, _ = await leader(app, approved_at=clock.current - timedelta(days=30))
    district = await staff(app)
    await client.post(f"{S}/orgs/{bare.id}/contact-attempts", headers=district, json={
        "method": "visit", "outcome": "failed", "attempted_on": "2026-05-30", "note": "住所无人"})
    out = await credit_sweep.run(answer_days=10, coverage_months=6)
    grounds = sorted((e.org_id, e.ground) for e in await CreditEntry.filter(id__in=out.proposed))
    assert grounds == sorted([(bare.id, "party_coverage"), (bare.id, "unreachable")])
    assert not await CreditEntry.filter(org_id=recent.id).exists()
    assert (await credit_sweep.run(answer_days=10, coverage_months=6)).proposed == []
    # Included, then cured: coverage recorded and contact restored propose removal.
    clock.set(2026, 6, 20)
    for entry in await CreditEntry.filter(org_id=bare.id):
        resp = await client.post(f"{S}/credit-entries/{entry.id}/decision", headers=district,
                                 json={"include": True, "reason": "经核实"})
        assert resp.status_code == 200, resp.text
    # Contact restored proposes removal at once; coverage written outside the services waits for the sweep.
    await client.post(f"{S}/orgs/{bare.id}/contact-attempts", headers=district, json={
        "method": "phone", "outcome": "reached", "attempted_on": "2026-06-19"})
    assert (await CreditEntry.get(org_id=bare.id, ground="unreachable")).status == "removal_proposed"
    await Organization.filter(id=bare.id).update(coverage_form="instructor", instructor_name="李指导")
    out = await credit_sweep.run(answer_days=10, coverage_months=6)
    assert out.removals == [(await CreditEntry.get(org_id=bare.id, ground="party_coverage")).id]
    assert {e.status for e in await CreditEntry.filter(org_id=bare.id)} == {"removal_proposed"}


async def test_staff_proposals_and_the_retired_hand_set_route(app, client, clock):
    clock.set(2026, 6, 1)
    org, headers = await leader(app, coverage_form="instructor")
    district, town0, town1 = await staff(app), await staff(app, 0), await staff(app, 1)
    body = {"credit_list": "abnormal", "ground": "minor_penalty", "note": "警告处罚",
            "evidence": {"decision_no": "区民罚〔2026〕1号"}}
    assert_envelope(await client.post(f"{S}/orgs/{org.id}/credit-entries", headers=town1, json=body), 404,
                    "org_not_found")
    assert_envelope(await client.post(f"{S}/orgs/{org.id}/credit-entries", headers=headers, json=body), 403)
    assert_envelope(await client.post(f"{S}/orgs/{org.id}/credit-entries", headers=town0,
                                      json={**body, "ground": "major_fine"}), 422)
    assert_envelope(await client.post(f"{S}/orgs/{org.id}/credit-entries", headers=town0,
                                      json={**body, "ground": "abnormal_other"}), 403, "district_staff_only")
    resp = await client.post(f"{S}/orgs/{org.id}/credit-entries", headers=town0, json=body)
    assert resp.status_code == 201 and resp.json()["proposed_by_system"] is False
    assert_envelope(await client.post(f"{S}/orgs/{org.id}/credit-entries", headers=town0, json=body), 409,
                    "credit_entry_exists")
    # The old PUT no longer types a status: it opens a proposal, and the status stays derived.
    resp = await client.put(f"{S}/orgs/{org.id}/credit-status", headers=district,
                            json={"credit_status": "untrustworthy", "reason": "被列为失信被执行人"})
    assert resp.status_code == 200 and resp.json()["credit_status"] == "normal"
    pending = await CreditEntry.filter(org_id=org.id, status="proposed").order_by("id")
    assert [(e.credit_list, e.ground) for e in pending] == [("abnormal", "minor_penalty"),
                                                            ("untrustworthy", "untrustworthy_other")]


async def test_the_grants_ranking_shows_credit_good_to_reviewers(app, client, clock):
    from decimal import Decimal

    from backend.models.annual_report import ReportYear
    from backend.models.grant import GrantApplication

    clock.set(2026, 9, 1)
    program = await make_program(clock)
    good, _ = await leader(app, coverage_form="instructor")
    no_report, _ = await leader(app, coverage_form="instructor")
    listed, _ = await leader(app, coverage_form="instructor")
    ry = await ReportYear.create(year=2025, window_opens=date(2026, 1, 1), window_closes=date(2026, 5, 31),
                                 active_on=date(2025, 12, 31), registered_before=date(2025, 7, 1))
    for org in (good, listed):
        await AnnualReport.create(report_year=ry, year=2025, org=org, town_id=org.town_id, status="accepted")
    await CreditEntry.create(org=listed, credit_list="abnormal", ground="minor_penalty", answer_due=date(2026, 1, 5),
                             status="removed")
    for i, org in enumerate((good, no_report, listed)):
        await GrantApplication.create(program=program, org=org, project_name=f"项目{i}", focus_area="公益慈善",
                                      status="scored", aggregate_score=Decimal(90 - i))
    rows = (await client.get(f"/api/admin/v1/grants/programs/{program.id}/ranking", headers=await staff(app))).json()
    assert [(r["org_name"], r["credit_good"]) for r in rows["items"]] == [
        (good.name, True), (no_report.name, False), (listed.name, False)]


async def test_the_lookup_takes_long_digit_strings_as_names_not_codes(client):
    """A 63-digit query is no credit code (the column holds 18): an empty answer, never a 500."""
    resp = await client.get(f"{M}/lookup", params={"q": "0" * 63})
    assert resp.status_code == 200, resp.text
    assert resp.json()["items"] == []
