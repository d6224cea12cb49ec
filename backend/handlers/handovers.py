"""Staff confirm or reject leader handovers of active organizations in their scope."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow
from backend.contract import returns
from backend.models.organization import HandoverStatus
from backend.responses import respond
from backend.schemas import Items
from backend.schemas.members import HandoverRead
from backend.services import members
from backend.services.actor import Actor
from backend.validation import json_body, query_args

bp = Blueprint("admin_handovers", url_prefix="/api/admin/v1/handovers")


class HandoverQuery(BaseModel):
    status: HandoverStatus | None = Field(None, description="待确认 pending / 已移交 confirmed / 不予确认 rejected")


class HandoverDecision(BaseModel):
    decision: Literal["confirm", "reject"] = Field(description="confirm 确认移交 / reject 不予确认")
    reason: str = Field("", max_length=500, description="意见（不予确认时必填）")


@bp.get("")
@openapi.summary("负责人移交申请（按管辖范围）")
@returns(Items[HandoverRead])
@allow(*STAFF_ROLES)
@query_args(HandoverQuery)
async def list_handovers(request: Request, query: HandoverQuery, actor: Actor) -> HTTPResponse:
    rows = await members.list_handovers(actor=actor, status=query.status)
    return respond(Items[HandoverRead](items=[HandoverRead.of(h) for h in rows]))


@bp.post("/<handover_id:int>/decision")
@openapi.summary("确认或不予确认负责人移交")
@returns(HandoverRead)
@allow(*STAFF_ROLES)
@json_body(HandoverDecision)
async def decide_handover(request: Request, handover_id: int, body: HandoverDecision, actor: Actor) -> HTTPResponse:
    handover = await members.decide_handover(actor=actor, handover_id=handover_id, decision=body.decision,
                                             reason=body.reason)
    return respond(HandoverRead.of(handover))
