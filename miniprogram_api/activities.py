"""Activities in the mini-program: leaders publish and run them, residents find, join and check in."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow, optional_actor, public
from backend.contract import returns
from backend.errors import field_error
from backend.models.activity import ActivityCategory, TargetGroup
from backend.models.user import Role
from backend.responses import download, respond
from backend.schemas import Items
from backend.schemas.activities import (
    ActivityPage,
    ActivityRead,
    CheckinCodeRead,
    CheckinRead,
    CheckoutRead,
    HoursCorrectionRead,
    MySignupItem,
    OrgActivityItem,
    RosterRead,
    RosterRow,
    ServiceHoursItem,
    ServiceHoursSummary,
    SignupCancelled,
    SignupRead,
    list_row,
)
from backend.schemas.activities import hours as to_hours
from backend.services import activities, audit, checkins, exports, rosters, signups
from backend.services.activities import ActivityFilters
from backend.services.actor import Actor
from backend.services.checkins import CheckinSigner
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args
from backend.wechat.client import WeChatGateway

bp = Blueprint("mp_activities", url_prefix="/api/mp/v1")

PARTICIPANTS = (Role.resident, Role.leader)
ROSTER_READERS = (Role.leader, Role.staff, Role.admin)
PAGE_CAP = 50


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
        # Leaving a field out keeps it; sending null is refused, located at the field (not the whole body)
        # so the message names it. (A field validator would turn the strict JSON check into Python's.)
        nulls = [name for name in NOT_NULL if name in self.model_fields_set and getattr(self, name) is None]
        if nulls:
            raise ValidationError.from_exception_data(type(self).__name__, [
                InitErrorDetails(type=PydanticCustomError("value_error", "不能为空"), loc=(name,), input=None)
                for name in nulls])
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


class CheckinBody(BaseModel):
    code: Text = Field(min_length=1, max_length=64, description="扫码得到的 scene")
    lat: float | None = Field(None, ge=-90, le=90)
    lng: float | None = Field(None, ge=-180, le=180)


class HoursCorrection(BaseModel):
    minutes: int = Field(ge=0, description="更正后的服务时长（分钟）")
    reason: Text = Field(min_length=2, max_length=200, description="更正原因（记入审计）")


# --- helpers --------------------------------------------------------------------------------


async def _detail(activity_id: int, actor: Actor | None) -> ActivityRead:
    activity = await activities.visible_activity(activity_id=activity_id, actor=actor)
    if actor is None:
        return ActivityRead.of(activity)
    mine, position = await signups.my_place(activity_id=activity_id, user_id=actor.user_id)
    return ActivityRead.of(activity, my_signup=mine, position=position)


# --- organizer ------------------------------------------------------------------------------


@bp.post("/orgs/<org_id:int>/activities")
@openapi.summary("发布或保存活动草稿（组织负责人）")
@returns(ActivityRead, 201)
@allow(Role.leader)
@json_body(ActivityCreate)
async def create_activity(request: Request, org_id: int, body: ActivityCreate, actor: Actor,
                          wechat: WeChatGateway) -> HTTPResponse:
    data = body.model_dump(exclude={"publish"})
    activity = await activities.create_activity(org_id=org_id, actor=actor, wechat=wechat, data=data,
                                                publish=body.publish)
    return respond(await _detail(activity.id, actor), status=201)


@bp.get("/orgs/<org_id:int>/activities")
@openapi.summary("本组织的活动（含草稿、已取消，组织负责人）")
@returns(Items[OrgActivityItem])
@allow(Role.leader)
async def list_org_activities(request: Request, org_id: int, actor: Actor) -> HTTPResponse:
    rows = await activities.org_activities(org_id=org_id, actor=actor)
    return respond(Items[OrgActivityItem](items=[OrgActivityItem(**r) for r in rows]))


@bp.patch("/activities/<activity_id:int>")
@openapi.summary("修改活动（组织负责人；已发布的活动修改文字需重新通过内容安全检测）")
@returns(ActivityRead)
@allow(Role.leader)
@json_body(ActivityUpdate)
async def update_activity(request: Request, activity_id: int, body: ActivityUpdate, actor: Actor,
                          wechat: WeChatGateway) -> HTTPResponse:
    changes = body.model_dump(exclude_unset=True)
    await activities.update_activity(activity_id=activity_id, actor=actor, wechat=wechat, changes=changes)
    return respond(await _detail(activity_id, actor))


@bp.post("/activities/<activity_id:int>/publish")
@openapi.summary("发布活动草稿（组织负责人）")
@returns(ActivityRead)
@allow(Role.leader)
async def publish_activity(request: Request, activity_id: int, actor: Actor,
                           wechat: WeChatGateway) -> HTTPResponse:
    await activities.publish_activity(activity_id=activity_id, actor=actor, wechat=wechat)
    return respond(await _detail(activity_id, actor))


@bp.post("/activities/<activity_id:int>/cancel")
@openapi.summary("取消活动（组织负责人；将通知已报名的居民）")
@returns(ActivityRead)
@allow(Role.leader)
@json_body(CancelBody)
async def cancel_activity(request: Request, activity_id: int, body: CancelBody, actor: Actor) -> HTTPResponse:
    await activities.cancel_activity(activity_id=activity_id, actor=actor, reason=body.reason)
    return respond(await _detail(activity_id, actor))


@bp.get("/activities/<activity_id:int>/checkin-code")
@openapi.summary("获取当前签到码（小程序码，定时轮换；组织负责人）")
@returns(CheckinCodeRead)
@allow(Role.leader)
async def checkin_code(request: Request, activity_id: int, actor: Actor, settings: Settings,
                       wechat: WeChatGateway, signer: CheckinSigner) -> HTTPResponse:
    code = await checkins.issue_code(activity_id=activity_id, actor=actor, wechat=wechat,
                                     signer=signer,
                                     ttl_seconds=settings.checkin_code_ttl_seconds)
    return respond(CheckinCodeRead(**code))


@bp.patch("/activities/<activity_id:int>/service-hours/<user_id:int>")
@openapi.summary("更正居民的服务时长（组织负责人，记入审计）")
@returns(HoursCorrectionRead)
@allow(Role.leader)
@json_body(HoursCorrection)
async def correct_hours(request: Request, activity_id: int, user_id: int, body: HoursCorrection,
                        actor: Actor) -> HTTPResponse:
    hours = await checkins.correct_hours(activity_id=activity_id, user_id=user_id, actor=actor,
                                         minutes=body.minutes, reason=body.reason)
    return respond(HoursCorrectionRead(user_id=user_id, activity_id=activity_id, minutes=hours.minutes,
                                       hours=to_hours(hours.minutes), corrected=hours.corrected))


@bp.get("/activities/<activity_id:int>/roster")
@openapi.summary("报名名单（组织负责人、辖区工作人员）")
@returns(RosterRead)
@allow(*ROSTER_READERS)
async def roster(request: Request, activity_id: int, actor: Actor, settings: Settings) -> HTTPResponse:
    activity = await rosters.roster_activity(activity_id=activity_id, actor=actor)
    rows = await rosters.roster_rows(activity=activity, data_key=settings.data_encryption_key.get_secret_value())
    return respond(RosterRead(activity_id=activity.id, title=activity.title, capacity=activity.capacity,
                              confirmed_count=activity.confirmed_count, waitlist_count=activity.waitlist_count,
                              items=[RosterRow(**r) for r in rows]))


@bp.get("/activities/<activity_id:int>/roster.xlsx")
@openapi.summary("导出报名名单 Excel（组织负责人、辖区工作人员）")
@returns(exports.CONTENT_TYPE)
@allow(*ROSTER_READERS)
async def roster_xlsx(request: Request, activity_id: int, actor: Actor, settings: Settings) -> HTTPResponse:
    activity = await rosters.roster_activity(activity_id=activity_id, actor=actor)
    rows = await rosters.roster_rows(activity=activity, data_key=settings.data_encryption_key.get_secret_value())
    content = await rosters.roster_xlsx(activity=activity, rows=rows)
    await audit.record(actor=actor, action="activity.roster_export",
                       object_type="activity", object_id=activity.id, after={"rows": len(rows)})
    return download(content, content_type=exports.CONTENT_TYPE, filename=f"{activity.title}-报名名单.xlsx",
                    ascii_name="roster.xlsx")


# --- residents ------------------------------------------------------------------------------


@bp.get("/activities")
@openapi.summary("发现活动：筛选、按时间或距离排序、游标分页")
@returns(ActivityPage)
@public
@query_args(ActivityQuery)
async def list_activities(request: Request, query: ActivityQuery) -> HTTPResponse:
    filters = ActivityFilters(org_id=query.org_id, town_id=query.town_id, community_id=query.community_id,
                              category=query.category, target_group=query.target_group,
                              date_from=query.date_from, date_to=query.date_to, q=query.q)
    limit = min(query.limit, PAGE_CAP)
    actor = await optional_actor(request)
    user_id = actor.user_id if actor is not None else None
    if query.sort != "distance":
        items, cursor = await activities.list_items_by_start(filters=filters, cursor=query.cursor, limit=limit,
                                                             user_id=user_id, shape=list_row)
        return respond({"items": items, "next_cursor": cursor})
    if query.lat is None or query.lng is None:
        raise field_error("lat", "按距离排序需要提供当前位置（lat、lng）")
    rows, cursor = await activities.list_by_distance(filters=filters, lat=query.lat, lng=query.lng,
                                                     radius_km=query.radius_km, cursor=query.cursor, limit=limit)
    mine: dict[int, str] = {}
    if user_id is not None and rows:
        mine = await activities.my_statuses(user_id=user_id, activity_ids=[r["id"] for r in rows])
    return respond({"items": [list_row(r, mine.get(r["id"])) for r in rows], "next_cursor": cursor})


@bp.get("/activities/<activity_id:int>")
@openapi.summary("活动详情（含名额、已报名人数、候补人数和我的报名状态）")
@returns(ActivityRead)
@public
async def activity_detail(request: Request, activity_id: int) -> HTTPResponse:
    return respond(await _detail(activity_id, await optional_actor(request)))


@bp.post("/activities/<activity_id:int>/signups")
@openapi.summary("报名活动：名额未满即报名成功，否则进入候补")
@returns(SignupRead, 201, "报名成功或进入候补")
@returns(SignupRead, 200, "已报名过：返回当前报名状态")
@allow(*PARTICIPANTS)
async def sign_up(request: Request, activity_id: int, actor: Actor) -> HTTPResponse:
    result = await signups.sign_up(activity_id=activity_id, user_id=actor.user_id)
    return respond(SignupRead(status=result.signup.status.value, position=result.position,
                              signup_id=result.signup.id), status=201 if result.created else 200)


@bp.delete("/activities/<activity_id:int>/signups/me")
@openapi.summary("取消我的报名（空出的名额自动递补给最早候补的居民）")
@returns(SignupCancelled)
@allow(*PARTICIPANTS)
async def cancel_signup(request: Request, activity_id: int, actor: Actor) -> HTTPResponse:
    await signups.cancel_signup(activity_id=activity_id, user_id=actor.user_id)
    return respond(SignupCancelled())


@bp.post("/activities/<activity_id:int>/checkins")
@openapi.summary("扫码签到（需已报名成功；设置了签到范围时需提供位置）")
@returns(CheckinRead)
@allow(*PARTICIPANTS)
@json_body(CheckinBody)
async def check_in(request: Request, activity_id: int, body: CheckinBody, actor: Actor,
                   signer: CheckinSigner) -> HTTPResponse:
    signup = await checkins.check_in(activity_id=activity_id, user_id=actor.user_id, code=body.code,
                                     where=checkins.Position(body.lat, body.lng),
                                     signer=signer)
    return respond(CheckinRead(checked_in_at=signup.checked_in_at, checked_out_at=signup.checked_out_at))


@bp.post("/activities/<activity_id:int>/checkout")
@openapi.summary("扫码签退，记录服务时长（活动开始后才能签退；签退后不能重签）")
@returns(CheckoutRead)
@allow(*PARTICIPANTS)
@json_body(CheckinBody)
async def check_out(request: Request, activity_id: int, body: CheckinBody, actor: Actor,
                    signer: CheckinSigner) -> HTTPResponse:
    signup, hours = await checkins.check_out(activity_id=activity_id, user_id=actor.user_id, code=body.code,
                                             where=checkins.Position(body.lat, body.lng),
                                             signer=signer)
    return respond(CheckoutRead(checked_in_at=signup.checked_in_at, checked_out_at=signup.checked_out_at,
                                minutes=hours.minutes, hours=to_hours(hours.minutes)))


@bp.get("/me/signups")
@openapi.summary("我的报名")
@returns(Items[MySignupItem])
@allow(*PARTICIPANTS)
async def my_signups(request: Request, actor: Actor) -> HTTPResponse:
    rows = await signups.my_signups(user_id=actor.user_id)
    return respond(Items[MySignupItem](items=[MySignupItem.from_row(r) for r in rows]))


@bp.get("/me/service-hours")
@openapi.summary("我的服务时长：合计与明细")
@returns(ServiceHoursSummary)
@allow(*PARTICIPANTS)
async def my_service_hours(request: Request, actor: Actor) -> HTTPResponse:
    rows, total, count = await checkins.my_service_hours(user_id=actor.user_id)
    return respond(ServiceHoursSummary(total_minutes=total, total_hours=to_hours(total), count=count,
                                       items=[ServiceHoursItem.from_row(r) for r in rows]))
