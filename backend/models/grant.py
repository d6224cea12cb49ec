"""公益创投 grants (policy item 8): programs, applications, expert review, notice, tranches, reports.

Money is kept in yuan as Decimal with two places; budget lines live as JSON on the application
because they are edited as one document and only ever read whole.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.models.organization import Organization
from backend.models.user import User

MONEY = {"max_digits": 14, "decimal_places": 2}


class ApplicationStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    returned_for_info = "returned_for_info"
    resubmitted = "resubmitted"
    formal_passed = "formal_passed"
    expert_review = "expert_review"
    scored = "scored"
    site_visit = "site_visit"
    approved = "approved"
    rejected = "rejected"
    public_notice = "public_notice"
    agreement_signed = "agreement_signed"
    in_progress = "in_progress"
    closed = "closed"


class AssignmentStatus(StrEnum):
    pending = "pending"  # invited, not yet confirmed free of conflicts
    accepted = "accepted"  # confirmed no conflict; may score
    recused = "recused"  # declared a conflict of interest and stepped aside


class ReportKind(StrEnum):
    midterm = "midterm"
    final = "final"


class ReportStatus(StrEnum):
    submitted = "submitted"
    accepted = "accepted"
    returned = "returned"


class ObjectionStatus(StrEnum):
    open = "open"
    upheld = "upheld"
    dismissed = "dismissed"


class GrantProgram(Model):
    """A year's 公益创投 call: budget, cap, window, rubric and the rules every application meets."""

    id = fields.IntField(primary_key=True)
    year = fields.IntField(db_index=True)
    name = fields.CharField(max_length=128)
    total_budget = fields.DecimalField(**MONEY)
    per_project_cap = fields.DecimalField(**MONEY)
    max_applications_per_org = fields.IntField(default=1)
    focus_areas: Any = fields.JSONField(default=list)
    opens_at = fields.DatetimeField()
    closes_at = fields.DatetimeField()
    rubric: Any = fields.JSONField(default=list)  # [{"key", "name", "weight"}]
    required_attachments: Any = fields.JSONField(default=list)  # attachment kinds, e.g. "项目实施方案"
    experts_per_application = fields.IntField(default=3)
    notice_working_days = fields.IntField(default=5)
    tranches: Any = fields.JSONField(default=list)  # percentages, e.g. [60, 40]
    forbidden_categories: Any = fields.JSONField(default=list)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="grant_programs", null=True, on_delete=fields.SET_NULL)
    created_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "grant_program"


class GrantApplication(Model):
    id = fields.IntField(primary_key=True)
    program: fields.ForeignKeyRelation[GrantProgram] = fields.ForeignKeyField(
        "models.GrantProgram", related_name="applications", on_delete=fields.RESTRICT)
    program_id: int
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="grant_applications", on_delete=fields.RESTRICT)
    org_id: int
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="grant_applications", null=True, on_delete=fields.SET_NULL)
    created_by_id: int | None
    status = fields.CharEnumField(ApplicationStatus, max_length=24, default=ApplicationStatus.draft,
                                  db_index=True)
    project_name = fields.CharField(max_length=128)
    focus_area = fields.CharField(max_length=64)
    beneficiaries = fields.TextField(default="")
    objectives = fields.TextField(default="")
    timeline: Any = fields.JSONField(default=list)  # [{"title", "due_date", "description"}]
    budget_lines: Any = fields.JSONField(default=list)  # [{"category", "amount" (str yuan), "explanation"}]
    requested_amount = fields.DecimalField(**MONEY, default=0)
    approved_amount = fields.DecimalField(**MONEY, null=True)
    return_reason = fields.TextField(default="")
    info_deadline = fields.DateField(null=True)
    decision_reason = fields.TextField(default="")
    site_visit_notes = fields.TextField(default="")
    site_visited_on = fields.DateField(null=True)
    aggregate_score = fields.DecimalField(max_digits=6, decimal_places=2, null=True)
    notice_start = fields.DateField(null=True)
    notice_end = fields.DateField(null=True)
    agreement_no = fields.CharField(max_length=64, default="")
    agreement_signed_on = fields.DateField(null=True)
    submitted_at = fields.DatetimeField(null=True)
    decided_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "grant_application"
        indexes = (("program_id", "status"), ("org_id", "program_id"))


class Expert(Model):
    """An invited reviewer; `org_links` lists organizations they work for or advise (conflict check)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=32)
    affiliation = fields.CharField(max_length=128, default="")
    expertise = fields.CharField(max_length=255, default="")
    user: fields.ForeignKeyNullableRelation[User] = fields.OneToOneField(
        "models.User", related_name="expert_profile", null=True, on_delete=fields.SET_NULL)
    user_id: int | None
    org_links: Any = fields.JSONField(default=list)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "grant_expert"


class ExpertAssignment(Model):
    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[GrantApplication] = fields.ForeignKeyField(
        "models.GrantApplication", related_name="assignments", on_delete=fields.CASCADE)
    application_id: int
    expert: fields.ForeignKeyRelation[Expert] = fields.ForeignKeyField(
        "models.Expert", related_name="assignments", on_delete=fields.RESTRICT)
    expert_id: int
    status = fields.CharEnumField(AssignmentStatus, max_length=16, default=AssignmentStatus.pending)
    conflict_reason = fields.TextField(default="")
    scores: Any = fields.JSONField(null=True)  # {"criterion key": 0..100}
    total = fields.DecimalField(max_digits=6, decimal_places=2, null=True)
    comment = fields.TextField(default="")
    scored_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "grant_expert_assignment"
        unique_together = (("application", "expert"),)


class GrantObjection(Model):
    """An objection raised during the 公示 period, and how staff resolved it."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[GrantApplication] = fields.ForeignKeyField(
        "models.GrantApplication", related_name="objections", on_delete=fields.CASCADE)
    application_id: int
    raised_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="grant_objections", null=True, on_delete=fields.SET_NULL)
    raised_by_id: int | None
    source = fields.CharField(max_length=64, default="")  # 小程序 / 来信 / 来电 …
    content = fields.TextField()
    status = fields.CharEnumField(ObjectionStatus, max_length=16, default=ObjectionStatus.open)
    resolution = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "grant_objection"


class TranchePayment(Model):
    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[GrantApplication] = fields.ForeignKeyField(
        "models.GrantApplication", related_name="tranche_payments", on_delete=fields.CASCADE)
    application_id: int
    index = fields.IntField()
    percent = fields.IntField()
    amount = fields.DecimalField(**MONEY)
    paid_on = fields.DateField()
    voucher_no = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "grant_tranche_payment"
        unique_together = (("application", "index"),)


class GrantReport(Model):
    """Mid-term or final report with spending against the budget lines."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[GrantApplication] = fields.ForeignKeyField(
        "models.GrantApplication", related_name="reports", on_delete=fields.CASCADE)
    application_id: int
    kind = fields.CharEnumField(ReportKind, max_length=16)
    summary = fields.TextField()
    spending: Any = fields.JSONField(default=list)  # [{"line", "category", "budget", "spent", "note"}]
    status = fields.CharEnumField(ReportStatus, max_length=16, default=ReportStatus.submitted)
    review_note = fields.TextField(default="")
    submitted_at = fields.DatetimeField(auto_now_add=True)
    reviewed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "grant_report"
        unique_together = (("application", "kind"),)


class Attachment(Model):
    """An uploaded file kept under var/uploads (never served statically); content type is sniffed."""

    id = fields.IntField(primary_key=True)
    org: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="attachments", on_delete=fields.CASCADE)
    org_id: int
    owner_type = fields.CharField(max_length=32)  # grant_application | admission_request
    owner_id = fields.IntField()
    kind = fields.CharField(max_length=64, default="")
    original_name = fields.CharField(max_length=255)
    stored_name = fields.CharField(max_length=80, unique=True)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="attachments", null=True, on_delete=fields.SET_NULL)
    uploaded_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "attachment"
        indexes = (("owner_type", "owner_id"),)
