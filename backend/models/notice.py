"""Notices pushed by staff (or fired by domain events) and their per-person, per-channel deliveries.

PostgreSQL holds the truth of who got what: one `Delivery` row per (notice, user, channel), unique, so
a repeated fan-out adds nothing and a send is claimed by exactly one worker. The in-app inbox is the
"inbox" channel of the same table (read state in `read_at`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.models.region import Region
from backend.models.user import User


class NoticeStatus(StrEnum):
    draft = "draft"  # 草稿（全区推送待第二人审核）
    approved = "approved"  # 已审核，待发送
    scheduled = "scheduled"  # 定时发送
    queued = "queued"  # 已排队，等待分发
    sending = "sending"  # 发送中
    completed = "completed"  # 已完成
    cancelled = "cancelled"  # 已撤回


class Channel(StrEnum):
    inbox = "inbox"  # 小程序内消息
    subscribe = "subscribe"  # 微信订阅消息


class DeliveryStatus(StrEnum):
    pending = "pending"  # 待发送
    sending = "sending"  # 发送中（已领取）
    sent = "sent"  # 已送达
    refused = "refused"  # 用户拒收（43101），不再重试
    no_quota = "no_quota"  # 用户没有可用的订阅次数
    failed = "failed"  # 失败；next_attempt_at 不为空表示将重试
    review = "review"  # 发送中断，结果不明，待人工核查（绝不自动重发）
    cancelled = "cancelled"  # 通知已撤回


class ApprovalDecision(StrEnum):
    approved = "approved"


class SubscribeTemplate(Model):
    """A subscribe-message template registered in the mini-program's WeChat console."""

    id = fields.IntField(primary_key=True)
    template_id = fields.CharField(max_length=64, unique=True)  # WeChat's template id
    key = fields.CharField(max_length=32, unique=True)  # our stable name, e.g. "activity_cancelled"
    title = fields.CharField(max_length=32)
    # [{"key": "thing1", "label": "活动名称"}]; the key's letters are WeChat's value type.
    keywords: Any = fields.JSONField(default=list)
    # 长期订阅 (政务民生 services): one acceptance allows many sends; nothing is consumed.
    long_term = fields.BooleanField(default=False)
    page = fields.CharField(max_length=128, default="")
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "subscribe_template"


class Notice(Model):
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=64)
    body = fields.TextField()
    audience: Any = fields.JSONField(default=dict)  # {"kind": ..., filters}
    audience_label = fields.CharField(max_length=200, default="")
    channels: Any = fields.JSONField(default=list)  # ["inbox", "subscribe"]
    template: fields.ForeignKeyNullableRelation[SubscribeTemplate] = fields.ForeignKeyField(
        "models.SubscribeTemplate", related_name="notices", null=True, on_delete=fields.RESTRICT)
    template_id: int | None
    template_data: Any = fields.JSONField(default=dict)  # {"thing1": "…"}
    page = fields.CharField(max_length=128, default="")
    # The town the audience lies in; None means it spans the district (needs a second approval).
    scope_region: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="notices", null=True, on_delete=fields.RESTRICT)
    scope_region_id: int | None
    needs_approval = fields.BooleanField(default=False)
    status = fields.CharEnumField(NoticeStatus, max_length=16, default=NoticeStatus.draft, db_index=True)
    scheduled_at = fields.DatetimeField(null=True)
    # Event notices: "outbox:<id>", "reminder:activity:<id>" …; unique so an event makes one notice.
    source_key = fields.CharField(max_length=128, unique=True, null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notices_created", null=True, on_delete=fields.SET_NULL)
    created_by_id: int | None
    recipient_count = fields.IntField(default=0)
    queued_at = fields.DatetimeField(null=True)
    fanned_out_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notice"
        indexes = (("status", "scheduled_at"), ("scope_region_id", "created_at"))


class NoticeApproval(Model):
    """The second staff member's sign-off on a district-wide notice."""

    id = fields.IntField(primary_key=True)
    notice: fields.ForeignKeyRelation[Notice] = fields.ForeignKeyField(
        "models.Notice", related_name="approvals", on_delete=fields.CASCADE)
    notice_id: int
    approver: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notice_approvals", on_delete=fields.RESTRICT)
    approver_id: int
    decision = fields.CharEnumField(ApprovalDecision, max_length=16, default=ApprovalDecision.approved)
    comment = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "notice_approval"
        unique_together = (("notice", "approver"),)


class Delivery(Model):
    """One notice to one person on one channel; the unique triple makes fan-out idempotent."""

    id = fields.BigIntField(primary_key=True)
    notice: fields.ForeignKeyRelation[Notice] = fields.ForeignKeyField(
        "models.Notice", related_name="deliveries", on_delete=fields.CASCADE)
    notice_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="deliveries", on_delete=fields.CASCADE)
    user_id: int
    channel = fields.CharEnumField(Channel, max_length=16)
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.pending)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    # A one-time subscription unit is held from the first attempt until sent or given back.
    quota_held = fields.BooleanField(default=False)
    errcode = fields.IntField(null=True)
    error = fields.CharField(max_length=200, default="")
    msgid = fields.CharField(max_length=32, default="")
    claimed_at = fields.DatetimeField(null=True)
    claimed_by = fields.CharField(max_length=64, default="")
    sent_at = fields.DatetimeField(null=True)
    read_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notice_delivery"
        unique_together = (("notice", "user", "channel"),)
        indexes = (("notice_id", "channel", "status"), ("user_id", "channel", "read_at"), ("status", "claimed_at"))


class Subscription(Model):
    """How many one-time subscribe messages a user has granted per template (or a long-term yes)."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="subscriptions", on_delete=fields.CASCADE)
    user_id: int
    template_id = fields.CharField(max_length=64)  # WeChat's template id, as the mini-program reports it
    remaining = fields.IntField(default=0)
    accepted_total = fields.IntField(default=0)
    last_result = fields.CharField(max_length=16, default="")  # accept / reject / ban / filter
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notice_subscription"
        unique_together = (("user", "template_id"),)
