"""Residents discover published activities of active organizations: filters, sorting, pagination, detail."""

from __future__ import annotations

import base64
import json
import math
from datetime import UTC, datetime, timedelta

import pytest

from backend.models.activity import ActivityCategory, ActivityStatus
from backend.models.organization import OrgStatus
from backend.services.geo import EARTH_RADIUS_M, bounding_box, haversine_m
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


def test_haversine_on_known_coordinates():
    """Checked against closed forms on the sphere and an independent formula (law of cosines)."""
    quarter = math.pi * EARTH_RADIUS_M / 180  # one degree of a great circle: 111,195 m
    assert haversine_m(0, 0, 1, 0) == pytest.approx(quarter, abs=0.01)
    assert haversine_m(0, 0, 0, 1) == pytest.approx(quarter, abs=0.01)
    assert haversine_m(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_M, abs=0.01)
    tiananmen, peoples_square = (39.9087, 116.3975), (31.2304, 121.4737)
    d = haversine_m(*tiananmen, *peoples_square)
    p1, p2 = math.radians(tiananmen[0]), math.radians(peoples_square[0])
    dl = math.radians(peoples_square[1] - tiananmen[1])
    cosines = EARTH_RADIUS_M * math.acos(math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl))
    assert d == pytest.approx(cosines, abs=1) and 1_066_000 < d < 1_069_000  # Beijing–Shanghai ≈ 1,067 km
    assert haversine_m(*peoples_square, *tiananmen) == pytest.approx(d)


def test_bounding_box_contains_every_point_within_the_radius():
    for lat in (0.0, 34.86, 60.0):
        dlat, dlng = bounding_box(lat, 10_000)
        assert haversine_m(lat, 117.0, lat + dlat, 117.0) == pytest.approx(10_000, abs=0.01)
        # The circle reaches the box's east edge (a little poleward of `lat`): a narrower box would cut it.
        closest = min(haversine_m(lat, 0, lat + k * dlat / 200, dlng * 0.9999) for k in range(200))
        assert closest <= 10_000
    assert bounding_box(89.95, 10_000)[1] == 360.0


def _offset(lat: float, lng: float, *, north_m: float = 0, east_m: float = 0) -> tuple[float, float]:
    """A point about north_m / east_m away (flat approximation; exact distance is checked separately)."""
    metre = 180 / (math.pi * EARTH_RADIUS_M)
    return lat + north_m * metre, lng + east_m * metre / math.cos(math.radians(lat))


async def test_distance_sort_keeps_points_near_the_edge_and_drops_box_corners(app, client):
    org = await make_org()
    here = (34.8600, 117.5500)
    inside = {
        "north 9.99 km": _offset(*here, north_m=9_990),
        "east 9.99 km": _offset(*here, east_m=9_990),
        "south-west 9.9 km": _offset(*here, north_m=-7_000, east_m=-7_000),
    }
    outside = {"box corner": _offset(*here, north_m=9_000, east_m=9_000),
               "north 10.2 km": _offset(*here, north_m=10_200)}
    for point in (*inside.values(), *outside.values()):
        assert (haversine_m(*here, *point) <= 10_000) == (point in inside.values())
    made = {name: await make_activity(org=org, lat=p[0], lng=p[1]) for name, p in (inside | outside).items()}
    body = (await client.get(URL, params={"sort": "distance", "lat": here[0], "lng": here[1],
                                          "radius_km": 10})).json()
    got = [(i["id"], i["distance_m"]) for i in body["items"]]
    expected = sorted((round(haversine_m(*here, *inside[n]), 1), made[n].id) for n in inside)
    assert got == [(i, d) for d, i in expected]


async def test_cursor_pagination_by_distance_is_complete_without_duplicates_and_capped(app, client):
    org = await make_org()
    here = (34.8600, 117.5500)
    made = []
    for i in range(57):  # groups of three at one spot: equal distances, ordered by id
        lat, lng = _offset(*here, north_m=100 * (i // 3), east_m=37 * (i // 3))
        made.append((await make_activity(org=org, lat=lat, lng=lng)).id)
    await make_activity(org=org, status=ActivityStatus.draft, lat=here[0], lng=here[1])
    params = {"sort": "distance", "lat": here[0], "lng": here[1]}
    for limit in (1, 4, 20):
        seen, cursor, distances = [], None, []
        while True:
            body = (await client.get(URL, params=params | {"limit": limit} | ({"cursor": cursor} if cursor else {}))
                    ).json()
            seen += [i["id"] for i in body["items"]]
            distances += [i["distance_m"] for i in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        assert seen == made, limit
        assert distances == sorted(distances)
    assert len((await client.get(URL, params=params | {"limit": 1000})).json()["items"]) == 50
    for bad in ({"limit": 0}, {"limit": -5}, {"radius_km": 0}, {"radius_km": 51}, {"lat": 91}, {"lng": "东"}):
        assert_envelope(await client.get(URL, params=params | bad), 422)


async def test_forged_or_foreign_cursors_are_refused_for_both_sorts(app, client):
    await make_activity(org=await make_org(), lat=34.86, lng=117.55)

    def forge(value) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    by_start = {"sort": "start"}
    by_distance = {"sort": "distance", "lat": 34.86, "lng": 117.55}
    bad = ["!!!", forge(None), forge(["x"]), forge({"a": 1, "b": 2}), forge(["2030-01-01T00:00:00+00:00", 10**20]),
           forge(["2030-01-01T00:00:00+00:00", "7"]), forge([1.5, -1])]
    for cursor in [*bad, forge(["0001-01-01T00:00:00+08:00", 1]), forge(["2030-01-01T00:00:00", 1]), forge([3.0, 1])]:
        assert_envelope(await client.get(URL, params=by_start | {"cursor": cursor}), 422)
    for cursor in [*bad, forge(["2030-01-01T00:00:00+00:00", 1]), forge([float("inf"), 1]), forge([True, 1])]:
        assert_envelope(await client.get(URL, params=by_distance | {"cursor": cursor}), 422)


async def test_deregistered_org_disappears_from_every_view(app, client):
    org = await make_org()
    activity = await make_activity(org=org, lat=34.86, lng=117.55)
    other = await make_activity(org=await make_org(), lat=34.86, lng=117.55)
    near = {"sort": "distance", "lat": 34.86, "lng": 117.55}
    assert await _ids(client) == [activity.id, other.id]
    assert await _ids(client, **near) == [activity.id, other.id]
    org.status = OrgStatus.deregistered
    await org.save()
    assert await _ids(client) == [other.id]
    assert await _ids(client, **near) == [other.id]
    assert await _ids(client, org_id=org.id) == []
    assert_envelope(await client.get(f"{URL}/{activity.id}"), 404, "activity_not_found")


async def test_bad_filters_are_refused_in_chinese(app, client):
    for params, field in [({"town_id": 10**12}, "town_id"), ({"org_id": 0}, "org_id"), ({"q": "\x00"}, "q"),
                          ({"date_from": "0001-01-01"}, "date_from"), ({"date_to": "9999-12-31"}, "date_to"),
                          ({"category": "赌博"}, "category"), ({"sort": "random"}, "sort")]:
        body = assert_envelope(await client.get(URL, params=params), 422)
        assert [f["field"] for f in body["details"]["fields"]] == [field], params
        assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    listed = await make_activity(org=await make_org(), title="😀 社区读书会")
    for wildcard in ("%", "_", "%_%"):  # LIKE wildcards are matched literally, not as "anything"
        assert await _ids(client, q=wildcard) == []
    assert await _ids(client, q="😀") == [listed.id]


async def test_the_written_page_query_answers_like_the_queryset(app, client, monkeypatch):
    """PostgreSQL serves the list from SQL written in services/activities.py; every filter, the cursor
    and the badges give the same pages as the ORM queryset (which SQLite and free text use)."""
    from tortoise import connections

    from backend.services import activities as service

    if connections.get("default").capabilities.dialect != "postgres":
        pytest.skip("the written query runs on PostgreSQL only")
    t0, t1 = await town(0), await town(1)
    community = await community_of(t0)
    orgs = [await make_org(town=t0), await make_org(town=t1)]
    base = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    categories = list(ActivityCategory)
    for i in range(30):
        start = base + timedelta(hours=(i * 7) % 50)  # ties on start time as well
        if i % 7 == 3:  # an instant with a fraction of a second renders it, as isoformat() does
            start += timedelta(microseconds=250_000)
        await make_activity(org=orgs[i % 2], starts_at=start, ends_at=start + timedelta(hours=1),
                            signup_deadline=start, category=categories[i % 3],
                            target_groups=",孤寡老人," if i % 4 == 0 else ("," if i % 9 == 0 else ",全体居民,"),
                            community_id=community.id if i % 5 == 0 else None,
                            **({"lat": None, "lng": None} if i % 8 == 0 else {}))
    user = await make_user()
    headers = await auth_headers(app.ctx.redis, user)
    day = (base + timedelta(hours=8)).astimezone(service.clock.LOCAL_TZ).date()
    cases = [{}, {"town_id": t1.id}, {"org_id": orgs[0].id}, {"community_id": community.id},
             {"category": categories[1].value}, {"target_group": "孤寡老人"}, {"date_from": day.isoformat()},
             {"date_to": day.isoformat()}, {"limit": 4}]

    async def pages(params):
        out, cursor = [], None
        for _ in range(20):
            resp = await client.get(URL, params={**params, **({"cursor": cursor} if cursor else {})},
                                    headers=headers)
            assert resp.status_code == 200, resp.text
            out.append(resp.json()["items"])
            cursor = resp.json()["next_cursor"]
            if not cursor:
                return out
        raise AssertionError("pagination did not end")

    await client.post(f"/api/mp/v1/activities/{(await _ids(client))[0]}/signups", headers=headers)
    for params in cases:
        written = await pages({"limit": 5, **params})
        monkeypatch.setattr(service, "_is_postgres", lambda: False)
        orm = await pages({"limit": 5, **params})
        monkeypatch.undo()
        assert written == orm, params
        assert sum(len(p) for p in written) > 0 or params.get("community_id"), params
