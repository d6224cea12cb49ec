"""What the 公益创投 routes answer: programs, applications (three views), the expert pool and review, ranking.

Built by the handlers from the rows and facts `services.grants` and `services.grant_review` return.
Money leaves as a string with two places (a JSON number would lose the cents' exactness).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, PlainSerializer

from backend.models.audit import AuditLog
from backend.models.grant import (
    ApplicationStatus,
    AssignmentStatus,
    Attachment,
    ExpertAssignment,
    GrantApplication,
    GrantObjection,
    GrantProgram,
    ObjectionStatus,
    ReportKind,
    ReportStatus,
)
from backend.schemas import Day, Instant, ReadModel
from backend.services import clock, grants
from backend.services.grant_review import Ranked

Money = Annotated[Decimal, PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json")]


# ---------------------------------------------------------------- programs

class CriterionRead(ReadModel):
    key: str = Field(description="评分项标识")
    name: str = Field(description="评分项名称")
    weight: int = Field(description="权重")


class ProgramRead(ReadModel):
    id: int
    year: int = Field(description="年度")
    name: str = Field(description="项目名称")
    total_budget: Money = Field(description="总预算（元）")
    per_project_cap: Money = Field(description="单个项目资助上限（元）")
    max_applications_per_org: int
    focus_areas: list[str] = Field(description="资助领域")
    opens_at: Instant = Field(description="申报开始")
    closes_at: Instant = Field(description="申报截止")
    rubric: list[CriterionRead] = Field(description="评分细则")
    required_attachments: list[str] = Field(description="必需附件")
    experts_per_application: int
    notice_working_days: int = Field(description="公示期（工作日）")
    tranches: list[int] = Field(description="分期拨付比例（%）")
    forbidden_categories: list[str] = Field(description="不予资助的支出类别")
    open: bool = Field(description="现在是否在申报期内")

    @classmethod
    def of(cls, p: GrantProgram) -> ProgramRead:
        return cls.model_validate({
            **{name: getattr(p, name) for name in cls.model_fields if name != "open"},
            "open": p.opens_at <= clock.now() <= p.closes_at})


# ---------------------------------------------------------------- parts of an application

class AttachmentRead(ReadModel):
    id: int
    kind: str = Field(description="附件类别")
    name: str = Field(description="原文件名")
    content_type: str = Field(description="按内容识别的类型")
    size: int = Field(description="字节数")
    sha256: str
    uploaded_at: Instant

    @classmethod
    def of(cls, a: Attachment) -> AttachmentRead:
        return cls(id=a.id, kind=a.kind, name=a.original_name, content_type=a.content_type, size=a.size,
                   sha256=a.sha256, uploaded_at=a.created_at)


class MilestonePlan(ReadModel):
    title: str
    due_date: Day
    description: str = ""


class BudgetLineRead(ReadModel):
    category: str = Field(description="支出类别")
    amount: str = Field(description="金额（元，两位小数）")
    explanation: str = ""


class TrancheRead(ReadModel):
    index: int = Field(description="期次（从 0 开始）")
    percent: int
    amount: Money
    paid_on: Day


class SpendingRead(ReadModel):
    line: int = Field(description="预算行序号")
    category: str
    budget: str
    spent: str
    variance: str = Field(description="预算减支出")
    note: str = ""


class ReportRead(ReadModel):
    id: int
    kind: ReportKind
    summary: str
    spending: list[SpendingRead]
    status: ReportStatus
    review_note: str


class ObjectionRef(ReadModel):
    id: int
    status: ObjectionStatus


class ObjectionOutcome(ObjectionRef):
    resolution: str


class ObjectionRead(ObjectionOutcome):
    content: str
    source: str


class Deleted(ReadModel):
    ok: bool = True


class HistoryEntry(ReadModel):
    action: str
    actor_id: int | None
    actor_role: str
    before: Any = None
    after: Any = None
    reason: str
    at: Instant

    @classmethod
    def of(cls, row: AuditLog) -> HistoryEntry:
        return cls(action=row.action, actor_id=row.actor_id, actor_role=row.actor_role, before=row.before,
                   after=row.after, reason=row.reason, at=row.created_at)


class StatusChange(ReadModel):
    action: str
    status: str
    reason: str
    at: Instant


# ---------------------------------------------------------------- applications

class ApplicationSummary(ReadModel):
    """An application in a list: what a 公示 list or an overview shows."""

    id: int
    program_id: int
    org_id: int
    org_name: str
    status: ApplicationStatus
    status_label: str
    project_name: str
    focus_area: str
    requested_amount: Money
    approved_amount: Money | None
    aggregate_score: Money | None = Field(description="专家平均分")
    notice_start: Day | None = Field(description="公示开始")
    notice_end: Day | None = Field(description="公示截止")

    @classmethod
    def of(cls, app: GrantApplication, org_name: str) -> ApplicationSummary:
        return cls.model_validate(_summary(app, org_name))

    @classmethod
    def listed(cls, app: GrantApplication) -> ApplicationSummary:
        """For rows a service listed with their organization prefetched."""
        return cls.of(app, app.org.name)


class ApplicationContent(ApplicationSummary):
    """What the applicant wrote: the part an assigned expert also sees."""

    beneficiaries: str
    objectives: str
    timeline: list[MilestonePlan]
    budget_lines: list[BudgetLineRead]
    site_visit_notes: str
    submitted_at: Instant | None
    attachments: list[AttachmentRead]


class ApplicationRead(ApplicationContent):
    """The whole application, for its organization's leaders and for staff."""

    return_reason: str
    info_deadline: Day | None = Field(description="补充材料期限")
    decision_reason: str
    agreement_no: str
    tranches: list[TrancheRead]
    reports: list[ReportRead]

    @classmethod
    def build(cls, d: grants.ApplicationDetail) -> ApplicationRead:
        return cls.model_validate({**_content(d), **_private(d)})


class LeaderApplicationRead(ApplicationRead):
    timeline_of_status: list[StatusChange] = Field(description="状态变化")

    @classmethod
    def with_history(cls, d: grants.ApplicationDetail, history: list[AuditLog]) -> LeaderApplicationRead:
        changes = [StatusChange(action=h.action, status=h.after["status"], reason=h.reason, at=h.created_at)
                   for h in history if (h.after or {}).get("status")]
        return cls.model_validate({**_content(d), **_private(d), "timeline_of_status": changes})


def _summary(app: GrantApplication, org_name: str) -> dict[str, Any]:
    return {**{name: getattr(app, name) for name in ApplicationSummary.model_fields
               if name not in ("org_name", "status_label")},
            "org_name": org_name, "status_label": grants.label(app.status)}


def _content(d: grants.ApplicationDetail) -> dict[str, Any]:
    app = d.app
    return {**_summary(app, d.org.name), "beneficiaries": app.beneficiaries, "objectives": app.objectives,
            "timeline": app.timeline, "budget_lines": app.budget_lines, "site_visit_notes": app.site_visit_notes,
            "submitted_at": app.submitted_at, "attachments": [AttachmentRead.of(a) for a in d.attachments]}


def _private(d: grants.ApplicationDetail) -> dict[str, Any]:
    app = d.app
    return {"return_reason": app.return_reason, "info_deadline": app.info_deadline,
            "decision_reason": app.decision_reason, "agreement_no": app.agreement_no,
            "tranches": [TrancheRead.model_validate(p) for p in d.tranches],
            "reports": [ReportRead.model_validate(r) for r in d.reports]}


# ---------------------------------------------------------------- experts and review

class ExpertRead(ReadModel):
    id: int
    name: str
    affiliation: str
    expertise: str
    user_id: int | None = Field(description="专家登录所用的用户 id")
    org_links: list[int] = Field(description="任职/关联的社会组织 id（回避用）")
    active: bool


class StaffAssignmentRead(ReadModel):
    """An assignment as staff see it, with the expert's name."""

    id: int
    expert_id: int
    expert_name: str
    status: AssignmentStatus
    conflict_reason: str
    scores: dict[str, int] | None
    total: Money | None

    @classmethod
    def of(cls, a: ExpertAssignment) -> StaffAssignmentRead:
        return cls(id=a.id, expert_id=a.expert_id, expert_name=a.expert.name, status=a.status,
                   conflict_reason=a.conflict_reason, scores=a.scores, total=a.total)


class StaffApplicationRead(ApplicationRead):
    assignments: list[StaffAssignmentRead]
    objections: list[ObjectionRead]
    history: list[HistoryEntry] = Field(description="审计轨迹")

    @classmethod
    def with_review(cls, d: grants.ApplicationDetail, *, assignments: list[ExpertAssignment],
                    objections: list[GrantObjection], history: list[AuditLog]) -> StaffApplicationRead:
        return cls.model_validate({
            **_content(d), **_private(d), "assignments": [StaffAssignmentRead.of(a) for a in assignments],
            "objections": [ObjectionRead.model_validate(o) for o in objections],
            "history": [HistoryEntry.of(h) for h in history]})


class AssignmentRead(ReadModel):
    """An assignment as its expert sees it."""

    id: int
    application_id: int
    project_name: str
    org_name: str
    application_status: ApplicationStatus
    application_status_label: str
    status: AssignmentStatus
    scores: dict[str, int] | None
    total: Money | None
    comment: str
    scored: bool
    conflict_reason: str

    @classmethod
    def of(cls, a: ExpertAssignment) -> AssignmentRead:
        """For an assignment loaded with its application and organization."""
        app = a.application
        return cls(id=a.id, application_id=app.id, project_name=app.project_name, org_name=app.org.name,
                   application_status=app.status, application_status_label=grants.label(app.status),
                   status=a.status, scores=a.scores, total=a.total, comment=a.comment,
                   scored=a.scored_at is not None, conflict_reason=a.conflict_reason)


class ExpertApplicationRead(ApplicationContent):
    """An application as an assigned expert sees it: no decisions, payments or reports."""

    my_assignment: AssignmentRead

    @classmethod
    def build(cls, d: grants.ApplicationDetail, assignment: ExpertAssignment) -> ExpertApplicationRead:
        return cls.model_validate({**_content(d), "my_assignment": AssignmentRead.of(assignment)})


class RecusalRead(ReadModel):
    recused: int = Field(description="回避的评审任务 id")
    replacement_assignment_id: int | None = Field(description="补抽的评审任务 id；专家库不足时为空")


class RankingRow(ReadModel):
    rank: int = Field(description="排名（同分同名次）")
    application_id: int
    org_name: str
    project_name: str
    focus_area: str
    requested_amount: Money
    aggregate_score: Money
    status: ApplicationStatus
    status_label: str
    credit_good: bool = Field(description="守信激励：3 年内未列入信用名录且年报均已通过")

    @classmethod
    def of(cls, r: Ranked) -> RankingRow:
        app = r.app
        return cls(rank=r.rank, application_id=app.id, org_name=app.org.name, project_name=app.project_name,
                   focus_area=app.focus_area, requested_amount=app.requested_amount,
                   aggregate_score=app.aggregate_score, status=app.status, status_label=grants.label(app.status),
                   credit_good=r.credit_good)
