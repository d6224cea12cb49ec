"""双随机一公开 for staff: the inspector pool, plans, the draw (once; a redraw needs a reason), results
and rectification review. District staff plan and draw; staff record results within their town."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.credit import PlanKind, ResultStatus
from backend.models.organization import LegalForm, OrgCategory
from backend.responses import respond
from backend.schemas import Page
from backend.schemas.inspections import InspectorRead, PlanRead, ResultRead, VerificationRead, inspector_of
from backend.services import inspections
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("admin_inspections", url_prefix="/api/admin/v1/inspections")

Item = Literal["annual_report", "disclosure", "governance", "finances", "activities"]


class PageArgs(BaseModel):
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


class ResultQuery(PageArgs):
    status: list[ResultStatus] = Field(
        default_factory=list, max_length=10, description="按状态筛选（可重复给出，任一状态即列出；不给为全部）")


class InspectorCreate(BaseModel):
    name: SingleLine = Field(min_length=1, max_length=32, description="姓名")
    affiliation: str = Field("", max_length=128, description="单位")
    kind: Literal["staff", "expert"] = Field("staff", description="staff 工作人员 / expert 外部专家")
    user_id: DbId | None = Field(None, description="对应的系统账号（用于识别其所属组织）")
    expert_id: DbId | None = Field(None, description="公益创投评审专家档案（沿用其关联组织）")
    org_links: list[DbId] = Field(default_factory=list, max_length=500, description="有利益关联的组织 id")


class PlanFilters(BaseModel):
    legal_form: LegalForm | None = Field(None, description="组织形式")
    category: OrgCategory | None = Field(None, description="类别")
    sensitive_area: Literal["ideology", "financial_security", "life_health"] | None = Field(None, description="领域")
    town_id: DbId | None = Field(None, description="镇街")


class PlanCreate(BaseModel):
    year: int = Field(ge=2000, le=2100, description="年度")
    kind: PlanKind = Field(description="periodic 定期抽查 / adhoc 不定期抽查")
    title: SingleLine = Field(min_length=2, max_length=128, description="计划名称")
    ratio: Decimal | None = Field(None, ge=0, le=1, description="抽查比例（不得低于 0.03；默认取 INSPECTION_RATIO）")
    items: list[Item] = Field(min_length=1, description="检查事项")
    filters: PlanFilters = Field(default_factory=PlanFilters, description="不定期抽查的筛选条件")
    planned_on: date = Field(description="计划检查日期")
    inspectors_per_check: int = Field(2, ge=1, le=10, description="每个组织的检查人员数（至少 2 名）")


class RedrawBody(BaseModel):
    reason: str = Field(min_length=2, max_length=2000, description="重新抽取的理由")


class ResultBody(BaseModel):
    problems: bool = Field(description="false 未发现问题；true 发现问题")
    problem_items: list[Item] = Field(default_factory=list, description="发现问题的检查事项")
    findings: str = Field("", max_length=5000, description="检查情况")
    fee_findings: str = Field("", max_length=2000, description="会费检查发现（行业协会商会，第 10 项）")
    inspected_on: date = Field(description="检查日期")
    rectification_due: date | None = Field(None, description="整改期限（发现问题时必填）")


class RectificationReview(BaseModel):
    accept: bool = Field(description="true 验收通过；false 退回继续整改")
    reason: str = Field("", max_length=2000, description="意见")
    new_due: date | None = Field(None, description="退回时可设新的整改期限")


@bp.post("/inspectors")
@openapi.summary("添加检查人员（工作人员或外部专家；仅区级）")
@returns(InspectorRead, 201)
@allow(*STAFF_ROLES)
@json_body(InspectorCreate)
async def create_inspector(request: Request, body: InspectorCreate, actor: Actor) -> HTTPResponse:
    inspector = await inspections.create_inspector(actor=actor, data=body.model_dump())
    return respond(inspector_of(inspector), 201)


@bp.get("/inspectors")
@openapi.summary("检查人员库")
@returns(Page[InspectorRead])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def list_inspectors(request: Request, query: PageArgs) -> HTTPResponse:
    rows, total = await inspections.inspectors_page(page=query.page, page_size=query.page_size)
    return respond(Page[InspectorRead](items=[inspector_of(i) for i in rows], total=total, page=query.page,
                                       page_size=query.page_size))


@bp.post("/plans")
@openapi.summary("制定抽查计划（定期不低于 3%，或按条件的不定期抽查；仅区级）")
@returns(PlanRead, 201)
@allow(*STAFF_ROLES)
@json_body(PlanCreate)
async def create_plan(request: Request, body: PlanCreate, actor: Actor, settings: Settings) -> HTTPResponse:
    plan = await inspections.create_plan(
        actor=actor, year=body.year, kind=body.kind, title=body.title, ratio=body.ratio,
        default_ratio=Decimal(str(settings.inspection_ratio)), items=list(body.items),
        filters=body.filters.model_dump(exclude_none=True), planned_on=body.planned_on,
        inspectors_per_check=body.inspectors_per_check)
    return respond(PlanRead.of(plan), 201)


@bp.get("/plans")
@openapi.summary("抽查计划列表（含已公开的种子与候选名单）")
@returns(Page[PlanRead])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def list_plans(request: Request, query: PageArgs) -> HTTPResponse:
    rows, total = await inspections.plans_page(page=query.page, page_size=query.page_size)
    return respond(Page[PlanRead](items=[PlanRead.of(p) for p in rows], total=total, page=query.page,
                                  page_size=query.page_size))


@bp.get("/plans/<plan_id:int>")
@openapi.summary("抽查计划详情")
@returns(PlanRead)
@allow(*STAFF_ROLES)
async def get_plan(request: Request, plan_id: int) -> HTTPResponse:
    return respond(PlanRead.of(await inspections.get_plan(plan_id)))


@bp.post("/plans/<plan_id:int>/draw")
@openapi.summary("随机抽取组织与检查人员（回避利益关联；只抽一次；仅区级）")
@returns(PlanRead)
@allow(*STAFF_ROLES)
async def draw(request: Request, plan_id: int, actor: Actor) -> HTTPResponse:
    return respond(PlanRead.of(await inspections.draw(actor=actor, plan_id=plan_id)))


@bp.post("/plans/<plan_id:int>/redraw")
@openapi.summary("重新抽取（须说明理由，记入审计；已有检查结果时不可；仅区级）")
@returns(PlanRead)
@allow(*STAFF_ROLES)
@json_body(RedrawBody)
async def redraw(request: Request, plan_id: int, body: RedrawBody, actor: Actor) -> HTTPResponse:
    return respond(PlanRead.of(await inspections.draw(actor=actor, plan_id=plan_id, reason=body.reason)))


@bp.get("/plans/<plan_id:int>/verification")
@openapi.summary("按公开的种子与候选名单复算抽取结果")
@returns(VerificationRead)
@allow(*STAFF_ROLES)
async def verification(request: Request, plan_id: int) -> HTTPResponse:
    v = await inspections.verify(plan_id=plan_id)
    return respond(VerificationRead(plan_id=v.plan.id, matches=v.matches,
                                    computed=[{"org_id": o, "inspector_ids": i} for o, i in v.computed]))


@bp.get("/plans/<plan_id:int>/results")
@openapi.summary("计划的抽查结果（按抽取顺序分页；可按状态筛选）")
@returns(Page[ResultRead])
@allow(*STAFF_ROLES)
@query_args(ResultQuery)
async def plan_results(request: Request, plan_id: int, query: ResultQuery) -> HTTPResponse:
    rows, total = await inspections.results_page(plan_id=plan_id, statuses=[s.value for s in query.status],
                                                 page=query.page, page_size=query.page_size)
    return respond(Page[ResultRead](items=[ResultRead.of(r) for r in rows], total=total, page=query.page,
                                    page_size=query.page_size))


@bp.post("/results/<result_id:int>")
@openapi.summary("登记检查结果（发现问题时设整改期限）")
@returns(ResultRead)
@allow(*STAFF_ROLES)
@json_body(ResultBody)
async def record_result(request: Request, result_id: int, body: ResultBody, actor: Actor) -> HTTPResponse:
    result = await inspections.record_result(
        actor=actor, result_id=result_id, problems=body.problems, problem_items=list(body.problem_items),
        findings=body.findings, fee_findings=body.fee_findings, inspected_on=body.inspected_on,
        rectification_due=body.rectification_due)
    return respond(ResultRead.of(result))


@bp.post("/results/<result_id:int>/rectification-review")
@openapi.summary("验收整改或退回继续整改")
@returns(ResultRead)
@allow(*STAFF_ROLES)
@json_body(RectificationReview)
async def review(request: Request, result_id: int, body: RectificationReview, actor: Actor) -> HTTPResponse:
    result = await inspections.review_rectification(actor=actor, result_id=result_id, accept=body.accept,
                                                    reason=body.reason, new_due=body.new_due)
    return respond(ResultRead.of(result))
