"""Members: the leader lists and removes them and hands leadership over (staff confirm for active
organizations); a member leaves; the last leader cannot. All audited."""

from __future__ import annotations

from backend.models.audit import AuditLog
from backend.models.organization import HandoverStatus, LeaderHandover, MemberRole, OrgMember, OrgStatus
from backend.models.user import Role, User
from tests.factories import auth_headers, make_org, make_user, town
from tests.helpers import assert_envelope

MP = "/api/mp/v1/orgs"
ADMIN = "/api/admin/v1/handovers"


async def _org(app, **overrides):
    leader = await make_user("leader", nickname="老张")
    org = await make_org(leader=leader, **overrides)
    member = await make_user(real_name="李四")
    await OrgMember.create(org=org, user=member, role=MemberRole.member)
    return org, leader, member, await auth_headers(app.ctx.redis, leader), await auth_headers(app.ctx.redis, member)


async def _staff(app, town_index: int | None = 0):
    scope = (await town(town_index)).id if town_index is not None else None
    return await auth_headers(app.ctx.redis, await make_user("staff", scope_region_id=scope))


async def test_leader_lists_members_with_roles(app, client):
    org, leader, member, lh, _mh = await _org(app)
    resp = await client.get(f"{MP}/{org.id}/members", headers=lh)
    assert resp.status_code == 200, resp.text
    assert [(i["user_id"], i["name"], i["role"]) for i in resp.json()["items"]] == [
        (leader.id, "老张", "leader"), (member.id, "李四", "member")]


async def test_members_hidden_from_members_and_other_leaders(app, client):
    org, _leader, _member, _lh, mh = await _org(app)
    _other_org, _l2, _m2, other_lh, _ = await _org(app)
    assert_envelope(await client.get(f"{MP}/{org.id}/members", headers=other_lh), 404, "org_not_found")
    assert_envelope(await client.get(f"{MP}/{org.id}/members", headers=mh), 403)


async def test_leader_removes_a_member_but_not_a_leader(app, client):
    org, _leader, member, lh, _mh = await _org(app)
    co = await make_user("leader")
    await OrgMember.create(org=org, user=co, role=MemberRole.leader)
    resp = await client.post(f"{MP}/{org.id}/members/{co.id}/remove", json={}, headers=lh)
    assert_envelope(resp, 422)
    resp = await client.post(f"{MP}/{org.id}/members/{member.id}/remove", json={"reason": "已搬离"}, headers=lh)
    assert resp.status_code == 200, resp.text
    assert not await OrgMember.exists(org_id=org.id, user_id=member.id)
    assert (await AuditLog.get(action="org.member.remove")).reason == "已搬离"
    resp = await client.post(f"{MP}/{org.id}/members/{member.id}/remove", json={}, headers=lh)
    assert_envelope(resp, 404, "member_not_found")


async def test_other_leader_cannot_remove(app, client):
    org, _leader, member, _lh, _mh = await _org(app)
    _o, _l, _m, other_lh, _ = await _org(app)
    resp = await client.post(f"{MP}/{org.id}/members/{member.id}/remove", json={}, headers=other_lh)
    assert_envelope(resp, 404, "org_not_found")
    assert await OrgMember.exists(org_id=org.id, user_id=member.id)


async def test_member_leaves_and_last_leader_cannot(app, client):
    org, leader, member, lh, mh = await _org(app)
    assert_envelope(await client.post(f"{MP}/{org.id}/leave", headers=lh), 409, "last_leader")
    assert await OrgMember.exists(org_id=org.id, user_id=leader.id, role=MemberRole.leader)
    resp = await client.post(f"{MP}/{org.id}/leave", headers=mh)
    assert resp.status_code == 200, resp.text
    assert not await OrgMember.exists(org_id=org.id, user_id=member.id)
    assert await AuditLog.exists(action="org.member.leave", object_id=str(org.id))
    assert_envelope(await client.post(f"{MP}/{org.id}/leave", headers=mh), 404, "org_not_found")


async def test_handover_in_active_org_waits_for_staff_then_swaps(app, client):
    org, leader, member, lh, _mh = await _org(app)
    resp = await client.post(f"{MP}/{org.id}/handover", json={"to_user_id": member.id, "reason": "换届"}, headers=lh)
    assert resp.status_code == 201, resp.text
    handover_id = resp.json()["id"]
    assert resp.json()["status"] == "pending" and resp.json()["to_name"] == "李四"
    assert await OrgMember.exists(org_id=org.id, user_id=leader.id, role=MemberRole.leader)
    resp = await client.post(f"{MP}/{org.id}/handover", json={"to_user_id": member.id}, headers=lh)
    assert_envelope(resp, 409, "handover_pending")

    # Staff of another town neither see nor decide it.
    other = await _staff(app, 1)
    assert (await client.get(ADMIN, headers=other)).json()["items"] == []
    resp = await client.post(f"{ADMIN}/{handover_id}/decision", json={"decision": "confirm"}, headers=other)
    assert_envelope(resp, 404, "handover_not_found")

    staff = await _staff(app, 0)
    listed = (await client.get(ADMIN, params={"status": "pending"}, headers=staff)).json()["items"]
    assert [h["id"] for h in listed] == [handover_id]
    resp = await client.post(f"{ADMIN}/{handover_id}/decision", json={"decision": "confirm"}, headers=staff)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "confirmed"
    assert await OrgMember.exists(org_id=org.id, user_id=member.id, role=MemberRole.leader)
    assert await OrgMember.exists(org_id=org.id, user_id=leader.id, role=MemberRole.member)
    assert (await User.get(id=member.id)).role == Role.leader
    assert (await User.get(id=leader.id)).role == Role.resident
    assert await AuditLog.exists(action="org.handover.request") and await AuditLog.exists(action="org.handover.confirm")
    # Now the former leader may leave.
    assert (await client.post(f"{MP}/{org.id}/leave", headers=lh)).status_code == 200


async def test_staff_reject_needs_a_reason_and_keeps_roles(app, client):
    org, leader, member, lh, _mh = await _org(app)
    handover_id = (await client.post(f"{MP}/{org.id}/handover", json={"to_user_id": member.id},
                                     headers=lh)).json()["id"]
    staff = await _staff(app, None)
    resp = await client.post(f"{ADMIN}/{handover_id}/decision", json={"decision": "reject"}, headers=staff)
    assert_envelope(resp, 422)
    resp = await client.post(f"{ADMIN}/{handover_id}/decision", json={"decision": "reject", "reason": "材料不全"},
                             headers=staff)
    assert resp.status_code == 200 and resp.json()["status"] == "rejected"
    assert await OrgMember.exists(org_id=org.id, user_id=leader.id, role=MemberRole.leader)
    resp = await client.post(f"{ADMIN}/{handover_id}/decision", json={"decision": "confirm"}, headers=staff)
    assert_envelope(resp, 404, "handover_not_found")
    assert_envelope(await client.get(ADMIN, headers=lh), 403)


async def test_handover_before_registration_is_immediate(app, client):
    org, _leader, member, lh, _mh = await _org(app, status=OrgStatus.pending)
    resp = await client.post(f"{MP}/{org.id}/handover", json={"to_user_id": member.id}, headers=lh)
    assert resp.status_code == 201 and resp.json()["status"] == "confirmed"
    assert await OrgMember.exists(org_id=org.id, user_id=member.id, role=MemberRole.leader)
    assert await AuditLog.exists(action="org.handover.apply")


async def test_handover_only_to_a_member(app, client):
    org, _leader, _member, lh, _mh = await _org(app)
    stranger = await make_user()
    resp = await client.post(f"{MP}/{org.id}/handover", json={"to_user_id": stranger.id}, headers=lh)
    assert_envelope(resp, 409, "not_a_member")
    assert not await LeaderHandover.exists(org_id=org.id, status=HandoverStatus.pending)


async def test_removing_the_successor_closes_the_pending_handover(app, client):
    org, _leader, member, lh, _mh = await _org(app)
    await client.post(f"{MP}/{org.id}/handover", json={"to_user_id": member.id}, headers=lh)
    await client.post(f"{MP}/{org.id}/members/{member.id}/remove", json={}, headers=lh)
    assert (await LeaderHandover.get(org_id=org.id)).status == HandoverStatus.rejected
    newcomer = await make_user()
    await OrgMember.create(org=org, user=newcomer, role=MemberRole.member)
    resp = await client.post(f"{MP}/{org.id}/handover", json={"to_user_id": newcomer.id}, headers=lh)
    assert resp.status_code == 201 and resp.json()["status"] == "pending"
