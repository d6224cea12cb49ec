"""An application from draft to closed through every stage, with its audit trail and events."""

from __future__ import annotations

import asyncio
import io
from decimal import Decimal

from openpyxl import load_workbook

from backend.models.audit import AuditLog
from backend.models.grant import ExpertAssignment, GrantApplication
from backend.models.outbox import OutboxEvent
from tests.grants.conftest import draft, make_expert, make_leader, make_program, staff_headers, submitted, upload
from tests.helpers import assert_envelope

A = "/api/admin/v1/grants/applications"


async def test_walk_from_draft_to_closed_through_every_stage(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    staff = await staff_headers(app)

    # Draft, attachment, submit.
    application = await draft(client, leader, program)
    app_id = application["id"]
    assert application["status"] == "draft" and application["requested_amount"] == "50000.50"
    assert (await upload(client, leader, app_id)).status_code == 201
    resp = await client.post(f"/api/mp/v1/grants/applications/{app_id}/submit", headers=leader.headers)
    assert resp.json()["status"] == "submitted"

    # Formal check returns it for more information; the leader edits and resubmits.
    resp = await client.post(f"{A}/{app_id}/formal-check", headers=staff,
                             json={"passed": False, "reason": "请补充受益人名单"})
    assert resp.json()["status"] == "returned_for_info" and resp.json()["info_deadline"]
    resp = await client.put(f"/api/mp/v1/grants/applications/{app_id}", headers=leader.headers,
                            json={"beneficiaries": "独居老人 120 人（名单见附件）"})
    assert resp.status_code == 200, resp.text
    resp = await client.post(f"/api/mp/v1/grants/applications/{app_id}/submit", headers=leader.headers)
    assert resp.json()["status"] == "resubmitted"
    resp = await client.post(f"{A}/{app_id}/formal-check", headers=staff, json={"passed": True})
    assert resp.json()["status"] == "formal_passed"

    # Experts from the pool; each confirms no conflict and scores.
    experts = [await make_expert(app) for _ in range(3)]
    resp = await client.post(f"{A}/{app_id}/experts", headers=staff, json={"fill_from_pool": True})
    assert resp.status_code == 200, resp.text
    assert len(resp.json()["items"]) == 3
    scores = [({"need": 80, "design": 90}, "86.00"), ({"need": 70, "design": 80}, "76.00"),
              ({"need": 90, "design": 90}, "90.00")]
    for expert, (given, total) in zip(experts, scores, strict=True):
        a = await ExpertAssignment.get(application_id=app_id, expert_id=expert.expert.id)
        r = await client.post(f"/api/mp/v1/grants/review/assignments/{a.id}/accept", headers=expert.headers)
        assert r.status_code == 200, r.text
        r = await client.put(f"/api/mp/v1/grants/review/assignments/{a.id}/scores", headers=expert.headers,
                             json={"scores": given, "comment": "设计合理"})
        assert r.status_code == 200, r.text
        assert r.json()["total"] == total
    app_row = await GrantApplication.get(id=app_id)
    assert app_row.status == "scored" and app_row.aggregate_score == Decimal("84.00")

    # Ranking (and its export).
    resp = await client.get(f"/api/admin/v1/grants/programs/{program.id}/ranking", headers=staff)
    assert resp.json()["items"][0]["rank"] == 1 and resp.json()["items"][0]["aggregate_score"] == "84.00"
    resp = await client.get(f"/api/admin/v1/grants/programs/{program.id}/ranking.xlsx", headers=staff)
    sheet = load_workbook(io.BytesIO(resp.content)).active
    assert sheet["A1"].value == "排名" and sheet["C2"].value == "银龄互助食堂" and sheet["F2"].value == 84

    # Site visit, decision (amount above the request refused first).
    resp = await client.post(f"{A}/{app_id}/site-visit", headers=staff,
                             json={"notes": "场地符合要求", "visited_on": "2026-09-05"})
    assert resp.json()["status"] == "site_visit"
    body = assert_envelope(await client.post(f"{A}/{app_id}/decision", headers=staff,
                                             json={"approve": True, "approved_amount": "60000"}), 422)
    assert body["details"]["fields"][0]["field"] == "approved_amount"
    resp = await client.post(f"{A}/{app_id}/decision", headers=staff,
                             json={"approve": True, "approved_amount": "45000", "reason": "评审通过"})
    assert resp.json()["status"] == "approved" and resp.json()["approved_amount"] == "45000.00"

    # 公示 from the eve of 国庆: five working days end on 13 October.
    clock.set(2026, 9, 30)
    resp = await client.post(f"{A}/{app_id}/notice", headers=staff)
    assert resp.json()["status"] == "public_notice"
    assert (resp.json()["notice_start"], resp.json()["notice_end"]) == ("2026-09-30", "2026-10-13")
    notices = (await client.get("/api/mp/v1/grants/notices")).json()["items"]
    assert [n["id"] for n in notices] == [app_id]
    objector = await make_leader(app)
    resp = await client.post(f"/api/mp/v1/grants/notices/{app_id}/objections", headers=objector.headers,
                             json={"content": "该组织去年项目未按期结项"})
    assert resp.status_code == 201, resp.text
    assert_envelope(await client.post(f"{A}/{app_id}/agreement", headers=staff, json={"agreement_no": "GY-1"}),
                    409, "notice_not_finished")
    clock.set(2026, 10, 14)
    assert_envelope(await client.post(f"{A}/{app_id}/agreement", headers=staff, json={"agreement_no": "GY-1"}),
                    409, "objections_open")
    objection_id = (await client.get(f"{A}/{app_id}", headers=staff)).json()["objections"][0]["id"]
    resp = await client.put(f"{A}/{app_id}/objections/{objection_id}", headers=staff,
                            json={"upheld": False, "resolution": "经核查已按期结项"})
    assert resp.json()["status"] == "dismissed"
    resp = await client.get(f"/api/admin/v1/grants/programs/{program.id}/notice.xlsx", headers=staff)
    sheet = load_workbook(io.BytesIO(resp.content)).active
    assert sheet["B2"].value == leader.org.name and sheet["H2"].value == "2026-10-13"
    resp = await client.post(f"{A}/{app_id}/agreement", headers=staff, json={"agreement_no": "GY-2026-001"})
    assert resp.json()["status"] == "agreement_signed"

    # Tranches and reports.
    resp = await client.post(f"{A}/{app_id}/tranches", headers=staff, json={"voucher_no": "P-1"})
    assert resp.json() == {"index": 0, "percent": 60, "amount": "27000.00", "paid_on": "2026-10-14"}
    assert_envelope(await client.post(f"{A}/{app_id}/tranches", headers=staff, json={}), 409, "midterm_not_accepted")
    report_url = f"/api/mp/v1/grants/applications/{app_id}/reports"
    resp = await client.post(report_url, headers=leader.headers, json={
        "kind": "midterm", "summary": "已开展助餐 60 次，探访 200 人次",
        "spending": [{"line": 0, "spent": "15000"}, {"line": 1, "spent": "10000"}]})
    assert resp.status_code == 201, resp.text
    assert resp.json()["spending"][0]["variance"] == "15000.00"
    resp = await client.post(f"{A}/{app_id}/reports/{resp.json()['id']}/review", headers=staff,
                             json={"accepted": True, "note": "进度符合计划"})
    assert resp.json()["status"] == "accepted"
    resp = await client.post(f"{A}/{app_id}/tranches", headers=staff, json={})
    assert resp.json()["amount"] == "18000.00" and resp.json()["percent"] == 40
    # 结项's body is optional: no bytes at all reach the service, which finds no final report yet.
    assert_envelope(await client.post(f"{A}/{app_id}/close", headers=staff, content=b""), 409, "final_report_missing")
    resp = await client.post(report_url, headers=leader.headers, json={
        "kind": "final", "summary": "项目全部完成，服务老人 130 人",
        "spending": [{"line": 0, "spent": "28000"}, {"line": 1, "spent": "17000"}]})
    assert resp.status_code == 201, resp.text
    await client.post(f"{A}/{app_id}/reports/{resp.json()['id']}/review", headers=staff, json={"accepted": True})
    resp = await client.post(f"{A}/{app_id}/close", content=b"",  # a JSON content type with no bytes: no reason
                             headers={**staff, "Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "closed"

    # The audit trail holds every transition in order, with the state before and after.
    transitions = [(r.before["status"], r.after["status"]) for r in await AuditLog.filter(
        object_type="grant_application", object_id=str(app_id), action__in=[
            f"grant.{e}" for e in ("submit", "resubmit", "pass_formal", "return_for_info", "start_review",
                                  "complete_review", "record_site_visit", "approve", "publish_notice",
                                  "sign_agreement", "pay_tranche", "close")]).order_by("id")]
    assert transitions == [
        ("draft", "submitted"), ("submitted", "returned_for_info"), ("returned_for_info", "resubmitted"),
        ("resubmitted", "formal_passed"), ("formal_passed", "expert_review"), ("expert_review", "scored"),
        ("scored", "site_visit"), ("site_visit", "approved"), ("approved", "public_notice"),
        ("public_notice", "agreement_signed"), ("agreement_signed", "in_progress"), ("in_progress", "in_progress"),
        ("in_progress", "closed")]
    actions = set(await AuditLog.filter(object_id=str(app_id), object_type="grant_application")
                  .values_list("action", flat=True))
    assert {"grant.create", "grant.edit", "grant.expert_assigned", "grant.expert_scored", "grant.objection",
            "grant.objection_resolved", "grant.tranche_paid", "grant.report_midterm", "grant.report_final"} <= actions
    # The leader sees the same story, and the organization was told at each step.
    detail = (await client.get(f"/api/mp/v1/grants/applications/{app_id}", headers=leader.headers)).json()
    assert detail["timeline_of_status"][-1]["status"] == "closed"
    kinds = await OutboxEvent.all().values_list("kind", flat=True)
    assert {"grant.submit", "grant.return_for_info", "grant.approve", "grant.publish_notice",
            "grant.sign_agreement", "grant.pay_tranche", "grant.close", "grant.report_reviewed"} <= set(kinds)


async def test_illegal_transition_is_409_naming_the_current_state(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    application = await submitted(client, leader, program)
    staff = await staff_headers(app)
    body = assert_envelope(await client.post(f"/api/mp/v1/grants/applications/{application['id']}/submit",
                                             headers=leader.headers), 409, "illegal_transition")
    assert "当前状态为「已提交」" in body["message"]
    body = assert_envelope(await client.post(f"{A}/{application['id']}/notice", headers=staff), 409,
                           "illegal_transition")
    assert body["details"]["status"] == "submitted"
    body = assert_envelope(await client.put(f"/api/mp/v1/grants/applications/{application['id']}",
                                            headers=leader.headers, json={"objectives": "改"}), 409,
                           "illegal_transition")
    assert "已提交" in body["message"]


async def test_concurrent_double_submit_produces_one_submission(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    application = await draft(client, leader, program)
    assert (await upload(client, leader, application["id"])).status_code == 201
    url = f"/api/mp/v1/grants/applications/{application['id']}/submit"
    first, second = await asyncio.gather(client.post(url, headers=leader.headers),
                                         client.post(url, headers=leader.headers))
    assert sorted([first.status_code, second.status_code]) == [200, 409]
    assert await AuditLog.filter(action="grant.submit", object_id=str(application["id"])).count() == 1
    assert await OutboxEvent.filter(kind="grant.submit").count() == 1


async def test_submit_needs_required_attachments_and_the_deadline(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    application = await draft(client, leader, program)
    url = f"/api/mp/v1/grants/applications/{application['id']}/submit"
    body = assert_envelope(await client.post(url, headers=leader.headers), 422)
    assert body["details"]["fields"][0]["field"] == "attachments" and "项目实施方案" in body["message"]
    assert (await upload(client, leader, application["id"])).status_code == 201
    clock.set(2026, 9, 25)
    assert_envelope(await client.post(url, headers=leader.headers), 409, "program_closed")
    assert (await GrantApplication.get(id=application["id"])).status == "draft"


async def test_one_application_per_org_and_only_while_open(app, client, clock):
    program = await make_program(clock)
    leader = await make_leader(app)
    await draft(client, leader, program)
    url = f"/api/mp/v1/grants/programs/{program.id}/applications"
    from tests.grants.conftest import APPLICATION

    assert_envelope(await client.post(url, headers=leader.headers, json=APPLICATION), 409, "application_limit")
    other = await make_leader(app)
    clock.set(2026, 12, 1)
    assert_envelope(await client.post(url, headers=other.headers, json=APPLICATION), 409, "program_not_open")
