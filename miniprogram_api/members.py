"""An organization's members in the mini-program: the leader lists and removes members and hands
leadership over; a member leaves."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow
from backend.contract import returns
from backend.crypto import PersonalData
from backend.models.user import Role
from backend.responses import respond
from backend.schemas import Items, OkRead
from backend.schemas.members import HandoverRead, MemberRead
from backend.services import members
from backend.services.actor import Actor
from backend.validation import DbId, json_body

bp = Blueprint("mp_members", url_prefix="/api/mp/v1/orgs")


class MemberRemoval(BaseModel):
    reason: str = Field("", max_length=500, description="移除理由（记入审计日志）")


class HandoverCreate(BaseModel):
    to_user_id: DbId = Field(description="接任负责人的成员 user_id（须是本组织已确认的普通成员）")
    reason: str = Field("", max_length=500, description="移交说明")


@bp.get("/<org_id:int>/members")
@openapi.summary("负责人查看本组织成员及角色")
@returns(Items[MemberRead])
@allow(Role.leader)
async def list_members(request: Request, org_id: int, actor: Actor, pd: PersonalData) -> HTTPResponse:
    rows = await members.list_members(actor=actor, org_id=org_id)
    return respond(Items[MemberRead](items=[MemberRead.of(m, pd) for m in rows]))


@bp.post("/<org_id:int>/members/<user_id:int>/remove")
@openapi.summary("负责人移除一名成员")
@openapi.description("只能移除普通成员；负责人须本人移交或退出。记入审计日志。")
@returns(OkRead)
@allow(Role.leader)
@json_body(MemberRemoval)
async def remove_member(request: Request, org_id: int, user_id: int, body: MemberRemoval,
                        actor: Actor) -> HTTPResponse:
    await members.remove_member(actor=actor, org_id=org_id, user_id=user_id, reason=body.reason)
    return respond(OkRead())


@bp.post("/<org_id:int>/leave")
@openapi.summary("退出组织")
@openapi.description("唯一的负责人须先移交负责人（409 last_leader）。")
@returns(OkRead)
@allow(Role.resident, Role.leader)
async def leave(request: Request, org_id: int, actor: Actor) -> HTTPResponse:
    await members.leave(actor=actor, org_id=org_id)
    return respond(OkRead())


@bp.post("/<org_id:int>/handover")
@openapi.summary("将负责人移交给另一位成员")
@openapi.description("已登记的组织须经管辖范围内的工作人员确认（状态 pending）；尚未登记的立即生效（confirmed）。"
                     "移交后原负责人仍是成员。")
@returns(HandoverRead, 201)
@allow(Role.leader)
@json_body(HandoverCreate)
async def request_handover(request: Request, org_id: int, body: HandoverCreate, actor: Actor) -> HTTPResponse:
    handover = await members.request_handover(actor=actor, org_id=org_id, to_user_id=body.to_user_id,
                                              reason=body.reason)
    return respond(HandoverRead.of(await members.handover_with_parties(handover.id)), 201)
