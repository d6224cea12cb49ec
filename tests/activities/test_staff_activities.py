"""Staff see the activities of organizations in their scope and cancel one with a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.jobs import event_notices
from backend.models.activity import ActivityStatus
from backend.models.audit import AuditLog
from backend.models.notice import Notice
from backend.models.outbox import OutboxEvent
from backend.models.user import Role
from tests.factories import auth_headers, make_activity, make_org, make_user, town
from tests.helpers import assert_envelope

URL = "/api/admin/v1/activities/"


async def _officer(app, scope=None):
    user = await make_user(Role.staff, scope_region_id=scope)
    return user, await auth_headers(app.ctx.redis, user)


async def _two_towns():
    first, second = await town(0), await town(1)
    org_a = await make_org(town=first, name="雪城为老服务中心")
    org_b = await make_org(town=second)
    return first, second, org_a, org_b


async def test_town_staff_list_only_their_towns_activities_with_counts(app, client):
    first, second, org_a, org_b = await _two_towns()
    mine = await make_activity(org=org_a, title="重阳敬老", confirmed_count=3, waitlist_count=1)
    draft = await make_activity(org=org_a, status=ActivityStatus.draft)
    await make_activity(org=org_b)
    _, headers = await _officer(app, first.id)
    resp = await client.get(URL, headers=headers)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total"] == 2 and {i["id"] for i in body["items"]} == {mine.id, draft.id}
    row = next(i for i in body["items"] if i["id"] == mine.id)
    assert (row["confirmed_count"], row["waitlist_count"], row["org_name"]) == (3, 1, "雪城为老服务中心")
    assert row["starts_at"].endswith("+08:00") and row["org_town_id"] == first.id
    assert_envelope(await client.get(URL, params={"town_id": second.id}, headers=headers), 403, "out_of_scope")
    other_org = (await client.get(URL, params={"org_id": org_b.id}, headers=headers)).json()
    assert other_org["total"] == 0


async def test_district_staff_filter_by_status_org_time_and_text(app, client):
    _, second, org_a, org_b = await _two_towns()
    soon = await make_activity(org=org_a, title="重阳敬老")
    later = await make_activity(org=org_b, starts_at=datetime.now(UTC) + timedelta(days=10),
                                ends_at=datetime.now(UTC) + timedelta(days=10, hours=2))
    cancelled = await make_activity(org=org_b, status=ActivityStatus.cancelled)
    _, headers = await _officer(app)

    async def ids(**params):
        resp = await client.get(URL, params=params, headers=headers)
        assert resp.status_code == 200, resp.text
        return {i["id"] for i in resp.json()["items"]}

    assert await ids() == {soon.id, later.id, cancelled.id}
    assert await ids(status="cancelled") == {cancelled.id}
    assert await ids(org_id=org_a.id) == {soon.id}
    assert await ids(town_id=second.id) == {later.id, cancelled.id}
    assert await ids(q="重阳") == {soon.id}
    assert await ids(q="雪城为老") == {soon.id}  # the organization's name matches too
    in_a_week = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
    assert await ids(date_from=in_a_week) == {later.id}
    assert await ids(date_to=in_a_week) == {soon.id, cancelled.id}
    page = (await client.get(URL, params={"page_size": 2, "page": 2}, headers=headers)).json()
    assert page["total"] == 3 and len(page["items"]) == 1
    assert_envelope(await client.get(URL, params={"status": "gone"}, headers=headers), 422)


async def test_staff_cancel_tells_the_signed_up_residents_and_is_audited(app, client):
    first, _, org_a, _ = await _two_towns()
    activity = await make_activity(org=org_a, capacity=1)
    residents = [await make_user() for _ in range(2)]
    for r in residents:
        resp = await client.post(f"/api/mp/v1/activities/{activity.id}/signups",
                                 headers=await auth_headers(app.ctx.redis, r))
        assert resp.status_code in (200, 201), resp.text
    officer, headers = await _officer(app, first.id)
    resp = await client.post(f"{URL}{activity.id}/cancel", json={"reason": "场地安全检查"}, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "cancelled" and resp.json()["cancel_reason"] == "场地安全检查"
    event = await OutboxEvent.get(kind="activity.cancelled")
    assert event.payload["user_ids"] == [r.id for r in residents] and event.payload["reason"] == "场地安全检查"
    created = await event_notices.consume_outbox()
    told = [await Notice.get(id=i) for i in created]
    assert any(n.audience == {"kind": "users", "user_ids": [r.id for r in residents]} and "场地安全检查" in n.body
               for n in told)
    row = await AuditLog.get(action="activity.staff_cancel")
    assert (row.actor_id, row.reason, row.town_id) == (officer.id, "场地安全检查", first.id)
    assert row.before == {"status": "published"}
    again = await client.post(f"{URL}{activity.id}/cancel", json={"reason": "场地安全检查"}, headers=headers)
    assert_envelope(again, 409, "activity_cancelled")
    assert await AuditLog.filter(action="activity.staff_cancel").count() == 1
    assert await OutboxEvent.filter(kind="activity.cancelled").count() == 1


async def test_cancel_refused_out_of_scope_for_non_staff_after_the_end_and_without_reason(app, client, login):
    _, second, org_a, _ = await _two_towns()
    activity = await make_activity(org=org_a)
    _, other_town = await _officer(app, second.id)
    url = f"{URL}{activity.id}/cancel"
    assert_envelope(await client.post(url, json={"reason": "场地安全检查"}, headers=other_town), 404,
                    "activity_not_found")
    leader = await make_user(Role.leader)
    leader_org = await make_org(leader=leader)
    led = await make_activity(org=leader_org)
    assert_envelope(await client.post(f"{URL}{led.id}/cancel", json={"reason": "场地安全检查"},
                                      headers=await auth_headers(app.ctx.redis, leader)), 403)
    assert_envelope(await client.get(URL, headers=await login("resident")), 403)
    _, district = await _officer(app)
    assert_envelope(await client.post(url, json={"reason": "x"}, headers=district), 422)
    assert_envelope(await client.post(url, json={}, headers=district), 422)
    assert_envelope(await client.post(f"{URL}999999/cancel", json={"reason": "场地安全检查"}, headers=district), 404,
                    "activity_not_found")
    past = await make_activity(org=org_a, starts_at=datetime.now(UTC) - timedelta(days=2),
                               ends_at=datetime.now(UTC) - timedelta(days=1))
    assert_envelope(await client.post(f"{URL}{past.id}/cancel", json={"reason": "场地安全检查"}, headers=district),
                    409, "activity_ended")
    for a in (activity, led, past):
        await a.refresh_from_db()
        assert a.status == ActivityStatus.published
    assert await AuditLog.filter(action="activity.staff_cancel").count() == 0
