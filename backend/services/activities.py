"""Activities: leaders publish, edit and cancel them; residents discover them.

Publishing passes title and description through WeChat content security first, outside any
transaction (a network call must not hold a row lock); only then is anything stored as published.
Time and place changes and cancellations of a published activity write an outbox event in the same
transaction, which the notices work turns into messages to the people signed up.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import orjson
from tortoise import connections
from tortoise.expressions import Q, RawSQL
from tortoise.transactions import in_transaction

from backend.errors import (
    ActivityCancelled,
    ActivityEnded,
    ActivityNotFound,
    ActivityStarted,
    CapacityBelowConfirmed,
    ContentRisky,
    OrgNotActive,
    WaitlistBelowCurrent,
    field_error,
)
from backend.models import MAX_DB_ID
from backend.models.activity import Activity, ActivityStatus, Signup, SignupStatus
from backend.models.organization import Organization, OrgStatus
from backend.models.region import Region, RegionLevel
from backend.models.user import User
from backend.services import audit, clock, events, geo, textsearch
from backend.services.access import in_scope, is_insider, require_leader_of, require_org_leader, scoped_to_towns
from backend.services.actor import Actor
from backend.services.sql import on_postgres
from backend.wechat.client import WeChatGateway

# One sitting; longer events are published as several sessions, so service hours stay credible.
MAX_DURATION = timedelta(hours=24)
PLACE_FIELDS = ("starts_at", "ends_at", "address", "lat", "lng", "town_id", "community_id")
TEXT_FIELDS = ("title", "description", "address")
FIRST_RING_M = 500.0  # the first ring searched by distance; it widens until it holds a page
SCORED_ON_LOOP = 2_000  # more box rows than this (SQLite only) are scored in a worker thread


def join_groups(groups: list[str] | None) -> str:
    """Target groups as stored: ",孤寡老人,残疾人," so that one group matches with a LIKE."""
    return "," + ",".join(groups) + "," if groups else ""


def split_groups(stored: str) -> list[str]:
    """The stored form of `join_groups` back to a list."""
    return [g for g in stored.split(",") if g]


# --- publishing -----------------------------------------------------------------------------


async def check_content(*, wechat: WeChatGateway, user_id: int, title: str, description: str,
                        address: str = "") -> None:
    """Refuse text that WeChat content security does not pass (msgSecCheck v2)."""
    user = await User.get(id=user_id)
    content = "\n".join(part for part in (title, description, address) if part)
    verdict = await wechat.msg_sec_check(content=content, openid=user.openid or "")
    if not verdict.passed:
        raise ContentRisky(what="活动标题或内容", details={'suggest': verdict.suggest, 'label': verdict.label})


def _validate_schedule(values: dict[str, Any], *, now: datetime) -> None:
    starts, ends, deadline = values["starts_at"], values["ends_at"], values["signup_deadline"]
    if starts <= now:
        raise field_error("starts_at", "开始时间必须晚于当前时间")
    if ends <= starts:
        raise field_error("ends_at", "结束时间必须晚于开始时间")
    if ends - starts > MAX_DURATION:
        raise field_error("ends_at", "单次活动不能超过 24 小时，跨天活动请分场次发布")
    if deadline > starts:
        raise field_error("signup_deadline", "报名截止时间不能晚于开始时间")
    if values.get("checkin_radius_m") and (values.get("lat") is None or values.get("lng") is None):
        raise field_error("checkin_radius_m", "设置签到范围需要先提供活动地点的经纬度")
    if (values.get("lat") is None) != (values.get("lng") is None):
        raise field_error("lat", "经度和纬度须同时提供")


async def _resolve_region(org: Organization, values: dict[str, Any]) -> None:
    """Fill town_id/community_id: a given community fixes its town; default is the org's town."""
    community_id = values.get("community_id")
    if community_id is not None:
        community = await Region.get_or_none(id=community_id, level=RegionLevel.community)
        if community is None:
            raise field_error("community_id", "社区/村不存在")
        if values.get("town_id") not in (None, community.parent_id):
            raise field_error("community_id", "社区/村不属于所选镇街")
        values["town_id"] = community.parent_id
    elif values.get("town_id") is not None:
        if not await Region.exists(id=values["town_id"], level=RegionLevel.town):
            raise field_error("town_id", "镇街不存在")
    else:
        values["town_id"] = org.town_id


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    for key in ("starts_at", "ends_at", "signup_deadline"):
        if values.get(key) is not None:
            values[key] = clock.utc(values[key])
    if "target_groups" in values:
        values["target_groups"] = join_groups(values["target_groups"])
    return values


async def create_activity(*, org_id: int, actor: Actor, wechat: WeChatGateway,
                          data: dict[str, Any], publish: bool) -> Activity:
    """A leader creates a draft, or publishes at once after the content check."""
    org = await require_org_leader(org_id=org_id, actor=actor)
    if org.status != OrgStatus.active:
        raise OrgNotActive(action="发布活动")
    values = _normalise(dict(data))
    values.setdefault("signup_deadline", None)
    values["signup_deadline"] = values["signup_deadline"] or values["starts_at"]
    if values.get("waitlist_limit") is None:
        values["waitlist_limit"] = values["capacity"]
    _validate_schedule(values, now=clock.now())
    await _resolve_region(org, values)
    if publish:
        await check_content(wechat=wechat, user_id=actor.user_id, title=values["title"],
                            description=values.get("description", ""), address=values.get("address", ""))
    status = ActivityStatus.published if publish else ActivityStatus.draft
    async with in_transaction() as conn:
        return await Activity.create(**values, org_id=org.id, status=status, created_by_id=actor.user_id,
                                     published_at=clock.now() if publish else None, using_db=conn)


async def org_activities(*, org_id: int, actor: Actor, limit: int = 200) -> list[dict[str, Any]]:
    """All of an organization's activities, drafts and cancelled ones too, for its leader; newest first."""
    await require_org_leader(org_id=org_id, actor=actor)
    return await Activity.filter(org_id=org_id).order_by("-starts_at", "-id").limit(limit).values(
        "id", "title", "status", "starts_at", "ends_at", "capacity", "confirmed_count", "waitlist_count")


async def get_for_leader(*, activity_id: int, actor: Actor) -> Activity:
    """The activity when the caller leads its organization; 404 otherwise (see services/access.py)."""
    activity = await Activity.get_or_none(id=activity_id)
    if activity is None:
        raise ActivityNotFound()
    await require_leader_of(actor, activity.org_id, ActivityNotFound)
    return activity


async def _lock(conn: Any, activity_id: int) -> Activity:
    return await Activity.select_for_update().using_db(conn).get(id=activity_id)


def _merged(activity: Activity, changes: dict[str, Any]) -> dict[str, Any]:
    keys = ("starts_at", "ends_at", "signup_deadline", "lat", "lng", "checkin_radius_m")
    merged = {k: getattr(activity, k) for k in keys}
    merged.update({k: v for k, v in changes.items() if k in keys})
    return merged


async def update_activity(*, activity_id: int, actor: Actor, wechat: WeChatGateway,
                          changes: dict[str, Any]) -> Activity:
    """Edit a draft or a not-yet-started published activity; time/place changes emit an event."""
    activity = await get_for_leader(activity_id=activity_id, actor=actor)
    changes = _normalise(dict(changes))
    if activity.status == ActivityStatus.cancelled:
        raise ActivityCancelled(action="修改")
    now = clock.now()
    if activity.starts_at <= now:
        raise ActivityStarted(action="修改")
    _fill_cleared(activity, changes)
    if {"town_id", "community_id"} & changes.keys():
        org = await Organization.get(id=activity.org_id)
        changes.setdefault("community_id", None)
        await _resolve_region(org, changes)
    _validate_schedule(_merged(activity, changes), now=now)
    published = activity.status == ActivityStatus.published
    if published and _text_changed(activity, changes):
        await check_content(wechat=wechat, user_id=actor.user_id,
                            title=changes.get("title", activity.title),
                            description=changes.get("description", activity.description),
                            address=changes.get("address", activity.address))
    async with in_transaction() as conn:
        locked = await _lock(conn, activity_id)
        if locked.status == ActivityStatus.cancelled:
            raise ActivityCancelled(action="修改")
        _check_capacity_change(locked, changes)
        moved = {k: [_plain(getattr(locked, k)), _plain(v)] for k, v in changes.items()
                 if k in PLACE_FIELDS and getattr(locked, k) != v}
        for key, value in changes.items():
            setattr(locked, key, value)
        await locked.save(using_db=conn)
        if published:
            from backend.services.signups import promote_waitlisted

            await promote_waitlisted(conn=conn, activity=locked, reason="capacity_raised")
            if moved:
                await events.emit(kind="activity.changed", using_db=conn, payload={
                    "activity_id": locked.id, "title": locked.title, "changes": moved,
                    "user_ids": await _affected_users(conn, locked.id)})
        return locked


def _fill_cleared(activity: Activity, changes: dict[str, Any]) -> None:
    """Cleared fields fall back as on create: deadline → start, waitlist → capacity; clearing the
    community alone keeps the town."""
    if "signup_deadline" in changes and changes["signup_deadline"] is None:
        changes["signup_deadline"] = changes.get("starts_at") or activity.starts_at
    if "waitlist_limit" in changes and changes["waitlist_limit"] is None:
        changes["waitlist_limit"] = changes.get("capacity") or activity.capacity
    if "community_id" in changes and changes["community_id"] is None and changes.get("town_id") is None:
        changes["town_id"] = activity.town_id


def _text_changed(activity: Activity, changes: dict[str, Any]) -> bool:
    """True when a field shown to others as text changes."""
    return any(k in changes and changes[k] != getattr(activity, k) for k in TEXT_FIELDS)


def _check_capacity_change(activity: Activity, changes: dict[str, Any]) -> None:
    if changes.get("capacity") is not None and changes["capacity"] < activity.confirmed_count:
        raise CapacityBelowConfirmed(confirmed_count=activity.confirmed_count)
    if changes.get("waitlist_limit") is not None and changes["waitlist_limit"] < activity.waitlist_count:
        raise WaitlistBelowCurrent(waitlist_count=activity.waitlist_count)


def _plain(value: Any) -> Any:
    return clock.iso(value) if isinstance(value, datetime) else value


async def _affected_users(conn: Any, activity_id: int) -> list[int]:
    return list(await Signup.filter(  # type: ignore[arg-type]
        activity_id=activity_id, status__in=[SignupStatus.confirmed, SignupStatus.waitlisted],
    ).using_db(conn).order_by("id").values_list("user_id", flat=True))


async def publish_activity(*, activity_id: int, actor: Actor, wechat: WeChatGateway) -> Activity:
    """Publish a draft after the content check; publishing twice is harmless."""
    activity = await get_for_leader(activity_id=activity_id, actor=actor)
    if activity.status == ActivityStatus.published:
        return activity
    if activity.status == ActivityStatus.cancelled:
        raise ActivityCancelled(action="发布")
    org = await Organization.get(id=activity.org_id)
    if org.status != OrgStatus.active:
        raise OrgNotActive(action="发布活动")
    _validate_schedule(_merged(activity, {}), now=clock.now())
    await check_content(wechat=wechat, user_id=actor.user_id, title=activity.title,
                        description=activity.description, address=activity.address)
    async with in_transaction() as conn:
        locked = await _lock(conn, activity_id)
        if locked.status == ActivityStatus.draft:
            locked.status = ActivityStatus.published
            locked.published_at = clock.now()
            await locked.save(update_fields=["status", "published_at", "updated_at"], using_db=conn)
        return locked


async def cancel_activity(*, activity_id: int, actor: Actor, reason: str) -> Activity:
    """Cancel an activity; a published one emits `activity.cancelled` naming everyone signed up."""
    activity = await get_for_leader(activity_id=activity_id, actor=actor)
    if activity.ends_at <= clock.now():
        raise ActivityEnded(action="取消")
    async with in_transaction() as conn:
        locked = await _lock(conn, activity_id)
        if locked.status == ActivityStatus.cancelled:
            return locked  # a second tap on the phone changes nothing
        await cancel_locked(conn, locked, reason)
        return locked


async def cancel_locked(conn: Any, activity: Activity, reason: str) -> None:
    """Cancel an activity already locked in `conn`'s transaction (a leader's cancellation, or the
    organization's deregistration); a published one emits `activity.cancelled` naming everyone signed up."""
    was_published = activity.status == ActivityStatus.published
    activity.status, activity.cancelled_at, activity.cancel_reason = ActivityStatus.cancelled, clock.now(), reason
    await activity.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"], using_db=conn)
    if was_published:
        await events.emit(kind="activity.cancelled", using_db=conn, payload={
            "activity_id": activity.id, "org_id": activity.org_id, "title": activity.title,
            "starts_at": activity.starts_at.isoformat(), "reason": reason,
            "user_ids": await _affected_users(conn, activity.id)})


# --- staff supervision ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StaffActivityFilters:
    status: ActivityStatus | None = None
    org_id: int | None = None
    town_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None


STAFF_LIST_FIELDS = ("id", "title", "category", "status", "org_id", "org__name", "org__town_id", "town_id",
                     "starts_at", "ends_at", "capacity", "confirmed_count", "waitlist_count", "cancelled_at",
                     "cancel_reason")


async def list_for_staff(*, actor: Actor, filters: StaffActivityFilters, page: int,
                         page_size: int) -> tuple[list[dict[str, Any]], int]:
    """Activities of the organizations in the officer's scope (drafts too), latest start first."""
    query = scoped_to_towns(Activity.all(), field="org__town_id", scope_town_id=actor.scope_region_id,
                            town_id=filters.town_id, what="活动")
    if filters.status:
        query = query.filter(status=filters.status)
    if filters.org_id:
        query = query.filter(org_id=filters.org_id)
    if filters.date_from:
        query = query.filter(starts_at__gte=clock.db_time(_local_midnight(filters.date_from)))
    if filters.date_to:
        query = query.filter(starts_at__lt=clock.db_time(_local_midnight(filters.date_to + timedelta(days=1))))
    if filters.q:
        query = textsearch.contains_any(query, filters.q, paths=("title", "org__name"), pg_conditions=(
            textsearch.like_sql('"activity"."title"', filters.q),
            textsearch.related_like_sql('"activity"."org_id"', "organization", "name", filters.q)))
    total = await query.count()
    rows = await query.order_by("-starts_at", "-id").offset((page - 1) * page_size).limit(page_size) \
        .values(*STAFF_LIST_FIELDS)
    return rows, total


async def staff_cancel_activity(*, activity_id: int, actor: Actor, reason: str) -> Activity:
    """Staff cancel an activity in their scope; the residents signed up are told as after a leader's cancel."""
    activity = await Activity.get_or_none(id=activity_id).select_related("org")
    if activity is None or not in_scope(actor.scope_region_id, activity.org.town_id):
        raise ActivityNotFound()
    if activity.ends_at <= clock.now():
        raise ActivityEnded(action="取消")
    async with in_transaction() as conn:
        locked = await _lock(conn, activity_id)
        if locked.status == ActivityStatus.cancelled:
            raise ActivityCancelled()  # already cancelled (by its leader or another officer): nothing to audit
        before = str(locked.status)
        await cancel_locked(conn, locked, reason)
        await audit.record(actor=actor, action="activity.staff_cancel", object_type="activity", object_id=locked.id,
                           before={"status": before}, after={"status": str(locked.status)}, reason=reason,
                           town_id=activity.org.town_id)
        return locked


# --- discovery ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActivityFilters:
    org_id: int | None = None
    town_id: int | None = None
    community_id: int | None = None
    category: str | None = None
    target_group: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None


LIST_FIELDS = ("id", "title", "category", "target_groups", "starts_at", "ends_at", "signup_deadline",
               "town_id", "community_id", "address", "lat", "lng", "capacity", "confirmed_count",
               "waitlist_count", "status", "org_id", "org__name")


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=clock.LOCAL_TZ).astimezone(UTC)


def public_queryset(filters: ActivityFilters, *, now: datetime) -> Any:
    """Published, not yet ended activities of active organizations, narrowed by the filters."""
    qs = Activity.filter(status=ActivityStatus.published, org__status=OrgStatus.active, ends_at__gte=clock.db_time(now))
    if filters.org_id is not None:
        qs = qs.filter(org_id=filters.org_id)
    if filters.town_id is not None:
        qs = qs.filter(town_id=filters.town_id)
    if filters.community_id is not None:
        qs = qs.filter(community_id=filters.community_id)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.target_group:
        qs = qs.filter(target_groups__contains=f",{filters.target_group},")
    if filters.date_from:
        qs = qs.filter(starts_at__gte=clock.db_time(_local_midnight(filters.date_from)))
    if filters.date_to:
        qs = qs.filter(starts_at__lt=clock.db_time(_local_midnight(filters.date_to + timedelta(days=1))))
    if filters.q:
        qs = textsearch.contains_any(qs, filters.q, paths=("title", "description"), pg_conditions=(
            textsearch.like_sql('"activity"."title"', filters.q),
            textsearch.like_sql('"activity"."description"', filters.q)))
    return qs


def encode_cursor(key: Any, row_id: int) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([key, row_id])).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, int]:
    """The (sort key, id) of an opaque cursor, or a 422 naming the field."""
    try:
        key, row_id = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError):
        raise field_error("cursor", "分页游标无效") from None
    if type(row_id) is not int or not 0 <= row_id <= MAX_DB_ID:
        raise field_error("cursor", "分页游标无效")
    return key, row_id


def _start_key(key: Any) -> datetime:
    """The start time a by-start cursor carries, in the database's zone."""
    try:
        value = datetime.fromisoformat(key)
        if value.tzinfo is None:
            raise ValueError(key)
        return clock.db_time(value)
    except (TypeError, ValueError, OverflowError):
        raise field_error("cursor", "分页游标无效") from None


def _distance_key(key: Any) -> float:
    """The distance a by-distance cursor carries."""
    if type(key) not in (int, float) or not 0 <= key < math.inf:
        raise field_error("cursor", "分页游标无效")
    return float(key)


# The list is the hottest read. On PostgreSQL it is one statement written here that returns the
# page already in `ActivityListItem`'s shape (instants as +08:00 text, target groups as an array,
# places left, the caller's own status joined in), so no row is converted here; building the SQL
# through pypika and shaping every row in Python cost more than the query. SQLite, and free-text
# search (whose matching lives in `public_queryset`), keep the queryset and shape rows with `shape`.
_PAGE_COLUMNS = ("a.id, a.title, a.category, a.target_groups, a.starts_at, a.ends_at, a.signup_deadline, "
                 "a.town_id, a.community_id, a.address, a.lat, a.lng, a.capacity, a.confirmed_count, "
                 "a.waitlist_count, a.status, a.org_id, o.name AS org__name")


def _local_text(column: str) -> str:
    """SQL rendering an instant as Python's isoformat() of it in Asia/Shanghai (no DST since 1991)."""
    local = f"({column} AT TIME ZONE 'Asia/Shanghai')"
    return (f"CASE WHEN {column} IS NULL THEN NULL WHEN date_part('microseconds', {column})::int % 1000000 = 0 "
            f"THEN to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') ELSE to_char({local}, "
            f"'YYYY-MM-DD\"T\"HH24:MI:SS.US') END || '+08:00'")


# The page is chosen by the plain columns (the same plan as a bare query: the start-time index, stopped
# at the limit), then only its rows are shaped and looked up in the caller's signups (the unique
# (activity, user) index); a join to the signups would let the planner scan them all.
_ITEM_COLUMNS = (
    "p.id, p.title, p.category, array_remove(string_to_array(p.target_groups, ','), '') AS target_groups, "
    f"{_local_text('p.starts_at')} AS starts_at, {_local_text('p.ends_at')} AS ends_at, "
    f"{_local_text('p.signup_deadline')} AS signup_deadline, p.town_id, p.community_id, p.address, p.lat, "
    "p.lng, p.capacity, p.confirmed_count, p.waitlist_count, p.status, p.org_id, p.org__name AS org_name, "
    "GREATEST(0, p.capacity - p.confirmed_count) AS places_left, p.starts_at AS cursor_at")


def _is_postgres() -> bool:
    return on_postgres()


def _page_sql(filters: ActivityFilters, *, now: datetime, after: tuple[datetime, int] | None,
              limit: int, user_id: int | None) -> tuple[str, list[Any]]:
    """`public_queryset` by start time as list items, in PostgreSQL SQL with numbered parameters."""
    params: list[Any] = []

    def param(value: Any) -> str:
        params.append(value)
        return f"${len(params)}"

    caller = param(user_id)
    mine = ("(SELECT s.status FROM activity_signup s "  # noqa: S608  (only a placeholder is interpolated)
            f"WHERE s.activity_id = p.id AND s.user_id = {caller}::int) AS my_status")
    where = ["a.status = 'published'", "o.status = 'active'", f"a.ends_at >= {param(now)}"]
    for column, value in (("org_id", filters.org_id), ("town_id", filters.town_id),
                          ("community_id", filters.community_id), ("category", filters.category or None)):
        if value is not None:
            where.append(f"a.{column} = {param(value)}")
    if filters.target_group:
        where.append(f"strpos(a.target_groups, {param(f',{filters.target_group},')}) > 0")
    if filters.date_from:
        where.append(f"a.starts_at >= {param(_local_midnight(filters.date_from))}")
    if filters.date_to:
        where.append(f"a.starts_at < {param(_local_midnight(filters.date_to + timedelta(days=1)))}")
    if after is not None:
        where.append(f"(a.starts_at, a.id) > ({param(after[0])}, {param(after[1])})")
    page = (f"SELECT {_PAGE_COLUMNS} FROM activity a JOIN organization o ON o.id = a.org_id "  # noqa: S608  (only placeholders are interpolated)
            f"WHERE {' AND '.join(where)} ORDER BY a.starts_at, a.id LIMIT {param(limit + 1)}")
    sql = f"SELECT {_ITEM_COLUMNS}, {mine} FROM ({page}) p ORDER BY p.starts_at, p.id"  # noqa: S608
    return sql, params


def _after_start(cursor: str | None) -> tuple[datetime, int] | None:
    if not cursor:
        return None
    key, last_id = decode_cursor(cursor)
    return _start_key(key), last_id


async def list_by_start(*, filters: ActivityFilters, cursor: str | None, limit: int
                        ) -> tuple[list[dict[str, Any]], str | None]:
    """One page of `LIST_FIELDS` rows ordered by start time, then id (keyset pagination)."""
    qs = public_queryset(filters, now=clock.now())
    after = _after_start(cursor)
    if after is not None:
        starts, last_id = after
        qs = qs.filter(Q(starts_at__gt=starts) | Q(starts_at=starts, id__gt=last_id))
    rows = await qs.order_by("starts_at", "id").limit(limit + 1).values(*LIST_FIELDS)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(clock.utc(rows[-1]["starts_at"]).isoformat(), rows[-1]["id"]) if more else None
    return rows, next_cursor


async def list_items_by_start(*, filters: ActivityFilters, cursor: str | None, limit: int, user_id: int | None,
                              shape: Callable[[dict[str, Any], str | None], dict[str, Any]]
                              ) -> tuple[list[dict[str, Any]], str | None]:
    """One page by start time as the list's items with the caller's own status (`user_id`, or None).

    On PostgreSQL the database shapes the items (one statement); elsewhere `shape(row, my_status)`
    makes an item of each `LIST_FIELDS` row. Both give the same items (tests/activities/test_read_schemas.py).
    """
    if _is_postgres() and not filters.q:
        sql, params = _page_sql(filters, now=clock.now(), after=_after_start(cursor), limit=limit, user_id=user_id)
        items = await connections.get("default").execute_query_dict(sql, params)
        more = len(items) > limit
        items = items[:limit]
        next_cursor = (encode_cursor(clock.utc(items[-1]["cursor_at"]).isoformat(), items[-1]["id"])
                       if more else None)
        for item in items:
            del item["cursor_at"]
        return items, next_cursor
    rows, next_cursor = await list_by_start(filters=filters, cursor=cursor, limit=limit)
    mine = await my_statuses(user_id=user_id, activity_ids=[r["id"] for r in rows]) if user_id and rows else {}
    return [shape(row, mine.get(row["id"])) for row in rows], next_cursor


def _box(lat: float, lng: float, radius_m: float) -> dict[str, float]:
    dlat, dlng = geo.bounding_box(lat, radius_m)
    return {"lat__gte": lat - dlat, "lat__lte": lat + dlat, "lng__gte": lng - dlng, "lng__lte": lng + dlng}


def _next_ring(ring_m: float, found: int, wanted: int) -> float:
    """A ring wide enough, at the density seen so far, to hold `wanted` rows (2 to 8 times wider)."""
    return ring_m * min(8.0, max(2.0, 1.5 * math.sqrt(wanted / max(found, 1))))


async def _ring_sql(qs: Any, *, lat: float, lng: float, ring_m: float, final: bool,
                    after: tuple[float, int] | None, n: int) -> list[dict[str, Any]]:
    """The first n rows of one ring in (distance, id) order, distance computed and sorted by the database."""
    dist = geo.haversine_sql(lat, lng, lat_col='"activity"."lat"', lng_col='"activity"."lng"')
    qs = qs.annotate(distance_m=RawSQL(f"CAST(ROUND(CAST({dist} AS NUMERIC), 1) AS DOUBLE PRECISION)"))
    if final:
        qs = qs.annotate(distance_raw=RawSQL(dist)).filter(distance_raw__lte=ring_m)
    else:
        qs = qs.filter(distance_m__lte=ring_m)
    if after is not None:
        qs = qs.filter(Q(distance_m__gt=after[0]) | Q(distance_m=after[0], id__gt=after[1]))
    return list(await qs.order_by("distance_m", "id").limit(n).values(*LIST_FIELDS, "distance_m"))


def _score(candidates: list[tuple[int, float, float]], *, lat: float, lng: float, ring_m: float, final: bool,
           after: tuple[float, int] | None, n: int) -> list[tuple[float, int]]:
    scored = []
    for i, a, b in candidates:
        d = geo.haversine_m(lat, lng, a, b)
        key = (round(d, 1), i)
        if (d <= ring_m if final else key[0] <= ring_m) and (after is None or key > after):
            scored.append(key)
    scored.sort()
    return scored[:n]


async def _ring_python(qs: Any, filters: ActivityFilters, now: datetime, *, lat: float, lng: float, ring_m: float,
                       final: bool, after: tuple[float, int] | None, n: int) -> list[dict[str, Any]]:
    """The same on a database without trigonometry (SQLite): the ring's box rows scored here."""
    candidates = await qs.values_list("id", "lat", "lng")
    score = functools.partial(_score, candidates, lat=lat, lng=lng, ring_m=ring_m, final=final, after=after, n=n)
    scored = await asyncio.to_thread(score) if len(candidates) > SCORED_ON_LOOP else score()
    # Re-applying the visibility filter: an activity cancelled between the two queries stays hidden.
    by_id = {r["id"]: r for r in await public_queryset(filters, now=now).filter(
        id__in=[i for _, i in scored]).values(*LIST_FIELDS)} if scored else {}
    return [dict(by_id[i], distance_m=d) for d, i in scored if i in by_id]


async def list_by_distance(*, filters: ActivityFilters, lat: float, lng: float, radius_km: float,
                           cursor: str | None, limit: int) -> tuple[list[dict[str, Any]], str | None]:
    """One page ordered by distance from (lat, lng) within radius_km, then id.

    Rings: the rows of a small bounding box around the caller (the (lat, lng) index picks them) are
    ranked by exact distance; when fewer than a page lie within that ring, a wider one is searched, up
    to the radius. A ring keeps only rows whose rounded distance is at most its own radius, so what it
    returns is a prefix of the full ordering: the first page of a full ring is the true nearest.
    """
    after = None
    if cursor:
        key, last_id = decode_cursor(cursor)
        after = (_distance_key(key), last_id)
    now = clock.now()
    base = public_queryset(filters, now=now)
    radius_m = radius_km * 1000
    in_sql = textsearch.on_postgres(Activity)
    start = after[0] if after else 0.0  # a later page's ring begins at the cursor's distance
    width = FIRST_RING_M
    while True:
        ring = start + width
        # An inner ring must lie wholly inside the radius even after rounding (keys are 0.1 m steps).
        final = ring >= radius_m - 0.1
        ring = radius_m if final else ring
        qs = base.filter(**_box(lat, lng, ring if final else ring + 0.1))
        if in_sql:
            rows = await _ring_sql(qs, lat=lat, lng=lng, ring_m=ring, final=final, after=after, n=limit + 1)
        else:
            rows = await _ring_python(qs, filters, now, lat=lat, lng=lng, ring_m=ring, final=final, after=after,
                                      n=limit + 1)
        if final or len(rows) > limit:
            break
        width = _next_ring(width, len(rows), limit + 1)
    page, more = rows[:limit], len(rows) > limit
    next_cursor = encode_cursor(page[-1]["distance_m"], page[-1]["id"]) if more and page else None
    return page, next_cursor


async def my_statuses(*, user_id: int, activity_ids: list[int]) -> dict[int, str]:
    """The caller's signup status per activity, for the badges on a list page."""
    if _is_postgres():
        records = await connections.get("default").execute_query_dict(
            "SELECT activity_id, status FROM activity_signup WHERE user_id = $1 AND activity_id = ANY($2::int[])",
            [user_id, activity_ids])
        return {r["activity_id"]: r["status"] for r in records}
    rows = await Signup.filter(user_id=user_id, activity_id__in=activity_ids).values_list("activity_id", "status")
    return {a: str(s) for a, s in rows}


async def visible_activity(*, activity_id: int, actor: Actor | None) -> Activity:
    """An activity as the caller may see it: the public sees published/cancelled of active orgs."""
    activity = await Activity.get_or_none(id=activity_id).select_related("org")
    if activity is None:
        raise ActivityNotFound()
    public_ok = activity.status != ActivityStatus.draft and activity.org.status == OrgStatus.active
    if public_ok or actor is None:
        if not public_ok:
            raise ActivityNotFound()
        return activity
    if not await is_insider(actor, org_id=activity.org_id, town_id=activity.town_id):
        raise ActivityNotFound()
    return activity
