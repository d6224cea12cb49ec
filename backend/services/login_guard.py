"""Staff password guessing is slowed per (username, address) pair, so nobody can lock staff out.

Five wrong passwords used to lock a username, and every account from that address, for 15 minutes:
anyone could lock the district's staff out. Now failures are counted per (username, address) pair.
After `free_failures` of them the pair waits, doubling with each further failure up to a cap; an
address that fails very often, whatever the usernames, reaches a much higher ceiling. A correct
password from an address that has not failed is never refused, and an admin can clear an account's
back-off (audited). Counts live in Redis, so every worker sees the same ones.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from redis.asyncio import Redis

from backend.errors import LoginAddressBlocked, LoginLocked, StaffNotFound
from backend.models.user import Role, User
from backend.services import audit
from backend.services.actor import Actor
from backend.settings import Settings

PREFIX = "staff-login:"


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    free_failures: int = 5  # per (username, address) before the back-off starts
    window_seconds: int = 15 * 60  # how long failures are remembered (renewed by each failure)
    backoff_seconds: int = 30  # the first wait; doubled by each further failure
    backoff_max_seconds: int = 15 * 60
    address_max_failures: int = 100  # per address in the window, whatever the usernames


def policy_from(settings: Settings) -> LoginPolicy:
    return LoginPolicy(
        free_failures=settings.staff_login_max_failures, window_seconds=settings.staff_login_window_seconds,
        backoff_seconds=settings.staff_login_backoff_seconds,
        backoff_max_seconds=settings.staff_login_backoff_max_seconds,
        address_max_failures=settings.staff_login_address_max_failures,
    )


def _account(username: str) -> str:
    # Usernames are free text at this point (any 64 characters); a digest keeps the keys well formed.
    return hashlib.sha256(username.encode()).hexdigest()[:32]


def _keys(username: str, client_ip: str) -> tuple[str, str, str, str]:
    account = _account(username)
    return (f"{PREFIX}fails:{account}:{client_ip}", f"{PREFIX}wait:{account}:{client_ip}",
            f"{PREFIX}addresses:{account}", f"{PREFIX}address:{client_ip}")


def backoff_seconds(policy: LoginPolicy, failures: int) -> int:
    """How long a pair waits after its `failures`-th failure (0 while it still has free tries)."""
    if failures < policy.free_failures:
        return 0
    return min(policy.backoff_seconds * 2 ** (failures - policy.free_failures), policy.backoff_max_seconds)


def _wait_text(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 90 else f"{(seconds + 59) // 60} 分钟"


async def check_allowed(*, redis: Redis, policy: LoginPolicy, username: str, client_ip: str) -> None:
    """Refuse before the password is checked when this pair is waiting or the address hit its ceiling."""
    _, wait_key, _, address_key = _keys(username, client_ip)
    address_failures = await redis.get(address_key)
    if address_failures is not None and int(address_failures) >= policy.address_max_failures:
        retry = max(int(await redis.ttl(address_key)), 1)
        raise LoginAddressBlocked(details={"retry_after": retry})
    retry = int(await redis.ttl(wait_key))
    if retry > 0:
        raise LoginLocked(wait=_wait_text(retry), details={"retry_after": retry})


async def record_failure(*, redis: Redis, policy: LoginPolicy, username: str, client_ip: str) -> int:
    """Count a wrong password for the pair and the address; returns the pair's wait in seconds."""
    fails_key, wait_key, addresses_key, address_key = _keys(username, client_ip)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(fails_key)
        pipe.expire(fails_key, policy.window_seconds + policy.backoff_max_seconds)
        pipe.sadd(addresses_key, client_ip)
        pipe.expire(addresses_key, policy.window_seconds + policy.backoff_max_seconds)
        pipe.incr(address_key)
        pipe.expire(address_key, policy.window_seconds, nx=True)
        failures, *_ = await pipe.execute()
    wait = backoff_seconds(policy, int(failures))
    if wait:
        await redis.set(wait_key, "1", ex=wait)
    return wait


async def record_success(*, redis: Redis, username: str, client_ip: str) -> None:
    """A correct password forgets the pair's failures (not the address's: other accounts count there)."""
    fails_key, wait_key, addresses_key, _ = _keys(username, client_ip)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(fails_key, wait_key)
        pipe.srem(addresses_key, client_ip)
        await pipe.execute()


async def clear_account(*, redis: Redis, username: str) -> int:
    """Forget every address's failures and waits for this username; returns how many addresses."""
    account = _account(username)
    addresses_key = f"{PREFIX}addresses:{account}"
    addresses = list(await redis.smembers(addresses_key))  # type: ignore[misc]
    keys = [f"{PREFIX}{kind}:{account}:{ip}" for ip in addresses for kind in ("fails", "wait")]
    await redis.delete(addresses_key, *keys)
    return len(addresses)


async def unlock_account(*, redis: Redis, actor: Actor, user_id: int) -> int:
    """An admin clears a staff account's sign-in back-off; the audit row keeps who and how many."""
    user = await User.get_or_none(id=user_id, role__in=[Role.staff, Role.admin])
    if user is None or not user.username:
        raise StaffNotFound()
    cleared = await clear_account(redis=redis, username=user.username)
    await audit.record(actor=actor, action="staff.login_unlock", object_type="user", object_id=user.id,
                       before={"waiting_addresses": cleared}, after={"waiting_addresses": 0})
    return cleared
