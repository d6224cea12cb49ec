"""What the personal-data routes return: a person's own data export, the erasure receipt, staff's request log."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from backend.schemas import Instant, Page, ReadModel


class ProfileExport(ReadModel):
    id: int
    role: str = Field(description="resident / leader / staff / admin")
    nickname: str
    real_name: str
    phone: str | None = Field(description="手机号（完整，仅本人导出时提供）")
    phone_verified: bool = Field(description="手机号是否经微信授权获取")
    consent_version: str | None = Field(description="已同意的《个人信息收集使用说明》版本")
    consent_at: Instant | None = Field(description="同意时间")
    openid: str | None = Field(description="小程序 openid")
    unionid: str | None
    username: str | None = Field(description="工作人员登录名")
    scope_region_id: int | None
    created_at: Instant
    last_login_at: Instant | None


class MembershipExport(ReadModel):
    org_id: int
    org_name: str
    org_status: str
    role: str = Field(description="leader 负责人 / member 成员")
    confirmed: bool = Field(description="false 表示认领申请待审核")
    joined_at: Instant
    contact_name: str | None = Field(description="组织联系人（仅负责人可见）")
    contact_phone: str | None = Field(description="组织联系电话（完整，仅负责人可见）")


class SignupExport(ReadModel):
    id: int
    activity_id: int
    activity_title: str
    org_name: str
    starts_at: Instant
    status: str = Field(description="confirmed 报名成功 / waitlisted 候补中 / cancelled 已取消")
    created_at: Instant
    confirmed_at: Instant | None
    cancelled_at: Instant | None
    checked_in_at: Instant | None
    checked_out_at: Instant | None


class ServiceHoursExport(ReadModel):
    activity_id: int
    activity_title: str
    minutes: int
    corrected: bool = Field(description="是否经组织者更正")
    note: str
    created_at: Instant


class BotQuestionExport(ReadModel):
    id: str
    question: str
    answered: bool
    answer: str
    channel: str
    created_at: Instant


class BotVoteExport(ReadModel):
    answer_id: str
    vote: str = Field(description="up / down")
    comment: str
    created_at: Instant


class InboxExport(ReadModel):
    id: int
    notice_title: str
    notice_body: str
    channel: str = Field(description="inbox 站内消息 / subscribe 订阅消息")
    status: str
    sent_at: Instant | None
    read_at: Instant | None
    created_at: Instant


class SubscriptionExport(ReadModel):
    template_id: str
    remaining: int
    accepted_total: int
    last_result: str
    updated_at: Instant


class RecordExport(ReadModel):
    kind: str = Field(description="记录类型，如 activity（发布的活动）、grant_objection（公示异议）")
    id: int
    label: str = Field(description="标题、名称或内容")
    created_at: Instant | None


class ActionExport(ReadModel):
    action: str = Field(description="操作，如 org.register")
    object_type: str
    object_id: str
    created_at: Instant


class PersonalDataExport(ReadModel):
    """Everything the service holds about the caller (PIPL art. 45)."""

    generated_at: Instant
    profile: ProfileExport
    organizations: list[MembershipExport]
    signups: list[SignupExport]
    service_hours: list[ServiceHoursExport]
    service_minutes_total: int = Field(ge=0, description="累计服务时长（分钟）")
    bot_questions: list[BotQuestionExport]
    bot_votes: list[BotVoteExport]
    inbox: list[InboxExport] = Field(description="收到的通知（站内消息与订阅消息）")
    subscriptions: list[SubscriptionExport]
    records: list[RecordExport] = Field(description="本人创建或提交的其他记录")
    actions: list[ActionExport] = Field(description="审计日志中本人的操作")


class ErasureRead(ReadModel):
    """The receipt of an account closure (PIPL art. 47)."""

    erased: bool
    erased_at: Instant
    signups_kept_anonymous: int = Field(ge=0, description="为组织统计保留的匿名报名记录数")
    service_minutes_kept_anonymous: int = Field(ge=0, description="为组织统计保留的匿名服务时长（分钟）")
    deleted: dict[str, int] = Field(description="各类已删除记录的条数")


class PersonalDataRequestRead(ReadModel):
    id: int
    action: str = Field(description="personal_data.export 导出 / personal_data.erasure 注销")
    user_id: int = Field(description="申请人账号 id（注销后该账号已匿名化）")
    role: str
    summary: dict[str, Any] | None = Field(description="处理结果摘要（不含个人信息）")
    created_at: Instant


class PersonalDataRequestPage(Page[PersonalDataRequestRead]):
    pass
