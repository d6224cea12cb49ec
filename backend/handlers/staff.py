"""Admins manage staff accounts (the PC console); the CLI `create-staff` does the same offline."""

from __future__ import annotations

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow, revoke_all_tokens
from backend.contract import returns
from backend.models.user import Role
from backend.responses import respond
from backend.schemas import Page, ReadModel
from backend.schemas.users import StaffAccountRead, StaffUserRead, TemporaryPasswordRead
from backend.services import audit, login_guard, users
from backend.services.actor import Actor
from backend.validation import DbId, SingleLine, json_body, query_args

bp = Blueprint("admin_staff", url_prefix="/api/admin/v1/staff")


class StaffCreate(BaseModel):
    username: str = Field(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$", description="用户名")
    password: str = Field(min_length=8, max_length=256, description="初始密码（至少 8 位）")
    role: Role = Field(Role.staff, description="staff 或 admin")
    scope_region_id: DbId | None = Field(None, description="管辖镇街 id；留空为全区")
    real_name: SingleLine = Field("", max_length=32, description="姓名")


@bp.post("/")
@openapi.summary("创建工作人员账号")
@returns(StaffUserRead, 201)
@allow(Role.admin)
@json_body(StaffCreate)
async def create_staff(request: Request, body: StaffCreate, actor: Actor) -> HTTPResponse:
    user = await users.create_staff(username=body.username, password=body.password, role=body.role,
                                    scope_region_id=body.scope_region_id, real_name=body.real_name)
    summary = StaffUserRead.model_validate(user)
    await audit.record(actor=actor, action="staff.create", object_type="user",
                       object_id=user.id, after=summary.model_dump(mode="json"))
    return respond(summary, status=201)


class LoginUnlockRead(ReadModel):
    ok: bool
    cleared_addresses: int = Field(description="解除限制的网络地址数")


@bp.post("/<user_id:int>/unlock-login")
@openapi.summary("解除工作人员账号的登录限制（登录失败过多后的等待）")
@returns(LoginUnlockRead)
@allow(Role.admin)
async def unlock_staff_login(request: Request, user_id: int, actor: Actor, redis: Redis) -> HTTPResponse:
    cleared = await login_guard.unlock_account(redis=redis, actor=actor, user_id=user_id)
    return respond(LoginUnlockRead(ok=True, cleared_addresses=cleared))


class StaffQuery(BaseModel):
    q: str | None = Field(None, max_length=64, description="用户名或姓名关键字")
    role: Role | None = Field(None, description="staff 或 admin；留空为全部")
    active: bool | None = Field(None, description="true 只看启用的，false 只看停用的")
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(20, ge=1, le=100)


class ScopeChange(BaseModel):
    scope_region_id: DbId | None = Field(description="管辖镇街 id；为 null 表示全区")


class PasswordReset(BaseModel):
    password: str | None = Field(None, min_length=8, max_length=256,
                                 description="新密码（至少 8 位）；留空则由系统生成临时密码并返回一次")


@bp.get("/")
@openapi.summary("工作人员账号列表（管理员）")
@returns(Page[StaffAccountRead])
@allow(Role.admin)
@query_args(StaffQuery)
async def list_staff(request: Request, query: StaffQuery, actor: Actor) -> HTTPResponse:
    items, total = await users.list_staff(actor=actor, q=query.q, role=query.role, active=query.active,
                                          page=query.page, page_size=query.page_size)
    return respond(Page[StaffAccountRead](items=[StaffAccountRead.model_validate(u) for u in items], total=total,
                                          page=query.page, page_size=query.page_size))


@bp.put("/<user_id:int>/scope")
@openapi.summary("调整工作人员的管辖范围（镇街或全区）")
@returns(StaffAccountRead)
@allow(Role.admin)
@json_body(ScopeChange)
async def change_scope(request: Request, user_id: int, body: ScopeChange, actor: Actor) -> HTTPResponse:
    user = await users.change_scope(actor=actor, user_id=user_id, scope_region_id=body.scope_region_id)
    return respond(StaffAccountRead.model_validate(user))


@bp.post("/<user_id:int>/reset-password")
@openapi.summary("重置工作人员密码（可生成一次性临时密码；该账号已登录的令牌全部失效）")
@returns(TemporaryPasswordRead)
@allow(Role.admin)
@json_body(PasswordReset)
async def reset_password(request: Request, user_id: int, body: PasswordReset, actor: Actor,
                         redis: Redis) -> HTTPResponse:
    temporary = await users.reset_password(actor=actor, user_id=user_id, password=body.password)
    await revoke_all_tokens(redis, user_id)
    return respond(TemporaryPasswordRead(temporary_password=temporary))


@bp.post("/<user_id:int>/disable")
@openapi.summary("停用工作人员账号（不能再登录，已登录的令牌立即失效）")
@returns(StaffAccountRead)
@allow(Role.admin)
async def disable_staff(request: Request, user_id: int, actor: Actor, redis: Redis) -> HTTPResponse:
    user = await users.set_active(actor=actor, user_id=user_id, active=False)
    await revoke_all_tokens(redis, user_id)
    return respond(StaffAccountRead.model_validate(user))


@bp.post("/<user_id:int>/enable")
@openapi.summary("重新启用工作人员账号")
@returns(StaffAccountRead)
@allow(Role.admin)
async def enable_staff(request: Request, user_id: int, actor: Actor) -> HTTPResponse:
    return respond(StaffAccountRead.model_validate(await users.set_active(actor=actor, user_id=user_id, active=True)))
