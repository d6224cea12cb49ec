"""Annual reports (年度工作报告, policy item 12) and the zombie-organization clean-up.

A report year (`ReportYear`) fixes the filing window and who must file; opening it creates one
`AnnualReport` per obliged organization. Each report keeps its sections as one JSON document per
section (edited and validated section by section on a phone, read whole), the system's own figures
beside them, and the review trail. The zombie screening keeps the evidence it found per
organization (`ZombieEntry`), the contact attempts staff record, council elections (换届) and the
clean-up cases that end in deregistration.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.models.organization import Organization
from backend.models.user import User


class AnnualReportStatus(StrEnum):
    not_started = "not_started"  # 未填报
    draft = "draft"  # 填报中
    submitted = "submitted"  # 已提交，待镇街初审
    town_checked = "town_checked"  # 镇街已初审，待区级审核
    returned = "returned"  # 退回修改
    accepted = "accepted"  # 审核通过（公开）
    overdue = "overdue"  # 逾期未报（仍可补报，标记为逾期）


class ReportYear(Model):
    """One report year: its filing window, the obligation rule and the sections each legal form files."""

    id = fields.IntField(primary_key=True)
    year = fields.IntField(unique=True)
    window_opens = fields.DateField()
    window_closes = fields.DateField()
    # Obliged: active on `active_on` and registered (approved) before `registered_before`.
    active_on = fields.DateField()
    registered_before = fields.DateField()
    required_sections: Any = fields.JSONField(default=dict)  # {"social_group": ["basic", …], …}
    opened_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="report_years_opened", null=True, on_delete=fields.SET_NULL)
    opened_by_id: int | None
    overdue_swept_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "annual_report_year"


class AnnualReport(Model):
    id = fields.IntField(primary_key=True)
    report_year: fields.ForeignKeyRelation[ReportYear] = fields.ForeignKeyField(
        "models.ReportYear", related_name="reports", on_delete=fields.RESTRICT)
    report_year_id: int
    year = fields.IntField(db_index=True)  # copied from the year so lists filter without a join
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="annual_reports", on_delete=fields.RESTRICT)
    org_id: int
    town_id = fields.IntField(db_index=True)  # the organization's town when the year opened (scope, progress)
    status = fields.CharEnumField(AnnualReportStatus, max_length=16, default=AnnualReportStatus.not_started,
                                  db_index=True)
    required_sections: Any = fields.JSONField(default=list)
    sections: Any = fields.JSONField(default=dict)  # {"finances": {...}, …}: what the leader saved
    system_figures: Any = fields.JSONField(default=dict)  # frozen at submission; computed live before
    findings: Any = fields.JSONField(default=list)  # item-10 findings for the reviewer
    late = fields.BooleanField(default=False)
    submitted_at = fields.DatetimeField(null=True)
    submit_count = fields.IntField(default=0)
    commitment_name = fields.CharField(max_length=32, default="")  # 信用承诺 signed by
    commitment_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="annual_report_commitments", null=True, on_delete=fields.SET_NULL)
    commitment_user_id: int | None
    commitment_at = fields.DatetimeField(null=True)
    town_note = fields.TextField(default="")
    town_checked_at = fields.DatetimeField(null=True)
    return_reasons: Any = fields.JSONField(default=dict)  # {"finances": "收入合计与明细不符", …}
    correction_due = fields.DateField(null=True)
    returned_at = fields.DatetimeField(null=True)
    accepted_at = fields.DatetimeField(null=True)
    council_term_end = fields.DateField(null=True)  # from the people section (zombie check)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "annual_report"
        unique_together = (("report_year", "org"),)
        indexes = (("year", "town_id", "status"), ("org_id", "status"))


class ContactMethod(StrEnum):
    phone = "phone"  # 电话
    visit = "visit"  # 上门走访
    letter = "letter"  # 按登记住所寄信
    supervisor = "supervisor"  # 业务主管单位反馈


class ContactOutcome(StrEnum):
    reached = "reached"  # 取得联系
    failed = "failed"  # 无法联系


class ContactAttempt(Model):
    """A staff attempt to reach an organization (or its 业务主管单位's report), with the outcome."""

    id = fields.IntField(primary_key=True)
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="contact_attempts", on_delete=fields.CASCADE)
    org_id: int
    method = fields.CharEnumField(ContactMethod, max_length=16)
    outcome = fields.CharEnumField(ContactOutcome, max_length=16)
    attempted_on = fields.DateField()
    note = fields.TextField(default="")
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="contact_attempts", null=True, on_delete=fields.SET_NULL)
    recorded_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_contact_attempt"
        indexes = (("org_id", "attempted_on"),)


class CouncilElection(Model):
    """A recorded 换届: the council was re-elected on `held_on`, its new term ending `term_end`."""

    id = fields.IntField(primary_key=True)
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="council_elections", on_delete=fields.CASCADE)
    org_id: int
    held_on = fields.DateField()
    term_end = fields.DateField()
    note = fields.TextField(default="")
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="council_elections", null=True, on_delete=fields.SET_NULL)
    recorded_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_council_election"


class SweepStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class ZombieSweep(Model):
    """One run of the zombie screening, with its progress."""

    id = fields.IntField(primary_key=True)
    status = fields.CharEnumField(SweepStatus, max_length=16, default=SweepStatus.queued)
    total = fields.IntField(default=0)
    processed = fields.IntField(default=0)
    listed = fields.IntField(default=0)
    started_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="zombie_sweeps", null=True, on_delete=fields.SET_NULL)
    started_by_id: int | None
    error = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "zombie_sweep"


class EntryStatus(StrEnum):
    listed = "listed"  # 列入清理清单
    dismissed = "dismissed"  # 已排除（附理由）
    case_open = "case_open"  # 清理中
    closed = "closed"  # 已撤销登记/注销
    cleared = "cleared"  # 复查不再符合条件


class ZombieEntry(Model):
    """What the latest sweep found about one organization: its signals, each with evidence."""

    id = fields.IntField(primary_key=True)
    org: fields.OneToOneRelation[Organization] = fields.OneToOneField(
        "models.Organization", related_name="zombie_entry", on_delete=fields.CASCADE)
    org_id: int
    town_id = fields.IntField(db_index=True)
    signals: Any = fields.JSONField(default=list)  # [{"key", "label", "evidence"}]
    signal_count = fields.IntField(default=0)
    status = fields.CharEnumField(EntryStatus, max_length=16, default=EntryStatus.listed, db_index=True)
    dismissed_reason = fields.TextField(default="")
    dismissed_signals: Any = fields.JSONField(default=list)  # the signal keys a dismissal covered
    sweep_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "zombie_entry"


class CaseStatus(StrEnum):
    open = "open"
    closed = "closed"


class DeregistrationKind(StrEnum):
    revoked = "revoked"  # 撤销登记
    cancelled = "cancelled"  # 注销


class CleanupCase(Model):
    """A clean-up case opened from the list; closed by deregistration (撤销登记 or 注销)."""

    id = fields.IntField(primary_key=True)
    entry: fields.ForeignKeyRelation[ZombieEntry] = fields.ForeignKeyField(
        "models.ZombieEntry", related_name="cases", on_delete=fields.CASCADE)
    entry_id: int
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="cleanup_cases", on_delete=fields.CASCADE)
    org_id: int
    status = fields.CharEnumField(CaseStatus, max_length=16, default=CaseStatus.open)
    note = fields.TextField(default="")
    opened_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="cleanup_cases", null=True, on_delete=fields.SET_NULL)
    opened_by_id: int | None
    outcome = fields.CharEnumField(DeregistrationKind, max_length=16, null=True)
    outcome_reason = fields.TextField(default="")
    outcome_date = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    closed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "zombie_cleanup_case"
