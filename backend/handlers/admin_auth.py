"""Staff sign-in on a PC: username and password, rate limited on repeated failures."""

from __future__ import annotations

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi

from backend.auth import STAFF_ROLES, allow, bearer_token, issue_token, password_pending_ok, public, revoke_token
from backend.contract import returns
from backend.models.user import User
from backend.responses import respond
from backend.schemas import OkRead
from backend.schemas.users import StaffLoginRead, StaffUserRead
from backend.services import login_guard, users
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import json_body

bp = Blueprint("admin_auth", url_prefix="/api/admin/v1/auth")


class StaffLogin(BaseModel):
    username: str = Field(min_length=1, max_length=64, description="用户名")
    password: str = Field(min_length=1, max_length=256, description="密码")


def user_summary(user: User) -> dict:
    return {"id": user.id, "role": str(user.role), "username": user.username, "real_name": user.real_name,
            "scope_region_id": user.scope_region_id, "must_change_password": user.must_change_password}


@bp.post("/login")
@openapi.summary("工作人员登录")
@returns(StaffLoginRead)
@public
@json_body(StaffLogin)
async def staff_login(request: Request, body: StaffLogin, redis: Redis, settings: Settings) -> HTTPResponse:
    user = await users.staff_login(
        redis=redis, username=body.username, password=body.password, client_ip=request.remote_addr or request.ip,
        policy=login_guard.policy_from(settings),
    )
    token = await issue_token(redis, user_id=user.id, ttl_seconds=settings.token_ttl_seconds)
    return json({"token": token, "expires_in": settings.token_ttl_seconds, "user": user_summary(user)},
                ensure_ascii=False)


@bp.post("/logout")
@openapi.summary("工作人员退出登录")
@returns(OkRead)
@allow(*STAFF_ROLES)
@password_pending_ok
async def staff_logout(request: Request, redis: Redis) -> HTTPResponse:
    await revoke_token(redis, token=bearer_token(request) or "")
    return json({"ok": True})


@bp.get("/me")
@openapi.summary("当前工作人员")
@returns(StaffUserRead)
@allow(*STAFF_ROLES)
@password_pending_ok
async def staff_me(request: Request, actor: Actor) -> HTTPResponse:
    user = await users.get_user(user_id=actor.user_id)
    return json(user_summary(user), ensure_ascii=False)


class PasswordChange(BaseModel):
    old_password: str = Field(min_length=1, max_length=256, description="原密码")
    new_password: str = Field(min_length=8, max_length=256, description="新密码（至少 8 位）")


@bp.put("/password")
@openapi.summary("修改自己的登录密码（须输入原密码）")
@returns(OkRead)
@allow(*STAFF_ROLES)
@password_pending_ok
@json_body(PasswordChange)
async def change_password(request: Request, body: PasswordChange, actor: Actor) -> HTTPResponse:
    await users.change_own_password(actor=actor, old_password=body.old_password, new_password=body.new_password)
    return respond(OkRead())
