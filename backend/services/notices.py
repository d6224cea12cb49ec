"""Notices, the staff workflow: compose, preview, approve, send, cancel, progress, review; system notices.

Sending itself (fan-out, the send loop, recovery) is `notice_deliveries`; the user's side is `inbox`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from backend.errors import (
    ApprovalNotAllowed,
    ApprovalNotNeeded,
    ApprovalRequired,
    DeliveryNotFound,
    DeliveryNotInReview,
    NoticeCancelled,
    NoticeCompleted,
    NoticeNotDraft,
    NoticeNotFound,
    SelfApproval,
    field_error,
)
from backend.models.notice import (
    Channel,
    Delivery,
    DeliveryStatus,
    Notice,
    NoticeApproval,
    NoticeStatus,
    SubscribeTemplate,
)
from backend.services import audiences, clock, miniprogram_pages, subscriptions
from backend.services.actor import Actor
from backend.services.audiences import Audience
from backend.services.notice_deliveries import OPEN_STATUSES, cancel_open


@dataclass(slots=True)
class NoticeDraft:
    """What staff submit to compose or preview a notice."""

    title: str
    body: str
    audience: Audience
    channels: list[str]
    template_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    page: str = ""
    scheduled_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class _Prepared:
    scope: audiences.Scope
    template: SubscribeTemplate | None
    data: dict[str, str]


# --- compose, preview, approve, send, cancel --------------------------------------------------


async def _prepare(*, actor: Actor, draft: NoticeDraft) -> _Prepared:
    scope = await audiences.scope_of(draft.audience)
    audiences.check_scope(actor, scope)
    if draft.scheduled_at is not None and draft.scheduled_at <= clock.db_now():
        raise field_error("scheduled_at", "定时发送时间必须晚于现在")
    if bad_page := miniprogram_pages.problem(draft.page):
        raise field_error("page", bad_page)
    if Channel.subscribe not in draft.channels:
        return _Prepared(scope, None, {})
    if not draft.template_id:
        raise field_error("template_id", "选择了微信订阅消息渠道时必须选择消息模板")
    template = await SubscribeTemplate.get_or_none(template_id=draft.template_id, active=True)
    if template is None:
        raise field_error("template_id", "消息模板不存在或已停用")
    return _Prepared(scope, template, subscriptions.validate_template_data(template, draft.data))


async def compose(*, actor: Actor, draft: NoticeDraft) -> Notice:
    """Save a draft; an audience spanning the district waits for a second staff member's approval."""
    prepared = await _prepare(actor=actor, draft=draft)
    return await Notice.create(
        title=draft.title, body=draft.body, audience=draft.audience.to_dict(), audience_label=prepared.scope.label,
        channels=[str(c) for c in Channel if c in draft.channels], template=prepared.template,
        template_data=prepared.data, page=draft.page or (prepared.template.page if prepared.template else ""),
        scope_region_id=prepared.scope.town_id, needs_approval=prepared.scope.town_id is None,
        scheduled_at=draft.scheduled_at, created_by_id=actor.user_id)


async def _reach(audience: Audience, channels: list[str], template: SubscribeTemplate | None) -> dict[str, int]:
    user_ids = await audiences.resolve(audience)
    receivable = 0
    if template is not None and Channel.subscribe in channels:
        receivable = await subscriptions.count_receivable(template=template, user_ids=user_ids)
    return {"reach": len(user_ids), "can_receive_subscribe_now": receivable}


async def preview(*, actor: Actor, draft: NoticeDraft) -> dict[str, Any]:
    """How many people a draft reaches and how many could get the WeChat message right now."""
    prepared = await _prepare(actor=actor, draft=draft)
    counts = await _reach(draft.audience, draft.channels, prepared.template)
    return {**counts, "audience_label": prepared.scope.label, "scope_region_id": prepared.scope.town_id,
            "needs_approval": prepared.scope.town_id is None}


async def preview_notice(*, actor: Actor, notice_id: int) -> dict[str, Any]:
    notice = await get_for_staff(actor=actor, notice_id=notice_id)
    template = await template_of(notice)
    counts = await _reach(Audience.from_dict(notice.audience), notice.channels, template)
    return {**counts, "audience_label": notice.audience_label, "scope_region_id": notice.scope_region_id,
            "needs_approval": notice.needs_approval}


async def get_for_staff(*, actor: Actor, notice_id: int) -> Notice:
    """The notice when the caller's scope covers it; town staff see only their town's notices."""
    notice = await Notice.get_or_none(id=notice_id)
    if notice is None or (actor.scope_region_id is not None
                          and notice.scope_region_id != actor.scope_region_id):
        raise NoticeNotFound()
    return notice


async def list_for_staff(*, actor: Actor, status: str | None, page: int, page_size: int
                         ) -> tuple[list[Notice], int]:
    """One page of the notices in the caller's scope, newest first, templates loaded; and the total."""
    query = Notice.all()
    if actor.scope_region_id is not None:
        query = query.filter(scope_region_id=actor.scope_region_id)
    if status:
        query = query.filter(status=status)
    total = await query.count()
    items = await query.order_by("-id").offset((page - 1) * page_size).limit(page_size).select_related("template")
    return items, total


async def template_of(notice: Notice) -> SubscribeTemplate | None:
    """The notice's subscribe template, if it has one."""
    return await SubscribeTemplate.get_or_none(id=notice.template_id) if notice.template_id else None


async def approve(*, actor: Actor, notice_id: int, comment: str = "") -> Notice:
    """A second district staff member (not the author) signs off a district-wide notice."""
    notice = await get_for_staff(actor=actor, notice_id=notice_id)
    if not actor.is_district_staff:
        raise ApprovalNotAllowed()
    if not notice.needs_approval:
        raise ApprovalNotNeeded()
    if notice.created_by_id == actor.user_id:
        raise SelfApproval()
    async with in_transaction():
        changed = await Notice.filter(id=notice_id, status=NoticeStatus.draft).update(status=NoticeStatus.approved)
        if not changed:
            raise NoticeNotDraft()
        await NoticeApproval.create(notice_id=notice_id, approver_id=actor.user_id, comment=comment)
    return await Notice.get(id=notice_id)


async def request_send(*, actor: Actor, notice_id: int) -> tuple[Notice, bool]:
    """Queue (or schedule) a notice; returns it and whether a fan-out job must be enqueued now."""
    notice = await get_for_staff(actor=actor, notice_id=notice_id)
    if notice.status in (NoticeStatus.scheduled, *OPEN_STATUSES, NoticeStatus.completed):
        return notice, False  # a second tap changes nothing
    if notice.status == NoticeStatus.cancelled:
        raise NoticeCancelled()
    if notice.needs_approval and notice.status != NoticeStatus.approved:
        raise ApprovalRequired()
    now = clock.db_now()
    later = notice.scheduled_at is not None and notice.scheduled_at > now
    target = NoticeStatus.scheduled if later else NoticeStatus.queued
    changed = await Notice.filter(id=notice_id, status=notice.status).update(status=target, queued_at=now)
    return await Notice.get(id=notice_id), bool(changed) and not later


async def cancel(*, actor: Actor, notice_id: int) -> Notice:
    """Withdraw a notice: unsent deliveries are cancelled; sends already under way finish."""
    notice = await get_for_staff(actor=actor, notice_id=notice_id)
    if notice.status == NoticeStatus.completed:
        raise NoticeCompleted()
    if notice.status != NoticeStatus.cancelled:
        await cancel_open(notice_id)
    return await Notice.get(id=notice_id)



async def progress(*, notice_id: int) -> dict[str, Any]:
    """Delivery counts by channel and status, inbox reads, and whether anything is still open."""
    notice = await Notice.get(id=notice_id)
    rows = await Delivery.filter(notice_id=notice_id).group_by("channel", "status").annotate(
        n=Count("id")).values("channel", "status", "n")
    by_channel: dict[str, dict[str, int]] = {c: {} for c in notice.channels}
    if Channel.subscribe in notice.channels:
        by_channel[Channel.subscribe] = {s.value: 0 for s in DeliveryStatus}
    for row in rows:
        by_channel.setdefault(str(row["channel"]), {})[str(row["status"])] = row["n"]
    read = await Delivery.filter(notice_id=notice_id, channel=Channel.inbox, read_at__isnull=False).count()
    retrying = await Delivery.filter(notice_id=notice_id, status=DeliveryStatus.failed,
                                     next_attempt_at__isnull=False).count()
    return {"notice_id": notice_id, "status": str(notice.status), "recipient_count": notice.recipient_count,
            "channels": by_channel, "inbox_read": read, "retrying": retrying}


async def list_deliveries(*, actor: Actor, notice_id: int, status: str | None, page: int,
                          page_size: int) -> tuple[list[dict[str, Any]], int]:
    """One notice's deliveries (e.g. those waiting for review), with the recipient's nickname only."""
    await get_for_staff(actor=actor, notice_id=notice_id)
    query = Delivery.filter(notice_id=notice_id)
    if status:
        query = query.filter(status=status)
    total = await query.count()
    items = await query.order_by("id").offset((page - 1) * page_size).limit(page_size).values(
        "id", "user_id", "user__nickname", "channel", "status", "attempts", "errcode", "error", "sent_at",
        "next_attempt_at", "read_at")
    return items, total


async def resolve_review(*, actor: Actor, delivery_id: int, outcome: str) -> Delivery:
    """A person settles a delivery whose send was interrupted: it was received, or it was not."""
    delivery = await Delivery.get_or_none(id=delivery_id)
    if delivery is None:
        raise DeliveryNotFound()
    await get_for_staff(actor=actor, notice_id=delivery.notice_id)
    status = DeliveryStatus.sent if outcome == "sent" else DeliveryStatus.failed
    changed = await Delivery.filter(id=delivery_id, status=DeliveryStatus.review).update(
        status=status, error="人工核查：" + ("已送达" if outcome == "sent" else "未送达"), updated_at=clock.db_now())
    if not changed:
        raise DeliveryNotInReview()
    return await Delivery.get(id=delivery_id)


# --- system (event) notices -------------------------------------------------------------------


async def create_system_notice(*, source_key: str, title: str, body: str, audience: Audience,
                               template_key: str | None, values: dict[str, str], page: str = "",
                               using_db: Any = None) -> Notice | None:
    """A queued notice fired by a domain event; None when this source already produced one."""
    if bad_page := miniprogram_pages.problem(page):
        raise ValueError(f"system notice {source_key} links to {page!r}: {bad_page}")  # a bug in the caller
    if await Notice.filter(source_key=source_key).using_db(using_db).exists():
        return None
    template = await SubscribeTemplate.get_or_none(key=template_key, active=True) if template_key else None
    scope = await audiences.scope_of(audience)
    data = subscriptions.fit_template_data(template, values) if template else {}
    channels = [Channel.inbox.value] + ([Channel.subscribe.value] if template else [])
    try:
        return await Notice.create(
            title=title[:64], body=body, audience=audience.to_dict(), audience_label=scope.label,
            channels=channels, template=template, template_data=data, page=page or (template.page if template else ""),
            scope_region_id=scope.town_id, status=NoticeStatus.queued, queued_at=clock.db_now(),
            source_key=source_key, using_db=using_db)
    except IntegrityError:
        return None  # another consumer created it first
