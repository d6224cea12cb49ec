"""Audience resolution against a hand-counted data set, and town staff's scope."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from backend.models.activity import Activity, ActivityCategory, ActivityStatus, Signup, SignupStatus
from backend.models.grant import ApplicationStatus, GrantApplication, GrantProgram
from backend.models.organization import MemberRole, OrgCategory, OrgMember, OrgStatus
from backend.models.user import Role
from backend.services.audiences import Audience, AudienceKind, resolve
from backend.services.clock import db_now
from tests.factories import make_org, make_user, town
from tests.helpers import assert_envelope

PREVIEW = "/api/admin/v1/notices/preview"


async def seeded() -> dict:
    """7 reachable mini-program users in two towns; comments give the hand count."""
    t0, t1 = await town(0), await town(1)
    r1, r2, r3 = [await make_user(nickname=f"居民{i}") for i in range(3)]
    await make_user(active=False)  # inactive: nobody reaches them
    await make_user(Role.staff)  # staff are not mini-program recipients
    l1, l2, l3, l4 = [await make_user(Role.leader) for _ in range(4)]
    a = await make_org(leader=l1, town=t0, category=OrgCategory.community_service)
    b = await make_org(leader=l2, town=t0, category=OrgCategory.charity)
    c = await make_org(leader=l3, town=t1, category=OrgCategory.charity)
    await make_org(leader=l4, town=t0, category=OrgCategory.charity, status=OrgStatus.pending)  # not active
    await OrgMember.create(org=a, user=r1, role=MemberRole.leader, confirmed=False)  # unconfirmed claim
    await OrgMember.create(org=b, user=r2, role=MemberRole.member)  # a member, not a leader
    start = db_now() + timedelta(days=3)
    activity = await Activity.create(org=a, title="重阳敬老", category=ActivityCategory.elderly_care, town=t0,
                                     starts_at=start, ends_at=start + timedelta(hours=2),
                                     signup_deadline=start - timedelta(hours=1), capacity=10,
                                     status=ActivityStatus.published)
    for user, status in ((r1, SignupStatus.confirmed), (r2, SignupStatus.waitlisted),
                         (r3, SignupStatus.cancelled), (l2, SignupStatus.confirmed)):
        await Signup.create(activity=activity, user=user, status=status)
    program = await GrantProgram.create(year=2025, name="2025 公益创投", total_budget=Decimal("100000"),
                                        per_project_cap=Decimal("20000"), opens_at=db_now(),
                                        closes_at=db_now() + timedelta(days=30))
    for org, status in ((a, ApplicationStatus.submitted), (c, ApplicationStatus.approved),
                        (b, ApplicationStatus.draft)):
        await GrantApplication.create(program=program, org=org, status=status, project_name="项目",
                                      focus_area="公益慈善")
    return {"t0": t0, "t1": t1, "r": (r1, r2, r3), "l": (l1, l2, l3, l4), "orgs": (a, b, c),
            "activity": activity, "program": program}


async def test_audience_resolution_matches_hand_count(app):
    d = await seeded()
    (r1, r2, r3), (l1, l2, l3, l4), (a, _b, c) = d["r"], d["l"], d["orgs"]
    t0, t1 = d["t0"].id, d["t1"].id
    cases = [
        (Audience(kind=AudienceKind.all_users), {r1, r2, r3, l1, l2, l3, l4}),
        (Audience(kind=AudienceKind.org_leaders, town_id=t0), {l1, l2}),
        (Audience(kind=AudienceKind.org_leaders, category="charity"), {l2, l3}),
        (Audience(kind=AudienceKind.org_leaders, town_id=t0, category="charity"), {l2}),
        (Audience(kind=AudienceKind.activity, activity_id=d["activity"].id), {r1, l2}),
        (Audience(kind=AudienceKind.grant_program, program_id=d["program"].id), {l1, l3}),
        (Audience(kind=AudienceKind.grant_program, program_id=d["program"].id, town_id=t1), {l3}),
        (Audience(kind=AudienceKind.orgs, org_ids=[a.id, c.id]), {l1, l3}),
    ]
    for audience, expected in cases:
        assert await resolve(audience) == sorted(u.id for u in expected), audience


async def test_preview_counts_reach_and_subscribable(client, login, templates):
    d = await seeded()
    l1, l2 = d["l"][0], d["l"][1]
    tmpl = templates["notice_general"]
    from backend.models.notice import Subscription

    await Subscription.create(user=l1, template_id=tmpl.template_id, remaining=1, last_result="accept")
    await Subscription.create(user=l2, template_id=tmpl.template_id, remaining=0, last_result="accept")
    headers = await login("staff")
    body = {"title": "t", "body": "b", "audience": {"kind": "org_leaders", "town_id": d["t0"].id},
            "template_id": tmpl.template_id,
            "data": {"thing1": "年检", "time2": "2025-10-01 09:00", "thing3": "请按时办理"}}
    resp = await client.post(PREVIEW, json=body, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.json()["reach"] == 2
    assert resp.json()["can_receive_subscribe_now"] == 1
    assert resp.json()["needs_approval"] is False


async def test_town_staff_cannot_address_another_town(client, login):
    d = await seeded()
    headers = await login("staff", scope_region_id=d["t0"].id)
    other = {"title": "t", "body": "b", "channels": ["inbox"],
             "audience": {"kind": "org_leaders", "town_id": d["t1"].id}}
    assert_envelope(await client.post(PREVIEW, json=other, headers=headers), 403, "audience_out_of_scope")
    assert_envelope(await client.post("/api/admin/v1/notices/", json=other, headers=headers), 403,
                    "audience_out_of_scope")
    everyone = {**other, "audience": {"kind": "all"}}
    assert_envelope(await client.post(PREVIEW, json=everyone, headers=headers), 403, "audience_out_of_scope")
    spanning = {**other, "audience": {"kind": "orgs", "org_ids": [d["orgs"][0].id, d["orgs"][2].id]}}
    assert_envelope(await client.post(PREVIEW, json=spanning, headers=headers), 403, "audience_out_of_scope")
    # Their own town is fine, and needs no second approval.
    own = {**other, "audience": {"kind": "org_leaders", "town_id": d["t0"].id}}
    resp = await client.post("/api/admin/v1/notices/", json=own, headers=headers)
    assert resp.status_code == 201, resp.text
    assert resp.json()["needs_approval"] is False and resp.json()["scope_region_id"] == d["t0"].id
    activity = {**other, "audience": {"kind": "activity", "activity_id": d["activity"].id}}
    assert (await client.post(PREVIEW, json=activity, headers=headers)).json()["reach"] == 2
