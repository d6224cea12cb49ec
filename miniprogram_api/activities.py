"""Activities in the mini-program: leaders publish and run them, residents find, join and check in."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

import orjson
from pydantic import AfterValidator, BaseModel, Field, model_validator
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import Principal, allow, optional_principal, public
from backend.errors import field_error
from backend.models.activity import Activity, ActivityCategory, Signup, TargetGroup
from backend.models.user import Role
from backend.services import activities, audit, checkins, rosters, signups
from backend.services.activities import ActivityFilters, split_groups
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args
from backend.wechat.client import WeChatGateway

bp = Blueprint("mp_activities", url_prefix="/api/mp/v1")

PARTICIPANTS = (Role.resident, Role.leader)
ROSTER_READERS = (Role.leader, Role.staff, Role.admin)
PAGE_CAP = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- schemas --------------------------------------------------------------------------------

# NUL and other C0 controls: PostgreSQL refuses NUL in text, and none belongs in what a phone shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control_chars(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("不能包含控制字符")
    return value


def _plausible_time(value: datetime) -> datetime:
    # Far-off years overflow the UTC conversion and can only be typing mistakes.
    if not 2000 <= value.year <= 2100:
        raise ValueError("时间超出允许范围（2000—2100 年）")
    return value


def _plausible_day(value: date) -> date:
    if not 2000 <= value.year <= 2100:
        raise ValueError("日期超出允许范围（2000—2100 年）")
    return value


Text = Annotated[str, AfterValidator(_no_control_chars)]
When = Annotated[datetime, AfterValidator(_plausible_time)]
Day = Annotated[date, AfterValidator(_plausible_day)]


class _ActivityFields(BaseModel):
    title: SingleLine = Field(min_length=2, max_length=64, description="活动标题")
    description: Text = Field("", max_length=2000, description="活动介绍")
    category: ActivityCategory = Field(description="活动类别")
    target_groups: list[TargetGroup] = Field(default_factory=list, max_length=8, description="服务对象")
    starts_at: When = Field(description="开始时间（无时区时按北京时间）")
    ends_at: When = Field(description="结束时间")
    signup_deadline: When | None = Field(None, description="报名截止时间；留空为开始时间")
    town_id: DbId | None = Field(None, description="镇街 id；留空为组织所在镇街")
    community_id: DbId | None = Field(None, description="社区/村 id")
    address: Text = Field(min_length=1, max_length=255, description="活动地址")
    lat: float | None = Field(None, ge=-90, le=90, description="纬度（GCJ-02，与微信定位一致）")
    lng: float | None = Field(None, ge=-180, le=180, description="经度")
    capacity: int = Field(ge=1, le=5000, description="名额")
    waitlist_limit: int | None = Field(None, ge=0, le=5000, description="候补上限；留空与名额相同，0 为不设候补")
    checkin_radius_m: int | None = Field(None, ge=20, le=5000, description="签到范围（米）；留空不限")


class ActivityCreate(_ActivityFields):
    publish: bool = Field(False, description="true 直接发布（需通过内容安全检测），false 保存草稿")


NOT_NULL = ("title", "description", "category", "target_groups", "starts_at", "ends_at", "address", "capacity")


class ActivityUpdate(BaseModel):
    title: SingleLine | None = Field(None, min_length=2, max_length=64)
    description: Text | None = Field(None, max_length=2000)
    category: ActivityCategory | None = None
    target_groups: list[TargetGroup] | None = Field(None, max_length=8)
    starts_at: When | None = None
    ends_at: When | None = None
    signup_deadline: When | None = None
    town_id: DbId | None = None
    community_id: DbId | None = None
    address: Text | None = Field(None, min_length=1, max_length=255)
    lat: float | None = Field(None, ge=-90, le=90)
    lng: float | None = Field(None, ge=-180, le=180)
    capacity: int | None = Field(None, ge=1, le=5000)
    waitlist_limit: int | None = Field(None, ge=0, le=5000)
    checkin_radius_m: int | None = Field(None, ge=20, le=5000)

    @model_validator(mode="after")
    def _no_nulls(self) -> ActivityUpdate:
        for name in NOT_NULL:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} 不能为空")
        return self


class CancelBody(BaseModel):
    reason: Text = Field(min_length=2, max_length=200, description="取消原因（将告知已报名的居民）")


class ActivityQuery(BaseModel):
    org_id: DbId | None = Field(None, description="主办组织 id")
    town_id: DbId | None = Field(None, description="镇街 id")
    community_id: DbId | None = Field(None, description="社区/村 id")
    category: ActivityCategory | None = Field(None, description="活动类别")
    target_group: TargetGroup | None = Field(None, description="服务对象")
    date_from: Day | None = Field(None, description="开始日期不早于（含）")
    date_to: Day | None = Field(None, description="开始日期不晚于（含）")
    q: Text | None = Field(None, max_length=50, description="关键词（标题、介绍）")
    sort: Literal["start", "distance"] = Field("start", description="start 按开始时间，distance 按距离")
    lat: float | None = Field(None, ge=-90, le=90, description="当前位置纬度（按距离排序时必填）")
    lng: float | None = Field(None, ge=-180, le=180, description="当前位置经度")
    radius_km: float = Field(10, gt=0, le=50, description="按距离排序时的搜索半径（公里）")
    cursor: Text | None = Field(None, max_length=200, description="上一页返回的 next_cursor")
    limit: int = Field(20, ge=1, description="每页条数，最多 50")


class SignupRead(BaseModel):
    status: Literal["confirmed", "waitlisted"]
    position: int | None


class CheckinBody(BaseModel):
    code: Text = Field(min_length=1, max_length=64, description="扫码得到的 scene")
    lat: float | None = Field(None, ge=-90, le=90)
    lng: float | None = Field(None, ge=-180, le=180)


class HoursCorrection(BaseModel):
    minutes: int = Field(ge=0, description="更正后的服务时长（分钟）")
    reason: Text = Field(min_length=2, max_length=200, description="更正原因（记入审计）")


# --- helpers --------------------------------------------------------------------------------


def _json(body: Any, status: int = 200) -> HTTPResponse:
    return HTTPResponse(orjson.dumps(body), status=status, content_type="application/json")


def _list_item(row: dict[str, Any]) -> dict[str, Any]:
    item = {k: v for k, v in row.items() if k != "org__name"}
    item["org_name"] = row["org__name"]
    item["target_groups"] = split_groups(row["target_groups"])
    item["places_left"] = max(0, row["capacity"] - row["confirmed_count"])
    return item


def activity_read(activity: Activity, *, my_signup: Signup | None = None, position: int | None = None
                  ) -> dict[str, Any]:
    """The detail view: everything a phone shows, including the caller's own signup."""
    body = {k: getattr(activity, k) for k in (
        "id", "title", "description", "category", "starts_at", "ends_at", "signup_deadline", "address", "lat",
        "lng", "capacity", "waitlist_limit", "confirmed_count", "waitlist_count", "checkin_radius_m",
        "status", "cancel_reason", "published_at")}
    body.update(org_id=activity.org_id, town_id=activity.town_id,  # type: ignore[attr-defined]
                community_id=activity.community_id,  # type: ignore[attr-defined]
                target_groups=split_groups(activity.target_groups),
                places_left=max(0, activity.capacity - activity.confirmed_count))
    body["org_name"] = activity.org.name
    body["my_signup"] = None if my_signup is None else {
        "status": str(my_signup.status), "position": position,
        "checked_in_at": my_signup.checked_in_at, "checked_out_at": my_signup.checked_out_at}
    return body


async def _detail(activity_id: int, principal: Principal | None) -> dict[str, Any]:
    activity = await activities.visible_activity(activity_id=activity_id, principal=principal)
    mine = None
    if principal is not None:
        mine = await Signup.get_or_none(activity_id=activity_id, user_id=principal.user_id)
    position = await signups.waitlist_position(signup=mine) if mine else None
    return activity_read(activity, my_signup=mine, position=position)


# --- organizer ------------------------------------------------------------------------------


@bp.post("/orgs/<org_id:int>/activities")
@openapi.summary("发布或保存活动草稿（组织负责人）")
@allow(Role.leader)
@json_body(ActivityCreate)
async def create_activity(request: Request, org_id: int, body: ActivityCreate, me: Principal,
                          wechat: WeChatGateway) -> HTTPResponse:
    data = body.model_dump(exclude={"publish"})
    activity = await activities.create_activity(org_id=org_id, principal=me, wechat=wechat, data=data,
                                                publish=body.publish)
    return _json(await _detail(activity.id, me), status=201)


@bp.get("/orgs/<org_id:int>/activities")
@openapi.summary("本组织的活动（含草稿、已取消，组织负责人）")
@allow(Role.leader)
async def list_org_activities(request: Request, org_id: int, me: Principal) -> HTTPResponse:
    return _json({"items": await activities.org_activities(org_id=org_id, principal=me)})


@bp.patch("/activities/<activity_id:int>")
@openapi.summary("修改活动（组织负责人；已发布的活动修改文字需重新通过内容安全检测）")
@allow(Role.leader)
@json_body(ActivityUpdate)
async def update_activity(request: Request, activity_id: int, body: ActivityUpdate, me: Principal,
                          wechat: WeChatGateway) -> HTTPResponse:
    changes = body.model_dump(exclude_unset=True)
    await activities.update_activity(activity_id=activity_id, principal=me, wechat=wechat, changes=changes)
    return _json(await _detail(activity_id, me))


@bp.post("/activities/<activity_id:int>/publish")
@openapi.summary("发布活动草稿（组织负责人）")
@allow(Role.leader)
async def publish_activity(request: Request, activity_id: int, me: Principal,
                           wechat: WeChatGateway) -> HTTPResponse:
    await activities.publish_activity(activity_id=activity_id, principal=me, wechat=wechat)
    return _json(await _detail(activity_id, me))


@bp.post("/activities/<activity_id:int>/cancel")
@openapi.summary("取消活动（组织负责人；将通知已报名的居民）")
@allow(Role.leader)
@json_body(CancelBody)
async def cancel_activity(request: Request, activity_id: int, body: CancelBody, me: Principal) -> HTTPResponse:
    await activities.cancel_activity(activity_id=activity_id, principal=me, reason=body.reason)
    return _json(await _detail(activity_id, me))


@bp.get("/activities/<activity_id:int>/checkin-code")
@openapi.summary("获取当前签到码（小程序码，定时轮换；组织负责人）")
@allow(Role.leader)
async def checkin_code(request: Request, activity_id: int, me: Principal, settings: Settings,
                       wechat: WeChatGateway) -> HTTPResponse:
    code = await checkins.issue_code(activity_id=activity_id, principal=me, wechat=wechat,
                                     secret=settings.secret_key.get_secret_value(),
                                     ttl_seconds=settings.checkin_code_ttl_seconds)
    return _json(code)


@bp.patch("/activities/<activity_id:int>/service-hours/<user_id:int>")
@openapi.summary("更正居民的服务时长（组织负责人，记入审计）")
@allow(Role.leader)
@json_body(HoursCorrection)
async def correct_hours(request: Request, activity_id: int, user_id: int, body: HoursCorrection,
                        me: Principal) -> HTTPResponse:
    hours = await checkins.correct_hours(activity_id=activity_id, user_id=user_id, principal=me,
                                         minutes=body.minutes, reason=body.reason, request_id=str(request.id))
    return _json({"user_id": user_id, "activity_id": activity_id, "minutes": hours.minutes,
                  "hours": round(hours.minutes / 60, 2), "corrected": hours.corrected})


@bp.get("/activities/<activity_id:int>/roster")
@openapi.summary("报名名单（组织负责人、辖区工作人员）")
@allow(*ROSTER_READERS)
async def roster(request: Request, activity_id: int, me: Principal, settings: Settings) -> HTTPResponse:
    activity = await rosters.roster_activity(activity_id=activity_id, principal=me)
    rows = await rosters.roster_rows(activity=activity, data_key=settings.data_encryption_key.get_secret_value())
    return _json({"activity_id": activity.id, "title": activity.title, "capacity": activity.capacity,
                  "confirmed_count": activity.confirmed_count, "waitlist_count": activity.waitlist_count,
                  "items": rows})


@bp.get("/activities/<activity_id:int>/roster.xlsx")
@openapi.summary("导出报名名单 Excel（组织负责人、辖区工作人员）")
@allow(*ROSTER_READERS)
async def roster_xlsx(request: Request, activity_id: int, me: Principal, settings: Settings) -> HTTPResponse:
    activity = await rosters.roster_activity(activity_id=activity_id, principal=me)
    rows = await rosters.roster_rows(activity=activity, data_key=settings.data_encryption_key.get_secret_value())
    content = await rosters.roster_xlsx(activity=activity, rows=rows)
    await audit.record(actor_id=me.user_id, actor_role=me.role, action="activity.roster_export",
                       object_type="activity", object_id=activity.id, after={"rows": len(rows)},
                       request_id=str(request.id))
    filename = quote(f"{activity.title}-报名名单.xlsx")
    return HTTPResponse(content, content_type=XLSX,
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{filename}"})


# --- residents ------------------------------------------------------------------------------


@bp.get("/activities")
@openapi.summary("发现活动：筛选、按时间或距离排序、游标分页")
@public
@query_args(ActivityQuery)
async def list_activities(request: Request, query: ActivityQuery) -> HTTPResponse:
    filters = ActivityFilters(org_id=query.org_id, town_id=query.town_id, community_id=query.community_id,
                              category=query.category, target_group=query.target_group,
                              date_from=query.date_from, date_to=query.date_to, q=query.q)
    limit = min(query.limit, PAGE_CAP)
    if query.sort == "distance":
        if query.lat is None or query.lng is None:
            raise field_error("lat", "按距离排序需要提供当前位置（lat、lng）")
        rows, cursor = await activities.list_by_distance(filters=filters, lat=query.lat, lng=query.lng,
                                                         radius_km=query.radius_km, cursor=query.cursor,
                                                         limit=limit)
    else:
        rows, cursor = await activities.list_by_start(filters=filters, cursor=query.cursor, limit=limit)
    items = [_list_item(r) for r in rows]
    me = await optional_principal(request)
    if me is not None and items:
        mine = await activities.my_statuses(user_id=me.user_id, activity_ids=[i["id"] for i in items])
        for item in items:
            item["my_status"] = mine.get(item["id"])
    return _json({"items": items, "next_cursor": cursor})


@bp.get("/activities/<activity_id:int>")
@openapi.summary("活动详情（含名额、已报名人数、候补人数和我的报名状态）")
@public
async def activity_detail(request: Request, activity_id: int) -> HTTPResponse:
    return _json(await _detail(activity_id, await optional_principal(request)))


@bp.post("/activities/<activity_id:int>/signups")
@openapi.summary("报名活动：名额未满即报名成功，否则进入候补")
@openapi.response(200, {"application/json": SignupRead})
@allow(*PARTICIPANTS)
async def sign_up(request: Request, activity_id: int, me: Principal) -> HTTPResponse:
    result = await signups.sign_up(activity_id=activity_id, user_id=me.user_id)
    return _json({"status": str(result.signup.status), "position": result.position,
                  "signup_id": result.signup.id}, status=201 if result.created else 200)


@bp.delete("/activities/<activity_id:int>/signups/me")
@openapi.summary("取消我的报名（空出的名额自动递补给最早候补的居民）")
@allow(*PARTICIPANTS)
async def cancel_signup(request: Request, activity_id: int, me: Principal) -> HTTPResponse:
    await signups.cancel_signup(activity_id=activity_id, user_id=me.user_id)
    return _json({"status": "cancelled"})


@bp.post("/activities/<activity_id:int>/checkins")
@openapi.summary("扫码签到（需已报名成功；设置了签到范围时需提供位置）")
@allow(*PARTICIPANTS)
@json_body(CheckinBody)
async def check_in(request: Request, activity_id: int, body: CheckinBody, me: Principal,
                   settings: Settings) -> HTTPResponse:
    signup = await checkins.check_in(activity_id=activity_id, user_id=me.user_id, code=body.code,
                                     where=checkins.Position(body.lat, body.lng),
                                     secret=settings.secret_key.get_secret_value())
    return _json({"checked_in_at": signup.checked_in_at, "checked_out_at": signup.checked_out_at})


@bp.post("/activities/<activity_id:int>/checkout")
@openapi.summary("扫码签退，记录服务时长")
@allow(*PARTICIPANTS)
@json_body(CheckinBody)
async def check_out(request: Request, activity_id: int, body: CheckinBody, me: Principal,
                    settings: Settings) -> HTTPResponse:
    signup, hours = await checkins.check_out(activity_id=activity_id, user_id=me.user_id, code=body.code,
                                             where=checkins.Position(body.lat, body.lng),
                                             secret=settings.secret_key.get_secret_value())
    return _json({"checked_in_at": signup.checked_in_at, "checked_out_at": signup.checked_out_at,
                  "minutes": hours.minutes, "hours": round(hours.minutes / 60, 2)})


@bp.get("/me/signups")
@openapi.summary("我的报名")
@allow(*PARTICIPANTS)
async def my_signups(request: Request, me: Principal) -> HTTPResponse:
    rows = await signups.my_signups(user_id=me.user_id)
    return _json({"items": [{
        "activity_id": r["activity_id"], "title": r["activity__title"], "org_name": r["activity__org__name"],
        "starts_at": r["activity__starts_at"], "ends_at": r["activity__ends_at"],
        "address": r["activity__address"], "activity_status": r["activity__status"], "status": r["status"],
        "checked_in_at": r["checked_in_at"], "checked_out_at": r["checked_out_at"]} for r in rows]})


@bp.get("/me/service-hours")
@openapi.summary("我的服务时长：合计与明细")
@allow(*PARTICIPANTS)
async def my_service_hours(request: Request, me: Principal) -> HTTPResponse:
    return _json(await checkins.my_service_hours(user_id=me.user_id))
