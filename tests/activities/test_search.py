"""Free-text search ("关键词"): literal matching on both dialects; on PostgreSQL answered from trigram indexes."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from backend.services import clock, textsearch
from backend.services.activities import ActivityFilters, list_by_start, public_queryset
from tests.factories import make_activity, make_org

URL = "/api/mp/v1/activities"
RARE = "非遗剪纸传承"


async def _ids(client, **params):
    resp = await client.get(URL, params=params)
    assert resp.status_code == 200, resp.text
    return [i["id"] for i in resp.json()["items"]]


async def test_quotes_and_backslashes_in_the_term_are_matched_literally(app, client):
    org = await make_org()
    quoted = await make_activity(org=org, title="王大爷's 理发日")
    slashed = await make_activity(org=org, title="路径 a\\b 讲座", description="E'\\x41")
    await make_activity(org=org, title="王大爷s 理发日 ab")
    assert await _ids(client, q="爷's") == [quoted.id]
    assert await _ids(client, q="a\\b") == [slashed.id]
    assert await _ids(client, q="E'\\x") == [slashed.id]
    assert await _ids(client, q="') OR (1=1") == []


def test_pg_literals_cannot_be_broken_out_of():
    assert textsearch.pg_literal("a'b\\") == "E'a''b\\\\'"
    assert textsearch.like_sql("t", "5%_") == "UPPER(CAST(t AS VARCHAR)) LIKE UPPER(E'%5\\\\%\\\\_%') ESCAPE E'\\\\'"
    with pytest.raises(ValueError):
        textsearch.pg_literal("\x00")


def _plan_nodes(plan: dict) -> list[dict]:
    nodes = [plan]
    for child in plan.get("Plans", []):
        nodes += _plan_nodes(child)
    return nodes


async def test_a_rare_term_at_100000_activities_is_read_from_the_trigram_indexes(app, client, on_postgres):
    if not on_postgres:
        pytest.skip("trigram indexes are PostgreSQL's (pg_trgm); SQLite keeps a LIKE scan")
    db = connections.get("default")
    if not await db.execute_query_dict("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"):
        pytest.skip("pg_trgm is not available on this server: migration 4 left search as a scan")
    org = await make_org(name="剪纸艺术协会")
    starts = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    await db.execute_query(
        """INSERT INTO "activity" ("org_id", "town_id", "title", "description", "category", "starts_at", "ends_at",
               "signup_deadline", "capacity", "status")
           SELECT $1, $2, (ARRAY['社区志愿服务', '关爱老人', '健康义诊', '文艺演出', '环保清洁'])[1 + g % 5]
                      || CASE WHEN g % 25000 = 7 THEN $5 ELSE '' END || '活动 ' || g,
                  (ARRAY['政策宣传，欢迎报名。', '陪伴老人、清洁家园。', '免费测血压。'])[1 + g % 3],
                  'volunteer', $3::timestamptz + g * interval '1 second', $4::timestamptz + g * interval '1 second',
                  $3, 10, 'published'
           FROM generate_series(1, 100000) AS g""",
        [org.id, org.town_id, starts, starts + timedelta(hours=2), "·" + RARE])
    await db.execute_script('VACUUM ANALYZE "activity"')
    rare = await _ids(client, q=RARE)
    assert len(rare) == 4

    sql = public_queryset(ActivityFilters(q=RARE), now=clock.now()).order_by("starts_at", "id").limit(21) \
        .values("id").sql()
    assert RARE in sql  # the pattern is part of the statement, so even a generic plan knows it
    # The plan a prepared statement settles on after five runs (generic) and a fresh one (custom) alike.
    assert sorted(set(re.findall(r"\$\d+", sql))) == ["$1", "$2", "$3", "$4"], sql  # status, org status, end, limit
    async with in_transaction() as conn:  # one connection: the prepared statement lives there
        await conn.execute_script(f"PREPARE search_probe AS {sql}")
        for mode in ("force_generic_plan", "force_custom_plan"):
            await conn.execute_script(f"SET LOCAL plan_cache_mode = {mode}")
            rows = await conn.execute_query_dict(
                "EXPLAIN (FORMAT JSON) EXECUTE search_probe('published', 'active', now(), 21)")
            plan = rows[0]["QUERY PLAN"]
            nodes = _plan_nodes((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])
            used = {n.get("Index Name") for n in nodes}
            assert {"idx_activity_title_trgm", "idx_activity_description_trgm"} <= used, (mode, used)
            assert not [n for n in nodes if n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "activity"]
        await conn.execute_script("DEALLOCATE search_probe")

    times = []
    for _ in range(15):
        t0 = time.perf_counter()
        rows, _ = await list_by_start(filters=ActivityFilters(q=RARE), cursor=None, limit=20)
        times.append(time.perf_counter() - t0)
        assert [r["id"] for r in rows] == rare
    assert sorted(times)[7] < 0.1, times  # a sequential scan takes 0.25–0.3 s here; the index a few ms
