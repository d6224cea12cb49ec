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
from urllib.parse import quote

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.request import File
from sanic.response import HTTPResponse, json, raw
from sanic_ext import openapi

from backend.auth import ALL_ROLES, Principal, allow, public
from backend.errors import field_error
from backend.models.grant import GrantProgram, ReportKind
from backend.models.user import Role
from backend.services import grant_review, grants, uploads
from backend.services.actor import actor_of
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("mp_grants", url_prefix="/api/mp/v1/grants")

Money = Annotated[Decimal, Field(ge=0, le=Decimal("100000000"), max_digits=12, decimal_places=2)]
UPLOAD_FORM = {"multipart/form-data": {"type": "object", "properties": {
    "file": {"type": "string", "format": "binary", "description": "PDF、DOCX、JPG 或 PNG"},
    "kind": {"type": "string", "description": "附件类别（项目要求的附件名称之一，或“其他”）"}},
    "required": ["file"]}}


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


def _upload(request: Request) -> tuple[File, str]:
    upload = request.files.get("file") if request.files else None
    if upload is None:
        raise field_error("file", "请上传文件（表单字段 file）")
    kind = (request.form.get("kind") or "").strip()[:64] if request.form else ""
    return upload, kind


# ---------------------------------------------------------------- programs and 公示 (public)

@bp.get("/programs")
@openapi.summary("公益创投项目列表")
@public
async def list_programs(request: Request) -> HTTPResponse:
    programs = await GrantProgram.all().order_by("-year", "-id")
    return json({"items": [grants.program_read(p) for p in programs]}, ensure_ascii=False)


@bp.get("/programs/<program_id:int>")
@openapi.summary("公益创投项目详情（申报指南）")
@public
async def get_program(request: Request, program_id: int) -> HTTPResponse:
    return json(grants.program_read(await grants.get_program(program_id)), ensure_ascii=False)


@bp.get("/notices")
@openapi.summary("正在公示的拟资助项目")
@public
@query_args(NoticeQuery)
async def list_notices(request: Request, query: NoticeQuery) -> HTTPResponse:
    apps = await grants.current_notices(query.program_id)
    return json({"items": [await grants.application_read(a, detail=False) for a in apps]}, ensure_ascii=False)


@bp.post("/notices/<application_id:int>/objections")
@openapi.summary("对公示项目提出异议")
@allow(*ALL_ROLES)
@json_body(ObjectionCreate)
async def raise_objection(request: Request, application_id: int, body: ObjectionCreate,
                          me: Principal) -> HTTPResponse:
    obj = await grants.raise_objection(actor=actor_of(me, request.id), application_id=application_id,
                                       content=body.content, source="小程序")
    return json({"id": obj.id, "status": obj.status.value}, status=201, ensure_ascii=False)


# ---------------------------------------------------------------- leader side

@bp.post("/programs/<program_id:int>/applications")
@openapi.summary("起草公益创投申请（草稿）")
@allow(Role.leader)
@query_args(OrgChoice)
@json_body(ApplicationCreate)
async def create_application(request: Request, program_id: int, body: ApplicationCreate, query: OrgChoice,
                             me: Principal) -> HTTPResponse:
    app = await grants.create_application(actor=actor_of(me, request.id), program_id=program_id,
                                          org_id=query.org_id, data=body.model_dump())
    return json(await grants.application_read(app), status=201, ensure_ascii=False)


@bp.get("/applications")
@openapi.summary("我的组织的公益创投申请")
@allow(Role.leader)
async def my_applications(request: Request, me: Principal) -> HTTPResponse:
    apps = await grants.leader_applications(actor=actor_of(me, request.id))
    return json({"items": [await grants.application_read(a, detail=False) for a in apps]}, ensure_ascii=False)


@bp.get("/applications/<application_id:int>")
@openapi.summary("申请详情（仅本组织负责人）")
@allow(Role.leader)
async def get_application(request: Request, application_id: int, me: Principal) -> HTTPResponse:
    app = await grants.app_for_leader(actor=actor_of(me, request.id), application_id=application_id)
    data = await grants.application_read(app)
    data["timeline_of_status"] = [{"action": h["action"], "status": (h["after"] or {}).get("status"),
                                   "reason": h["reason"], "at": h["at"]}
                                  for h in await grants.history(app.id) if (h["after"] or {}).get("status")]
    return json(data, ensure_ascii=False)


@bp.put("/applications/<application_id:int>")
@openapi.summary("修改申请（草稿或退回补充时）")
@allow(Role.leader)
@json_body(ApplicationUpdate)
async def update_application(request: Request, application_id: int, body: ApplicationUpdate,
                             me: Principal) -> HTTPResponse:
    app = await grants.update_application(actor=actor_of(me, request.id), application_id=application_id,
                                          data=body.model_dump(exclude_none=True))
    return json(await grants.application_read(app), ensure_ascii=False)


@bp.post("/applications/<application_id:int>/submit")
@openapi.summary("提交申请（截止前；退回补充后重新提交）")
@allow(Role.leader)
async def submit_application(request: Request, application_id: int, me: Principal) -> HTTPResponse:
    app = await grants.submit_application(actor=actor_of(me, request.id), application_id=application_id)
    return json(await grants.application_read(app), ensure_ascii=False)


@bp.post("/applications/<application_id:int>/attachments")
@openapi.summary("上传申请附件（PDF/DOCX/JPG/PNG，按内容识别类型）")
@openapi.body(UPLOAD_FORM, required=True)
@allow(Role.leader)
async def upload_attachment(request: Request, application_id: int, me: Principal,
                            settings: Settings) -> HTTPResponse:
    upload, kind = _upload(request)
    att = await grants.add_attachment(actor=actor_of(me, request.id), application_id=application_id,
                                      var_dir=settings.var_dir, max_bytes=settings.grant_attachment_max_bytes,
                                      kind=kind, filename=upload.name or "", data=upload.body)
    return json(grants.attachment_read(att), status=201, ensure_ascii=False)


@bp.get("/applications/<application_id:int>/attachments/<attachment_id:int>")
@openapi.summary("下载本组织申请的附件")
@allow(Role.leader)
async def download_attachment(request: Request, application_id: int, attachment_id: int, me: Principal,
                              settings: Settings) -> HTTPResponse:
    app = await grants.app_for_leader(actor=actor_of(me, request.id), application_id=application_id)
    att = await grants.get_attachment(owner_type="grant_application", owner_id=app.id, attachment_id=attachment_id)
    return file_response(att.content_type, att.original_name,
                         await uploads.read(var_dir=settings.var_dir, stored_name=att.stored_name))


def file_response(content_type: str, name: str, data: bytes) -> HTTPResponse:
    """A download that browsers save rather than render (the content type was sniffed at upload)."""
    return raw(data, content_type=content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}", "X-Content-Type-Options": "nosniff"})


@bp.delete("/applications/<application_id:int>/attachments/<attachment_id:int>")
@openapi.summary("删除申请附件（草稿或退回补充时）")
@allow(Role.leader)
async def delete_attachment(request: Request, application_id: int, attachment_id: int, me: Principal,
                            settings: Settings) -> HTTPResponse:
    await grants.delete_attachment(actor=actor_of(me, request.id), application_id=application_id,
                                   attachment_id=attachment_id, var_dir=settings.var_dir)
    return json({"ok": True})


@bp.post("/applications/<application_id:int>/reports")
@openapi.summary("提交中期或结项报告（按预算行填报支出）")
@allow(Role.leader)
@json_body(ReportCreate)
async def submit_report(request: Request, application_id: int, body: ReportCreate, me: Principal) -> HTTPResponse:
    report = await grants.submit_report(actor=actor_of(me, request.id), application_id=application_id,
                                        kind=body.kind, summary=body.summary,
                                        spending=[s.model_dump() for s in body.spending])
    return json(grants.report_read(report), status=201, ensure_ascii=False)


# ---------------------------------------------------------------- expert side

@bp.get("/review/assignments")
@openapi.summary("专家：我的评审任务")
@allow(*ALL_ROLES)
async def my_assignments(request: Request, me: Principal) -> HTTPResponse:
    rows = await grant_review.my_assignments(actor=actor_of(me, request.id))
    return json({"items": [await grant_review.assignment_read(a) for a in rows]}, ensure_ascii=False)


@bp.get("/review/applications/<application_id:int>")
@openapi.summary("专家：查看分配给我的申请")
@allow(*ALL_ROLES)
async def review_application(request: Request, application_id: int, me: Principal) -> HTTPResponse:
    return json(await grant_review.expert_view(actor=actor_of(me, request.id), application_id=application_id),
                ensure_ascii=False)


@bp.get("/review/applications/<application_id:int>/attachments/<attachment_id:int>")
@openapi.summary("专家：下载分配给我的申请的附件")
@allow(*ALL_ROLES)
async def review_attachment(request: Request, application_id: int, attachment_id: int, me: Principal,
                            settings: Settings) -> HTTPResponse:
    app, _ = await grant_review.application_for_expert(actor=actor_of(me, request.id), application_id=application_id)
    att = await grants.get_attachment(owner_type="grant_application", owner_id=app.id, attachment_id=attachment_id)
    return file_response(att.content_type, att.original_name,
                         await uploads.read(var_dir=settings.var_dir, stored_name=att.stored_name))


@bp.post("/review/assignments/<assignment_id:int>/accept")
@openapi.summary("专家：确认无利益冲突，接受评审")
@allow(*ALL_ROLES)
async def accept_assignment(request: Request, assignment_id: int, me: Principal) -> HTTPResponse:
    a = await grant_review.accept_assignment(actor=actor_of(me, request.id), assignment_id=assignment_id)
    return json(await grant_review.assignment_read(a), ensure_ascii=False)


@bp.post("/review/assignments/<assignment_id:int>/conflict")
@openapi.summary("专家：声明利益冲突并回避")
@allow(*ALL_ROLES)
@json_body(ConflictDeclare)
async def declare_conflict(request: Request, assignment_id: int, body: ConflictDeclare,
                           me: Principal) -> HTTPResponse:
    result = await grant_review.declare_conflict(actor=actor_of(me, request.id), assignment_id=assignment_id,
                                                 reason=body.reason)
    return json(result, ensure_ascii=False)


@bp.put("/review/assignments/<assignment_id:int>/scores")
@openapi.summary("专家：按评分细则打分")
@allow(*ALL_ROLES)
@json_body(ScoreSubmit)
async def score(request: Request, assignment_id: int, body: ScoreSubmit, me: Principal) -> HTTPResponse:
    a = await grant_review.score(actor=actor_of(me, request.id), assignment_id=assignment_id,
                                 scores=body.scores, comment=body.comment)
    return json(await grant_review.assignment_read(a), ensure_ascii=False)
