"""Activities published by organizations, residents' signups, and the service-hours ledger."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from backend.models.organization import Organization
from backend.models.region import Region
from backend.models.user import User


class ActivityStatus(StrEnum):
    draft = "draft"  # 草稿
    published = "published"  # 已发布
    cancelled = "cancelled"  # 已取消


class ActivityCategory(StrEnum):
    volunteer = "volunteer"  # 志愿服务
    elderly_care = "elderly_care"  # 为老服务
    child_care = "child_care"  # 儿童关爱
    disability = "disability"  # 助残服务
    culture_sports = "culture_sports"  # 文体活动
    education = "education"  # 教育培训
    health = "health"  # 健康义诊
    party_building = "party_building"  # 党建活动
    community_governance = "community_governance"  # 社区治理
    other = "other"  # 其他


class TargetGroup(StrEnum):
    """Who an activity serves; the values are what phone users see (policy item 9 groups first)."""

    lonely_elderly = "孤寡老人"
    empty_nest_elderly = "空巢老人"
    children_in_difficulty = "困境儿童"
    left_behind_children = "留守儿童"
    extreme_poverty = "特困人员"
    disabled = "残疾人"
    youth = "青少年"
    women = "妇女"
    veterans = "退役军人"
    all_residents = "全体居民"


class SignupStatus(StrEnum):
    confirmed = "confirmed"  # 报名成功
    waitlisted = "waitlisted"  # 候补中
    cancelled = "cancelled"  # 已取消


class Activity(Model):
    id = fields.IntField(primary_key=True)
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="activities", on_delete=fields.RESTRICT)
    org_id: int
    title = fields.CharField(max_length=64)
    description = fields.TextField(default="")
    category = fields.CharEnumField(ActivityCategory, max_length=32, db_index=True)
    # Stored as ",孤寡老人,残疾人," so one indexed-free LIKE finds a group on both dialects.
    target_groups = fields.CharField(max_length=255, default="")
    starts_at = fields.DatetimeField(db_index=True)
    ends_at = fields.DatetimeField(db_index=True)
    signup_deadline = fields.DatetimeField()
    town: fields.ForeignKeyRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="activities_in_town", on_delete=fields.RESTRICT)
    town_id: int
    community: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="activities_in_community", null=True, on_delete=fields.RESTRICT)
    community_id: int | None
    address = fields.CharField(max_length=255, default="")
    lat = fields.FloatField(null=True)
    lng = fields.FloatField(null=True)
    capacity = fields.IntField()
    waitlist_limit = fields.IntField(default=0)
    checkin_radius_m = fields.IntField(null=True)
    status = fields.CharEnumField(ActivityStatus, max_length=16, default=ActivityStatus.draft)
    # Denormalised counters, changed only under the row lock, so lists need no COUNT(*).
    confirmed_count = fields.IntField(default=0)
    waitlist_count = fields.IntField(default=0)
    waitlist_seq = fields.IntField(default=0)  # last queue number handed out
    cancel_reason = fields.CharField(max_length=200, default="")
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="activities_created", null=True, on_delete=fields.SET_NULL)
    created_by_id: int | None
    published_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "activity"
        indexes = (("status", "starts_at"), ("lat", "lng"), ("town_id", "status"), ("org_id", "status"))


class Signup(Model):
    """One resident's place in one activity; the unique pair makes double submits harmless."""

    id = fields.IntField(primary_key=True)
    activity: fields.ForeignKeyRelation[Activity] = fields.ForeignKeyField(
        "models.Activity", related_name="signups", on_delete=fields.CASCADE)
    activity_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="signups", on_delete=fields.CASCADE)
    user_id: int
    status = fields.CharEnumField(SignupStatus, max_length=16)
    queue_no = fields.IntField(null=True)  # waitlist order; the earliest is promoted first
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    confirmed_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    checked_in_at = fields.DatetimeField(null=True)
    checked_out_at = fields.DatetimeField(null=True)

    class Meta:
        table = "activity_signup"
        unique_together = (("activity", "user"),)
        indexes = (("activity_id", "status", "queue_no"),)


class ServiceHours(Model):
    """The service-hours ledger: one row per signup, its minutes from check-in/out or a correction."""

    id = fields.IntField(primary_key=True)
    signup: fields.OneToOneRelation[Signup] = fields.OneToOneField(
        "models.Signup", related_name="service_hours", on_delete=fields.CASCADE)
    signup_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="service_hours", on_delete=fields.CASCADE)
    user_id: int
    activity: fields.ForeignKeyRelation[Activity] = fields.ForeignKeyField(
        "models.Activity", related_name="service_hours", on_delete=fields.CASCADE)
    activity_id: int
    minutes = fields.IntField()
    corrected = fields.BooleanField(default=False)
    note = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "service_hours"
        indexes = (("user_id", "created_at"),)
