"""Incubation for staff: bases at three tiers, recruitment windows, admission decisions, milestones.

District staff manage the district base and every base; town staff manage their own town's bases
(town tier and the community bases under it).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.incubation import AdmissionRequest, AdmissionStatus, BaseTier, SupportType
from backend.responses import respond
from backend.schemas import Page
from backend.schemas.incubation import (
    AdmissionRead,
    BaseRead,
    MilestoneCompleted,
    MilestoneCreated,
    StaffAdmissionRead,
    WindowHistoryRead,
    WindowRead,
)
from backend.services import incubation
from backend.services.actor import Actor
from backend.services.workdays import LocalDatetime
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("admin_incubation", url_prefix="/api/admin/v1/incubation")


class BaseCreate(BaseModel):
    name: SingleLine = Field(min_length=2, max_length=128, description="基地名称")
    tier: BaseTier = Field(description="district 区级 / town 镇街级 / community 社区级")
    region_id: DbId | None = Field(None, description="镇街级填镇街 id，社区级填社区 id，区级留空")
    support_types: list[SupportType] = Field(
        min_length=1, description="提供的扶持：党建指导、公益创投、补贴奖励、活动场地、费用减免")
    quota: int = Field(ge=1, le=1000, description="可同时孵化的组织数")
    address: str = Field("", max_length=255)
    description: str = Field("", max_length=5000)


class BaseUpdate(BaseModel):
    name: SingleLine | None = Field(None, min_length=2, max_length=128)
    support_types: list[SupportType] | None = Field(None, min_length=1)
    quota: int | None = Field(None, ge=1, le=1000)
    address: str | None = Field(None, max_length=255)
    description: str | None = Field(None, max_length=5000)
    active: bool | None = None


class WindowCreate(BaseModel):
    opens_at: LocalDatetime = Field(description="开始招募（不带时区按北京时间）")
    closes_at: LocalDatetime = Field(description="截止招募（不带时区按北京时间）")
    note: str = Field("", max_length=2000)


class PageArgs(BaseModel):
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


class AdmissionQuery(PageArgs):
    base_id: DbId | None = Field(None, description="按基地筛选")
    status: AdmissionStatus | None = Field(None, description="按状态筛选")


class WindowQuery(PageArgs):
    state: Literal["closed", "open", "upcoming"] = Field(
        "closed", description="closed 已截止（往期，最近截止的在前）/ open 招募中 / upcoming 未开始")
    base_id: DbId | None = Field(None, description="按基地筛选")


class MilestoneIn(BaseModel):
    title: SingleLine = Field(min_length=1, max_length=128, description="里程碑")
    due_date: date = Field(description="计划完成日期")


class AdmitBody(BaseModel):
    period_end: date = Field(description="孵化期结束日期")
    milestones: list[MilestoneIn] = Field(default_factory=list, max_length=30, description="孵化里程碑")


class ReasonBody(BaseModel):
    reason: str = Field(min_length=2, max_length=2000, description="理由/说明")


class FinishBody(BaseModel):
    reason: str = Field("", max_length=2000, description="说明")


class MilestoneDone(BaseModel):
    note: str = Field("", max_length=2000, description="完成情况")


def _dump(model: BaseModel, *, exclude_none: bool = False) -> dict:
    data = model.model_dump(exclude_none=exclude_none)
    if "support_types" in data and data["support_types"] is not None:
        data["support_types"] = [str(s.value) for s in data["support_types"]]
    return data


async def _admission(req: AdmissionRequest) -> HTTPResponse:
    return respond(AdmissionRead.of(await incubation.detail(req)))


@bp.post("/bases")
@openapi.summary("创建孵化基地")
@returns(BaseRead, 201)
@allow(*STAFF_ROLES)
@json_body(BaseCreate)
async def create_base(request: Request, body: BaseCreate, actor: Actor) -> HTTPResponse:
    base = await incubation.create_base(actor=actor, data=_dump(body))
    return respond(BaseRead.of(base), 201)


@bp.get("/bases")
@openapi.summary("孵化基地列表（镇街工作人员仅见本镇街）")
@returns(Page[BaseRead])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def list_bases(request: Request, query: PageArgs, actor: Actor) -> HTTPResponse:
    bases, total = await incubation.staff_bases(actor=actor, page=query.page, page_size=query.page_size)
    return respond(Page[BaseRead](items=[BaseRead.of(b) for b in bases], total=total, page=query.page,
                                  page_size=query.page_size))


@bp.put("/bases/<base_id:int>")
@openapi.summary("修改孵化基地（名额、扶持内容、停用）")
@returns(BaseRead)
@allow(*STAFF_ROLES)
@json_body(BaseUpdate)
async def update_base(request: Request, base_id: int, body: BaseUpdate, actor: Actor) -> HTTPResponse:
    base = await incubation.update_base(actor=actor, base_id=base_id,
                                        data=_dump(body, exclude_none=True))
    return respond(BaseRead.of(base))


@bp.post("/bases/<base_id:int>/windows")
@openapi.summary("开放招募窗口")
@returns(WindowRead, 201)
@allow(*STAFF_ROLES)
@json_body(WindowCreate)
async def open_window(request: Request, base_id: int, body: WindowCreate, actor: Actor) -> HTTPResponse:
    window = await incubation.open_window(actor=actor, base_id=base_id, opens_at=body.opens_at,
                                          closes_at=body.closes_at, note=body.note)
    return respond(WindowRead.model_validate(window), 201)


@bp.get("/windows")
@openapi.summary("招募窗口列表（默认往期已截止的窗口；镇街工作人员仅见本镇街基地的）")
@returns(Page[WindowHistoryRead])
@allow(*STAFF_ROLES)
@query_args(WindowQuery)
async def list_windows(request: Request, query: WindowQuery, actor: Actor) -> HTTPResponse:
    rows, total = await incubation.staff_windows(actor=actor, state=query.state, base_id=query.base_id,
                                                 page=query.page, page_size=query.page_size)
    return respond(Page[WindowHistoryRead](items=[WindowHistoryRead.of(r) for r in rows], total=total,
                                           page=query.page, page_size=query.page_size))


@bp.get("/admissions")
@openapi.summary("入驻申请列表")
@returns(Page[AdmissionRead])
@allow(*STAFF_ROLES)
@query_args(AdmissionQuery)
async def list_admissions(request: Request, query: AdmissionQuery, actor: Actor) -> HTTPResponse:
    rows, total = await incubation.staff_admissions(actor=actor, base_id=query.base_id,
                                                    status=query.status.value if query.status else None,
                                                    page=query.page, page_size=query.page_size)
    return respond(Page[AdmissionRead](items=[AdmissionRead.of(await incubation.detail(r)) for r in rows],
                                       total=total, page=query.page, page_size=query.page_size))


@bp.get("/admissions/<admission_id:int>")
@openapi.summary("入驻申请详情（含资格检查）")
@returns(StaffAdmissionRead)
@allow(*STAFF_ROLES)
async def get_admission(request: Request, admission_id: int, actor: Actor) -> HTTPResponse:
    req = await incubation.admission_for_staff(actor=actor, admission_id=admission_id)
    reasons = await incubation.eligibility_reasons(req.org)
    return respond(StaffAdmissionRead.checked(await incubation.detail(req), reasons))


@bp.post("/admissions/<admission_id:int>/admit")
@openapi.summary("同意入驻（占用名额）")
@returns(AdmissionRead)
@allow(*STAFF_ROLES)
@json_body(AdmitBody)
async def admit(request: Request, admission_id: int, body: AdmitBody, actor: Actor) -> HTTPResponse:
    req = await incubation.admit(actor=actor, admission_id=admission_id,
                                 period_end=body.period_end, milestones=[m.model_dump() for m in body.milestones])
    return await _admission(req)


@bp.post("/admissions/<admission_id:int>/reject")
@openapi.summary("不同意入驻（须说明理由）")
@returns(AdmissionRead)
@allow(*STAFF_ROLES)
@json_body(ReasonBody)
async def reject(request: Request, admission_id: int, body: ReasonBody, actor: Actor) -> HTTPResponse:
    req = await incubation.reject(actor=actor, admission_id=admission_id, reason=body.reason)
    return await _admission(req)


@bp.post("/admissions/<admission_id:int>/milestones")
@openapi.summary("添加孵化里程碑")
@returns(MilestoneCreated, 201)
@allow(*STAFF_ROLES)
@json_body(MilestoneIn)
async def add_milestone(request: Request, admission_id: int, body: MilestoneIn, actor: Actor) -> HTTPResponse:
    m = await incubation.add_milestone(actor=actor, admission_id=admission_id,
                                       title=body.title, due_date=body.due_date)
    return respond(MilestoneCreated.model_validate(m), 201)


@bp.post("/admissions/<admission_id:int>/milestones/<milestone_id:int>/complete")
@openapi.summary("完成孵化里程碑")
@returns(MilestoneCompleted)
@allow(*STAFF_ROLES)
@json_body(MilestoneDone)
async def complete_milestone(request: Request, admission_id: int, milestone_id: int, body: MilestoneDone,
                             actor: Actor) -> HTTPResponse:
    m = await incubation.complete_milestone(actor=actor, admission_id=admission_id,
                                            milestone_id=milestone_id, note=body.note)
    return respond(MilestoneCompleted.model_validate(m))


@bp.post("/admissions/<admission_id:int>/graduate")
@openapi.summary("孵化出壳（释放名额）")
@returns(AdmissionRead)
@allow(*STAFF_ROLES)
@json_body(FinishBody)
async def graduate(request: Request, admission_id: int, body: FinishBody, actor: Actor) -> HTTPResponse:
    req = await incubation.finish(actor=actor, admission_id=admission_id, graduated=True,
                                  reason=body.reason)
    return await _admission(req)


@bp.post("/admissions/<admission_id:int>/leave")
@openapi.summary("退出孵化（释放名额）")
@returns(AdmissionRead)
@allow(*STAFF_ROLES)
@json_body(ReasonBody)
async def leave(request: Request, admission_id: int, body: ReasonBody, actor: Actor) -> HTTPResponse:
    req = await incubation.finish(actor=actor, admission_id=admission_id, graduated=False,
                                  reason=body.reason)
    return await _admission(req)
