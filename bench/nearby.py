"""Nearby and free-text benchmark at 100,000 activities on PostgreSQL (a benchmark, not a timed test).

(a) "nearby": the first page (20) by distance within 10 km, through the service the route calls, at random
    spots of a dense city; correctness is the page against the true 20 nearest (all rows ranked in Python);
    beside it the previous method (first 20,000 bounding-box rows by id, haversine in Python) in the same run;
(b) free text: the first page for a rare term (five activities match) through the service, beside the same
    SQL with the trigram indexes dropped (in a transaction that is rolled back), i.e. the sequential scan.

Run: make bench   (or .venv/bin/python bench/nearby.py [--samples 200])
Env: NEARBY_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/shezutong_bench_nearby, created and reset).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from activities import pg_dsn, reset_database  # noqa: E402  (bench/activities.py)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shezutong_bench_nearby"
ACTIVITIES = 100_000
CENTRE = (34.8600, 117.5500)
CITY_M = 12_000  # activities lie within this distance of the centre
RARE = "非遗剪纸传承"
RARE_COUNT = 5
WORDS = ["社区", "志愿", "服务", "关爱", "老人", "儿童", "健康", "义诊", "文艺", "演出", "环保", "清洁", "家园", "政策",
         "宣传", "读书", "分享", "法律", "咨询", "手工", "编织", "书法", "绘画", "太极", "广场舞", "防诈骗", "讲座"]


def _around(rng: random.Random, centre: tuple[float, float], lo_m: float, hi_m: float) -> tuple[float, float]:
    d, bearing = math.sqrt(rng.uniform(lo_m**2, hi_m**2)), rng.uniform(0, 2 * math.pi)  # uniform over the disc
    metre = 180 / (math.pi * 6_371_008.8)
    return (centre[0] + d * math.cos(bearing) * metre,
            centre[1] + d * math.sin(bearing) * metre / math.cos(math.radians(centre[0])))


async def seed(db_url: str) -> list[tuple[int, float, float]]:
    """Migrate, then 100,000 published activities of 20 active organizations; returns (id, lat, lng) of all."""
    from tortoise import Tortoise

    from backend.db import migrate, open_db
    from backend.models.organization import LegalForm, Organization, OrgCategory, OrgStatus
    from backend.models.region import Region, RegionLevel
    from backend.seed import seed_regions
    from backend.settings import Settings

    settings = Settings(database_url=db_url, app_env="dev")
    await migrate(settings)
    await open_db(settings)
    try:
        await seed_regions()
        towns = await Region.filter(level=RegionLevel.town).order_by("id")
        orgs = [await Organization.create(name=f"压测组织{i}", legal_form=LegalForm.social_group,
                                          category=OrgCategory.community_service, status=OrgStatus.active,
                                          town=towns[i % len(towns)]) for i in range(20)]
    finally:
        await Tortoise.close_connections()
    rng = random.Random(20261203)
    now = datetime.now(UTC).replace(microsecond=0)
    rare = set(rng.sample(range(ACTIVITIES), RARE_COUNT))
    records = []
    for i in range(ACTIVITIES):
        lat, lng = _around(rng, CENTRE, 0, CITY_M)
        org = orgs[i % len(orgs)]
        start = now + timedelta(hours=1 + i % 2000, minutes=i % 60)
        title = "".join(rng.sample(WORDS, 3)) + ("·" + RARE if i in rare else "") + f"活动 {i}"
        description = "，".join(rng.sample(WORDS, 6)) + "。欢迎居民报名参加。"
        records.append((org.id, org.town_id, title, description, "volunteer", ",全体居民,",  # type: ignore[attr-defined]
                        start, start + timedelta(hours=2), start, f"幸福路 {i} 号", lat, lng, 30, 30, "published",
                        now, now, ""))
    conn = await asyncpg.connect(pg_dsn(db_url))
    try:
        await conn.copy_records_to_table("activity", records=records, columns=[
            "org_id", "town_id", "title", "description", "category", "target_groups", "starts_at", "ends_at",
            "signup_deadline", "address", "lat", "lng", "capacity", "waitlist_limit", "status", "published_at",
            "created_at", "cancel_reason"])
        await conn.execute("VACUUM ANALYZE")  # as autovacuum would: GIN pending lists merged, fresh statistics
        rows = await conn.fetch("SELECT id, lat, lng FROM activity ORDER BY id")
    finally:
        await conn.close()
    return [(r["id"], r["lat"], r["lng"]) for r in rows]


async def old_list_by_distance(*, lat: float, lng: float, radius_km: float, limit: int) -> list[tuple[float, int]]:
    """The previous method, as it was: the first 20,000 box rows by id, haversine on the event loop."""
    from backend.services import clock, geo
    from backend.services.activities import LIST_FIELDS, ActivityFilters, public_queryset

    dlat, dlng = geo.bounding_box(lat, radius_km * 1000)
    now = clock.now()
    box = public_queryset(ActivityFilters(), now=now).filter(
        lat__gte=lat - dlat, lat__lte=lat + dlat, lng__gte=lng - dlng, lng__lte=lng + dlng)
    candidates = await box.order_by("id").limit(20_000).values_list("id", "lat", "lng")
    scored = sorted((round(d, 1), i) for i, a, b in candidates
                    if (d := geo.haversine_m(lat, lng, a, b)) <= radius_km * 1000)
    page = scored[:limit]
    by_id = {r["id"]: r for r in await public_queryset(ActivityFilters(), now=now).filter(
        id__in=[i for _, i in page]).values(*LIST_FIELDS)}
    return [(d, i) for d, i in page if i in by_id]


def truth(points: list[tuple[int, float, float]], lat: float, lng: float, n: int) -> list[tuple[float, int]]:
    from backend.services.geo import haversine_m

    return sorted((round(haversine_m(lat, lng, a, b), 1), i) for i, a, b in points)[:n]


async def timed(make: Any, samples: int) -> tuple[list[float], list[Any]]:
    times, results = [], []
    for k in range(samples):
        t0 = time.perf_counter()
        results.append(await make(k))
        times.append((time.perf_counter() - t0) * 1000)
    return times, results


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    db_url = os.environ.get("NEARBY_DATABASE_URL") or DEFAULT_DB
    load = os.getloadavg()
    print(f"准备数据：{db_url}（负载 {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}）")
    t0 = time.perf_counter()
    await reset_database(db_url)
    points = await seed(db_url)
    print(f"  {len(points)} 个活动已写入（{time.perf_counter() - t0:.1f} s）")

    from tortoise import Tortoise, connections

    from backend.db import open_db
    from backend.services.activities import ActivityFilters, list_by_distance, list_by_start
    from backend.settings import Settings

    await open_db(Settings(database_url=db_url, app_env="dev"))
    try:
        rng = random.Random(7)
        spots = [_around(rng, CENTRE, 0, CITY_M * 0.8) for _ in range(args.samples)]
        checked = spots[:20]
        expected = [truth(points, lat, lng, 20) for lat, lng in checked]

        async def new(k: int) -> list[tuple[float, int]]:
            rows, _ = await list_by_distance(filters=ActivityFilters(), lat=spots[k][0], lng=spots[k][1],
                                             radius_km=10, cursor=None, limit=20)
            return [(r["distance_m"], r["id"]) for r in rows]

        async def old(k: int) -> list[tuple[float, int]]:
            return await old_list_by_distance(lat=spots[k][0], lng=spots[k][1], radius_km=10, limit=20)

        await new(0), await old(0)  # warm the statement caches
        new_times, new_pages = await timed(new, args.samples)
        old_times, old_pages = await timed(old, min(args.samples, 20))

        def correct(pages: list[list[tuple[float, int]]]) -> int:
            """The worst page over the checked spots: how many of the true 20 nearest it holds, in order."""
            return min(sum(1 for a, b in zip(page, want, strict=False) if a == b)
                       for page, want in zip(pages, expected, strict=False))

        new_ok, old_ok = correct(new_pages), correct(old_pages)

        async def search(k: int) -> list[int]:
            rows, _ = await list_by_start(filters=ActivityFilters(q=RARE), cursor=None, limit=20)
            return [r["id"] for r in rows]

        await search(0)
        text_times, text_pages = await timed(search, args.samples)
        from backend.models.activity import Activity

        want_rare = sorted(await Activity.filter(title__contains=RARE).values_list("id", flat=True))
        from backend.services import clock
        from backend.services.activities import public_queryset

        sql = public_queryset(ActivityFilters(q=RARE), now=clock.now()).order_by("starts_at", "id").limit(21) \
            .values("id").sql(params_inline=True)
        plan = "\n".join(r["QUERY PLAN"] for r in
                         await connections.get("default").execute_query_dict(f"EXPLAIN {sql}"))
    finally:
        await Tortoise.close_connections()

    conn = await asyncpg.connect(pg_dsn(db_url))
    try:  # the same SQL without the trigram indexes: what every search did before
        tr = conn.transaction()
        await tr.start()
        await conn.execute('DROP INDEX IF EXISTS "idx_activity_title_trgm"; '
                           'DROP INDEX IF EXISTS "idx_activity_description_trgm"')
        await conn.fetch(sql)
        scan_times, _ = await timed(lambda k: conn.fetch(sql), min(args.samples, 30))
        await tr.rollback()
    finally:
        await conn.close()

    text_ok = all(sorted(p) == want_rare for p in text_pages)
    uses_index = "idx_activity_title_trgm" in plan and not re.search(r"Seq Scan on activity\b", plan)
    load = os.getloadavg()
    print(f"\n(a) 附近（10 km，每页 20，{args.samples} 个随机位置；正确性取前 {len(checked)} 个位置中最差的一页）")
    print(f"  rings + SQL distance  p50 {p50(new_times):.1f} ms  max {max(new_times):.1f} ms  correct {new_ok}/20")
    print(f"  old (20,000 by id)    p50 {p50(old_times):.1f} ms  max {max(old_times):.1f} ms  correct {old_ok}/20")
    print(f"\n(b) 关键词「{RARE}」（{len(want_rare)} 个活动匹配）  index used: {uses_index}  pages right: {text_ok}")
    print(f"  trigram index         p50 {p50(text_times):.1f} ms")
    print(f"  sequential scan       p50 {p50(scan_times):.1f} ms")
    print(f"  (负载 {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})\n")
    print(f"BENCH nearby activities={len(points)} p50_ms={p50(new_times):.1f} correct={new_ok}/20 "
          f"old_p50_ms={p50(old_times):.1f} old_correct={old_ok}/20")
    print(f"BENCH freetext activities={len(points)} p50_ms={p50(text_times):.1f} "
          f"scan_p50_ms={p50(scan_times):.1f} index={'yes' if uses_index else 'no'}")
    if new_ok != 20 or not text_ok:
        raise SystemExit("附近或关键词结果不正确")


if __name__ == "__main__":
    asyncio.run(main())
