"""Staff supervise activities: the activities of organizations in their scope, and cancelling one with
a reason (the residents signed up are told, as after a leader's cancellation)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.activity import ActivityStatus
from backend.responses import respond
from backend.schemas import Page
from backend.schemas.activities import StaffActivityRead
from backend.services import activities
from backend.services.actor import Actor
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("admin_activities", url_prefix="/api/admin/v1/activities")


class StaffActivityQuery(BaseModel):
    status: ActivityStatus | None = Field(None, description="draft 草稿 / published 已发布 / cancelled 已取消")
    org_id: DbId | None = Field(None, description="社会组织 id")
    town_id: DbId | None = Field(None, description="组织所属镇街 id（镇街工作人员只能是本镇街）")
    date_from: date | None = Field(None, description="开始日期不早于（北京时间）")
    date_to: date | None = Field(None, description="开始日期不晚于（北京时间）")
    q: str | None = Field(None, max_length=64, description="活动名称或组织名称关键字")
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(20, ge=1, le=100)


class StaffCancel(BaseModel):
    reason: SingleLine = Field(min_length=2, max_length=200, description="取消原因（将告知已报名的居民）")


@bp.get("/")
@openapi.summary("活动列表（管辖范围内组织的活动，含报名人数）")
@returns(Page[StaffActivityRead])
@allow(*STAFF_ROLES)
@query_args(StaffActivityQuery)
async def list_activities(request: Request, query: StaffActivityQuery, actor: Actor) -> HTTPResponse:
    filters = activities.StaffActivityFilters(status=query.status, org_id=query.org_id, town_id=query.town_id,
                                              date_from=query.date_from, date_to=query.date_to, q=query.q)
    rows, total = await activities.list_for_staff(actor=actor, filters=filters, page=query.page,
                                                  page_size=query.page_size)
    return respond(Page[StaffActivityRead](items=[StaffActivityRead.of_row(r) for r in rows], total=total,
                                           page=query.page, page_size=query.page_size))


@bp.post("/<activity_id:int>/cancel")
@openapi.summary("取消活动（工作人员，须填原因；将通知已报名的居民，记入审计）")
@returns(StaffActivityRead)
@allow(*STAFF_ROLES)
@json_body(StaffCancel)
async def cancel_activity(request: Request, activity_id: int, body: StaffCancel, actor: Actor) -> HTTPResponse:
    activity = await activities.staff_cancel_activity(activity_id=activity_id, actor=actor, reason=body.reason)
    await activity.fetch_related("org")
    return respond(StaffActivityRead.of(activity))
