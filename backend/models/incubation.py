"""Incubation (孵化培育, policy item 7): bases at three tiers, recruitment, admission, milestones."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.models.organization import Organization
from backend.models.region import Region
from backend.models.user import User


class BaseTier(StrEnum):
    district = "district"  # 区级
    town = "town"  # 镇街级
    community = "community"  # 社区/村级


class SupportType(StrEnum):
    party_building = "党建指导"
    venture = "公益创投"
    subsidy = "补贴奖励"
    venue = "活动场地"
    fee_waiver = "费用减免"


class AdmissionStatus(StrEnum):
    pending = "pending"  # 待审核
    admitted = "admitted"  # 入驻孵化中
    rejected = "rejected"  # 未通过
    graduated = "graduated"  # 已出壳
    left = "left"  # 已退出


class IncubationBase(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128)
    tier = fields.CharEnumField(BaseTier, max_length=16)
    # The town for town tier, the community for community tier, none for the district base.
    region: fields.ForeignKeyNullableRelation[Region] = fields.ForeignKeyField(
        "models.Region", related_name="incubation_bases", null=True, on_delete=fields.RESTRICT)
    region_id: int | None
    support_types: Any = fields.JSONField(default=list)
    quota = fields.IntField()
    occupied = fields.IntField(default=0)  # organizations currently incubated
    address = fields.CharField(max_length=255, default="")
    description = fields.TextField(default="")
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "incubation_base"


class RecruitmentWindow(Model):
    id = fields.IntField(primary_key=True)
    base: fields.ForeignKeyRelation[IncubationBase] = fields.ForeignKeyField(
        "models.IncubationBase", related_name="windows", on_delete=fields.CASCADE)
    base_id: int
    opens_at = fields.DatetimeField()
    closes_at = fields.DatetimeField()
    note = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "incubation_window"


class AdmissionRequest(Model):
    id = fields.IntField(primary_key=True)
    base: fields.ForeignKeyRelation[IncubationBase] = fields.ForeignKeyField(
        "models.IncubationBase", related_name="admissions", on_delete=fields.RESTRICT)
    base_id: int
    window: fields.ForeignKeyNullableRelation[RecruitmentWindow] = fields.ForeignKeyField(
        "models.RecruitmentWindow", related_name="admissions", null=True, on_delete=fields.SET_NULL)
    window_id: int | None
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="admission_requests", on_delete=fields.RESTRICT)
    org_id: int
    requested_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="admission_requests", null=True, on_delete=fields.SET_NULL)
    requested_by_id: int | None
    support_types: Any = fields.JSONField(default=list)
    statement = fields.TextField(default="")
    materials: Any = fields.JSONField(default=list)  # [{"name", "description"}]; files are Attachments
    status = fields.CharEnumField(AdmissionStatus, max_length=16, default=AdmissionStatus.pending, db_index=True)
    reason = fields.TextField(default="")
    period_start = fields.DateField(null=True)
    period_end = fields.DateField(null=True)
    decided_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "incubation_admission"


class IncubationMilestone(Model):
    id = fields.IntField(primary_key=True)
    admission: fields.ForeignKeyRelation[AdmissionRequest] = fields.ForeignKeyField(
        "models.AdmissionRequest", related_name="milestones", on_delete=fields.CASCADE)
    admission_id: int
    title = fields.CharField(max_length=128)
    due_date = fields.DateField()
    done_on = fields.DateField(null=True)
    note = fields.TextField(default="")

    class Meta:
        table = "incubation_milestone"
