"""Who may act for an organization or look at its activities."""

from __future__ import annotations

from backend.auth import Principal
from backend.errors import NotOrgLeader, OrgNotFound
from backend.models.organization import MemberRole, Organization, OrgMember


async def is_org_leader(*, org_id: int, user_id: int) -> bool:
    """True when the user holds a confirmed leader membership of the organization."""
    return await OrgMember.exists(org_id=org_id, user_id=user_id, role=MemberRole.leader, confirmed=True)


async def require_org_leader(*, org_id: int, principal: Principal) -> Organization:
    """The organization, when the caller is its confirmed leader; 404/403 otherwise."""
    org = await Organization.get_or_none(id=org_id)
    if org is None:
        raise OrgNotFound()
    if not await is_org_leader(org_id=org_id, user_id=principal.user_id):
        raise NotOrgLeader()
    return org


def staff_covers_town(principal: Principal, town_id: int) -> bool:
    """District staff see everything; town staff only their own town."""
    return principal.is_staff and (principal.scope_region_id is None or principal.scope_region_id == town_id)
