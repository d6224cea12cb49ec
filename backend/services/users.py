"""Signing people in: WeChat mini-program login, dev login, staff password login."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from redis.asyncio import Redis
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.errors import (
    BadCredentials,
    DevLoginRoleMismatch,
    UsernameTaken,
    WechatCodeInvalid,
    field_error,
)
from backend.models.region import Region, RegionLevel
from backend.models.user import Role, User
from backend.services import login_guard
from backend.services.login_guard import LoginPolicy
from backend.wechat.client import WeChatError, WeChatGateway

log = logging.getLogger(__name__)
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verifying against this keeps the timing of "no such user" equal to "wrong password".
_DUMMY_HASH = _hasher.hash("not-a-real-password")

INVALID_CODE_ERRCODES = {40029, 40163, 40226}


async def get_user(*, user_id: int) -> User:
    """The user behind an authenticated token (it exists: the token was issued for it)."""
    return await User.get(id=user_id)


async def find_or_create_wechat_user(*, openid: str, unionid: str | None) -> User:
    """The user for this openid, created as a resident on first sight; unionid kept up to date."""
    user = await User.get_or_none(openid=openid)
    if user is None and unionid:
        user = await User.get_or_none(unionid=unionid, openid=None)
    if user is None:
        try:
            async with in_transaction():
                user = await User.create(openid=openid, unionid=unionid, role=Role.resident)
        except IntegrityError:  # a concurrent first login created it
            user = await User.get(openid=openid)
    changed = []
    if user.openid != openid:
        user.openid = openid
        changed.append("openid")
    if unionid and user.unionid != unionid:
        user.unionid = unionid
        changed.append("unionid")
    user.last_login_at = datetime.now(UTC)
    await user.save(update_fields=[*changed, "last_login_at"])
    return user


async def login_with_wechat(*, wechat: WeChatGateway, code: str) -> User:
    """Exchange a wx.login code for the user; the session_key is dropped here and never stored."""
    try:
        session = await wechat.code_to_session(code)
    except WeChatError as exc:
        if exc.errcode in INVALID_CODE_ERRCODES:
            raise WechatCodeInvalid() from None
        raise
    return await find_or_create_wechat_user(openid=session["openid"], unionid=session.get("unionid"))


_DEV_ROLE_LABELS = {Role.resident: "居民", Role.leader: "社会组织负责人", Role.staff: "工作人员", Role.admin: "管理员"}


async def dev_login(*, openid: str, role: Role | None, scope_region_id: int | None = None) -> User:
    """Sign in as a test identity in dev/test. A new openid gets the requested role (resident when none);
    an existing user keeps the role they have (a leader stays a leader) — asking for another is a 409.
    Admin tokens are never handed out here: admins sign in with their password."""
    if role is Role.admin:
        raise field_error("role", "开发登录不签发管理员令牌，请用管理员账号和密码登录")
    existing = await User.get_or_none(openid=openid)
    if existing is not None:
        if role is not None and role != existing.role:
            raise DevLoginRoleMismatch(current=_DEV_ROLE_LABELS[existing.role], wanted=_DEV_ROLE_LABELS[role])
        return await find_or_create_wechat_user(openid=openid, unionid=None)
    role = role or Role.resident
    if role is Role.staff and scope_region_id is not None:
        await _require_town(scope_region_id)  # before creating the user: bad input changes nothing
    user = await find_or_create_wechat_user(openid=openid, unionid=None)
    user.role = role
    user.scope_region_id = scope_region_id if role is Role.staff else None
    await user.save(update_fields=["role", "scope_region_id"])
    return user


async def _require_town(region_id: int) -> Region:
    region = await Region.get_or_none(id=region_id, level=RegionLevel.town)
    if region is None:
        raise field_error("scope_region_id", "镇街不存在")
    return region


async def create_staff(*, username: str, password: str, role: Role = Role.staff,
                       scope_region_id: int | None = None, real_name: str = "") -> User:
    """Create a staff account with an argon2id password hash."""
    if role not in (Role.staff, Role.admin):
        raise field_error("role", "只能创建工作人员或管理员账号")
    if len(password) < 8:
        raise field_error("password", "密码至少 8 位")
    if scope_region_id is not None:
        await _require_town(scope_region_id)
    if await User.exists(username=username):
        raise UsernameTaken()
    return await User.create(username=username, password_hash=_hasher.hash(password), role=role,
                             scope_region_id=scope_region_id, real_name=real_name)


async def staff_login(*, redis: Redis, username: str, password: str, client_ip: str, policy: LoginPolicy) -> User:
    """Check a staff password; failures back off per (username, address) pair (services/login_guard)."""
    await login_guard.check_allowed(redis=redis, policy=policy, username=username, client_ip=client_ip)
    user = await User.get_or_none(username=username, active=True)
    try:
        _hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH, password)
        if user is None or user.role not in (Role.staff, Role.admin):
            raise VerifyMismatchError
    except (VerifyMismatchError, InvalidHashError):
        await login_guard.record_failure(redis=redis, policy=policy, username=username, client_ip=client_ip)
        raise BadCredentials() from None
    await login_guard.record_success(redis=redis, username=username, client_ip=client_ip)
    if _hasher.check_needs_rehash(user.password_hash or ""):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = datetime.now(UTC)
    await user.save(update_fields=["password_hash", "last_login_at"])
    return user
