"""The inbox: a user's in-app notices (the inbox deliveries fan-out marked sent), read state."""

from __future__ import annotations

from typing import Any

from backend.errors import InboxItemNotFound
from backend.models.notice import Channel, Delivery, DeliveryStatus
from backend.services import clock


def _inbox(user_id: int) -> Any:
    return Delivery.filter(user_id=user_id, channel=Channel.inbox, status=DeliveryStatus.sent)


async def inbox(*, user_id: int, unread_only: bool, page: int, page_size: int) -> tuple[list[Delivery], int]:
    """One page of the user's in-app notices, newest first, with their notice loaded; and the total."""
    query = _inbox(user_id)
    if unread_only:
        query = query.filter(read_at__isnull=True)
    total = await query.count()
    items = await query.order_by("-id").offset((page - 1) * page_size).limit(page_size).select_related("notice")
    return items, total


async def unread_count(*, user_id: int) -> int:
    return await _inbox(user_id).filter(read_at__isnull=True).count()


async def mark_read(*, user_id: int, delivery_id: int) -> Delivery:
    """Mark one of the user's own inbox items read (reading twice keeps the first time)."""
    if not await _inbox(user_id).filter(id=delivery_id).exists():
        raise InboxItemNotFound()
    await _inbox(user_id).filter(id=delivery_id, read_at__isnull=True).update(read_at=clock.db_now())
    return await _inbox(user_id).get(id=delivery_id).select_related("notice")


async def mark_all_read(*, user_id: int) -> int:
    return await _inbox(user_id).filter(read_at__isnull=True).update(read_at=clock.db_now())
