"""Staff tools for the policy bot: hit testing, refused/down-voted questions, the knowledge folder.

Every staff member may test and read the reports. Changing the knowledge base (upload, replace,
retire) changes what the bot tells the whole district, so only district-level staff and admins may
do it; town staff get 403.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from urllib.parse import unquote

from pydantic import AfterValidator, BaseModel, Field
from sanic import Blueprint, Request
from sanic.request import File
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import form_body, returns
from backend.errors import KbDistrictOnly, field_error
from backend.responses import respond
from backend.schemas.bot import DocumentEntry, DocumentList, HitTestRead, QuestionReport
from backend.services import bot as bot_service
from backend.services.actor import Actor
from backend.settings import Settings
from backend.uploads import form_parts
from backend.validation import json_body, not_blank, query_args
from bot import EngineHolder

bp = Blueprint("admin_bot", url_prefix="/api/admin/v1/bot")

UPLOAD_FORM = {
    "file": {"type": "string", "format": "binary", "description": ".txt/.md/.docx/.pdf 政策文件"},
    "effective_from": {"type": "string", "format": "date", "description": "可选：生效日期 YYYY-MM-DD"},
}


class HitTest(BaseModel):
    question: Annotated[str, AfterValidator(not_blank)] = Field(min_length=1, max_length=500, description="测试问题")
    k: int = Field(10, ge=1, le=50, description="返回的候选条数")


class PageArgs(BaseModel):
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


class ReportQuery(PageArgs):
    sort: Literal["count", "recent"] = Field("count", description="count 按次数，recent 按最近时间")


class RetireBody(BaseModel):
    retired_at: date | None = Field(None, description="停止生效日期（含当日起不再引用）；留空为今天")


def _require_kb_editor(actor: Actor) -> None:
    if not actor.is_district_staff:
        raise KbDistrictOnly()


def _upload_parts(request: Request) -> tuple[File, date | None]:
    """The uploaded file and optional effective date from a multipart form, or a 422."""
    files, form = form_parts(request)
    upload = files.get("file")
    if upload is None:
        raise field_error("file", "请上传文件（表单字段 file）")
    raw = (form.get("effective_from") or "").strip()
    if not raw:
        return upload, None
    try:
        return upload, date.fromisoformat(raw)
    except ValueError:
        raise field_error("effective_from", "日期格式应为 YYYY-MM-DD") from None


@bp.post("/hit-test")
@openapi.summary("命中测试：问题对应的候选条款及得分")
@returns(HitTestRead)
@allow(*STAFF_ROLES)
@json_body(HitTest)
async def hit_test(request: Request, body: HitTest, bot: EngineHolder) -> HTTPResponse:
    return respond(HitTestRead.model_validate(await bot_service.hit_test(holder=bot, question=body.question, k=body.k)))


@bp.get("/questions/refused")
@openapi.summary("未能回答的问题（按问题归并计数）")
@returns(QuestionReport)
@allow(*STAFF_ROLES)
@query_args(ReportQuery)
async def refused_questions(request: Request, query: ReportQuery) -> HTTPResponse:
    report = await bot_service.question_report(kind="refused", sort=query.sort, page=query.page,
                                               page_size=query.page_size)
    return respond(QuestionReport.model_validate(report))


@bp.get("/questions/downvoted")
@openapi.summary("被点踩的问题（按问题归并计数，附最近的意见）")
@returns(QuestionReport)
@allow(*STAFF_ROLES)
@query_args(ReportQuery)
async def downvoted_questions(request: Request, query: ReportQuery) -> HTTPResponse:
    report = await bot_service.question_report(kind="downvoted", sort=query.sort, page=query.page,
                                               page_size=query.page_size)
    return respond(QuestionReport.model_validate(report))


@bp.get("/documents")
@openapi.summary("知识库文件列表（含生效日期与状态；按文件名分页）")
@returns(DocumentList)
@allow(*STAFF_ROLES)
@query_args(PageArgs)
async def list_documents(request: Request, query: PageArgs, bot: EngineHolder) -> HTTPResponse:
    listing = await bot_service.documents(holder=bot, page=query.page, page_size=query.page_size)
    return respond(DocumentList.model_validate(listing))


@bp.post("/documents")
@openapi.summary("上传政策文件（立即重建索引，无需重启）")
@form_body(UPLOAD_FORM)
@returns(DocumentEntry, 201)
@allow(*STAFF_ROLES)
async def upload_document(request: Request, actor: Actor, bot: EngineHolder, settings: Settings) -> HTTPResponse:
    _require_kb_editor(actor)
    upload, effective_from = _upload_parts(request)
    entry = await bot_service.save_document(
        holder=bot, filename=upload.name or "", data=upload.body, effective_from=effective_from,
        replace_name=None, max_bytes=settings.bot_document_max_bytes, actor=actor)
    return respond(DocumentEntry.model_validate(entry), 201)


@bp.put("/documents/<name:str>")
@openapi.summary("替换同名政策文件（立即重建索引）")
@form_body(UPLOAD_FORM)
@returns(DocumentEntry)
@allow(*STAFF_ROLES)
async def replace_document(request: Request, name: str, actor: Actor, bot: EngineHolder,
                           settings: Settings) -> HTTPResponse:
    _require_kb_editor(actor)
    upload, effective_from = _upload_parts(request)
    entry = await bot_service.save_document(
        holder=bot, filename=upload.name or unquote(name), data=upload.body, effective_from=effective_from,
        replace_name=unquote(name), max_bytes=settings.bot_document_max_bytes, actor=actor)
    return respond(DocumentEntry.model_validate(entry))


@bp.post("/documents/<name:str>/retire")
@openapi.summary("停用政策文件（指定日期起不再引用，文件保留备查）")
@returns(DocumentEntry)
@allow(*STAFF_ROLES)
@json_body(RetireBody)
async def retire_document(request: Request, name: str, body: RetireBody, actor: Actor,
                          bot: EngineHolder) -> HTTPResponse:
    _require_kb_editor(actor)
    entry = await bot_service.retire(holder=bot, name=unquote(name), retired_at=body.retired_at or date.today(),
                                     actor=actor)
    return respond(DocumentEntry.model_validate(entry))
