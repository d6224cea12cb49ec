"""An organization's members and leader handovers, as the leader and staff see them."""

from __future__ import annotations

from pydantic import Field

from backend.crypto import PersonalData, mask_phone
from backend.models.organization import HandoverStatus, LeaderHandover, MemberRole, OrgMember
from backend.models.user import User
from backend.schemas import Instant, ReadModel


def display_name(user: User) -> str:
    return user.real_name or user.nickname or f"居民{user.id}"


class MemberRead(ReadModel):
    user_id: int
    name: str = Field(description="真实姓名；未填写时为微信昵称")
    phone: str = Field(description="手机号（脱敏）；未填写为空")
    role: MemberRole = Field(description="负责人 leader / 成员 member")
    confirmed: bool = Field(description="否：负责人认领待工作人员确认")
    joined_at: Instant

    @classmethod
    def of(cls, member: OrgMember, pd: PersonalData) -> MemberRead:
        user = member.user
        phone = mask_phone(pd.decrypt(user.phone_encrypted)) if user.phone_encrypted else ""
        return cls(user_id=user.id, name=display_name(user), phone=phone, role=member.role,
                   confirmed=member.confirmed, joined_at=member.created_at)


class HandoverRead(ReadModel):
    id: int
    org_id: int
    org_name: str
    from_user_id: int
    from_name: str = Field(description="移交人")
    to_user_id: int
    to_name: str = Field(description="接任负责人")
    status: HandoverStatus = Field(description="待确认 pending / 已移交 confirmed / 不予确认 rejected")
    reason: str = Field(description="移交说明")
    decision_reason: str = Field(description="工作人员的意见")
    created_at: Instant
    decided_at: Instant | None

    @classmethod
    def of(cls, h: LeaderHandover) -> HandoverRead:
        return cls(id=h.id, org_id=h.org_id, org_name=h.org.name, from_user_id=h.from_user_id,
                   from_name=display_name(h.from_user), to_user_id=h.to_user_id, to_name=display_name(h.to_user),
                   status=h.status, reason=h.reason, decision_reason=h.decision_reason, created_at=h.created_at,
                   decided_at=h.decided_at)
