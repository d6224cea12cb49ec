"""Admins manage staff accounts (the PC console); the CLI `create-staff` does the same offline."""

from __future__ import annotations

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import allow
from backend.contract import returns
from backend.models.user import Role
from backend.responses import respond
from backend.schemas import ReadModel
from backend.schemas.users import StaffUserRead
from backend.services import audit, login_guard, users
from backend.services.actor import Actor
from backend.validation import DbId, SingleLine, json_body

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
