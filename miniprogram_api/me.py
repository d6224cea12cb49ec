"""The caller's rights over their own data (PIPL arts. 45 and 47): download it all, or close the account."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import ALL_ROLES, allow, revoke_all_tokens
from backend.contract import returns
from backend.crypto import PersonalData
from backend.models.user import Role
from backend.responses import respond
from backend.schemas.personal_data import ErasureRead, PersonalDataExport
from backend.services import personal_data
from backend.services.actor import Actor
from backend.validation import json_body

bp = Blueprint("mp_me", url_prefix="/api/mp/v1/me")


class ErasureCreate(BaseModel):
    confirm: Literal[True] = Field(description="必须为 true：确认注销账号并删除个人信息（不可恢复）")


@bp.get("/data-export")
@openapi.summary("下载我的全部个人信息（JSON）")
@openapi.description("个人信息保护法第四十五条：本人资料、所在组织与角色、报名、签到与服务时长、政策问答记录与评价、"
                     "收到的消息、订阅授权及本人的操作记录；手机号等完整显示，仅本人可见。每次导出均记入审计日志。")
@returns(PersonalDataExport)
@allow(*ALL_ROLES)
async def data_export(request: Request, actor: Actor, pd: PersonalData) -> HTTPResponse:
    data = await personal_data.export_mine(actor=actor, pd=pd)
    return respond(PersonalDataExport.model_validate(data), headers={"Cache-Control": "no-store"})


@bp.post("/erasure")
@openapi.summary("注销账号并删除我的个人信息")
@openapi.description("个人信息保护法第四十七条：账号关闭，姓名、手机号、微信标识等删除或匿名化；政策问答记录、消息、"
                     "订阅与组织成员关系删除；报名与服务时长作为匿名记录保留供组织统计；所有登录立即失效。"
                     "已登记组织的唯一负责人须先移交负责人（409 sole_leader）。工作人员账号由管理员停用，不在此办理。")
@returns(ErasureRead)
@allow(Role.resident, Role.leader)
@json_body(ErasureCreate)
async def erasure(request: Request, body: ErasureCreate, actor: Actor, pd: PersonalData,
                  redis: Redis) -> HTTPResponse:
    receipt = await personal_data.erase_account(actor=actor, pd=pd)
    await revoke_all_tokens(redis, actor.user_id)
    return respond(ErasureRead.model_validate(receipt))
