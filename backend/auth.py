"""Who is calling: opaque bearer tokens in Redis, and the guard every route declares.

Tokens are random strings handed to the client; Redis keeps only their SHA-256, so a leaked cache
dump cannot be replayed. Each route is wrapped by `allow(...)` or marked `public`; a test walks the
route table and fails on any route that declares neither.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, TypeVar, cast

from redis.asyncio import Redis
from sanic import Request

from backend.errors import Forbidden, PasswordChangeRequired, TokenInvalid, TokenLoggedOut, Unauthorized
from backend.models.user import Role
from backend.services import sql
from backend.services.actor import Actor

TOKEN_PREFIX = "auth:tok:"
USER_TOKENS_PREFIX = "auth:user:"
# A logged-out token's digest, kept as long as the token would have lived, so that using it again says
# "you logged out" rather than "your session expired" (outside the auth: prefix: it names no user).
LOGGED_OUT_PREFIX = "logout:tok:"
PUBLIC = "public"
# Only the columns the guard needs, not the row (password hash, encrypted phone, …); written by hand
# because every signed-in request runs it (backend/services/sql.py).
_ACTOR_SQL = "SELECT role, scope_region_id, must_change_password FROM app_user WHERE id = $1 AND active"
ALL_ROLES = (Role.resident, Role.leader, Role.staff, Role.admin)
STAFF_ROLES = (Role.staff, Role.admin)

ROLE_LABELS = {
    Role.resident: "居民",
    Role.leader: "社会组织负责人",
    Role.staff: "工作人员",
    Role.admin: "管理员",
    PUBLIC: "任何人（无需登录）",
}

H = TypeVar("H", bound=Callable[..., Awaitable[Any]])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_token(redis: Redis, *, user_id: int, ttl_seconds: int) -> str:
    """Create a new opaque token for the user and remember it for `ttl_seconds`."""
    token = secrets.token_urlsafe(32)
    digest = _digest(token)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.set(TOKEN_PREFIX + digest, user_id, ex=ttl_seconds)
        pipe.sadd(USER_TOKENS_PREFIX + str(user_id), digest)
        pipe.expire(USER_TOKENS_PREFIX + str(user_id), ttl_seconds)
        await pipe.execute()
    return token


async def revoke_token(redis: Redis, *, token: str) -> None:
    """Log this token out (the user's other sessions stay)."""
    digest = _digest(token)
    ttl = await redis.ttl(TOKEN_PREFIX + digest)
    user_id = await redis.getdel(TOKEN_PREFIX + digest)
    if user_id is not None:
        await redis.srem(USER_TOKENS_PREFIX + str(user_id), digest)  # type: ignore[misc]
        await redis.set(LOGGED_OUT_PREFIX + digest, 1, ex=ttl if ttl > 0 else 86_400)


async def revoke_all_tokens(redis: Redis, user_id: int) -> int:
    """End every session of the user (account closed); returns how many tokens were live."""
    key = USER_TOKENS_PREFIX + str(user_id)
    digests = await redis.smembers(key)  # type: ignore[misc]
    async with redis.pipeline(transaction=True) as pipe:
        for digest in digests:
            pipe.delete(TOKEN_PREFIX + digest)
        pipe.delete(key)
        await pipe.execute()
    return len(digests)


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


async def authenticate(request: Request) -> Actor:
    """Resolve the bearer token to the calling Actor once per request, or raise Unauthorized.

    Registered with sanic-ext as the constructor of `Actor`, so a handler that declares
    `actor: Actor` receives it; services receive nothing else about the caller.
    """
    cached = getattr(request.ctx, "actor", None)
    if cached is not None:
        return cached
    token = bearer_token(request)
    if token is None:
        raise Unauthorized()
    redis: Redis = request.app.ctx.redis
    user_id = await redis.get(TOKEN_PREFIX + _digest(token))
    if user_id is None:
        if await redis.exists(LOGGED_OUT_PREFIX + _digest(token)):
            raise TokenLoggedOut()
        raise TokenInvalid()
    rows = await sql.select(_ACTOR_SQL, [int(user_id)])
    if not rows:
        raise TokenInvalid()
    row = rows[0]
    actor = Actor(user_id=int(user_id), role=Role(row["role"]), scope_region_id=row["scope_region_id"],
                  request_id=str(request.id), must_change_password=bool(row["must_change_password"]))
    request.ctx.actor = actor
    return actor


def allow(*roles: Role) -> Callable[[H], H]:
    """Declare which roles may call a route; others get 401 (not signed in) or 403."""
    if not roles:
        raise ValueError("allow() needs at least one role")
    allowed = frozenset(roles)

    def decorator(handler: H) -> H:
        pending_ok = getattr(handler, "__password_pending_ok__", False)

        @wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> Any:
            actor = await authenticate(request)
            if actor.role not in allowed:
                raise Forbidden()
            if actor.must_change_password and not pending_ok:
                raise PasswordChangeRequired()
            return await handler(request, *args, **kwargs)

        setattr(guarded, "__allowed_roles__", allowed)  # noqa: B010  (read by backend.contract and tests)
        return cast(H, guarded)

    return decorator


def password_pending_ok(handler: H) -> H:
    """Mark a staff route usable while a temporary password awaits its change (me, change, logout);
    put it directly under `allow(...)`."""
    setattr(handler, "__password_pending_ok__", True)  # noqa: B010
    return handler


def public(handler: H) -> H:
    """Declare a route open to anyone, signed in or not."""
    setattr(handler, "__allowed_roles__", frozenset({PUBLIC}))  # noqa: B010
    return handler


def allowed_roles(handler: Callable[..., Any]) -> frozenset[str] | None:
    """The roles a route handler declared, or None when it declared nothing."""
    return getattr(handler, "__allowed_roles__", None)


async def optional_actor(request: Request) -> Actor | None:
    """The caller when a valid bearer token is present, else None (public routes that personalise)."""
    if bearer_token(request) is None:
        return None
    try:
        return await authenticate(request)
    except Unauthorized:
        return None
