"""The mini-program's side of notices: subscription prompt results and the in-app inbox."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import ALL_ROLES, allow
from backend.contract import returns
from backend.errors import field_error
from backend.responses import respond
from backend.schemas import Items
from backend.schemas.notices import InboxItemRead, InboxPage, MarkedRead, SubscriptionRead, UnreadCount
from backend.services import inbox as inbox_service
from backend.services import subscriptions
from backend.services.actor import Actor
from backend.validation import json_body, query_args

bp = Blueprint("mp_notices", url_prefix="/api/mp/v1")

Result = Literal["accept", "reject", "ban", "filter"]
MAX_TEMPLATES_PER_PROMPT = 10


class SubscriptionReport(BaseModel):
    """Either one result, or the whole map wx.requestSubscribeMessage returns (as `results` or as is)."""

    model_config = ConfigDict(extra="allow")

    template_id: str | None = Field(None, max_length=64, description="模板 id（单条上报）")
    result: Result | None = Field(None, description="accept / reject / ban / filter（单条上报）")
    results: dict[str, str] | None = Field(None, description="批量：{模板 id: accept|reject|ban|filter}")
    errMsg: str | None = Field(None, description="wx.requestSubscribeMessage 原样返回时的 errMsg（忽略）")


class InboxQuery(BaseModel):
    unread_only: bool = Field(False, description="只看未读")
    page: int = Field(1, ge=1, le=10_000, description="页码")
    page_size: int = Field(20, ge=1, le=50, description="每页条数")


def _results(body: SubscriptionReport) -> dict[str, str]:
    if body.template_id is not None or body.result is not None:
        if not body.template_id:
            raise field_error("template_id", "必填")
        if body.result is None:
            raise field_error("result", "必填")
        return {body.template_id: body.result}
    raw: dict[str, Any] = body.results if body.results is not None else dict(body.model_extra or {})
    results = {str(k): v for k, v in raw.items() if k != "errMsg"}
    if not results:
        raise field_error("results", "没有订阅结果")
    if len(results) > MAX_TEMPLATES_PER_PROMPT:
        raise field_error("results", f"一次最多上报 {MAX_TEMPLATES_PER_PROMPT} 个模板")
    for key, value in results.items():
        if not isinstance(value, str) or len(key) > 64:
            raise field_error("results", "格式应为 {模板 id: accept|reject|ban|filter}")
    return results


def _subscriptions(rows: list[dict[str, Any]]) -> Items[SubscriptionRead]:
    return Items[SubscriptionRead](items=[SubscriptionRead.model_validate(r) for r in rows])


@bp.get("/subscriptions")
@openapi.summary("可订阅的消息模板及我当前可接收的次数")
@returns(Items[SubscriptionRead])
@allow(*ALL_ROLES)
async def my_subscriptions(request: Request, actor: Actor) -> HTTPResponse:
    return respond(_subscriptions(await subscriptions.my_subscriptions(user_id=actor.user_id)))


@bp.post("/subscriptions")
@openapi.summary("上报订阅消息授权结果（单条或 wx.requestSubscribeMessage 的结果对象）")
@returns(Items[SubscriptionRead])
@allow(*ALL_ROLES)
@json_body(SubscriptionReport)
async def report_subscription(request: Request, body: SubscriptionReport, actor: Actor) -> HTTPResponse:
    items = await subscriptions.record_results(user_id=actor.user_id, results=_results(body))
    return respond(_subscriptions(items))


@bp.get("/inbox")
@openapi.summary("我的站内消息（最新在前）")
@returns(InboxPage)
@allow(*ALL_ROLES)
@query_args(InboxQuery)
async def inbox(request: Request, query: InboxQuery, actor: Actor) -> HTTPResponse:
    items, total = await inbox_service.inbox(user_id=actor.user_id, unread_only=query.unread_only,
                                             page=query.page, page_size=query.page_size)
    unread = await inbox_service.unread_count(user_id=actor.user_id)
    return respond(InboxPage(items=[InboxItemRead.of(d) for d in items], total=total, page=query.page,
                             page_size=query.page_size, unread=unread))


@bp.get("/inbox/unread-count")
@openapi.summary("未读消息数")
@returns(UnreadCount)
@allow(*ALL_ROLES)
async def unread_count(request: Request, actor: Actor) -> HTTPResponse:
    return respond(UnreadCount(unread=await inbox_service.unread_count(user_id=actor.user_id)))


@bp.post("/inbox/<item_id:int>/read")
@openapi.summary("标记一条消息已读")
@returns(InboxItemRead)
@allow(*ALL_ROLES)
async def mark_read(request: Request, item_id: int, actor: Actor) -> HTTPResponse:
    return respond(InboxItemRead.of(await inbox_service.mark_read(user_id=actor.user_id, delivery_id=item_id)))


@bp.post("/inbox/read-all")
@openapi.summary("全部标记为已读")
@returns(MarkedRead)
@allow(*ALL_ROLES)
async def mark_all_read(request: Request, actor: Actor) -> HTTPResponse:
    return respond(MarkedRead(marked=await inbox_service.mark_all_read(user_id=actor.user_id)))
