""""Nearby" at scale: the page is the true nearest, found through the (lat, lng) index, not the first rows by id."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from tortoise import connections

from backend.models.activity import Activity, ActivityCategory, ActivityStatus
from backend.services import geo
from tests.factories import make_activity, make_org

URL = "/api/mp/v1/activities"
HERE = (34.8600, 117.5500)


def _around(rng: random.Random, lo_m: float, hi_m: float) -> tuple[float, float]:
    """A point between lo_m and hi_m from HERE (flat approximation; exact distances are computed separately)."""
    d, bearing = rng.uniform(lo_m, hi_m), rng.uniform(0, 2 * math.pi)
    metre = 180 / (math.pi * geo.EARTH_RADIUS_M)
    return (HERE[0] + d * math.cos(bearing) * metre,
            HERE[1] + d * math.sin(bearing) * metre / math.cos(math.radians(HERE[0])))


async def _load(org, points: list[tuple[float, float]], *, on_postgres: bool) -> list[int]:
    """Published activities at `points`, in that id order, in one statement per dialect's fastest way."""
    starts = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    if on_postgres:
        await connections.get("default").execute_query(
            """INSERT INTO "activity" ("org_id", "town_id", "title", "description", "category", "starts_at",
                   "ends_at", "signup_deadline", "lat", "lng", "capacity", "status")
               SELECT $1, $2, '附近活动 ' || p.n, '', 'volunteer', $3, $4, $3, p.lat, p.lng, 10, 'published'
               FROM unnest($5::float8[], $6::float8[]) WITH ORDINALITY AS p(lat, lng, n) ORDER BY p.n""",
            [org.id, org.town_id, starts, starts + timedelta(hours=2), [p[0] for p in points], [p[1] for p in points]])
    else:
        await Activity.bulk_create([
            Activity(org_id=org.id, town_id=org.town_id, title=f"附近活动 {n}", category=ActivityCategory.volunteer,
                     starts_at=starts, ends_at=starts + timedelta(hours=2), signup_deadline=starts, lat=lat, lng=lng,
                     capacity=10, status=ActivityStatus.published) for n, (lat, lng) in enumerate(points)],
            batch_size=2000)
    return list(await Activity.filter(org_id=org.id).order_by("id").values_list("id", flat=True))


def _truth(ids: list[int], points: list[tuple[float, float]], radius_m: float) -> list[tuple[float, int]]:
    scored = ((round(geo.haversine_m(*HERE, *p), 1), i) for i, p in zip(ids, points, strict=True))
    return sorted(s for s in scored if s[0] <= radius_m)


async def _pages(client, *, limit: int, pages: int, **params) -> list[tuple[float, int]]:
    got, cursor = [], None
    for _ in range(pages):
        body = (await client.get(URL, params={"sort": "distance", "lat": HERE[0], "lng": HERE[1], "limit": limit}
                                 | params | ({"cursor": cursor} if cursor else {}))).json()
        got += [(i["distance_m"], i["id"]) for i in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    return got


async def test_the_nearest_are_found_behind_20000_far_rows_with_lower_ids(app, client, on_postgres, monkeypatch):
    """The old query scored the first 20,000 box rows by id: the near ones, added later, never made the page."""
    rng = random.Random(13)
    points = [_around(rng, 3_000, 9_500) for _ in range(20_500)] + [_around(rng, 0, 9_500) for _ in range(4_500)]
    ids = await _load(await make_org(), points, on_postgres=on_postgres)
    hidden = await make_activity(org=await make_org(), status=ActivityStatus.draft, lat=HERE[0], lng=HERE[1])
    truth = _truth(ids, points, 10_000)
    calls = 0
    real = geo.haversine_m

    def counting(*args: float) -> float:
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(geo, "haversine_m", counting)
    assert await _pages(client, limit=20, pages=1) == truth[:20]
    assert await _pages(client, limit=50, pages=3) == truth[:150]
    assert hidden.id not in {i for _, i in await _pages(client, limit=50, pages=1)}
    # Only the rows of small rings are ever ranked in Python (none at all where the database does it).
    assert calls == 0 if on_postgres else calls < 3 * 2_000, calls
    monkeypatch.undo()
    assert await _pages(client, limit=20, pages=1, radius_km=0.3) == [t for t in truth if t[0] <= 300][:20]


async def test_a_sparse_neighbourhood_widens_the_ring_up_to_the_radius(app, client, on_postgres):
    rng = random.Random(7)
    points = [_around(rng, 2_000, 20_000) for _ in range(300)]
    ids = await _load(await make_org(), points, on_postgres=on_postgres)
    truth = _truth(ids, points, 15_000)
    got = await _pages(client, limit=7, pages=100, radius_km=15)
    assert got == truth and len(truth) > 100


async def test_at_100000_activities_the_20_nearest_are_exactly_the_20_nearest(app, client, on_postgres):
    if not on_postgres:
        pytest.skip("100,000 rows: PostgreSQL only (the SQLite test above covers the same path at 25,000)")
    rng = random.Random(100_000)
    # A dense city of 100,000 activities, about 20 km across, some stacked on the same spot.
    points = [_around(rng, 0, 10_000) for _ in range(99_000)] + [HERE] * 5 + [_around(rng, 0, 150)] * 995
    ids = await _load(await make_org(), points, on_postgres=True)
    await connections.get("default").execute_script('ANALYZE "activity"')
    truth = _truth(ids, points, 10_000)
    assert await _pages(client, limit=20, pages=1) == truth[:20]
    assert await _pages(client, limit=50, pages=4) == truth[:200]


def test_the_sql_distance_is_the_python_distance_term_for_term():
    expr = geo.haversine_sql(34.86, -117.55, lat_col="lat", lng_col="lng")
    assert "(-117.55)" in expr and "--" not in expr  # a negative literal never turns into a comment
    # The PostgreSQL runs of the tests above compare both to the 0.1 m through the API.
