"""Small async factories for tests: `await make_org(**overrides)` and friends."""

from __future__ import annotations

import itertools
from typing import Any

from redis.asyncio import Redis

from backend.auth import issue_token
from backend.models.organization import (
    LegalForm,
    MemberRole,
    Organization,
    OrgCategory,
    OrgMember,
    OrgStatus,
)
from backend.models.region import Region, RegionLevel
from backend.models.user import Role, User

_seq = itertools.count(1)


async def town(index: int = 0) -> Region:
    """The index-th seeded town/street."""
    return (await Region.filter(level=RegionLevel.town).order_by("id"))[index]


async def community_of(town_region: Region, index: int = 0) -> Region:
    return (await Region.filter(parent_id=town_region.id).order_by("id"))[index]


async def make_user(role: Role | str = Role.resident, **overrides: Any) -> User:
    n = next(_seq)
    fields: dict[str, Any] = {"openid": f"o-factory-{n}", "role": Role(role), "nickname": f"用户{n}"}
    fields.update(overrides)
    return await User.create(**fields)


async def make_org(*, leader: User | None = None, **overrides: Any) -> Organization:
    """An organization (active unless told otherwise) in the first town; `leader` is bound to it."""
    n = next(_seq)
    fields: dict[str, Any] = {
        "name": f"测试社会组织{n}",
        "legal_form": LegalForm.social_group,
        "category": OrgCategory.community_service,
        "status": OrgStatus.active,
        "address": "测试路 1 号",
    }
    fields.update(overrides)
    if "town" not in fields and "town_id" not in fields:
        fields["town"] = await town(0)
    org = await Organization.create(**fields)
    if leader is not None:
        if leader.role == Role.resident:
            leader.role = Role.leader
            await leader.save(update_fields=["role"])
        await OrgMember.create(org=org, user=leader, role=MemberRole.leader, confirmed=True)
    return org


async def auth_headers(redis: Redis, user: User) -> dict[str, str]:
    """Bearer headers for an existing user, without going through a login route."""
    token = await issue_token(redis, user_id=user.id, ttl_seconds=3600)
    return {"Authorization": f"Bearer {token}"}


async def make_activity(*, org: Organization, **overrides: Any) -> Any:
    """A published activity of `org` starting tomorrow for two hours (capacity 10)."""
    from datetime import UTC, datetime, timedelta

    from backend.models.activity import Activity, ActivityCategory, ActivityStatus

    n = next(_seq)
    starts = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    fields: dict[str, Any] = {
        "title": f"测试活动{n}", "description": "一起来做志愿服务", "category": ActivityCategory.volunteer,
        "starts_at": starts, "ends_at": starts + timedelta(hours=2), "signup_deadline": starts,
        "town_id": org.town_id, "address": "测试路 1 号", "capacity": 10, "waitlist_limit": 10,  # type: ignore[attr-defined]
        "status": ActivityStatus.published, "published_at": datetime.now(UTC),
    }
    fields.update(overrides)
    return await Activity.create(org=org, **fields)
