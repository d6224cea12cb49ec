"""Domain events written in the same transaction as the change they describe (transactional outbox).

A consumer (the notices work) reads unprocessed rows in id order and stamps `processed_at`, so an
event is never lost when a request commits and never exists when it rolls back.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class OutboxEvent(Model):
    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=64, db_index=True)  # e.g. "activity.cancelled"
    payload = fields.JSONField(default=dict)  # type: ignore[var-annotated]
    created_at = fields.DatetimeField(auto_now_add=True)
    processed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "outbox_event"
        indexes = (("processed_at", "id"),)
