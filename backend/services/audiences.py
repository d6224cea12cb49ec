"""Who a notice reaches: audience specs resolved to user ids, and the town each one lies in.

Town staff may only address their own town; an audience whose scope is None spans the district
(everyone, or organizations in several towns) and is for district staff, with a second approval.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from backend.errors import (
    ActivityNotFound,
    AudienceOutOfScope,
    GrantProgramNotFound,
    field_error,
)
from backend.models.activity import Activity, Signup, SignupStatus
from backend.models.organization import MemberRole, Organization, OrgCategory, OrgMember, OrgStatus
from backend.models.region import Region, RegionLevel
from backend.models.user import Role, User
from backend.services.actor import Actor

CATEGORY_LABELS = {
    "industry_association": "行业协会商会", "science_tech": "科技类", "charity": "公益慈善类",
    "community_service": "城乡社区服务类", "other": "其他",
}


class AudienceKind(StrEnum):
    all_users = "all"  # 全体用户（小程序居民与社会组织负责人）
    org_leaders = "org_leaders"  # 某镇街和/或某类别社会组织的负责人
    activity = "activity"  # 某活动报名成功的参与者
    grant_program = "grant_program"  # 某公益创投项目的申报组织负责人
    orgs = "orgs"  # 指定社会组织名单的负责人
    users = "users"  # 指定用户（仅系统事件通知使用）


@dataclass(frozen=True, slots=True)
class Audience:
    kind: AudienceKind
    town_id: int | None = None
    category: str | None = None
    activity_id: int | None = None
    program_id: int | None = None
    org_ids: list[int] = field(default_factory=list)
    user_ids: list[int] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Audience:
        return cls(kind=AudienceKind(data["kind"]), town_id=data.get("town_id"), category=data.get("category"),
                   activity_id=data.get("activity_id"), program_id=data.get("program_id"),
                   org_ids=list(data.get("org_ids") or []), user_ids=list(data.get("user_ids") or []))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": str(self.kind)}
        for name in ("town_id", "category", "activity_id", "program_id"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        if self.org_ids:
            data["org_ids"] = sorted(set(self.org_ids))
        if self.user_ids:
            data["user_ids"] = sorted(set(self.user_ids))
        return data


@dataclass(frozen=True, slots=True)
class Scope:
    town_id: int | None  # None: the audience spans the district
    label: str


async def _town(town_id: int) -> Region:
    town = await Region.get_or_none(id=town_id, level=RegionLevel.town)
    if town is None:
        raise field_error("audience.town_id", "镇街不存在")
    return town


async def scope_of(audience: Audience) -> Scope:
    """The town an audience lies in (None = district-wide) and a label for staff; checks references."""
    kind = audience.kind
    if kind is AudienceKind.all_users:
        return Scope(None, "全体用户")
    if kind is AudienceKind.org_leaders:
        return await _org_leaders_scope(audience)
    if kind is AudienceKind.activity:
        if audience.activity_id is None:
            raise field_error("audience.activity_id", "请选择活动")
        activity = await Activity.get_or_none(id=audience.activity_id)
        if activity is None:
            raise ActivityNotFound()
        return Scope(activity.town_id, f"活动“{activity.title}”的报名参与者")
    if kind is AudienceKind.grant_program:
        return await _grant_scope(audience)
    if kind is AudienceKind.orgs:
        return await _orgs_scope(audience)
    return Scope(None, f"指定用户 {len(audience.user_ids)} 人")


async def _org_leaders_scope(audience: Audience) -> Scope:
    parts = []
    if audience.category is not None:
        if audience.category not in {c.value for c in OrgCategory}:
            raise field_error("audience.category", "社会组织类别无效")
        parts.append(CATEGORY_LABELS.get(audience.category, audience.category))
    if audience.town_id is None:
        return Scope(None, "全区" + "".join(parts) + "社会组织负责人")
    town = await _town(audience.town_id)
    return Scope(town.id, f"{town.name}" + "".join(parts) + "社会组织负责人")


async def _grant_scope(audience: Audience) -> Scope:
    from backend.models.grant import GrantProgram

    if audience.program_id is None:
        raise field_error("audience.program_id", "请选择公益创投项目")
    program = await GrantProgram.get_or_none(id=audience.program_id)
    if program is None:
        raise GrantProgramNotFound()
    if audience.town_id is None:
        return Scope(None, f"“{program.name}”的申报组织负责人")
    town = await _town(audience.town_id)
    return Scope(town.id, f"{town.name}参加“{program.name}”的申报组织负责人")


async def _orgs_scope(audience: Audience) -> Scope:
    if not audience.org_ids:
        raise field_error("audience.org_ids", "请至少选择一个社会组织")
    towns = await Organization.filter(id__in=audience.org_ids).values_list("id", "town_id")
    found = {org_id for org_id, _ in towns}
    missing = sorted(set(audience.org_ids) - found)
    if missing:
        raise field_error("audience.org_ids", f"社会组织不存在：{', '.join(map(str, missing[:10]))}")
    distinct = {town_id for _, town_id in towns}
    return Scope(distinct.pop() if len(distinct) == 1 else None, f"指定的 {len(found)} 个社会组织负责人")


def check_scope(actor: Actor, scope: Scope) -> None:
    """Town staff address only their own town; district-wide audiences are for district staff."""
    if actor.scope_region_id is None:
        return
    if scope.town_id is None:
        raise AudienceOutOfScope()
    if scope.town_id != actor.scope_region_id:
        raise AudienceOutOfScope()


def _leaders() -> Any:
    return OrgMember.filter(role=MemberRole.leader, confirmed=True, user__active=True)


async def resolve(audience: Audience) -> list[int]:
    """The distinct active users the audience reaches, in id order."""
    kind = audience.kind
    ids: list[Any]
    if kind is AudienceKind.all_users:
        ids = await User.filter(active=True, role__in=[Role.resident, Role.leader]).values_list("id", flat=True)
    elif kind is AudienceKind.org_leaders:
        query = _leaders().filter(org__status=OrgStatus.active)
        if audience.town_id is not None:
            query = query.filter(org__town_id=audience.town_id)
        if audience.category is not None:
            query = query.filter(org__category=audience.category)
        ids = await query.values_list("user_id", flat=True)
    elif kind is AudienceKind.activity:
        ids = await Signup.filter(activity_id=audience.activity_id, status=SignupStatus.confirmed,
                                  user__active=True).values_list("user_id", flat=True)
    elif kind is AudienceKind.grant_program:
        ids = await _grant_applicant_leaders(audience)
    elif kind is AudienceKind.orgs:
        ids = await _leaders().filter(org_id__in=audience.org_ids).values_list("user_id", flat=True)
    else:
        ids = await User.filter(id__in=audience.user_ids, active=True).values_list("id", flat=True)
    return sorted(set(ids))


async def _grant_applicant_leaders(audience: Audience) -> list[int]:
    from backend.models.grant import ApplicationStatus, GrantApplication

    query = GrantApplication.filter(program_id=audience.program_id).exclude(status=ApplicationStatus.draft)
    if audience.town_id is not None:
        query = query.filter(org__town_id=audience.town_id)
    org_ids = list(set(await query.values_list("org_id", flat=True)))
    if not org_ids:
        return []
    return list(await _leaders().filter(org_id__in=org_ids).values_list("user_id", flat=True))
