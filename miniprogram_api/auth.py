"""Mini-program sign-in: wx.login code → our own opaque token. session_key never leaves the server."""

from __future__ import annotations

from pydantic import BaseModel, Field
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.auth import ALL_ROLES, allow, bearer_token, issue_token, public, revoke_token
from backend.contract import returns
from backend.models.user import Role, User
from backend.outages import ensure_stores_reachable
from backend.responses import respond
from backend.schemas import OkRead
from backend.schemas.users import LoginRead, UserRead
from backend.services import users
from backend.services.actor import Actor
from backend.settings import Settings
from backend.validation import DbId, json_body
from backend.wechat.client import WeChatGateway

bp = Blueprint("mp_auth", url_prefix="/api/mp/v1/auth")
dev_bp = Blueprint("mp_dev_auth", url_prefix="/api/mp/v1/auth")


class WxLogin(BaseModel):
    code: str = Field(min_length=1, max_length=128, description="wx.login() 返回的临时登录凭证")


class DevLogin(BaseModel):
    openid: str = Field(min_length=1, max_length=64, description="模拟的 openid")
    role: Role | None = Field(None, description="新账号扮演的角色（居民、负责人或工作人员；不签发管理员令牌）；"
                                                "留空时新账号为居民、已有账号保持原角色")
    scope_region_id: DbId | None = Field(None, description="工作人员的管辖镇街；留空为全区")


async def _token_response(redis: Redis, settings: Settings, user: User) -> HTTPResponse:
    token = await issue_token(redis, user_id=user.id, ttl_seconds=settings.token_ttl_seconds)
    return respond(LoginRead(token=token, expires_in=settings.token_ttl_seconds, user=UserRead.of(user)))


@bp.post("/login")
@openapi.summary("小程序登录：用 wx.login 的 code 换取令牌")
@returns(LoginRead)
@public
@json_body(WxLogin)
async def wx_login(request: Request, body: WxLogin, redis: Redis, settings: Settings,
                   wechat: WeChatGateway) -> HTTPResponse:
    await ensure_stores_reachable(redis)  # a wx.login code is single use: never spend it in an outage
    user = await users.login_with_wechat(wechat=wechat, code=body.code)
    return await _token_response(redis, settings, user)


@bp.post("/logout")
@openapi.summary("退出登录（令牌立即失效）")
@returns(OkRead)
@allow(*ALL_ROLES)
async def wx_logout(request: Request, redis: Redis) -> HTTPResponse:
    await revoke_token(redis, token=bearer_token(request) or "")
    return respond(OkRead())


@bp.get("/me")
@openapi.summary("当前用户")
@returns(UserRead)
@allow(*ALL_ROLES)
async def whoami(request: Request, actor: Actor) -> HTTPResponse:
    return respond(UserRead.of(await users.get_user(user_id=actor.user_id)))


@dev_bp.post("/dev-login")
@openapi.summary("开发登录：以测试身份登录（仅 dev/test 环境存在；不更改已有账号的角色，不签发管理员令牌）")
@returns(LoginRead)
@public
@json_body(DevLogin)
async def dev_login(request: Request, body: DevLogin, redis: Redis, settings: Settings) -> HTTPResponse:
    user = await users.dev_login(openid=body.openid, role=body.role, scope_region_id=body.scope_region_id)
    return await _token_response(redis, settings, user)
