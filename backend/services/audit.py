"""Writing and reading the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.models import Model

from backend.models.activity import Activity
from backend.models.audit import AuditLog
from backend.models.grant import GrantApplication
from backend.models.incubation import AdmissionRequest
from backend.models.organization import Organization
from backend.models.user import Role, User
from backend.services import clock
from backend.services.actor import Actor

# Where an object's town is found, per audited object type: the organization's town, because a town
# officer's scope is the organizations of their town.
_TOWN_OF: dict[str, tuple[type[Model], str]] = {
    "organization": (Organization, "town_id"),
    "activity": (Activity, "org__town_id"),
    "grant_application": (GrantApplication, "org__town_id"),
    "incubation_admission": (AdmissionRequest, "org__town_id"),
}


async def _town_of(actor: Actor | None, object_type: str, object_id: Any) -> int | None:
    where = _TOWN_OF.get(object_type)
    if where is not None and str(object_id).isdigit():
        model, field = where
        towns: list[Any] = list(await model.filter(id=int(object_id)).values_list(field, flat=True))
        if towns and towns[0] is not None:
            return int(towns[0])
    # A town officer acts only inside their town, so what they did belongs to it.
    return actor.scope_region_id if actor is not None and actor.is_staff else None


async def record(*, actor: Actor | None, action: str, object_type: str, object_id: Any, before: Any = None,
                 after: Any = None, reason: str = "", town_id: int | None = None) -> AuditLog:
    """Append one audit row: who did what to which object, with before/after snapshots.

    `actor` is None only for the system's own jobs; the request id comes from the actor. `town_id`
    defaults to the object's organization's town (see `_TOWN_OF`), else the acting officer's town.
    """
    if town_id is None:
        town_id = await _town_of(actor, object_type, object_id)
    return await AuditLog.create(
        actor_id=actor.user_id if actor else None, actor_role=str(actor.role) if actor else "system",
        action=action, object_type=object_type, object_id=str(object_id), before=before, after=after,
        reason=reason, request_id=actor.request_id if actor else "", town_id=town_id,
        # Set here rather than by auto_now_add (stored as UTC text on SQLite), so range filters with
        # `clock.db_time` bounds compare like with like, and time comes from services/clock.
        created_at=clock.db_now(),
    )


@dataclass(frozen=True, slots=True)
class AuditFilters:
    object_type: str | None = None
    object_id: str | None = None
    actor_id: int | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    actor_name: str | None = None  # part of a staff account's real name or username


OPERATOR_ROLES = (Role.staff, Role.admin)  # whose names the trail shows and can be searched by


async def list_entries(*, actor: Actor, filters: AuditFilters, page: int,
                       page_size: int) -> tuple[list[AuditLog], int]:
    """The trail, newest first; a town officer reads only their town's entries."""
    query = AuditLog.all()
    if not actor.is_district_staff:
        query = query.filter(town_id=actor.scope_region_id)
    since, until = (clock.db_time(clock.utc(t)) if t else None for t in (filters.since, filters.until))
    exact = {"object_type": filters.object_type, "object_id": filters.object_id, "actor_id": filters.actor_id,
             "action": filters.action, "created_at__gte": since, "created_at__lt": until}
    query = query.filter(**{k: v for k, v in exact.items() if v is not None})
    if filters.actor_name:
        name = filters.actor_name
        matching = await User.filter(Q(real_name__icontains=name) | Q(username__icontains=name),
                                     role__in=list(OPERATOR_ROLES)).values_list("id", flat=True)
        query = query.filter(actor_id__in=list(matching) or [0])
    total = await query.count()
    items = await query.order_by("-created_at", "-id").offset((page - 1) * page_size).limit(page_size)
    return items, total


async def operator_names(entries: list[AuditLog]) -> dict[int, str]:
    """The name each staff operator of these entries goes by (real name, else username)."""
    ids = {e.actor_id for e in entries if e.actor_id is not None}
    rows = await User.filter(id__in=list(ids) or [0], role__in=list(OPERATOR_ROLES)).values_list(
        "id", "real_name", "username")
    return {uid: real_name or username or "" for uid, real_name, username in rows}
