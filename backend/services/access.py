"""Who may act on what: every "may this actor touch this object" question is answered here.

The rule, the same in every slice: an object the caller may not reach — another organization's
activity, grant application, admission request or roster, or an object outside a town officer's
town — answers exactly as an object that does not exist (the slice's 404 with its own code), so a
probe cannot tell "not yours" from "not there". Only a caller who leads no organization at all is
told so (403 `not_org_leader`): that refusal is about who they are, not about an object.
"""

from __future__ import annotations

from typing import Any

from backend.errors import DomainError, MemberNotFound, NotOrgLeader, OrgNotFound, OutOfScope, field_error
from backend.models.organization import MemberRole, Organization, OrgMember, OrgStatus
from backend.services.actor import Actor


def _leaderships(user_id: int) -> Any:
    return OrgMember.filter(user_id=user_id, role=MemberRole.leader, confirmed=True)


async def is_org_leader(*, org_id: int, user_id: int) -> bool:
    """True when the user holds a confirmed leader membership of the organization."""
    return await _leaderships(user_id).filter(org_id=org_id).exists()


async def led_org_ids(actor: Actor) -> list[int]:
    """The organizations the caller leads (confirmed memberships only)."""
    return [int(i) for i in await _leaderships(actor.user_id).values_list("org_id", flat=True)]


async def require_leader_of(actor: Actor, org_id: int, not_found: type[DomainError]) -> None:
    """Raise `not_found` unless the caller leads `org_id` (the object's own 404, identical to absence)."""
    if not await is_org_leader(org_id=org_id, user_id=actor.user_id):
        raise not_found()


async def require_org_leader(*, org_id: int, actor: Actor) -> Organization:
    """The organization, when the caller is its confirmed leader; 404 `org_not_found` otherwise."""
    org = await Organization.get_or_none(id=org_id)
    if org is None:
        raise OrgNotFound()
    await require_leader_of(actor, org_id, OrgNotFound)
    return org


async def orgs_led_alone(*, user_id: int, lock: bool = False) -> list[Organization]:
    """Active organizations whose only confirmed leader is this user: they must hand over before leaving.

    With `lock` (inside a transaction) the organizations they lead are locked first, so two co-leaders
    leaving at the same moment cannot both pass.
    """
    led_ids = [int(i) for i in await _leaderships(user_id).filter(org__status=OrgStatus.active)
               .values_list("org_id", flat=True)]
    if lock and led_ids:
        await Organization.select_for_update().filter(id__in=led_ids).order_by("id").values_list("id", flat=True)
    co_led: Any = OrgMember.filter(org_id__in=led_ids, role=MemberRole.leader, confirmed=True).exclude(user_id=user_id)
    shared = set(await co_led.values_list("org_id", flat=True))
    return await Organization.filter(id__in=[i for i in led_ids if i not in shared]).order_by("id")


async def require_member_of(*, org_id: int, actor: Actor) -> OrgMember:
    """The caller's confirmed membership (any role) of the organization; 404 `org_not_found` otherwise."""
    member = await OrgMember.get_or_none(org_id=org_id, user_id=actor.user_id, confirmed=True)
    if member is None:
        raise OrgNotFound()
    return member


async def org_member(*, org_id: int, user_id: int) -> OrgMember:
    """A confirmed member of an organization the caller already may act on; 404 `member_not_found` otherwise."""
    member = await OrgMember.get_or_none(org_id=org_id, user_id=user_id, confirmed=True)
    if member is None:
        raise MemberNotFound()
    return member


async def is_last_leader(*, org_id: int, user_id: int) -> bool:
    """True when the user is the organization's only confirmed leader (lock the organization first)."""
    others = _leaderships_of(org_id).exclude(user_id=user_id)
    return await is_org_leader(org_id=org_id, user_id=user_id) and not await others.exists()


def _leaderships_of(org_id: int) -> Any:
    return OrgMember.filter(org_id=org_id, role=MemberRole.leader, confirmed=True)


async def leads_any(user_id: int) -> bool:
    """Whether the user still leads some organization (their account role follows it)."""
    return await _leaderships(user_id).exists()


async def leader_org(*, actor: Actor, org_id: int | None) -> int:
    """The organization the leader acts for: the one they lead, or `org_id` when they lead several."""
    led = await led_org_ids(actor)
    if not led:
        raise NotOrgLeader()
    if org_id is not None:
        if org_id not in led:
            raise OrgNotFound()
        return org_id
    if len(led) > 1:
        raise field_error("org_id", "您负责多个社会组织，请选择要操作的组织")
    return led[0]


def in_scope(scope_town_id: int | None, town_id: int | None) -> bool:
    """District scope (None) covers every town; a town officer's scope covers only their town."""
    return scope_town_id is None or scope_town_id == town_id


def scoped_to_towns(query: Any, *, field: str, scope_town_id: int | None, town_id: int | None, what: str) -> Any:
    """`query` narrowed to the caller's town scope and, when asked for, one town of it.

    Asking for a town outside one's scope is refused (422 `out_of_scope`, naming `what`), never answered
    with an empty list that would look like "nothing there".
    """
    if town_id is not None and not in_scope(scope_town_id, town_id):
        raise OutOfScope(what=what)
    for value in (scope_town_id, town_id):
        if value is not None:
            query = query.filter(**{field: value})
    return query


def staff_covers_town(actor: Actor, town_id: int | None) -> bool:
    """District staff see everything; town staff only their own town."""
    return actor.is_staff and in_scope(actor.scope_region_id, town_id)


async def is_insider(actor: Actor, *, org_id: int, town_id: int | None) -> bool:
    """Staff covering the town, or a leader of the organization: who sees an object's inside
    (drafts, rosters) beyond what the public sees."""
    if actor.is_staff:
        return in_scope(actor.scope_region_id, town_id)
    return await is_org_leader(org_id=org_id, user_id=actor.user_id)


async def get_org_in_scope(*, org_id: int, scope_town_id: int | None, conn: Any = None,
                           lock: bool = False) -> Organization:
    """The organization if the staff member's scope covers it, else 404 (never a hint it exists)."""
    query = Organization.filter(id=org_id)
    if lock:
        query = query.select_for_update()
    org = await (query.using_db(conn) if conn else query).first()
    if org is None or not in_scope(scope_town_id, org.town_id):
        raise OrgNotFound()
    return org
