"""The caller's own data: their profile (name, phone) under consent, and PIPL arts. 45 and 47 (export, erasure)."""

from __future__ import annotations

from typing import Annotated, Literal

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
from backend.schemas.profiles import ConsentRead, ProfileRead
from backend.services import personal_data, profiles
from backend.services.actor import Actor
from backend.validation import SingleLine, json_body
from backend.wechat.client import WeChatGateway

bp = Blueprint("mp_me", url_prefix="/api/mp/v1/me")


class ErasureCreate(BaseModel):
    confirm: Literal[True] = Field(description="必须为 true：确认注销账号并删除个人信息（不可恢复）")


ConsentVersion = Annotated[str, Field(
    max_length=16, description="同意的《个人信息收集使用说明》版本（即 GET /me/consent 的 version）；已同意可不填")]
TypedPhone = Annotated[str, Field(pattern=r"^(1[3-9]\d{9})?$", description="手机号（11 位）；空字符串为清除")]


class ProfileUpdate(BaseModel):
    real_name: SingleLine | None = Field(None, max_length=32, description="真实姓名；空字符串为清除")
    phone: TypedPhone | None = None
    consent_version: ConsentVersion | None = None


class PhoneFromCode(BaseModel):
    code: str = Field(min_length=1, max_length=128, description="getPhoneNumber 按钮回调中的 code（一次有效）")
    consent_version: ConsentVersion | None = None


@bp.get("/consent")
@openapi.summary("个人信息收集使用说明（姓名、手机号）")
@openapi.description("个人信息保护法第十四条：处理者、目的、方式、种类、保存期限与权利；填写资料前展示，同意时提交其版本。")
@returns(ConsentRead)
@allow(*ALL_ROLES)
async def consent(request: Request) -> HTTPResponse:
    return respond(ConsentRead.model_validate(profiles.CONSENT))


@bp.get("/profile")
@openapi.summary("我的资料：真实姓名与手机号（脱敏）")
@returns(ProfileRead)
@allow(Role.resident, Role.leader)
async def get_profile(request: Request, actor: Actor, pd: PersonalData) -> HTTPResponse:
    return respond(ProfileRead.model_validate(await profiles.get_profile(actor=actor, pd=pd)))


@bp.put("/profile")
@openapi.summary("填写或修改我的真实姓名、手机号")
@openapi.description("须已同意当前版本的说明（或在本次提交 consent_version）；手机号加密保存，名单中脱敏显示。")
@returns(ProfileRead)
@allow(Role.resident, Role.leader)
@json_body(ProfileUpdate)
async def put_profile(request: Request, body: ProfileUpdate, actor: Actor, pd: PersonalData) -> HTTPResponse:
    data = await profiles.update_profile(actor=actor, pd=pd, real_name=body.real_name, phone=body.phone,
                                         consent_version=body.consent_version)
    return respond(ProfileRead.model_validate(data))


@bp.post("/profile/phone")
@openapi.summary("用微信手机号授权的 code 设置手机号")
@openapi.description("服务端以 code 调用微信 phonenumber.getPhoneNumber 换取手机号；code 一次有效。")
@returns(ProfileRead)
@allow(Role.resident, Role.leader)
@json_body(PhoneFromCode)
async def phone_from_code(request: Request, body: PhoneFromCode, actor: Actor, pd: PersonalData,
                          wechat: WeChatGateway) -> HTTPResponse:
    data = await profiles.phone_from_wechat(actor=actor, pd=pd, wechat=wechat, code=body.code,
                                            consent_version=body.consent_version)
    return respond(ProfileRead.model_validate(data))


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
