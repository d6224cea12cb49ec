"""Emitting domain events into the outbox, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from backend.models.outbox import OutboxEvent


async def emit(*, kind: str, payload: dict[str, Any], using_db: BaseDBAsyncClient | None = None) -> OutboxEvent:
    """Append one event; call it inside the transaction that makes the change it reports."""
    return await OutboxEvent.create(kind=kind, payload=payload, using_db=using_db)
