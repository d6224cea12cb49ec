"""Residents discover published activities of active organizations: filters, sorting, pagination, detail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.models.activity import ActivityCategory, ActivityStatus
from backend.models.organization import OrgStatus
from tests.factories import auth_headers, community_of, make_activity, make_org, make_user, town
from tests.helpers import assert_envelope

URL = "/api/mp/v1/activities"


async def _ids(client, **params):
    resp = await client.get(URL, params=params)
    assert resp.status_code == 200, resp.text
    return [i["id"] for i in resp.json()["items"]]


async def test_list_never_shows_unpublished_or_inactive_org_or_ended(app, client):
    org = await make_org()
    visible = await make_activity(org=org)
    await make_activity(org=org, status=ActivityStatus.draft)
    await make_activity(org=org, status=ActivityStatus.cancelled)
    past = datetime.now(UTC) - timedelta(hours=3)  # ended an hour ago: catches time-zone slips
    await make_activity(org=org, starts_at=past, ends_at=past + timedelta(hours=2))
    for status in (OrgStatus.pending, OrgStatus.deregistered, OrgStatus.rejected):
        await make_activity(org=await make_org(status=status))
    assert await _ids(client) == [visible.id]
    # Once the organization is deregistered, its published activity vanishes too.
    org.status = OrgStatus.deregistered
    await org.save()
    assert await _ids(client) == []


async def test_ongoing_activities_are_listed(app, client):
    org = await make_org()
    start = datetime.now(UTC) - timedelta(minutes=30)
    ongoing = await make_activity(org=org, starts_at=start, ends_at=start + timedelta(hours=2))
    assert await _ids(client) == [ongoing.id]


async def test_filters(app, client):
    t0, t1 = await town(0), await town(1)
    c0 = await community_of(t0)
    org = await make_org()
    a = await make_activity(org=org, town_id=t0.id, community_id=c0.id, category=ActivityCategory.elderly_care,
                            target_groups=",孤寡老人,残疾人,", title="重阳节敬老")
    b = await make_activity(org=org, town_id=t1.id, category=ActivityCategory.child_care,
                            target_groups=",困境儿童,", description="暑期课堂",
                            starts_at=datetime.now(UTC).replace(microsecond=0) + timedelta(days=5),
                            ends_at=datetime.now(UTC).replace(microsecond=0) + timedelta(days=5, hours=2))
    assert await _ids(client, town_id=t0.id) == [a.id]
    assert await _ids(client, community_id=c0.id) == [a.id]
    assert await _ids(client, category="child_care") == [b.id]
    assert await _ids(client, target_group="残疾人") == [a.id]
    assert await _ids(client, target_group="困境儿童") == [b.id]
    assert await _ids(client, q="敬老") == [a.id]
    assert await _ids(client, q="暑期") == [b.id]
    day_b = (datetime.now(UTC) + timedelta(days=5)).astimezone().date()
    assert await _ids(client, date_from=str(day_b - timedelta(days=1)), date_to=str(day_b + timedelta(days=1))) \
        == [b.id]
    assert await _ids(client, org_id=org.id) == [a.id, b.id]
    assert_envelope(await client.get(URL, params={"target_group": "外星人"}), 422)


async def test_cursor_pagination_by_start_and_page_cap(app, client):
    org = await make_org()
    base = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    made = []
    for i in range(55):  # several share a start time, so the id tie-breaker matters
        start = base + timedelta(hours=i // 3)
        made.append((await make_activity(org=org, starts_at=start, ends_at=start + timedelta(hours=1))).id)
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 20} | ({"cursor": cursor} if cursor else {})
        body = (await client.get(URL, params=params)).json()
        seen += [i["id"] for i in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert pages == 3 and seen == made
    assert len((await client.get(URL, params={"limit": 500})).json()["items"]) == 50
    assert_envelope(await client.get(URL, params={"cursor": "not-a-cursor"}), 422)


async def test_sort_by_distance_with_radius(app, client):
    org = await make_org()
    here = (34.8600, 117.5500)
    far = await make_activity(org=org, lat=34.8900, lng=117.5500)  # ~3.3 km north
    near = await make_activity(org=org, lat=34.8610, lng=117.5510)  # ~140 m
    mid = await make_activity(org=org, lat=34.8600, lng=117.5700)  # ~1.8 km east
    await make_activity(org=org, lat=35.5, lng=117.55)  # ~70 km away
    await make_activity(org=org)  # no position: cannot be placed
    body = (await client.get(URL, params={"sort": "distance", "lat": here[0], "lng": here[1]})).json()
    assert [i["id"] for i in body["items"]] == [near.id, mid.id, far.id]
    assert 100 < body["items"][0]["distance_m"] < 200
    page1 = (await client.get(URL, params={"sort": "distance", "lat": here[0], "lng": here[1], "limit": 2})).json()
    page2 = (await client.get(URL, params={"sort": "distance", "lat": here[0], "lng": here[1], "limit": 2,
                                           "cursor": page1["next_cursor"]})).json()
    assert [i["id"] for i in page1["items"] + page2["items"]] == [near.id, mid.id, far.id]
    assert page2["next_cursor"] is None
    small = await client.get(URL, params={"sort": "distance", "lat": here[0], "lng": here[1], "radius_km": 2})
    assert [i["id"] for i in small.json()["items"]] == [near.id, mid.id]
    body = assert_envelope(await client.get(URL, params={"sort": "distance"}), 422)
    assert body["details"]["fields"][0]["field"] == "lat"


async def test_detail_shows_counts_and_my_signup(app, client):
    org = await make_org()
    activity = await make_activity(org=org, capacity=1)
    first, second = await make_user(), await make_user()
    h1, h2 = await auth_headers(app.ctx.redis, first), await auth_headers(app.ctx.redis, second)
    await client.post(f"{URL}/{activity.id}/signups", headers=h1)
    await client.post(f"{URL}/{activity.id}/signups", headers=h2)
    anon = (await client.get(f"{URL}/{activity.id}")).json()
    assert (anon["capacity"], anon["confirmed_count"], anon["waitlist_count"]) == (1, 1, 1)
    assert anon["my_signup"] is None and anon["org_name"] == org.name
    mine = (await client.get(f"{URL}/{activity.id}", headers=h2)).json()["my_signup"]
    assert mine["status"] == "waitlisted" and mine["position"] == 1
    listed = (await client.get(URL, headers=h1)).json()["items"][0]
    assert listed["my_status"] == "confirmed" and listed["places_left"] == 0
    # A bad token on a public route is just anonymous.
    assert (await client.get(f"{URL}/{activity.id}", headers={"Authorization": "Bearer nope"})).status_code == 200


async def test_draft_detail_is_hidden_from_the_public_but_not_from_its_leader(app, client):
    leader = await make_user("leader")
    org = await make_org(leader=leader)
    draft = await make_activity(org=org, status=ActivityStatus.draft)
    assert_envelope(await client.get(f"{URL}/{draft.id}"), 404, "activity_not_found")
    resident = await auth_headers(app.ctx.redis, await make_user())
    assert_envelope(await client.get(f"{URL}/{draft.id}", headers=resident), 404, "activity_not_found")
    resp = await client.get(f"{URL}/{draft.id}", headers=await auth_headers(app.ctx.redis, leader))
    assert resp.status_code == 200 and resp.json()["status"] == "draft"
