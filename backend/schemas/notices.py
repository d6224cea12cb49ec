"""What the notice endpoints return: staff notices, reach previews, progress, deliveries, the inbox."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from backend.models.notice import Channel, Delivery, DeliveryStatus, Notice, NoticeStatus, SubscribeTemplate
from backend.schemas import Instant, Page, ReadModel


class NoticeRead(ReadModel):
    id: int
    title: str
    body: str
    audience: dict[str, Any] = Field(description="受众条件")
    audience_label: str
    channels: list[str]
    template_id: str | None = Field(description="订阅消息模板 id（微信）")
    data: dict[str, Any] = Field(description="模板字段值")
    page: str
    scope_region_id: int | None
    needs_approval: bool
    status: NoticeStatus
    scheduled_at: Instant | None
    created_by_id: int | None
    recipient_count: int
    source_key: str | None
    created_at: Instant | None
    queued_at: Instant | None
    completed_at: Instant | None
    cancelled_at: Instant | None

    @classmethod
    def of(cls, notice: Notice, template: SubscribeTemplate | None) -> NoticeRead:
        return cls(
            id=notice.id, title=notice.title, body=notice.body, audience=notice.audience,
            audience_label=notice.audience_label, channels=notice.channels,
            template_id=template.template_id if template else None, data=notice.template_data, page=notice.page,
            scope_region_id=notice.scope_region_id, needs_approval=notice.needs_approval,
            status=str(notice.status), scheduled_at=notice.scheduled_at, created_by_id=notice.created_by_id,
            recipient_count=notice.recipient_count, source_key=notice.source_key, created_at=notice.created_at,
            queued_at=notice.queued_at, completed_at=notice.completed_at, cancelled_at=notice.cancelled_at)


class NoticeProgress(ReadModel):
    notice_id: int
    status: NoticeStatus
    recipient_count: int
    channels: dict[str, dict[str, int]] = Field(description="按渠道、发送状态的条数")
    inbox_read: int = Field(description="站内消息已读数")
    retrying: int = Field(description="等待重试的条数")


class NoticeDetail(NoticeRead):
    progress: NoticeProgress


class ReachPreview(ReadModel):
    reach: int = Field(description="覆盖人数")
    can_receive_subscribe_now: int = Field(description="当前可收到订阅消息的人数")
    audience_label: str
    scope_region_id: int | None
    needs_approval: bool


class TemplateKeyword(ReadModel):
    key: str = Field(examples=["thing1"])
    label: str = Field(examples=["通知主题"])


class TemplateRead(ReadModel):
    template_id: str
    key: str
    title: str
    long_term: bool
    page: str
    keywords: list[TemplateKeyword] = Field(description="模板字段（key 如 thing1，label 为字段名称）")


class DeliveryRead(ReadModel):
    id: int
    user_id: int
    user__nickname: str | None = Field(description="收件人昵称")
    channel: Channel
    status: DeliveryStatus
    attempts: int
    errcode: int | None
    error: str
    sent_at: Instant | None
    next_attempt_at: Instant | None
    read_at: Instant | None


class DeliveryOutcome(ReadModel):
    id: int
    status: DeliveryStatus

    @classmethod
    def of(cls, delivery: Delivery) -> DeliveryOutcome:
        return cls(id=delivery.id, status=str(delivery.status))


class InboxItemRead(ReadModel):
    id: int
    notice_id: int
    title: str
    body: str
    page: str
    sent_at: Instant | None
    read_at: Instant | None
    read: bool

    @classmethod
    def of(cls, delivery: Delivery) -> InboxItemRead:
        notice = delivery.notice
        return cls(id=delivery.id, notice_id=delivery.notice_id, title=notice.title, body=notice.body,
                   page=notice.page, sent_at=delivery.sent_at, read_at=delivery.read_at,
                   read=delivery.read_at is not None)


class InboxPage(Page[InboxItemRead]):
    unread: int = Field(ge=0, description="未读总数")


class SubscriptionRead(ReadModel):
    """One subscribe-message template and what this user can currently receive from it."""

    template_id: str = Field(description="订阅消息模板 id（微信）")
    key: str = Field(examples=["activity_reminder"])
    title: str = Field(examples=["活动开始提醒"])
    long_term: bool = Field(description="是否长期订阅模板")
    remaining: int = Field(ge=0, description="一次性订阅剩余可接收次数")
    last_result: Literal["", "accept", "reject", "ban", "filter"] = Field(description="最近一次授权结果；未授权过为空")
    can_receive: bool = Field(description="当前能否收到该模板的消息")


class UnreadCount(ReadModel):
    unread: int = Field(ge=0, description="未读消息数")


class MarkedRead(ReadModel):
    marked: int = Field(ge=0, description="本次标记为已读的条数")
