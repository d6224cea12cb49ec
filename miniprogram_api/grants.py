"""公益创投 on the phone: leaders draft, upload, submit and report; experts review what they are assigned;
anyone sees the current 公示 list and may raise an objection.

Experts are external people: they sign in like anyone else (usually as residents) and are recognised
by their `Expert` profile, so the expert routes admit every role and the service checks the profile
and the assignment (403 without a profile, 404 for an application they are not assigned to).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import ALL_ROLES, allow, public
from backend.contract import form_body, returns
from backend.models.grant import GrantApplication, ReportKind
from backend.models.user import Role
from backend.responses import download, respond
from backend.schemas import Items
from backend.schemas.grants import (
    ApplicationRead,
    ApplicationSummary,
    AssignmentRead,
    AttachmentRead,
    Deleted,
    ExpertApplicationRead,
    LeaderApplicationRead,
    ObjectionRef,
    ProgramRead,
    RecusalRead,
    ReportRead,
)
from backend.services import grant_review, grants
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args
from miniprogram_api.uploads import upload_form, uploaded_file

bp = Blueprint("mp_grants", url_prefix="/api/mp/v1/grants")

Money = Annotated[Decimal, Field(ge=0, le=Decimal("100000000"), max_digits=12, decimal_places=2)]
UPLOAD_FORM = upload_form("附件类别（项目要求的附件名称之一，或“其他”）")


class BudgetLine(BaseModel):
    category: str = Field(min_length=1, max_length=32, description="支出类别")
    amount: Money = Field(description="金额（元）")
    explanation: str = Field("", max_length=500, description="测算说明")


class Milestone(BaseModel):
    title: SingleLine = Field(min_length=1, max_length=128, description="节点")
    due_date: date = Field(description="计划完成日期")
    description: str = Field("", max_length=500)


class ApplicationCreate(BaseModel):
    project_name: SingleLine = Field(min_length=2, max_length=128, description="项目名称")
    focus_area: str = Field(min_length=1, max_length=64, description="资助领域")
    beneficiaries: str = Field("", max_length=2000, description="受益对象")
    objectives: str = Field("", max_length=5000, description="项目目标")
    timeline: list[Milestone] = Field(default_factory=list, max_length=50, description="实施进度")
    budget_lines: list[BudgetLine] = Field(default_factory=list, max_length=100, description="预算明细")


class ApplicationUpdate(BaseModel):
    project_name: SingleLine | None = Field(None, min_length=2, max_length=128)
    focus_area: str | None = Field(None, min_length=1, max_length=64)
    beneficiaries: str | None = Field(None, max_length=2000)
    objectives: str | None = Field(None, max_length=5000)
    timeline: list[Milestone] | None = Field(None, max_length=50)
    budget_lines: list[BudgetLine] | None = Field(None, max_length=100)


class OrgChoice(BaseModel):
    org_id: DbId | None = Field(None, description="负责多个组织时指定组织 id")


class SpendingLine(BaseModel):
    line: int = Field(ge=0, le=99, description="预算行序号（从 0 开始）")
    spent: Money = Field(description="实际支出（元）")
    note: str = Field("", max_length=500)


class ReportCreate(BaseModel):
    kind: ReportKind = Field(description="midterm 中期 / final 结项")
    summary: str = Field(min_length=10, max_length=10000, description="执行情况")
    spending: list[SpendingLine] = Field(default_factory=list, max_length=100, description="按预算行的支出")


class ObjectionCreate(BaseModel):
    content: str = Field(min_length=5, max_length=2000, description="异议内容")


class ConflictDeclare(BaseModel):
    reason: str = Field(min_length=2, max_length=500, description="利益冲突情况")


class ScoreSubmit(BaseModel):
    scores: dict[str, Annotated[int, Field(ge=0, le=100)]] = Field(description="各评分项得分（0–100）")
    comment: str = Field("", max_length=2000, description="评审意见")


class NoticeQuery(BaseModel):
    program_id: DbId | None = Field(None, description="按项目筛选")


async def _application(app: GrantApplication, status: int = 200) -> HTTPResponse:
    return respond(ApplicationRead.build(await grants.detail(app)), status)


async def _file(app: GrantApplication, attachment_id: int, settings: Settings) -> HTTPResponse:
    att, data = await grants.attachment_download(app=app, attachment_id=attachment_id, var_dir=settings.var_dir)
    return download(data, content_type=att.content_type, filename=att.original_name)


# ---------------------------------------------------------------- programs and 公示 (public)

@bp.get("/programs")
@openapi.summary("公益创投项目列表")
@returns(Items[ProgramRead])
@public
async def list_programs(request: Request) -> HTTPResponse:
    return respond(Items[ProgramRead](items=[ProgramRead.of(p) for p in await grants.list_programs()]))


@bp.get("/programs/<program_id:int>")
@openapi.summary("公益创投项目详情（申报指南）")
@returns(ProgramRead)
@public
async def get_program(request: Request, program_id: int) -> HTTPResponse:
    return respond(ProgramRead.of(await grants.get_program(program_id)))


@bp.get("/notices")
@openapi.summary("正在公示的拟资助项目")
@returns(Items[ApplicationSummary])
@public
@query_args(NoticeQuery)
async def list_notices(request: Request, query: NoticeQuery) -> HTTPResponse:
    apps = await grants.current_notices(query.program_id)
    return respond(Items[ApplicationSummary](items=[ApplicationSummary.listed(a) for a in apps]))


@bp.post("/notices/<application_id:int>/objections")
@openapi.summary("对公示项目提出异议")
@returns(ObjectionRef, 201)
@allow(*ALL_ROLES)
@json_body(ObjectionCreate)
async def raise_objection(request: Request, application_id: int, body: ObjectionCreate,
                          actor: Actor) -> HTTPResponse:
    obj = await grants.raise_objection(actor=actor, application_id=application_id,
                                       content=body.content, source="小程序")
    return respond(ObjectionRef.model_validate(obj), 201)


# ---------------------------------------------------------------- leader side

@bp.post("/programs/<program_id:int>/applications")
@openapi.summary("起草公益创投申请（草稿）")
@returns(ApplicationRead, 201)
@allow(Role.leader)
@query_args(OrgChoice)
@json_body(ApplicationCreate)
async def create_application(request: Request, program_id: int, body: ApplicationCreate, query: OrgChoice,
                             actor: Actor) -> HTTPResponse:
    app = await grants.create_application(actor=actor, program_id=program_id,
                                          org_id=query.org_id, data=body.model_dump())
    return await _application(app, 201)


@bp.get("/applications")
@openapi.summary("我的组织的公益创投申请")
@returns(Items[ApplicationSummary])
@allow(Role.leader)
async def my_applications(request: Request, actor: Actor) -> HTTPResponse:
    apps = await grants.leader_applications(actor=actor)
    return respond(Items[ApplicationSummary](items=[ApplicationSummary.listed(a) for a in apps]))


@bp.get("/applications/<application_id:int>")
@openapi.summary("申请详情（仅本组织负责人）")
@returns(LeaderApplicationRead)
@allow(Role.leader)
async def get_application(request: Request, application_id: int, actor: Actor) -> HTTPResponse:
    app = await grants.app_for_leader(actor=actor, application_id=application_id)
    return respond(LeaderApplicationRead.with_history(await grants.detail(app), await grants.history(app.id)))


@bp.put("/applications/<application_id:int>")
@openapi.summary("修改申请（草稿或退回补充时）")
@returns(ApplicationRead)
@allow(Role.leader)
@json_body(ApplicationUpdate)
async def update_application(request: Request, application_id: int, body: ApplicationUpdate,
                             actor: Actor) -> HTTPResponse:
    app = await grants.update_application(actor=actor, application_id=application_id,
                                          data=body.model_dump(exclude_none=True))
    return await _application(app)


@bp.post("/applications/<application_id:int>/submit")
@openapi.summary("提交申请（截止前；退回补充后重新提交）")
@returns(ApplicationRead)
@allow(Role.leader)
async def submit_application(request: Request, application_id: int, actor: Actor) -> HTTPResponse:
    app = await grants.submit_application(actor=actor, application_id=application_id)
    return await _application(app)


@bp.post("/applications/<application_id:int>/attachments")
@openapi.summary("上传申请附件（PDF/DOCX/JPG/PNG，按内容识别类型）")
@returns(AttachmentRead, 201)
@form_body(UPLOAD_FORM)
@allow(Role.leader)
async def upload_attachment(request: Request, application_id: int, actor: Actor,
                            settings: Settings) -> HTTPResponse:
    upload, kind = uploaded_file(request)
    att = await grants.add_attachment(actor=actor, application_id=application_id,
                                      var_dir=settings.var_dir, max_bytes=settings.grant_attachment_max_bytes,
                                      kind=kind, filename=upload.name or "", data=upload.body)
    return respond(AttachmentRead.of(att), 201)


@bp.get("/applications/<application_id:int>/attachments/<attachment_id:int>")
@openapi.summary("下载本组织申请的附件")
@returns("application/octet-stream", description="附件文件（类型按上传时识别的内容）")
@allow(Role.leader)
async def download_attachment(request: Request, application_id: int, attachment_id: int, actor: Actor,
                              settings: Settings) -> HTTPResponse:
    return await _file(await grants.app_for_leader(actor=actor, application_id=application_id), attachment_id,
                       settings)


@bp.delete("/applications/<application_id:int>/attachments/<attachment_id:int>")
@openapi.summary("删除申请附件（草稿或退回补充时）")
@returns(Deleted)
@allow(Role.leader)
async def delete_attachment(request: Request, application_id: int, attachment_id: int, actor: Actor,
                            settings: Settings) -> HTTPResponse:
    await grants.delete_attachment(actor=actor, application_id=application_id,
                                   attachment_id=attachment_id, var_dir=settings.var_dir)
    return respond(Deleted())


@bp.post("/applications/<application_id:int>/reports")
@openapi.summary("提交中期或结项报告（按预算行填报支出）")
@returns(ReportRead, 201)
@allow(Role.leader)
@json_body(ReportCreate)
async def submit_report(request: Request, application_id: int, body: ReportCreate, actor: Actor) -> HTTPResponse:
    report = await grants.submit_report(actor=actor, application_id=application_id,
                                        kind=body.kind, summary=body.summary,
                                        spending=[s.model_dump() for s in body.spending])
    return respond(ReportRead.model_validate(report), 201)


# ---------------------------------------------------------------- expert side

@bp.get("/review/assignments")
@openapi.summary("专家：我的评审任务")
@returns(Items[AssignmentRead])
@allow(*ALL_ROLES)
async def my_assignments(request: Request, actor: Actor) -> HTTPResponse:
    rows = await grant_review.my_assignments(actor=actor)
    return respond(Items[AssignmentRead](items=[AssignmentRead.of(a) for a in rows]))


@bp.get("/review/applications/<application_id:int>")
@openapi.summary("专家：查看分配给我的申请")
@returns(ExpertApplicationRead)
@allow(*ALL_ROLES)
async def review_application(request: Request, application_id: int, actor: Actor) -> HTTPResponse:
    app, assignment = await grant_review.application_for_expert(actor=actor, application_id=application_id)
    return respond(ExpertApplicationRead.build(await grants.detail(app), assignment))


@bp.get("/review/applications/<application_id:int>/attachments/<attachment_id:int>")
@openapi.summary("专家：下载分配给我的申请的附件")
@returns("application/octet-stream", description="附件文件（类型按上传时识别的内容）")
@allow(*ALL_ROLES)
async def review_attachment(request: Request, application_id: int, attachment_id: int, actor: Actor,
                            settings: Settings) -> HTTPResponse:
    app, _ = await grant_review.application_for_expert(actor=actor, application_id=application_id)
    return await _file(app, attachment_id, settings)


@bp.post("/review/assignments/<assignment_id:int>/accept")
@openapi.summary("专家：确认无利益冲突，接受评审")
@returns(AssignmentRead)
@allow(*ALL_ROLES)
async def accept_assignment(request: Request, assignment_id: int, actor: Actor) -> HTTPResponse:
    a = await grant_review.accept_assignment(actor=actor, assignment_id=assignment_id)
    return respond(AssignmentRead.of(a))


@bp.post("/review/assignments/<assignment_id:int>/conflict")
@openapi.summary("专家：声明利益冲突并回避")
@returns(RecusalRead)
@allow(*ALL_ROLES)
@json_body(ConflictDeclare)
async def declare_conflict(request: Request, assignment_id: int, body: ConflictDeclare,
                           actor: Actor) -> HTTPResponse:
    result = await grant_review.declare_conflict(actor=actor, assignment_id=assignment_id,
                                                 reason=body.reason)
    return respond(RecusalRead.model_validate(result))


@bp.put("/review/assignments/<assignment_id:int>/scores")
@openapi.summary("专家：按评分细则打分")
@returns(AssignmentRead)
@allow(*ALL_ROLES)
@json_body(ScoreSubmit)
async def score(request: Request, assignment_id: int, body: ScoreSubmit, actor: Actor) -> HTTPResponse:
    a = await grant_review.score(actor=actor, assignment_id=assignment_id,
                                 scores=body.scores, comment=body.comment)
    return respond(AssignmentRead.of(a))
