"""An organization's members: the leader lists and removes them, hands leadership over; a member leaves.

A handover in an active (registered) organization changes who answers for it to the registration
authority, so staff covering its town confirm it; before registration it takes effect at once.
Every change is audited.
"""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from backend.errors import HandoverNotFound, HandoverPending, LastLeader, NotAMember, OrgNotEditable, field_error
from backend.models.organization import (
    HandoverStatus,
    LeaderHandover,
    MemberRole,
    Organization,
    OrgMember,
    OrgStatus,
)
from backend.models.user import Role, User
from backend.services import access, audit, clock
from backend.services.actor import Actor

CLOSED = (OrgStatus.rejected, OrgStatus.deregistered)


async def list_members(*, actor: Actor, org_id: int) -> list[OrgMember]:
    """Confirmed members and pending claims of the organization the caller leads, leaders first."""
    await access.require_org_leader(org_id=org_id, actor=actor)
    rows = await OrgMember.filter(org_id=org_id).prefetch_related("user").order_by("id")
    return sorted(rows, key=lambda m: (m.role != MemberRole.leader, not m.confirmed, m.id))


async def _follow_role(user_id: int) -> None:
    """A leader who no longer leads anything is a resident again; a new leader becomes a leader."""
    if await access.leads_any(user_id):
        await User.filter(id=user_id, role=Role.resident).update(role=Role.leader)
    else:
        await User.filter(id=user_id, role=Role.leader).update(role=Role.resident)


async def _drop_pending_handovers(*, org_id: int, user_id: int, why: str) -> None:
    """A pending handover from or to someone who is no longer a member can never be confirmed: close it."""
    pending = LeaderHandover.filter(Q(from_user_id=user_id) | Q(to_user_id=user_id), org_id=org_id,
                                    status=HandoverStatus.pending)
    await pending.update(status=HandoverStatus.rejected, decision_reason=why, decided_at=clock.now())


async def remove_member(*, actor: Actor, org_id: int, user_id: int, reason: str) -> None:
    """The leader removes a plain member (leaders hand over or leave themselves)."""
    async with in_transaction():
        await access.require_org_leader(org_id=org_id, actor=actor)
        member = await access.org_member(org_id=org_id, user_id=user_id)
        if member.role == MemberRole.leader:
            raise field_error("user_id", "不能移除负责人：负责人须本人移交或退出")
        await member.delete()
        await _drop_pending_handovers(org_id=org_id, user_id=user_id, why="接任人已被移出组织")
        await audit.record(actor=actor, action="org.member.remove", object_type="organization", object_id=org_id,
                           before={"user_id": user_id, "role": str(member.role)}, after=None, reason=reason)


async def leave(*, actor: Actor, org_id: int) -> None:
    """The caller leaves; the last leader must hand over first."""
    async with in_transaction():
        await Organization.select_for_update().filter(id=org_id).values_list("id", flat=True)
        member = await access.require_member_of(org_id=org_id, actor=actor)
        if member.role == MemberRole.leader and await access.is_last_leader(org_id=org_id, user_id=actor.user_id):
            raise LastLeader()
        await member.delete()
        await _drop_pending_handovers(org_id=org_id, user_id=actor.user_id, why="当事人已退出组织")
        await _follow_role(actor.user_id)
        await audit.record(actor=actor, action="org.member.leave", object_type="organization", object_id=org_id,
                           before={"user_id": actor.user_id, "role": str(member.role)}, after=None)


async def _apply(handover: LeaderHandover) -> None:
    """Swap the roles: the new leader leads, the old one stays a member."""
    await OrgMember.filter(org_id=handover.org_id, user_id=handover.to_user_id).update(role=MemberRole.leader)
    await OrgMember.filter(org_id=handover.org_id, user_id=handover.from_user_id).update(role=MemberRole.member)
    for user_id in (handover.to_user_id, handover.from_user_id):
        await _follow_role(user_id)


async def request_handover(*, actor: Actor, org_id: int, to_user_id: int, reason: str) -> LeaderHandover:
    """Hand leadership to a member: at once before registration, after staff confirmation once active."""
    async with in_transaction():
        org = await access.require_org_leader(org_id=org_id, actor=actor)
        await Organization.select_for_update().filter(id=org_id).values_list("id", flat=True)
        if org.status in CLOSED:
            raise OrgNotEditable(action="移交负责人")
        target = await OrgMember.get_or_none(org_id=org_id, user_id=to_user_id, confirmed=True)
        if target is None or target.role != MemberRole.member:
            raise NotAMember()
        if await LeaderHandover.exists(org_id=org_id, status=HandoverStatus.pending):
            raise HandoverPending()
        needs_staff = org.status == OrgStatus.active
        handover = await LeaderHandover.create(
            org_id=org_id, from_user_id=actor.user_id, to_user_id=to_user_id, reason=reason,
            status=HandoverStatus.pending if needs_staff else HandoverStatus.confirmed,
            decided_at=None if needs_staff else clock.now())
        if not needs_staff:
            await _apply(handover)
        await audit.record(actor=actor, action="org.handover.request" if needs_staff else "org.handover.apply",
                           object_type="organization", object_id=org_id, reason=reason,
                           after={"handover_id": handover.id, "from_user_id": actor.user_id,
                                  "to_user_id": to_user_id, "status": str(handover.status)})
    return handover


def _with_parties() -> Any:
    return LeaderHandover.all().prefetch_related("org", "from_user", "to_user")


async def handover_with_parties(handover_id: int) -> LeaderHandover:
    """A handover with its organization and both people loaded (for display)."""
    return await _with_parties().get(id=handover_id)


async def list_handovers(*, actor: Actor, status: HandoverStatus | None) -> list[LeaderHandover]:
    """Handovers of organizations in the caller's scope, newest first."""
    query = _with_parties().filter(status=status) if status else _with_parties()
    query = access.scoped_to_towns(query, field="org__town_id", scope_town_id=actor.scope_region_id, town_id=None,
                                   what="负责人移交")
    return await query.order_by("-id")


async def decide_handover(*, actor: Actor, handover_id: int, decision: str, reason: str) -> LeaderHandover:
    """Staff in scope confirm (roles swap) or reject (with a reason) a pending handover."""
    async with in_transaction():
        handover = await _with_parties().filter(id=handover_id, status=HandoverStatus.pending).first()
        if handover is None or not access.staff_covers_town(actor, handover.org.town_id):
            raise HandoverNotFound()
        if decision == "reject" and not reason.strip():
            raise field_error("reason", "不予确认时必须填写理由")
        if decision == "confirm":
            if not (await access.is_org_leader(org_id=handover.org_id, user_id=handover.from_user_id)
                    and await OrgMember.exists(org_id=handover.org_id, user_id=handover.to_user_id,
                                               confirmed=True, role=MemberRole.member)):
                raise NotAMember()
            await _apply(handover)
        handover.status = HandoverStatus.confirmed if decision == "confirm" else HandoverStatus.rejected
        handover.decision_reason, handover.decided_by_id, handover.decided_at = reason, actor.user_id, clock.now()
        await handover.save(update_fields=["status", "decision_reason", "decided_by_id", "decided_at"])
        await audit.record(actor=actor, action=f"org.handover.{decision}", object_type="organization",
                           object_id=handover.org_id, reason=reason,
                           before={"handover_id": handover.id, "status": "pending"},
                           after={"handover_id": handover.id, "status": str(handover.status),
                                  "from_user_id": handover.from_user_id, "to_user_id": handover.to_user_id})
    return handover
