"""The audit-log API: filters, pages, and town staff reading only their town's entries."""

from __future__ import annotations

from datetime import timedelta

from backend.models.audit import AuditLog
from backend.models.user import Role
from backend.services import audit, clock
from backend.services.actor import Actor
from tests.factories import auth_headers, make_activity, make_org, make_user, town
from tests.helpers import assert_envelope

URL = "/api/admin/v1/audit-log/"


async def _trail():
    """Entries about an organization in each of two towns, its activity, and a district-wide one."""
    first, second = await town(0), await town(1)
    org_a, org_b = await make_org(town=first), await make_org(town=second)
    activity = await make_activity(org=org_a)
    district = Actor(user_id=(await make_user(Role.admin)).id, role="admin")
    await audit.record(actor=district, action="org.review.approve", object_type="organization", object_id=org_a.id)
    await audit.record(actor=district, action="org.review.approve", object_type="organization", object_id=org_b.id)
    await audit.record(actor=district, action="activity.staff_cancel", object_type="activity",
                       object_id=activity.id, reason="安全原因")
    await audit.record(actor=district, action="staff.create", object_type="user", object_id=district.user_id)
    return first, second, org_a, org_b, activity, district


async def test_record_files_each_entry_under_its_organizations_town(app):
    first, second, org_a, org_b, activity, _ = await _trail()
    towns = {(r.object_type, r.object_id): r.town_id for r in await AuditLog.all()}
    assert towns[("organization", str(org_a.id))] == first.id
    assert towns[("organization", str(org_b.id))] == second.id
    assert towns[("activity", str(activity.id))] == first.id
    assert [t for (kind, _), t in towns.items() if kind == "user"] == [None]
    officer = Actor(user_id=(await make_user(Role.staff)).id, role="staff", scope_region_id=second.id)
    row = await audit.record(actor=officer, action="region.update", object_type="region", object_id=999)
    assert row.town_id == second.id  # a town officer's own work belongs to their town


async def test_district_staff_see_all_and_filter(app, client):
    _, second, _, org_b, _, district = await _trail()
    headers = await auth_headers(app.ctx.redis, await make_user(Role.staff))
    resp = await client.get(URL, headers=headers)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total"] == 4 and body["items"][0]["action"] == "staff.create"  # newest first
    assert body["items"][0]["created_at"].endswith("+08:00")
    one = (await client.get(URL, params={"object_type": "organization", "object_id": org_b.id},
                            headers=headers)).json()
    assert [(i["object_id"], i["town_id"]) for i in one["items"]] == [(str(org_b.id), second.id)]
    by_action = (await client.get(URL, params={"action": "org.review.approve"}, headers=headers)).json()
    assert by_action["total"] == 2
    by_actor = (await client.get(URL, params={"actor_id": district.user_id}, headers=headers)).json()
    assert by_actor["total"] == 4
    page = (await client.get(URL, params={"page": 2, "page_size": 3}, headers=headers)).json()
    assert len(page["items"]) == 1 and page["total"] == 4
    now = clock.now()
    later = (await client.get(URL, params={"since": (now + timedelta(hours=1)).isoformat()}, headers=headers)).json()
    assert later["total"] == 0
    window = {"since": (now - timedelta(hours=1)).isoformat(), "until": (now + timedelta(hours=1)).isoformat()}
    assert (await client.get(URL, params=window, headers=headers)).json()["total"] == 4
    assert (await client.get(URL, params={"until": (now - timedelta(hours=1)).isoformat()},
                             headers=headers)).json()["total"] == 0


async def test_town_staff_see_only_their_towns_entries(app, client):
    first, _, org_a, org_b, activity, _ = await _trail()
    officer = await make_user(Role.staff, scope_region_id=first.id)
    headers = await auth_headers(app.ctx.redis, officer)
    body = (await client.get(URL, headers=headers)).json()
    assert {(i["object_type"], i["object_id"]) for i in body["items"]} == {
        ("organization", str(org_a.id)), ("activity", str(activity.id))}
    other = (await client.get(URL, params={"object_type": "organization", "object_id": org_b.id},
                              headers=headers)).json()
    assert other["total"] == 0 and other["items"] == []


async def test_residents_and_leaders_are_refused_and_bad_filters_get_422(app, client, login):
    await _trail()
    for role in ("resident", "leader"):
        assert_envelope(await client.get(URL, headers=await login(role)), 403)
    staff = await auth_headers(app.ctx.redis, await make_user(Role.staff))
    assert_envelope(await client.get(URL, params={"since": "昨天"}, headers=staff), 422)
    assert_envelope(await client.get(URL, params={"page_size": 1000}, headers=staff), 422)


async def test_the_trail_is_filtered_by_the_operators_name_and_shows_it(app, client):
    first = await town(0)
    org = await make_org(town=first)
    zhang = await make_user(Role.staff, real_name="张晓明", username="zhangxm")
    li = await make_user(Role.staff, real_name="", username="li_officer")
    namesake = await make_user(Role.resident, real_name="张晓明")
    for user, role in ((zhang, "staff"), (li, "staff"), (namesake, "resident")):
        await audit.record(actor=Actor(user_id=user.id, role=role), action="org.review.approve",
                           object_type="organization", object_id=org.id)
    await audit.record(actor=None, action="credit.sweep", object_type="organization", object_id=org.id)
    headers = await auth_headers(app.ctx.redis, await make_user(Role.staff))

    by_name = (await client.get(URL, params={"actor_name": "晓明"}, headers=headers)).json()
    assert [(i["actor_id"], i["actor_name"]) for i in by_name["items"]] == [(zhang.id, "张晓明")]  # not the resident
    by_username = (await client.get(URL, params={"actor_name": "LI_OFF"}, headers=headers)).json()
    assert [(i["actor_id"], i["actor_name"]) for i in by_username["items"]] == [(li.id, "li_officer")]
    assert (await client.get(URL, params={"actor_name": "王"}, headers=headers)).json()["total"] == 0
    assert (await client.get(URL, params={"actor_name": "%"}, headers=headers)).json()["total"] == 0  # no wildcard
    combined = await client.get(URL, params={"actor_name": "张", "actor_id": li.id}, headers=headers)
    assert combined.json()["total"] == 0
    names = {i["actor_id"]: i["actor_name"] for i in (await client.get(URL, headers=headers)).json()["items"]}
    assert names == {zhang.id: "张晓明", li.id: "li_officer", namesake.id: None, None: None}
    # Town staff searching by name still see only their town's entries.
    other_town = await auth_headers(app.ctx.redis, await make_user(Role.staff, scope_region_id=(await town(1)).id))
    assert (await client.get(URL, params={"actor_name": "张晓明"}, headers=other_town)).json()["total"] == 0
    for bad in ("   ", "张" * 33, "张\n三"):
        body = assert_envelope(await client.get(URL, params={"actor_name": bad}, headers=headers), 422)
        assert body["details"]["fields"][0]["field"] == "actor_name" and "操作人姓名" in body["message"]
