"""Signing people in: WeChat mini-program login, dev login, staff password login."""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from redis.asyncio import Redis
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.errors import (
    BadCredentials,
    DevLoginRoleMismatch,
    OldPasswordWrong,
    StaffNotFound,
    StaffSelfDisable,
    UsernameTaken,
    WechatCodeInvalid,
    field_error,
)
from backend.models.region import Region, RegionLevel
from backend.models.user import Role, User
from backend.services import audit, login_guard
from backend.services.actor import Actor
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
    _check_password(password)
    if scope_region_id is not None:
        await _require_town(scope_region_id)
    if await User.exists(username=username):
        raise UsernameTaken()
    return await User.create(username=username, password_hash=_hasher.hash(password), role=role,
                             scope_region_id=scope_region_id, real_name=real_name)


def _check_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        raise field_error(field, f"密码至少 {MIN_PASSWORD} 位")


# --- admins manage staff accounts -------------------------------------------------------------------

STAFF = (Role.staff, Role.admin)
MIN_PASSWORD = 8


def account_snapshot(user: User) -> dict[str, Any]:
    """What the audit trail keeps of an account (never the password hash)."""
    return {"role": str(user.role), "username": user.username, "scope_region_id": user.scope_region_id,
            "active": user.active}


async def list_staff(*, actor: Actor, q: str | None, role: Role | None, active: bool | None, page: int,
                     page_size: int) -> tuple[list[User], int]:
    """Staff and admin accounts, newest first; `q` matches username or real name."""
    query = User.filter(role__in=[role] if role else list(STAFF))
    if active is not None:
        query = query.filter(active=active)
    if q:
        query = query.filter(Q(username__icontains=q) | Q(real_name__icontains=q))
    total = await query.count()
    items = await query.order_by("-created_at", "-id").offset((page - 1) * page_size).limit(page_size)
    return items, total


async def get_staff(*, user_id: int) -> User:
    """A staff or admin account; 404 `staff_not_found` for anyone else (residents, leaders)."""
    user = await User.get_or_none(id=user_id, role__in=list(STAFF))
    if user is None:
        raise StaffNotFound()
    return user


async def change_scope(*, actor: Actor, user_id: int, scope_region_id: int | None) -> User:
    """Move a staff account to one town or to the whole district (None); takes effect on its next request."""
    if scope_region_id is not None:
        await _require_town(scope_region_id)
    user = await get_staff(user_id=user_id)
    before = account_snapshot(user)
    user.scope_region_id = scope_region_id
    await user.save(update_fields=["scope_region_id"])
    await audit.record(actor=actor, action="staff.scope_change", object_type="user", object_id=user.id,
                       before=before, after=account_snapshot(user))
    return user


async def reset_password(*, actor: Actor, user_id: int, password: str | None) -> str | None:
    """Set a new password for a staff account; without one, a random temporary password is returned once."""
    if password is not None:
        _check_password(password)
    user = await get_staff(user_id=user_id)
    if not user.username:
        raise StaffNotFound()  # a dev-login account has no password sign-in to reset
    temporary = secrets.token_urlsafe(9) if password is None else None
    user.password_hash = _hasher.hash(password or temporary or "")
    user.must_change_password = temporary is not None  # a generated password was seen by the admin too
    await user.save(update_fields=["password_hash", "must_change_password"])
    await audit.record(actor=actor, action="staff.password_reset", object_type="user", object_id=user.id,
                       after={"temporary": temporary is not None})
    return temporary


async def set_active(*, actor: Actor, user_id: int, active: bool) -> User:
    """Disable (no sign-in, its tokens stop working) or re-enable a staff account; never one's own."""
    if not active and user_id == actor.user_id:
        raise StaffSelfDisable()
    user = await get_staff(user_id=user_id)
    before = account_snapshot(user)
    if user.active != active:
        user.active = active
        await user.save(update_fields=["active"])
        await audit.record(actor=actor, action="staff.enable" if active else "staff.disable", object_type="user",
                           object_id=user.id, before=before, after=account_snapshot(user))
    return user


async def change_own_password(*, actor: Actor, old_password: str, new_password: str) -> None:
    """A staff member replaces their own password; the old one must be given."""
    _check_password(new_password, "new_password")
    user = await get_staff(user_id=actor.user_id)
    try:
        _hasher.verify(user.password_hash or _DUMMY_HASH, old_password)
        if not user.password_hash:
            raise VerifyMismatchError
    except (VerifyMismatchError, InvalidHashError):
        raise OldPasswordWrong() from None
    user.password_hash = _hasher.hash(new_password)
    user.must_change_password = False
    await user.save(update_fields=["password_hash", "must_change_password"])
    await audit.record(actor=actor, action="staff.password_change", object_type="user", object_id=user.id)


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
