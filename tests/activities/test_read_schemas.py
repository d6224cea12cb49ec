"""The activity list's plain-dict hot path serialises exactly as its declared Read schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from backend.responses import respond
from backend.schemas.activities import ActivityListItem, ActivityPage, NearbyActivityItem, list_row
from backend.services.activities import LIST_FIELDS


def _row(i: int, starts: datetime) -> dict:
    row = dict.fromkeys(LIST_FIELDS)
    row.update(id=i, title=f"活动{i}", category="volunteer", target_groups=",孤寡老人,残疾人,", starts_at=starts,
               ends_at=starts + timedelta(hours=2), signup_deadline=starts, town_id=1, community_id=None,
               address="某路 1 号", lat=34.5, lng=117.1, capacity=10, confirmed_count=12, waitlist_count=3,
               status="published", org_id=7, org__name="某社会组织")
    return row


def test_list_rows_serialise_as_the_schema():
    starts = [datetime(2026, 12, 2, 1, 30, tzinfo=UTC), datetime(2026, 12, 2, 9, 30, 0, 123456, tzinfo=UTC),
              datetime(2026, 12, 2, 9, 30, tzinfo=timezone(timedelta(hours=8)))]
    rows = [_row(i, s) for i, s in enumerate(starts)]
    for variant, extra in ((ActivityListItem, {}), (NearbyActivityItem, {"distance_m": 120.5})):
        fast = [list_row({**r, **extra}, my_status="confirmed" if r["id"] else None) for r in rows]
        typed = ActivityPage(items=[variant.model_validate(item) for item in fast], next_cursor="c")
        assert json.loads(respond({"items": fast, "next_cursor": "c"}).body) == json.loads(respond(typed).body)
    body = json.loads(respond({"items": fast, "next_cursor": None}).body)
    assert [i["starts_at"] for i in body["items"]] == [
        "2026-12-02T09:30:00+08:00", "2026-12-02T17:30:00.123456+08:00", "2026-12-02T09:30:00+08:00"]
    assert body["items"][0]["places_left"] == 0 and body["items"][0]["target_groups"] == ["孤寡老人", "残疾人"]
