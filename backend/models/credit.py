"""Credit lists (活动异常名录 / 严重违法失信名单, policy items 10–12) and 双随机一公开 inspections.

A `CreditEntry` is one inclusion with its whole due process: proposed (with ground and evidence), the
leader's statement, the district's decision, and later its removal. An organization's
`credit_status` is derived from its open entries (`backend.services.credit.refresh_status`), never
typed. Inspections keep the plan, the published draw input and seed, and one result per organization
drawn, with its rectification.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.models.organization import Organization
from backend.models.user import User


class CreditList(StrEnum):
    abnormal = "abnormal"  # 活动异常名录
    untrustworthy = "untrustworthy"  # 严重违法失信名单


class CreditEntryStatus(StrEnum):
    proposed = "proposed"  # 拟列入，等待陈述申辩与决定
    included = "included"  # 已列入
    dropped = "dropped"  # 不予列入
    removal_proposed = "removal_proposed"  # 拟移出（仍在名录中）
    removed = "removed"  # 已移出


OPEN_STATUSES = (CreditEntryStatus.included, CreditEntryStatus.removal_proposed)
PENDING_STATUSES = (CreditEntryStatus.proposed, CreditEntryStatus.included, CreditEntryStatus.removal_proposed)


class CreditEntry(Model):
    id = fields.IntField(primary_key=True)
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="credit_entries", on_delete=fields.CASCADE)
    org_id: int
    credit_list = fields.CharEnumField(CreditList, max_length=16)
    ground = fields.CharField(max_length=32)  # a code of backend.services.credit.GROUNDS
    ground_note = fields.TextField(default="")
    evidence: Any = fields.JSONField(default=dict)
    # What proposed it ("annual_report:12", "escalate:3"): unique, so a sweep proposes each fact once.
    source_key = fields.CharField(max_length=64, unique=True, null=True)
    status = fields.CharEnumField(CreditEntryStatus, max_length=20, default=CreditEntryStatus.proposed, db_index=True)
    proposed_by_id = fields.IntField(null=True)  # None: the system's sweep
    answer_due = fields.DateField()
    answer_text = fields.TextField(default="")
    answered_at = fields.DatetimeField(null=True)
    decided_by_id = fields.IntField(null=True)
    decided_at = fields.DatetimeField(null=True)
    decision_reason = fields.TextField(default="")
    authority = fields.CharField(max_length=64, default="")
    removal_reason = fields.TextField(default="")
    removal_proposed_at = fields.DatetimeField(null=True)
    removed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "credit_entry"
        indexes = (("org_id", "status"),)


class PlanKind(StrEnum):
    periodic = "periodic"  # 定期抽查
    adhoc = "adhoc"  # 不定期抽查


class PlanStatus(StrEnum):
    draft = "draft"
    drawn = "drawn"


class Inspector(Model):
    """An inspector in the pool: staff or an outside expert; `org_links` are conflict links."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=32)
    affiliation = fields.CharField(max_length=128, default="")
    kind = fields.CharField(max_length=16, default="staff")  # staff / expert
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="inspector_profiles", null=True, on_delete=fields.SET_NULL)
    user_id: int | None
    expert_id = fields.IntField(null=True)  # a grant expert profile whose org_links also count
    org_links: Any = fields.JSONField(default=list)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inspector"


class InspectionPlan(Model):
    id = fields.IntField(primary_key=True)
    year = fields.IntField()
    kind = fields.CharEnumField(PlanKind, max_length=16)
    title = fields.CharField(max_length=128)
    ratio = fields.DecimalField(max_digits=6, decimal_places=4)
    items: Any = fields.JSONField(default=list)
    filters: Any = fields.JSONField(default=dict)
    planned_on = fields.DateField()
    inspectors_per_check = fields.IntField(default=2)
    status = fields.CharEnumField(PlanStatus, max_length=16, default=PlanStatus.draft)
    seed = fields.CharField(max_length=64, default="")
    draw_input: Any = fields.JSONField(default=dict)  # the published candidate list (see inspections.draw)
    drawn_at = fields.DatetimeField(null=True)
    redraw_count = fields.IntField(default=0)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inspection_plan"


class ResultStatus(StrEnum):
    pending = "pending"  # 待检查
    no_problem = "no_problem"  # 未发现问题
    rectifying = "rectifying"  # 发现问题，整改中
    submitted = "submitted"  # 已提交整改
    accepted = "accepted"  # 整改已验收


class InspectionResult(Model):
    id = fields.IntField(primary_key=True)
    plan: fields.ForeignKeyRelation[InspectionPlan] = fields.ForeignKeyField(
        "models.InspectionPlan", related_name="results", on_delete=fields.CASCADE)
    plan_id: int
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="inspection_results", on_delete=fields.CASCADE)
    org_id: int
    inspector_ids: Any = fields.JSONField(default=list)
    status = fields.CharEnumField(ResultStatus, max_length=16, default=ResultStatus.pending, db_index=True)
    problem_items: Any = fields.JSONField(default=list)
    findings = fields.TextField(default="")
    fee_findings = fields.TextField(default="")  # item 10: member-fee findings (行业协会商会)
    inspected_on = fields.DateField(null=True)
    rectification_due = fields.DateField(null=True)
    rectification_text = fields.TextField(default="")
    rectification_submitted_at = fields.DatetimeField(null=True)
    accepted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inspection_result"
        unique_together = (("plan", "org"),)
