"""Credit lists on the phone: leaders see and answer proposals about their organization; anyone looks
up an organization by name or 统一社会信用代码 and reads the published lists (依法公开, no personal data)."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow, public
from backend.contract import returns
from backend.models.credit import CreditList
from backend.models.user import Role
from backend.responses import respond
from backend.schemas import Items
from backend.schemas.credit import CreditEntryRead, PublicCreditPage, PublicCreditRead
from backend.services import credit
from backend.services.actor import Actor
from backend.validation import DbId, json_body, query_args

bp = Blueprint("mp_credit", url_prefix="/api/mp/v1/credit")


class AnswerBody(BaseModel):
    statement: str = Field(min_length=2, max_length=5000, description="陈述申辩意见")


class LookupQuery(BaseModel):
    q: str = Field(min_length=2, max_length=64, description="组织名称关键词或统一社会信用代码")


class ListQuery(BaseModel):
    credit_list: CreditList = Field(description="abnormal 活动异常名录 / untrustworthy 严重违法失信名单")
    town_id: DbId | None = Field(None, description="按镇街筛选")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


@bp.get("/entries")
@openapi.summary("本组织的信用名录记录（含拟列入，可陈述申辩）")
@returns(Items[CreditEntryRead])
@allow(Role.leader)
async def my_entries(request: Request, actor: Actor) -> HTTPResponse:
    entries = await credit.leader_entries(actor=actor)
    return respond(Items[CreditEntryRead](items=[CreditEntryRead.of(e) for e in entries]))


@bp.post("/entries/<entry_id:int>/answer")
@openapi.summary("对拟列入提出陈述申辩（期限内）")
@returns(CreditEntryRead)
@allow(Role.leader)
@json_body(AnswerBody)
async def answer(request: Request, entry_id: int, body: AnswerBody, actor: Actor) -> HTTPResponse:
    return respond(CreditEntryRead.of(await credit.answer(actor=actor, entry_id=entry_id, text=body.statement)))


@bp.get("/lookup")
@openapi.summary("信用查询：按组织名称或统一社会信用代码（公开）")
@returns(Items[PublicCreditRead])
@public
@query_args(LookupQuery)
async def lookup(request: Request, query: LookupQuery) -> HTTPResponse:
    rows = await credit.lookup(q=query.q)
    return respond(Items[PublicCreditRead](items=[PublicCreditRead.of(r) for r in rows]))


@bp.get("/lists")
@openapi.summary("公开的活动异常名录 / 严重违法失信名单（可按镇街）")
@returns(PublicCreditPage)
@public
@query_args(ListQuery)
async def published(request: Request, query: ListQuery) -> HTTPResponse:
    rows, total = await credit.published_list(credit_list=query.credit_list, town_id=query.town_id,
                                              page=query.page, page_size=query.page_size)
    return respond(PublicCreditPage(items=[PublicCreditRead.of(r) for r in rows], total=total))
