"""Leaders publish, edit and cancel their organization's activities; content security gates publishing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.models.activity import Activity, ActivityStatus, Signup
from backend.models.organization import OrgStatus
from backend.models.outbox import OutboxEvent
from tests.activities.conftest import activity_payload, future
from tests.factories import auth_headers, community_of, make_activity, make_org, make_user, town
from tests.helpers import assert_envelope

SEC_CHECK = "wxa/msg_sec_check"


async def _leader_and_org(app, **org_overrides):
    leader = await make_user("leader")
    org = await make_org(leader=leader, **org_overrides)
    return leader, org, await auth_headers(app.ctx.redis, leader)


async def test_leader_saves_a_draft_without_content_check(app, client, fake_wechat):
    _, org, headers = await _leader_and_org(app)
    resp = await client.post(f"/api/mp/v1/orgs/{org.id}/activities", json=activity_payload(), headers=headers)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["status"] == "draft" and body["capacity"] == 10 and body["waitlist_limit"] == 10
    assert body["target_groups"] == ["孤寡老人"] and body["town_id"] == org.town_id
    assert fake_wechat.state.count(SEC_CHECK) == 0


async def test_leader_publishes_after_content_check_with_own_openid(app, client, fake_wechat):
    leader, org, headers = await _leader_and_org(app)
    resp = await client.post(f"/api/mp/v1/orgs/{org.id}/activities", json=activity_payload(publish=True),
                             headers=headers)
    assert resp.status_code == 201, resp.text
    assert resp.json()["status"] == "published"
    call = fake_wechat.state.calls(SEC_CHECK)[-1]
    assert call["json"]["openid"] == leader.openid and "重阳节" in call["json"]["content"]


async def test_flagged_text_is_refused_and_nothing_is_published(app, client, fake_wechat):
    _, org, headers = await _leader_and_org(app)
    resp = await client.post(f"/api/mp/v1/orgs/{org.id}/activities",
                             json=activity_payload(title="周末赌博活动", publish=True), headers=headers)
    assert_envelope(resp, 422, "content_risky")
    assert await Activity.all().count() == 0
    # A flagged draft can be saved but not published, and never shows in the list.
    draft = await client.post(f"/api/mp/v1/orgs/{org.id}/activities",
                              json=activity_payload(description="内含违禁词"), headers=headers)
    assert draft.status_code == 201
    resp = await client.post(f"/api/mp/v1/activities/{draft.json()['id']}/publish", headers=headers)
    assert_envelope(resp, 422, "content_risky")
    assert (await Activity.get(id=draft.json()["id"])).status == ActivityStatus.draft
    assert (await client.get("/api/mp/v1/activities")).json()["items"] == []


async def test_editing_a_published_activity_rechecks_text(app, client, fake_wechat):
    _, org, headers = await _leader_and_org(app)
    activity = await make_activity(org=org)
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"title": "诈骗培训"}, headers=headers)
    assert_envelope(resp, 422, "content_risky")
    assert (await Activity.get(id=activity.id)).title == activity.title
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"title": "健康讲座"}, headers=headers)
    assert resp.status_code == 200 and resp.json()["title"] == "健康讲座"


async def test_publish_draft_then_publish_again_is_harmless(app, client):
    _, org, headers = await _leader_and_org(app)
    draft = (await client.post(f"/api/mp/v1/orgs/{org.id}/activities", json=activity_payload(),
                               headers=headers)).json()
    for _ in range(2):
        resp = await client.post(f"/api/mp/v1/activities/{draft['id']}/publish", headers=headers)
        assert resp.status_code == 200 and resp.json()["status"] == "published"


async def test_leader_cannot_touch_another_organizations_activity(app, client):
    _, org_a, _ = await _leader_and_org(app)
    _, _, other_headers = await _leader_and_org(app)
    activity = await make_activity(org=org_a)
    resp = await client.post(f"/api/mp/v1/orgs/{org_a.id}/activities", json=activity_payload(),
                             headers=other_headers)
    assert_envelope(resp, 404, "org_not_found")
    # Another organization's activity answers exactly as a missing one (services/access.py).
    missing = await client.patch("/api/mp/v1/activities/999999", json={"title": "被人改了"}, headers=other_headers)
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"title": "被人改了"},
                              headers=other_headers)
    assert_envelope(resp, 404, "activity_not_found")
    assert {k: v for k, v in resp.json().items() if k != "request_id"} == \
        {k: v for k, v in missing.json().items() if k != "request_id"}
    resp = await client.post(f"/api/mp/v1/activities/{activity.id}/cancel", json={"reason": "恶意取消"},
                             headers=other_headers)
    assert_envelope(resp, 404, "activity_not_found")
    assert (await Activity.get(id=activity.id)).title == activity.title


async def test_resident_cannot_create_and_inactive_org_cannot_publish(app, client, login):
    _, org, headers = await _leader_and_org(app, status=OrgStatus.pending)
    resp = await client.post(f"/api/mp/v1/orgs/{org.id}/activities", json=activity_payload(), headers=headers)
    assert_envelope(resp, 409, "org_not_active")
    resp = await client.post(f"/api/mp/v1/orgs/{org.id}/activities", json=activity_payload(),
                             headers=await login("resident"))
    assert_envelope(resp, 403, "forbidden")


async def test_schedule_and_fields_are_validated(app, client):
    _, org, headers = await _leader_and_org(app)
    url = f"/api/mp/v1/orgs/{org.id}/activities"
    cases = [
        ({"ends_at": future(23)}, "ends_at"),
        ({"starts_at": future(-1), "ends_at": future(1)}, "starts_at"),
        ({"ends_at": future(60)}, "ends_at"),
        ({"signup_deadline": future(25)}, "signup_deadline"),
        ({"capacity": 0}, "capacity"),
        ({"lat": None, "lng": None, "checkin_radius_m": 200}, "checkin_radius_m"),
        ({"community_id": 999999}, "community_id"),
        ({"target_groups": ["外星人"]}, "target_groups.0"),
    ]
    for override, field in cases:
        body = assert_envelope(await client.post(url, json=activity_payload(**override), headers=headers), 422)
        assert field in [f["field"] for f in body["details"]["fields"]], (override, body)
    assert await Activity.all().count() == 0


async def test_cancel_writes_one_event_naming_signed_up_residents(app, client):
    _, org, headers = await _leader_and_org(app)
    activity = await make_activity(org=org, capacity=1)
    residents = [await make_user() for _ in range(2)]
    for r in residents:
        await client.post(f"/api/mp/v1/activities/{activity.id}/signups", headers=await auth_headers(app.ctx.redis, r))
    for _ in range(2):
        resp = await client.post(f"/api/mp/v1/activities/{activity.id}/cancel", json={"reason": "天气原因"},
                                 headers=headers)
        assert resp.status_code == 200 and resp.json()["status"] == "cancelled"
    events = await OutboxEvent.filter(kind="activity.cancelled")
    assert len(events) == 1
    assert events[0].payload["user_ids"] == [r.id for r in residents]
    assert events[0].payload["reason"] == "天气原因" and events[0].processed_at is None
    resp = await client.post(f"/api/mp/v1/activities/{activity.id}/signups",
                             headers=await auth_headers(app.ctx.redis, await make_user()))
    assert_envelope(resp, 409, "activity_cancelled")


async def test_time_change_emits_event_text_change_does_not(app, client):
    _, org, headers = await _leader_and_org(app)
    activity = await make_activity(org=org)
    resident = await make_user()
    await client.post(f"/api/mp/v1/activities/{activity.id}/signups",
                      headers=await auth_headers(app.ctx.redis, resident))
    await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"description": "新的介绍"}, headers=headers)
    assert await OutboxEvent.filter(kind="activity.changed").count() == 0
    new_start = (activity.starts_at + timedelta(hours=1)).astimezone(UTC)
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}",
                              json={"starts_at": new_start.isoformat(), "signup_deadline": new_start.isoformat(),
                                    "ends_at": (new_start + timedelta(hours=2)).isoformat()}, headers=headers)
    assert resp.status_code == 200, resp.text
    event = await OutboxEvent.get(kind="activity.changed")
    assert event.payload["user_ids"] == [resident.id] and "starts_at" in event.payload["changes"]


async def test_raising_capacity_promotes_waitlisted_and_lowering_below_confirmed_is_refused(app, client):
    _, org, headers = await _leader_and_org(app)
    activity = await make_activity(org=org, capacity=1)
    users = [await make_user() for _ in range(3)]
    for u in users:
        await client.post(f"/api/mp/v1/activities/{activity.id}/signups", headers=await auth_headers(app.ctx.redis, u))
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"capacity": 2}, headers=headers)
    assert resp.status_code == 200 and resp.json()["confirmed_count"] == 2 and resp.json()["waitlist_count"] == 1
    assert (await Signup.get(user_id=users[1].id)).status == "confirmed"
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"capacity": 1}, headers=headers)
    assert_envelope(resp, 409, "capacity_below_confirmed")
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"title": None}, headers=headers)
    assert_envelope(resp, 422)


async def test_started_activity_cannot_be_edited(app, client):
    _, org, headers = await _leader_and_org(app)
    start = datetime.now(UTC) - timedelta(minutes=5)
    activity = await make_activity(org=org, starts_at=start, ends_at=start + timedelta(hours=1))
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"title": "改个名字"}, headers=headers)
    assert_envelope(resp, 409, "activity_started")


async def test_malformed_input_is_refused_in_chinese_and_stores_nothing(app, client):
    _, org, headers = await _leader_and_org(app)
    url = f"/api/mp/v1/orgs/{org.id}/activities"
    cases = [
        ({"town_id": 2**40}, "town_id"), ({"community_id": 2**40}, "community_id"),
        ({"title": "\x00重阳节敬老"}, "title"), ({"description": "介绍\x07"}, "description"),
        ({"address": "\x00"}, "address"), ({"starts_at": "0001-01-01T00:00:00+08:00"}, "starts_at"),
        ({"ends_at": "9999-12-31T23:59:59-08:00"}, "ends_at"), ({"signup_deadline": "0001-01-01T00:00:00"},
                                                                "signup_deadline"),
        ({"capacity": 2**40}, "capacity"), ({"capacity": "十"}, "capacity"), ({"title": 123}, "title"),
        ({"lat": 91}, "lat"), ({"waitlist_limit": -1}, "waitlist_limit"), ({"checkin_radius_m": 5}, "checkin_radius_m"),
    ]
    for override, field in cases:
        body = assert_envelope(await client.post(url, json=activity_payload(**override), headers=headers), 422)
        assert field in [f["field"] for f in body["details"]["fields"]], (override, body)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    json_headers = {**headers, "content-type": "application/json"}
    assert_envelope(await client.post(url, content=b"\xff\xfe{", headers=json_headers), 400, "malformed_json")
    assert_envelope(await client.post(url, content=b"\xff\xfe{", headers=headers), 415, "json_content_type_required")
    assert_envelope(await client.post(url, json=[], headers=headers), 422)
    emoji = await client.post(url, json=activity_payload(title="🎉重阳节敬老🎉"), headers=headers)
    assert emoji.status_code == 201 and emoji.json()["title"] == "🎉重阳节敬老🎉"
    assert await Activity.all().count() == 1
    assert_envelope(await client.post(f"/api/mp/v1/orgs/{2**40}/activities", json=activity_payload(),
                                      headers=headers), 404)
    assert_envelope(await client.post("/api/mp/v1/orgs/999999/activities", json=activity_payload(),
                                      headers=headers), 404, "org_not_found")


async def test_patch_validates_and_cleared_fields_fall_back_as_on_create(app, client):
    _, org, headers = await _leader_and_org(app)
    activity = await make_activity(org=org, capacity=5, waitlist_limit=2,
                                   signup_deadline=datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2))
    url = f"/api/mp/v1/activities/{activity.id}"
    for body in ({"title": "\x00改名"}, {"town_id": 2**40}, {"starts_at": "0001-01-01T00:00:00+08:00"},
                 {"capacity": None}, {"reason": None, "title": None}):
        assert_envelope(await client.patch(url, json=body, headers=headers), 422)
    resp = await client.patch(url, json={"signup_deadline": None, "waitlist_limit": None}, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.json()["signup_deadline"] == resp.json()["starts_at"] and resp.json()["waitlist_limit"] == 5
    fresh = await Activity.get(id=activity.id)
    assert fresh.title == activity.title and fresh.town_id == activity.town_id
    for path in (f"/api/mp/v1/activities/{2**40}", "/api/mp/v1/activities/999999"):
        assert_envelope(await client.patch(path, json={"title": "改个名字"}, headers=headers), 404)
        assert_envelope(await client.post(f"{path}/publish", headers=headers), 404)
        assert_envelope(await client.post(f"{path}/cancel", json={"reason": "天气原因"}, headers=headers), 404)


async def test_clearing_the_community_keeps_the_activity_town(app, client):
    t1 = await town(1)
    c1 = await community_of(t1)
    _, org, headers = await _leader_and_org(app)  # the organization sits in town 0
    activity = await make_activity(org=org, town_id=t1.id, community_id=c1.id)
    resp = await client.patch(f"/api/mp/v1/activities/{activity.id}", json={"community_id": None}, headers=headers)
    assert resp.status_code == 200, resp.text
    assert (resp.json()["town_id"], resp.json()["community_id"]) == (t1.id, None)


async def test_only_the_organizations_leader_publishes_lists_and_cancels(app, client, login):
    _, org, headers = await _leader_and_org(app)
    draft = await make_activity(org=org, status=ActivityStatus.draft)
    cancelled = await make_activity(org=org, status=ActivityStatus.cancelled)
    _, _, other = await _leader_and_org(app)
    own = await client.get(f"/api/mp/v1/orgs/{org.id}/activities", headers=headers)
    assert own.status_code == 200 and {i["id"] for i in own.json()["items"]} == {draft.id, cancelled.id}
    assert_envelope(await client.get(f"/api/mp/v1/orgs/{org.id}/activities", headers=other), 404, "org_not_found")
    assert_envelope(await client.post(f"/api/mp/v1/activities/{draft.id}/publish", headers=other), 404,
                    "activity_not_found")
    for role in ("resident", "staff", "admin"):
        h = await login(role)
        assert_envelope(await client.get(f"/api/mp/v1/orgs/{org.id}/activities", headers=h), 403, "forbidden")
        assert_envelope(await client.post(f"/api/mp/v1/orgs/{org.id}/activities", json=activity_payload(),
                                          headers=h), 403, "forbidden")
        assert_envelope(await client.post(f"/api/mp/v1/activities/{draft.id}/publish", headers=h), 403, "forbidden")
        assert_envelope(await client.patch(f"/api/mp/v1/activities/{draft.id}", json={"title": "改个名字"},
                                           headers=h), 403, "forbidden")
        assert_envelope(await client.post(f"/api/mp/v1/activities/{draft.id}/cancel", json={"reason": "天气原因"},
                                          headers=h), 403, "forbidden")
    assert_envelope(await client.post(f"/api/mp/v1/activities/{draft.id}/cancel", json={"reason": "\x00天气"},
                                      headers=headers), 422)
    assert (await Activity.get(id=draft.id)).status == ActivityStatus.draft
