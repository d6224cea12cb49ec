"""公益创投 for staff (the PC console): programs, the expert pool, every review stage, exports.

District staff own the fund (programs, experts, assignment, decisions, 公示); town staff see and handle
the applications of their own town's organizations (formal check, site visit, agreement, payments).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated
from urllib.parse import quote

from pydantic import BaseModel, Field, field_validator
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, Principal, allow
from backend.models.grant import ApplicationStatus, Expert, GrantObjection, GrantProgram
from backend.services import grant_review, grants, uploads
from backend.services.actor import actor_of
from backend.services.workdays import LocalDatetime
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("admin_grants", url_prefix="/api/admin/v1/grants")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


class AppListQuery(BaseModel):
    status: ApplicationStatus | None = Field(None, description="按状态筛选")


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


class Decision(BaseModel):
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


async def _app_json(app: object) -> HTTPResponse:
    return json(await grants.application_read(app), ensure_ascii=False)  # type: ignore[arg-type]


# ---------------------------------------------------------------- programs

@bp.post("/programs")
@openapi.summary("创建公益创投项目")
@allow(*STAFF_ROLES)
@json_body(ProgramCreate)
async def create_program(request: Request, body: ProgramCreate, me: Principal) -> HTTPResponse:
    data = body.model_dump()
    data["rubric"] = [c.model_dump() for c in body.rubric]
    program = await grants.create_program(actor=actor_of(me, request.id), data=data)
    return json(grants.program_read(program), status=201, ensure_ascii=False)


@bp.get("/programs")
@openapi.summary("公益创投项目列表")
@allow(*STAFF_ROLES)
async def list_programs(request: Request) -> HTTPResponse:
    return json({"items": [grants.program_read(p) for p in await GrantProgram.all().order_by("-year", "-id")]},
                ensure_ascii=False)


@bp.get("/programs/<program_id:int>/applications")
@openapi.summary("项目下的申请（镇街工作人员仅见本镇街）")
@allow(*STAFF_ROLES)
@query_args(AppListQuery)
async def list_applications(request: Request, program_id: int, query: AppListQuery, me: Principal) -> HTTPResponse:
    await grants.get_program(program_id)
    apps = await grants.staff_applications(actor=actor_of(me), program_id=program_id,
                                           status=query.status.value if query.status else None)
    return json({"items": [await grants.application_read(a, detail=False) for a in apps]}, ensure_ascii=False)


@bp.get("/programs/<program_id:int>/ranking")
@openapi.summary("评审排名")
@allow(*STAFF_ROLES)
async def ranking(request: Request, program_id: int, me: Principal) -> HTTPResponse:
    return json({"items": await grant_review.ranking(actor=actor_of(me), program_id=program_id)}, ensure_ascii=False)


@bp.get("/programs/<program_id:int>/ranking.xlsx")
@openapi.summary("导出评审排名（Excel）")
@allow(*STAFF_ROLES)
async def ranking_xlsx(request: Request, program_id: int, me: Principal) -> HTTPResponse:
    data = await grant_review.ranking_sheet(actor=actor_of(me), program_id=program_id)
    return raw(data, content_type=XLSX,
               headers={"Content-Disposition": f'attachment; filename="ranking-{program_id}.xlsx"'})


@bp.get("/programs/<program_id:int>/notice.xlsx")
@openapi.summary("导出公示名单（Excel）")
@allow(*STAFF_ROLES)
async def notice_xlsx(request: Request, program_id: int, me: Principal) -> HTTPResponse:
    data = await grants.notice_sheet(actor=actor_of(me), program_id=program_id)
    return raw(data, content_type=XLSX,
               headers={"Content-Disposition": f'attachment; filename="notice-{program_id}.xlsx"'})


# ---------------------------------------------------------------- experts

@bp.post("/experts")
@openapi.summary("登记评审专家")
@allow(*STAFF_ROLES)
@json_body(ExpertCreate)
async def create_expert(request: Request, body: ExpertCreate, me: Principal) -> HTTPResponse:
    expert = await grant_review.create_expert(actor=actor_of(me, request.id), data=body.model_dump())
    return json(grant_review.expert_read(expert), status=201, ensure_ascii=False)


@bp.get("/experts")
@openapi.summary("专家库")
@allow(*STAFF_ROLES)
async def list_experts(request: Request) -> HTTPResponse:
    return json({"items": [grant_review.expert_read(e) for e in await Expert.all().order_by("id")]}, ensure_ascii=False)


@bp.put("/experts/<expert_id:int>")
@openapi.summary("修改专家信息（关联组织、停用）")
@allow(*STAFF_ROLES)
@json_body(ExpertUpdate)
async def update_expert(request: Request, expert_id: int, body: ExpertUpdate, me: Principal) -> HTTPResponse:
    expert = await grant_review.update_expert(actor=actor_of(me, request.id), expert_id=expert_id,
                                              data=body.model_dump(exclude_none=True))
    return json(grant_review.expert_read(expert), ensure_ascii=False)


# ---------------------------------------------------------------- one application

@bp.get("/applications/<application_id:int>")
@openapi.summary("申请详情（含评审与审计轨迹）")
@allow(*STAFF_ROLES)
async def get_application(request: Request, application_id: int, me: Principal) -> HTTPResponse:
    app = await grants.app_for_staff(actor=actor_of(me), application_id=application_id)
    data = await grants.application_read(app)
    data["assignments"] = await grant_review.assignments_for_staff(app.id)
    data["objections"] = [{"id": o.id, "content": o.content, "source": o.source, "status": o.status.value,
                           "resolution": o.resolution}
                          for o in await GrantObjection.filter(application_id=app.id).order_by("id")]
    data["history"] = await grants.history(app.id)
    return json(data, ensure_ascii=False)


@bp.get("/applications/<application_id:int>/attachments/<attachment_id:int>")
@openapi.summary("下载申请附件")
@allow(*STAFF_ROLES)
async def download_attachment(request: Request, application_id: int, attachment_id: int, me: Principal,
                              settings: Settings) -> HTTPResponse:
    app = await grants.app_for_staff(actor=actor_of(me), application_id=application_id)
    att = await grants.get_attachment(owner_type="grant_application", owner_id=app.id, attachment_id=attachment_id)
    return file_response(att.content_type, att.original_name,
                         await uploads.read(var_dir=settings.var_dir, stored_name=att.stored_name))


@bp.post("/applications/<application_id:int>/formal-check")
@openapi.summary("形式审查：通过或退回补充材料")
@allow(*STAFF_ROLES)
@json_body(FormalCheck)
async def formal_check(request: Request, application_id: int, body: FormalCheck, me: Principal) -> HTTPResponse:
    return await _app_json(await grants.formal_check(actor=actor_of(me, request.id), application_id=application_id,
                                                     passed=body.passed, reason=body.reason,
                                                     info_deadline=body.info_deadline))


@bp.post("/applications/<application_id:int>/experts")
@openapi.summary("分配评审专家（自动排除须回避的专家）")
@allow(*STAFF_ROLES)
@json_body(AssignBody)
async def assign_experts(request: Request, application_id: int, body: AssignBody, me: Principal) -> HTTPResponse:
    await grant_review.assign_experts(actor=actor_of(me, request.id), application_id=application_id,
                                      expert_ids=body.expert_ids, fill_from_pool=body.fill_from_pool)
    return json({"items": await grant_review.assignments_for_staff(application_id)}, ensure_ascii=False)


@bp.post("/applications/<application_id:int>/site-visit")
@openapi.summary("记录实地考察")
@allow(*STAFF_ROLES)
@json_body(SiteVisit)
async def site_visit(request: Request, application_id: int, body: SiteVisit, me: Principal) -> HTTPResponse:
    return await _app_json(await grants.record_site_visit(actor=actor_of(me, request.id), application_id=application_id,
                                                          notes=body.notes, visited_on=body.visited_on))


@bp.post("/applications/<application_id:int>/decision")
@openapi.summary("立项决定：批准（金额不超过申请额）或不予资助")
@allow(*STAFF_ROLES)
@json_body(Decision)
async def decide(request: Request, application_id: int, body: Decision, me: Principal) -> HTTPResponse:
    return await _app_json(await grants.decide(actor=actor_of(me, request.id), application_id=application_id,
                                               approve=body.approve, approved_amount=body.approved_amount,
                                               reason=body.reason))


@bp.post("/applications/<application_id:int>/notice")
@openapi.summary("发布公示（按法定工作日计算截止日）")
@allow(*STAFF_ROLES)
async def publish_notice(request: Request, application_id: int, me: Principal) -> HTTPResponse:
    return await _app_json(await grants.publish_notice(actor=actor_of(me, request.id), application_id=application_id))


@bp.post("/applications/<application_id:int>/objections")
@openapi.summary("登记公示异议（来信来电等）")
@allow(*STAFF_ROLES)
@json_body(ObjectionRecord)
async def record_objection(request: Request, application_id: int, body: ObjectionRecord,
                           me: Principal) -> HTTPResponse:
    obj = await grants.raise_objection(actor=actor_of(me, request.id), application_id=application_id,
                                       content=body.content, source=body.source)
    return json({"id": obj.id, "status": obj.status.value}, status=201, ensure_ascii=False)


@bp.put("/applications/<application_id:int>/objections/<objection_id:int>")
@openapi.summary("处理公示异议")
@allow(*STAFF_ROLES)
@json_body(ObjectionResolve)
async def resolve_objection(request: Request, application_id: int, objection_id: int, body: ObjectionResolve,
                            me: Principal) -> HTTPResponse:
    obj = await grants.resolve_objection(actor=actor_of(me, request.id), application_id=application_id,
                                         objection_id=objection_id, upheld=body.upheld, resolution=body.resolution)
    return json({"id": obj.id, "status": obj.status.value, "resolution": obj.resolution}, ensure_ascii=False)


@bp.post("/applications/<application_id:int>/revoke")
@openapi.summary("撤销立项（公示异议成立）")
@allow(*STAFF_ROLES)
@json_body(ReasonBody)
async def revoke(request: Request, application_id: int, body: ReasonBody, me: Principal) -> HTTPResponse:
    return await _app_json(await grants.revoke(actor=actor_of(me, request.id), application_id=application_id,
                                               reason=body.reason))


@bp.post("/applications/<application_id:int>/agreement")
@openapi.summary("签订资助协议（公示期满且无异议）")
@allow(*STAFF_ROLES)
@json_body(Agreement)
async def sign_agreement(request: Request, application_id: int, body: Agreement, me: Principal) -> HTTPResponse:
    return await _app_json(await grants.sign_agreement(actor=actor_of(me, request.id), application_id=application_id,
                                                       agreement_no=body.agreement_no, signed_on=body.signed_on))


@bp.post("/applications/<application_id:int>/tranches")
@openapi.summary("登记下一期资金拨付")
@allow(*STAFF_ROLES)
@json_body(Tranche)
async def pay_tranche(request: Request, application_id: int, body: Tranche, me: Principal) -> HTTPResponse:
    payment = await grants.pay_tranche(actor=actor_of(me, request.id), application_id=application_id,
                                       paid_on=body.paid_on, voucher_no=body.voucher_no)
    return json({"index": payment.index, "percent": payment.percent, "amount": grants.money(payment.amount),
                 "paid_on": payment.paid_on.isoformat()}, status=201, ensure_ascii=False)


@bp.post("/applications/<application_id:int>/reports/<report_id:int>/review")
@openapi.summary("审核中期/结项报告")
@allow(*STAFF_ROLES)
@json_body(ReportReview)
async def review_report(request: Request, application_id: int, report_id: int, body: ReportReview,
                        me: Principal) -> HTTPResponse:
    report = await grants.review_report(actor=actor_of(me, request.id), application_id=application_id,
                                        report_id=report_id, accepted=body.accepted, note=body.note)
    return json(grants.report_read(report), ensure_ascii=False)


@bp.post("/applications/<application_id:int>/close")
@openapi.summary("结项")
@allow(*STAFF_ROLES)
@json_body(ReasonBody)
async def close(request: Request, application_id: int, body: ReasonBody, me: Principal) -> HTTPResponse:
    return await _app_json(await grants.close_application(actor=actor_of(me, request.id),
                                                          application_id=application_id, reason=body.reason))


def file_response(content_type: str, name: str, data: bytes) -> HTTPResponse:
    """A download that browsers save rather than render (the content type was sniffed at upload)."""
    return raw(data, content_type=content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}", "X-Content-Type-Options": "nosniff"})
