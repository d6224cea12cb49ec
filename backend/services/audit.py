"""Writing the audit trail."""

from __future__ import annotations

from typing import Any

from backend.models.audit import AuditLog
from backend.services.actor import Actor


async def record(*, actor: Actor | None, action: str, object_type: str, object_id: Any, before: Any = None,
                 after: Any = None, reason: str = "") -> AuditLog:
    """Append one audit row: who did what to which object, with before/after snapshots.

    `actor` is None only for the system's own jobs; the request id comes from the actor.
    """
    return await AuditLog.create(
        actor_id=actor.user_id if actor else None, actor_role=str(actor.role) if actor else "system",
        action=action, object_type=object_type, object_id=str(object_id), before=before, after=after,
        reason=reason, request_id=actor.request_id if actor else "",
    )
