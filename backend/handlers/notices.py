"""Staff push notices: compose, preview, approve, send, cancel, progress, list, review interrupted sends.

Town staff address only their own town and see only their town's notices. An audience spanning the
district (everyone, district-wide leaders, organizations in several towns) is district staff's, and
waits for a second district staff member's approval before it can be sent.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, StrictFloat, StrictInt, StrictStr, field_validator
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend import jobs
from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.notice import Channel, DeliveryStatus, Notice, NoticeStatus
from backend.models.organization import OrgCategory
from backend.responses import respond
from backend.schemas import Items, Page
from backend.schemas.notices import (
    DeliveryOutcome,
    DeliveryRead,
    NoticeDetail,
    NoticeProgress,
    NoticeRead,
    ReachPreview,
    TemplateRead,
)
from backend.services import audit, notices, subscriptions
from backend.services.actor import Actor
from backend.services.audiences import Audience, AudienceKind
from backend.services.workdays import LocalDatetime
from backend.settings import Settings
from backend.validation import DbId, SingleLine, json_body, query_args
from backend.wechat.client import WeChatGateway

bp = Blueprint("admin_notices", url_prefix="/api/admin/v1/notices")


class AudienceIn(BaseModel):
    kind: Literal["all", "org_leaders", "activity", "grant_program", "orgs"] = Field(
        description="all 全体用户；org_leaders 某镇街/类别社会组织负责人；activity 活动参与者；"
                    "grant_program 公益创投申报组织负责人；orgs 指定社会组织负责人")
    town_id: DbId | None = Field(None, description="镇街 id（org_leaders、grant_program 可选）")
    category: OrgCategory | None = Field(None, description="社会组织类别（org_leaders 可选）")
    activity_id: DbId | None = Field(None, description="活动 id（activity 必填）")
    program_id: DbId | None = Field(None, description="公益创投项目 id（grant_program 必填）")
    org_ids: list[DbId] = Field(default_factory=list, max_length=500, description="社会组织 id 列表（orgs 必填）")


class NoticeCreate(BaseModel):
    title: SingleLine = Field(min_length=1, max_length=64, description="标题")
    body: str = Field(min_length=1, max_length=5000, description="正文（站内消息显示全文）")
    audience: AudienceIn
    channels: list[Literal["inbox", "subscribe"]] = Field(
        default_factory=lambda: ["inbox", "subscribe"], max_length=2,  # type: ignore[arg-type]
        description="发送渠道；站内消息总会发送，subscribe 表示同时发微信订阅消息")
    template_id: str | None = Field(None, max_length=64, description="订阅消息模板 id（选 subscribe 时必填）")
    data: dict[str, StrictStr | StrictInt | StrictFloat] = Field(
        default_factory=dict, description="模板字段值，如 {\"thing1\": \"…\"}")
    page: str = Field("", max_length=128, description="点击订阅消息打开的小程序页面")
    scheduled_at: LocalDatetime | None = Field(
        None, description="定时发送时间（不带时区按北京时间）；留空为审核/确认后立即发送")

    @field_validator("title", "body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("不能为空")
        return value.strip()


class ApproveBody(BaseModel):
    comment: str = Field("", max_length=200, description="审核意见")


class ListQuery(BaseModel):
    status: NoticeStatus | None = Field(None, description="按状态筛选")
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=100, description="每页条数")


class DeliveryQuery(BaseModel):
    status: DeliveryStatus | None = Field(None, description="按发送状态筛选，如 review")
    page: int = Field(1, ge=1, le=100_000, description="页码")
    page_size: int = Field(50, ge=1, le=200, description="每页条数")


class ResolveBody(BaseModel):
    outcome: Literal["sent", "failed"] = Field(description="人工核查结果：sent 已送达，failed 未送达")


async def _read(notice: Notice) -> NoticeRead:
    return NoticeRead.of(notice, await notices.template_of(notice))


def _draft(body: NoticeCreate) -> notices.NoticeDraft:
    audience = Audience(kind=AudienceKind(body.audience.kind), town_id=body.audience.town_id,
                        category=body.audience.category.value if body.audience.category else None,
                        activity_id=body.audience.activity_id, program_id=body.audience.program_id,
                        org_ids=body.audience.org_ids)
    channels: list[str] = sorted({Channel.inbox.value, *body.channels})
    return notices.NoticeDraft(title=body.title, body=body.body, audience=audience, channels=channels,
                               template_id=body.template_id, data={k: str(v) for k, v in body.data.items()},
                               page=body.page, scheduled_at=body.scheduled_at)


async def _audit(request: Request, actor: Actor, action: str, notice: Notice) -> None:
    await audit.record(actor=actor, action=action, object_type="notice",
                       object_id=notice.id, after={"status": str(notice.status), "title": notice.title})


@bp.get("/templates")
@openapi.summary("订阅消息模板列表（含各字段类型与长度要求）")
@returns(Items[TemplateRead])
@allow(*STAFF_ROLES)
async def list_templates(request: Request) -> HTTPResponse:
    templates = await subscriptions.active_templates()
    return respond(Items[TemplateRead](items=[TemplateRead.model_validate(t) for t in templates]))


@bp.post("/preview")
@openapi.summary("预览触达人数（不保存）：覆盖人数、当前可收到订阅消息的人数")
@returns(ReachPreview)
@allow(*STAFF_ROLES)
@json_body(NoticeCreate)
async def preview_draft(request: Request, body: NoticeCreate, actor: Actor) -> HTTPResponse:
    return respond(ReachPreview(**await notices.preview(actor=actor, draft=_draft(body))))


@bp.post("/")
@openapi.summary("起草通知（全区推送需另一位区级工作人员审核）")
@returns(NoticeRead, 201)
@allow(*STAFF_ROLES)
@json_body(NoticeCreate)
async def compose(request: Request, body: NoticeCreate, actor: Actor) -> HTTPResponse:
    notice = await notices.compose(actor=actor, draft=_draft(body))
    await _audit(request, actor, "notice.create", notice)
    return respond(await _read(notice), status=201)


@bp.get("/")
@openapi.summary("通知列表（镇街工作人员只看本镇街）")
@returns(Page[NoticeRead])
@allow(*STAFF_ROLES)
@query_args(ListQuery)
async def list_notices(request: Request, query: ListQuery, actor: Actor) -> HTTPResponse:
    items, total = await notices.list_for_staff(actor=actor, status=query.status, page=query.page,
                                                page_size=query.page_size)
    return respond(Page[NoticeRead](items=[NoticeRead.of(n, n.template) for n in items], total=total,
                                    page=query.page, page_size=query.page_size))


@bp.get("/<notice_id:int>")
@openapi.summary("通知详情与发送进度")
@returns(NoticeDetail)
@allow(*STAFF_ROLES)
async def get_notice(request: Request, notice_id: int, actor: Actor) -> HTTPResponse:
    notice = await notices.get_for_staff(actor=actor, notice_id=notice_id)
    progress = NoticeProgress(**await notices.progress(notice_id=notice_id))
    return respond(NoticeDetail(**dict(await _read(notice)), progress=progress))


@bp.get("/<notice_id:int>/preview")
@openapi.summary("已起草通知的触达预览")
@returns(ReachPreview)
@allow(*STAFF_ROLES)
async def preview_saved(request: Request, notice_id: int, actor: Actor) -> HTTPResponse:
    return respond(ReachPreview(**await notices.preview_notice(actor=actor, notice_id=notice_id)))


@bp.post("/<notice_id:int>/approve")
@openapi.summary("审核全区推送（须为起草人以外的区级工作人员）")
@returns(NoticeRead)
@allow(*STAFF_ROLES)
@json_body(ApproveBody)
async def approve(request: Request, notice_id: int, body: ApproveBody, actor: Actor) -> HTTPResponse:
    notice = await notices.approve(actor=actor, notice_id=notice_id, comment=body.comment)
    await _audit(request, actor, "notice.approve", notice)
    return respond(await _read(notice))


@bp.post("/<notice_id:int>/send")
@openapi.summary("发送通知（进入队列；定时通知到点发送）")
@returns(NoticeRead, 202)
@allow(*STAFF_ROLES)
async def send(request: Request, notice_id: int, actor: Actor, redis: Redis, settings: Settings,
               wechat: WeChatGateway) -> HTTPResponse:
    notice, enqueue = await notices.request_send(actor=actor, notice_id=notice_id)
    if enqueue:
        await jobs.enqueue("fan_out_notice", notice.id, settings=settings, redis=redis, wechat=wechat)
        await _audit(request, actor, "notice.send", notice)
    return respond(await _read(notice), status=202)


@bp.post("/<notice_id:int>/cancel")
@openapi.summary("撤回通知：未发出的不再发送，正在发送的发完为止")
@returns(NoticeRead)
@allow(*STAFF_ROLES)
async def cancel(request: Request, notice_id: int, actor: Actor) -> HTTPResponse:
    notice = await notices.cancel(actor=actor, notice_id=notice_id)
    await _audit(request, actor, "notice.cancel", notice)
    return respond(await _read(notice))


@bp.get("/<notice_id:int>/progress")
@openapi.summary("发送进度：按渠道、状态统计")
@returns(NoticeProgress)
@allow(*STAFF_ROLES)
async def progress(request: Request, notice_id: int, actor: Actor) -> HTTPResponse:
    await notices.get_for_staff(actor=actor, notice_id=notice_id)
    return respond(NoticeProgress(**await notices.progress(notice_id=notice_id)))


@bp.get("/<notice_id:int>/deliveries")
@openapi.summary("发送记录（如待人工核查的 review）")
@returns(Page[DeliveryRead])
@allow(*STAFF_ROLES)
@query_args(DeliveryQuery)
async def deliveries(request: Request, notice_id: int, query: DeliveryQuery, actor: Actor) -> HTTPResponse:
    items, total = await notices.list_deliveries(actor=actor, notice_id=notice_id, status=query.status,
                                                 page=query.page, page_size=query.page_size)
    return respond(Page[DeliveryRead](items=[DeliveryRead(**i) for i in items], total=total, page=query.page,
                                      page_size=query.page_size))


@bp.post("/deliveries/<delivery_id:int>/resolve")
@openapi.summary("人工核查中断的发送：确认已送达或未送达（系统不会自动重发）")
@returns(DeliveryOutcome)
@allow(*STAFF_ROLES)
@json_body(ResolveBody)
async def resolve(request: Request, delivery_id: int, body: ResolveBody, actor: Actor) -> HTTPResponse:
    delivery = await notices.resolve_review(actor=actor, delivery_id=delivery_id, outcome=body.outcome)
    await audit.record(actor=actor, action="notice.delivery.resolve",
                       object_type="notice_delivery", object_id=delivery.id, after={"status": str(delivery.status)})
    return respond(DeliveryOutcome.of(delivery))
