"""A cured ground proposes removal at once, in the transaction of the action that cures it: party coverage
recorded (own party organization, a joint branch, an instructor) and contact restored. Other grounds of the
same organization are left alone, and repeating the action proposes nothing more."""

from __future__ import annotations

from datetime import date

from backend.models.audit import AuditLog
from backend.models.credit import CreditEntry
from backend.models.outbox import OutboxEvent
from tests.factories import town

from .conftest import leader, staff

S = "/api/admin/v1"


async def _included(org, ground: str) -> CreditEntry:
    return await CreditEntry.create(org=org, credit_list="abnormal", ground=ground, answer_due=date(2026, 5, 20),
                                    status="included", authority="区民政局")


async def _removal_proposals(entry: CreditEntry) -> tuple[int, int]:
    """(audit rows, outbox events) of removal proposals for this entry."""
    audits = await AuditLog.filter(action="credit.removal_proposed", object_type="credit_entry",
                                   object_id=str(entry.id)).count()
    emitted = [e for e in await OutboxEvent.filter(kind="credit.removal_proposed")
               if e.payload.get("entry_id") == entry.id]
    return audits, len(emitted)


async def _assert_proposed_once(coverage: CreditEntry, other: CreditEntry) -> None:
    await coverage.refresh_from_db()
    await other.refresh_from_db()
    assert coverage.status == "removal_proposed" and coverage.removal_proposed_at is not None
    assert coverage.removal_reason
    assert await _removal_proposals(coverage) == (1, 1)
    assert other.status == "included" and await _removal_proposals(other) == (0, 0)


async def test_assigning_an_instructor_proposes_removal_of_the_coverage_entry_at_once(app, client, clock):
    clock.set(2026, 6, 1)
    org, _ = await leader(app)
    coverage, other = await _included(org, "party_coverage"), await _included(org, "minor_penalty")
    town_staff = await staff(app, 0)
    for name in ("李指导", "王指导"):  # the second assignment proposes nothing more
        resp = await client.put(f"{S}/orgs/{org.id}/instructor", headers=town_staff, json={"instructor_name": name})
        assert resp.status_code == 200, resp.text
    await _assert_proposed_once(coverage, other)
    assert "党建工作指导员" in coverage.removal_reason


async def test_withdrawing_an_instructor_cures_nothing(app, client, clock):
    clock.set(2026, 6, 1)
    org, _ = await leader(app)
    coverage = await _included(org, "party_coverage")
    resp = await client.put(f"{S}/orgs/{org.id}/instructor", headers=await staff(app), json={"instructor_name": ""})
    assert resp.status_code == 200, resp.text
    await coverage.refresh_from_db()
    assert coverage.status == "included" and await _removal_proposals(coverage) == (0, 0)


async def test_an_own_party_organization_recorded_by_the_leader_proposes_removal(app, client, clock):
    clock.set(2026, 6, 1)
    org, headers = await leader(app)
    coverage, other = await _included(org, "party_coverage"), await _included(org, "unreachable")
    for _ in range(2):
        resp = await client.put(f"/api/mp/v1/orgs/{org.id}/party", headers=headers,
                                json={"party_member_count": 3, "own_party_org": True})
        assert resp.status_code == 200, resp.text
    await _assert_proposed_once(coverage, other)


async def test_party_members_without_coverage_cure_nothing(app, client, clock):
    clock.set(2026, 6, 1)
    org, _ = await leader(app)
    coverage = await _included(org, "party_coverage")
    resp = await client.put(f"{S}/orgs/{org.id}/party", headers=await staff(app),
                            json={"party_member_count": 2, "own_party_org": False})
    assert resp.status_code == 200, resp.text
    await coverage.refresh_from_db()
    assert coverage.status == "included"


async def test_joining_a_joint_branch_proposes_removal(app, client, clock):
    clock.set(2026, 6, 1)
    joining, _ = await leader(app, party_member_count=1)
    founding, _ = await leader(app, party_member_count=2)
    coverage, other = await _included(joining, "party_coverage"), await _included(joining, "minor_penalty")
    founder_entry = await _included(founding, "party_coverage")
    district = await staff(app)
    resp = await client.post(f"{S}/party-building/joint-branches", headers=district, json={
        "name": "临城联合党支部", "town_id": (await town(0)).id, "org_ids": [founding.id]})
    assert resp.status_code == 201, resp.text
    branch_id = resp.json()["id"]
    await founder_entry.refresh_from_db()
    assert founder_entry.status == "removal_proposed"  # founding members are covered too
    resp = await client.post(f"{S}/party-building/joint-branches/{branch_id}/members", headers=district,
                             json={"org_id": joining.id})
    assert resp.status_code == 201, resp.text
    resp = await client.post(f"{S}/party-building/joint-branches/{branch_id}/members", headers=district,
                             json={"org_id": joining.id})
    assert resp.status_code == 409, resp.text  # already a member: nothing more happens
    await _assert_proposed_once(coverage, other)
    assert "联合党支部" in coverage.removal_reason


async def _contact(client, headers, org_id: int, outcome: str, day: str):
    resp = await client.post(f"{S}/orgs/{org_id}/contact-attempts", headers=headers, json={
        "method": "phone", "outcome": outcome, "attempted_on": day, "note": "电话联系"})
    assert resp.status_code == 201, resp.text


async def test_contact_restored_proposes_removal_of_the_unreachable_entry_at_once(app, client, clock):
    clock.set(2026, 6, 20)
    org, _ = await leader(app)
    unreachable, other = await _included(org, "unreachable"), await _included(org, "party_coverage")
    town_staff = await staff(app, 0)
    await _contact(client, town_staff, org.id, "failed", "2026-06-01")
    await unreachable.refresh_from_db()
    assert unreachable.status == "included"  # a failed attempt cures nothing
    await _contact(client, town_staff, org.id, "reached", "2026-06-18")
    await _contact(client, town_staff, org.id, "reached", "2026-06-19")  # reached again: still one proposal
    await _assert_proposed_once(unreachable, other)
    assert "已恢复联系" in unreachable.removal_reason


async def test_a_back_dated_success_before_a_later_failure_cures_nothing(app, client, clock):
    clock.set(2026, 6, 20)
    org, _ = await leader(app)
    unreachable = await _included(org, "unreachable")
    district = await staff(app)
    await _contact(client, district, org.id, "failed", "2026-06-10")
    await _contact(client, district, org.id, "reached", "2026-06-01")
    await unreachable.refresh_from_db()
    assert unreachable.status == "included" and await _removal_proposals(unreachable) == (0, 0)
