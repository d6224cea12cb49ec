"""An append-only record of who did what to which object, with the state before and after."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class AuditLog(Model):
    id = fields.BigIntField(primary_key=True)
    actor_id = fields.IntField(null=True, db_index=True)
    actor_role = fields.CharField(max_length=16, default="")
    action = fields.CharField(max_length=64, db_index=True)
    object_type = fields.CharField(max_length=32)
    object_id = fields.CharField(max_length=64)
    before: Any = fields.JSONField(null=True)
    after: Any = fields.JSONField(null=True)
    reason = fields.TextField(default="")
    request_id = fields.CharField(max_length=64, default="")
    # The town the entry belongs to (the object's organization's town), so town staff read only
    # their town's trail; None for district-wide work (staff accounts, policies, sweeps).
    town_id = fields.IntField(null=True, db_index=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "audit_log"
        indexes = (("object_type", "object_id"),)
