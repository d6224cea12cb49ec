"""公益创投 for staff (the PC console): programs, the expert pool, every review stage, exports.

District staff own the fund (programs, experts, assignment, decisions, 公示); town staff see and handle
the applications of their own town's organizations (formal check, site visit, agreement, payments).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.grant import ApplicationStatus, GrantApplication
from backend.responses import download, respond
from backend.schemas import Items, Page
from backend.schemas.grants import (
    ApplicationRead,
    ApplicationSummary,
    ExpertRead,
    ObjectionOutcome,
    ObjectionRef,
    ProgramRead,
    RankingRow,
    ReportRead,
    StaffApplicationRead,
    StaffAssignmentRead,
    TrancheRead,
)
from backend.services import exports, grant_review, grants
from backend.services.actor import Actor
from backend.services.workdays import LocalDatetime
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("admin_grants", url_prefix="/api/admin/v1/grants")
Money = Annotated[Decimal, Field(gt=0, le=Decimal("1000000000"), max_digits=14, decimal_places=2)]


class Criterion(BaseModel):
    key: str = Field(min_length=1, max_length=32, pattern=r"^[a-z0-9_]+$", description="评分项标识")
    name: SingleLine = Field(min_length=1, max_length=64, description="评分项名称")
    weight: int = Field(ge=1, le=100, description="权重")


class ProgramCreate(BaseModel):
    year: int = Field(ge=2020, le=2100, description="年度")
    name: SingleLine = Field(min_length=2, max_length=128, description="项目名称")
    total_budget: Money = Field(description="总预算（元）")
    per_project_cap: Money = Field(description="单个项目资助上限（元）")
    max_applications_per_org: int = Field(1, ge=1, le=10, description="每个组织可申报数")
    focus_areas: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=lambda: list(grants.DEFAULT_FOCUS_AREAS), min_length=1, max_length=20,
        description="资助领域（默认四个政策领域，可追加）")
    opens_at: LocalDatetime = Field(description="申报开始（不带时区按北京时间）")
    closes_at: LocalDatetime = Field(description="申报截止（不带时区按北京时间）")
    rubric: list[Criterion] = Field(min_length=1, max_length=20, description="评分细则")
    required_attachments: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=20, description="必需附件")
    experts_per_application: int = Field(3, ge=3, le=15, description="每个申请的评审专家数（奇数，至少 3）")
    notice_working_days: int = Field(5, ge=1, le=30, description="公示期（工作日）")
    tranches: list[Annotated[int, Field(ge=1, le=100)]] = Field(
        default_factory=lambda: [60, 40], min_length=1, max_length=5, description="分期拨付比例（%），合计 100")
    forbidden_categories: list[Annotated[str, Field(min_length=1, max_length=32)]] = Field(
        default_factory=lambda: list(grants.DEFAULT_FORBIDDEN_CATEGORIES), max_length=50,
        description="不予资助的支出类别")

    @field_validator("experts_per_application")
    @classmethod
    def _odd(cls, value: int) -> int:
        if value % 2 == 0:
            raise ValueError("评审专家数须为奇数（避免票数相同）")
        return value

    @field_validator("tranches")
    @classmethod
    def _hundred(cls, value: list[int]) -> list[int]:
        if sum(value) != 100:
            raise ValueError("分期比例合计须为 100")
        return value

    @field_validator("rubric")
    @classmethod
    def _unique_keys(cls, value: list[Criterion]) -> list[Criterion]:
        if len({c.key for c in value}) != len(value):
            raise ValueError("评分项标识不能重复")
        return value


class ExpertCreate(BaseModel):
    name: SingleLine = Field(min_length=1, max_length=32, description="姓名")
    affiliation: str = Field("", max_length=128, description="工作单位")
    expertise: str = Field("", max_length=255, description="专业领域")
    openid: str | None = Field(None, max_length=64, description="专家登录小程序所用的 openid")
    user_id: DbId | None = Field(None, description="或直接指定用户 id")
    org_links: list[DbId] = Field(default_factory=list, max_length=100, description="任职/关联的社会组织 id（回避用）")


class ExpertUpdate(BaseModel):
    affiliation: str | None = Field(None, max_length=128)
    expertise: str | None = Field(None, max_length=255)
    org_links: list[DbId] | None = Field(None, max_length=100)
    active: bool | None = None


class PageArgs(BaseModel):
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


class AppListQuery(PageArgs):
    status: list[ApplicationStatus] = Field(
        default_factory=list, max_length=20, description="按状态筛选（可重复给出，任一状态即列出；不给为全部）")


class ProgramQuery(PageArgs):
    state: Literal["closed", "open", "upcoming"] | None = Field(
        None, description="closed 申报期已截止（往期）/ open 申报中 / upcoming 未开始；不给为全部")


class ExpertQuery(PageArgs):
    active: bool | None = Field(None, description="true 仅在库专家 / false 仅已停用")


class FormalCheck(BaseModel):
    passed: bool = Field(description="true 通过；false 退回补充")
    reason: str = Field("", max_length=2000, description="退回原因/意见")
    info_deadline: date | None = Field(None, description="补充材料期限（默认 5 个工作日）")


class AssignBody(BaseModel):
    expert_ids: list[DbId] = Field(default_factory=list, max_length=15, description="指定专家 id")
    fill_from_pool: bool = Field(True, description="不足部分从专家库随机抽取")


class SiteVisit(BaseModel):
    notes: str = Field(min_length=2, max_length=5000, description="实地考察记录")
    visited_on: date = Field(description="考察日期")


class GrantDecision(BaseModel):
    approve: bool = Field(description="true 立项；false 不予资助")
    approved_amount: Decimal | None = Field(None, gt=0, max_digits=14, decimal_places=2, description="资助金额（元）")
    reason: str = Field("", max_length=2000, description="意见/理由")


class ObjectionRecord(BaseModel):
    content: str = Field(min_length=2, max_length=2000, description="异议内容")
    source: str = Field("来信来电", max_length=64, description="来源")


class ObjectionResolve(BaseModel):
    upheld: bool = Field(description="异议是否成立")
    resolution: str = Field(min_length=2, max_length=2000, description="核查结论")


class ReasonBody(BaseModel):
    reason: str = Field("", max_length=2000, description="理由/说明")


class Agreement(BaseModel):
    agreement_no: str = Field(min_length=1, max_length=64, description="协议编号")
    signed_on: date | None = Field(None, description="签订日期（默认今天）")


class Tranche(BaseModel):
    paid_on: date | None = Field(None, description="拨付日期（默认今天）")
    voucher_no: str = Field("", max_length=64, description="凭证号")


class ReportReview(BaseModel):
    accepted: bool = Field(description="true 通过；false 退回")
    note: str = Field("", max_length=2000, description="审核意见")


async def _application(app: GrantApplication) -> HTTPResponse:
    return respond(ApplicationRead.build(await grants.detail(app)))


# ---------------------------------------------------------------- programs

@bp.post("/programs")
@openapi.summary("创建公益创投项目")
@returns(ProgramRead, 201)
@allow(*STAFF_ROLES)
@json_body(ProgramCreate)
async def create_program(request: Request, body: ProgramCreate, actor: Actor) -> HTTPResponse:
    data = body.model_dump()
    data["rubric"] = [c.model_dump() for c in body.rubric]
    program = await grants.create_program(actor=actor, data=data)
    return respond(ProgramRead.of(program), 201)


@bp.get("/programs")
@openapi.summary("公益创投项目列表")
@returns(Page[ProgramRead])
@allow(*STAFF_ROLES)
@query_args(ProgramQuery)
async def list_programs(request: Request, query: ProgramQuery) -> HTTPResponse:
    programs, total = await grants.staff_programs(state=query.state, page=query.page, page_size=query.page_size)
    return respond(Page[ProgramRead](items=[ProgramRead.of(p) for p in programs], total=total, page=query.page,
                                     page_size=query.page_size))


@bp.get("/programs/<program_id:int>")
@openapi.summary("公益创投项目详情")
@returns(ProgramRead)
@allow(*STAFF_ROLES)
async def get_program(request: Request, program_id: int) -> HTTPResponse:
    return respond(ProgramRead.of(await grants.get_program(program_id)))


@bp.get("/programs/<program_id:int>/applications")
@openapi.summary("项目下的申请（镇街工作人员仅见本镇街）")
@returns(Page[ApplicationSummary])
@allow(*STAFF_ROLES)
@query_args(AppListQuery)
async def list_applications(request: Request, program_id: int, query: AppListQuery, actor: Actor) -> HTTPResponse:
    apps, total = await grants.staff_applications(actor=actor, program_id=program_id,
                                                  statuses=[s.value for s in query.status], page=query.page,
                                                  page_size=query.page_size)
    return respond(Page[ApplicationSummary](items=[ApplicationSummary.listed(a) for a in apps], total=total,
                                            page=query.page, page_size=query.page_size))


@bp.get("/programs/<program_id:int>/ranking")
@openapi.summary("评审排名（名次按全部已评分申请计算，分页返回）")
@returns(Page[RankingRow])
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def ranking(request: Request, program_id: int, query: PageArgs, actor: Actor) -> HTTPResponse:
    rows, total = await grant_review.ranking_page(actor=actor, program_id=program_id, page=query.page,
                                                  page_size=query.page_size)
    return respond(Page[RankingRow](items=[RankingRow.of(r) for r in rows], total=total, page=query.page,
                                    page_size=query.page_size))


@bp.get("/programs/<program_id:int>/ranking.xlsx")
@openapi.summary("导出评审排名（Excel）")
@returns(exports.CONTENT_TYPE)
@allow(*STAFF_ROLES)
async def ranking_xlsx(request: Request, program_id: int, actor: Actor) -> HTTPResponse:
    data = await grant_review.ranking_sheet(actor=actor, program_id=program_id)
    return download(data, content_type=exports.CONTENT_TYPE, filename=f"ranking-{program_id}.xlsx")


@bp.get("/programs/<program_id:int>/notice.xlsx")
@openapi.summary("导出公示名单（Excel）")
@returns(exports.CONTENT_TYPE)
@allow(*STAFF_ROLES)
async def notice_xlsx(request: Request, program_id: int, actor: Actor) -> HTTPResponse:
    data = await grants.notice_sheet(actor=actor, program_id=program_id)
    return download(data, content_type=exports.CONTENT_TYPE, filename=f"notice-{program_id}.xlsx")


# ---------------------------------------------------------------- experts

@bp.post("/experts")
@openapi.summary("登记评审专家")
@returns(ExpertRead, 201)
@allow(*STAFF_ROLES)
@json_body(ExpertCreate)
async def create_expert(request: Request, body: ExpertCreate, actor: Actor) -> HTTPResponse:
    expert = await grant_review.create_expert(actor=actor, data=body.model_dump())
    return respond(ExpertRead.model_validate(expert), 201)


@bp.get("/experts")
@openapi.summary("专家库")
@returns(Page[ExpertRead])
@allow(*STAFF_ROLES)
@query_args(ExpertQuery)
async def list_experts(request: Request, query: ExpertQuery) -> HTTPResponse:
    experts, total = await grant_review.list_experts(active=query.active, page=query.page, page_size=query.page_size)
    return respond(Page[ExpertRead](items=[ExpertRead.model_validate(e) for e in experts], total=total,
                                    page=query.page, page_size=query.page_size))


@bp.put("/experts/<expert_id:int>")
@openapi.summary("修改专家信息（关联组织、停用）")
@returns(ExpertRead)
@allow(*STAFF_ROLES)
@json_body(ExpertUpdate)
async def update_expert(request: Request, expert_id: int, body: ExpertUpdate, actor: Actor) -> HTTPResponse:
    expert = await grant_review.update_expert(actor=actor, expert_id=expert_id,
                                              data=body.model_dump(exclude_none=True))
    return respond(ExpertRead.model_validate(expert))


# ---------------------------------------------------------------- one application

@bp.get("/applications/<application_id:int>")
@openapi.summary("申请详情（含评审与审计轨迹）")
@returns(StaffApplicationRead)
@allow(*STAFF_ROLES)
async def get_application(request: Request, application_id: int, actor: Actor) -> HTTPResponse:
    app = await grants.app_for_staff(actor=actor, application_id=application_id)
    return respond(StaffApplicationRead.with_review(
        await grants.detail(app), assignments=await grant_review.staff_assignments(app.id),
        objections=await grants.objections(app.id), history=await grants.history(app.id)))


@bp.get("/applications/<application_id:int>/attachments/<attachment_id:int>")
@openapi.summary("下载申请附件")
@returns("application/octet-stream", description="附件文件（类型按上传时识别的内容）")
@allow(*STAFF_ROLES)
async def download_attachment(request: Request, application_id: int, attachment_id: int, actor: Actor,
                              settings: Settings) -> HTTPResponse:
    app = await grants.app_for_staff(actor=actor, application_id=application_id)
    att, data = await grants.attachment_download(app=app, attachment_id=attachment_id, var_dir=settings.var_dir)
    return download(data, content_type=att.content_type, filename=att.original_name)


@bp.post("/applications/<application_id:int>/formal-check")
@openapi.summary("形式审查：通过或退回补充材料")
@returns(ApplicationRead)
@allow(*STAFF_ROLES)
@json_body(FormalCheck)
async def formal_check(request: Request, application_id: int, body: FormalCheck, actor: Actor) -> HTTPResponse:
    return await _application(await grants.formal_check(actor=actor, application_id=application_id,
                                                     passed=body.passed, reason=body.reason,
                                                     info_deadline=body.info_deadline))


@bp.post("/applications/<application_id:int>/experts")
@openapi.summary("分配评审专家（自动排除须回避的专家）")
@returns(Items[StaffAssignmentRead])
@allow(*STAFF_ROLES)
@json_body(AssignBody)
async def assign_experts(request: Request, application_id: int, body: AssignBody, actor: Actor) -> HTTPResponse:
    await grant_review.assign_experts(actor=actor, application_id=application_id,
                                      expert_ids=body.expert_ids, fill_from_pool=body.fill_from_pool)
    rows = await grant_review.staff_assignments(application_id)
    return respond(Items[StaffAssignmentRead](items=[StaffAssignmentRead.of(a) for a in rows]))


@bp.post("/applications/<application_id:int>/site-visit")
@openapi.summary("记录实地考察")
@returns(ApplicationRead)
@allow(*STAFF_ROLES)
@json_body(SiteVisit)
async def site_visit(request: Request, application_id: int, body: SiteVisit, actor: Actor) -> HTTPResponse:
    return await _application(await grants.record_site_visit(actor=actor, application_id=application_id,
                                                          notes=body.notes, visited_on=body.visited_on))


@bp.post("/applications/<application_id:int>/decision")
@openapi.summary("立项决定：批准（金额不超过申请额）或不予资助")
@returns(ApplicationRead)
@allow(*STAFF_ROLES)
@json_body(GrantDecision)
async def decide(request: Request, application_id: int, body: GrantDecision, actor: Actor) -> HTTPResponse:
    return await _application(await grants.decide(actor=actor, application_id=application_id,
                                               approve=body.approve, approved_amount=body.approved_amount,
                                               reason=body.reason))


@bp.post("/applications/<application_id:int>/notice")
@openapi.summary("发布公示（按法定工作日计算截止日）")
@returns(ApplicationRead)
@allow(*STAFF_ROLES)
async def publish_notice(request: Request, application_id: int, actor: Actor) -> HTTPResponse:
    return await _application(await grants.publish_notice(actor=actor, application_id=application_id))


@bp.post("/applications/<application_id:int>/objections")
@openapi.summary("登记公示异议（来信来电等）")
@returns(ObjectionRef, 201)
@allow(*STAFF_ROLES)
@json_body(ObjectionRecord)
async def record_objection(request: Request, application_id: int, body: ObjectionRecord,
                           actor: Actor) -> HTTPResponse:
    obj = await grants.raise_objection(actor=actor, application_id=application_id,
                                       content=body.content, source=body.source)
    return respond(ObjectionRef.model_validate(obj), 201)


@bp.put("/applications/<application_id:int>/objections/<objection_id:int>")
@openapi.summary("处理公示异议")
@returns(ObjectionOutcome)
@allow(*STAFF_ROLES)
@json_body(ObjectionResolve)
async def resolve_objection(request: Request, application_id: int, objection_id: int, body: ObjectionResolve,
                            actor: Actor) -> HTTPResponse:
    obj = await grants.resolve_objection(actor=actor, application_id=application_id,
                                         objection_id=objection_id, upheld=body.upheld, resolution=body.resolution)
    return respond(ObjectionOutcome.model_validate(obj))


@bp.post("/applications/<application_id:int>/revoke")
@openapi.summary("撤销立项（公示异议成立）")
@returns(ApplicationRead)
@allow(*STAFF_ROLES)
@json_body(ReasonBody)
async def revoke(request: Request, application_id: int, body: ReasonBody, actor: Actor) -> HTTPResponse:
    return await _application(await grants.revoke(actor=actor, application_id=application_id,
                                               reason=body.reason))


@bp.post("/applications/<application_id:int>/agreement")
@openapi.summary("签订资助协议（公示期满且无异议）")
@returns(ApplicationRead)
@allow(*STAFF_ROLES)
@json_body(Agreement)
async def sign_agreement(request: Request, application_id: int, body: Agreement, actor: Actor) -> HTTPResponse:
    return await _application(await grants.sign_agreement(actor=actor, application_id=application_id,
                                                       agreement_no=body.agreement_no, signed_on=body.signed_on))


@bp.post("/applications/<application_id:int>/tranches")
@openapi.summary("登记下一期资金拨付")
@returns(TrancheRead, 201)
@allow(*STAFF_ROLES)
@json_body(Tranche)
async def pay_tranche(request: Request, application_id: int, body: Tranche, actor: Actor) -> HTTPResponse:
    payment = await grants.pay_tranche(actor=actor, application_id=application_id,
                                       paid_on=body.paid_on, voucher_no=body.voucher_no)
    return respond(TrancheRead.model_validate(payment), 201)


@bp.post("/applications/<application_id:int>/reports/<report_id:int>/review")
@openapi.summary("审核中期/结项报告")
@returns(ReportRead)
@allow(*STAFF_ROLES)
@json_body(ReportReview)
async def review_report(request: Request, application_id: int, report_id: int, body: ReportReview,
                        actor: Actor) -> HTTPResponse:
    report = await grants.review_report(actor=actor, application_id=application_id,
                                        report_id=report_id, accepted=body.accepted, note=body.note)
    return respond(ReportRead.model_validate(report))


@bp.post("/applications/<application_id:int>/close")
@openapi.summary("结项")
@returns(ApplicationRead)
@allow(*STAFF_ROLES)
@json_body(ReasonBody)
async def close(request: Request, application_id: int, body: ReasonBody, actor: Actor) -> HTTPResponse:
    return await _application(await grants.close_application(actor=actor,
                                                          application_id=application_id, reason=body.reason))

