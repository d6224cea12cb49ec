"""Writing the audit trail."""

from __future__ import annotations

from typing import Any

from backend.models.audit import AuditLog


async def record(*, actor_id: int | None, actor_role: str = "", action: str, object_type: str,
                 object_id: Any, before: Any = None, after: Any = None, reason: str = "",
                 request_id: str = "") -> AuditLog:
    """Append one audit row: who did what to which object, with before/after snapshots."""
    return await AuditLog.create(
        actor_id=actor_id, actor_role=str(actor_role), action=action, object_type=object_type,
        object_id=str(object_id), before=before, after=after, reason=reason, request_id=request_id,
    )
