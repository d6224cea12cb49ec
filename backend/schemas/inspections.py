"""What the inspection routes answer: plans, the published draw, results; the pool for staff only.

Public views name inspectors by their pool number only (no names, phones or affiliations)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from backend.models.credit import InspectionPlan, InspectionResult, Inspector, PlanKind, PlanStatus, ResultStatus
from backend.schemas import Day, Instant, ReadModel
from backend.services import inspections


class InspectorRead(ReadModel):
    id: int
    name: str
    affiliation: str
    kind: str = Field(examples=["staff"], description="staff 工作人员 / expert 外部专家")
    user_id: int | None
    expert_id: int | None
    org_links: list[int] = Field(description="有利益关联的组织（抽取时回避）")
    active: bool


class PlanRead(ReadModel):
    """A plan as published: ratio, items, date, and once drawn the seed and the candidate list."""

    id: int
    year: int
    kind: PlanKind
    title: str
    ratio: Decimal = Field(description="抽查比例（不低于 0.03）")
    items: list[str]
    item_labels: list[str]
    filters: dict[str, Any]
    planned_on: Day
    inspectors_per_check: int
    status: PlanStatus
    seed: str = Field(description="抽取种子（公开，可据此复算）")
    draw_input: dict[str, Any] = Field(
        description="公开的候选名单：algorithm、orgs、inspectors、excluded、count、per_check")
    drawn_at: Instant | None
    redraw_count: int

    @classmethod
    def of(cls, p: InspectionPlan) -> PlanRead:
        return cls(id=p.id, year=p.year, kind=p.kind, title=p.title, ratio=p.ratio, items=list(p.items or []),
                   item_labels=[inspections.ITEMS.get(i, i) for i in p.items or []], filters=dict(p.filters or {}),
                   planned_on=p.planned_on, inspectors_per_check=p.inspectors_per_check, status=p.status,
                   seed=p.seed, draw_input=dict(p.draw_input or {}), drawn_at=p.drawn_at, redraw_count=p.redraw_count)


class ResultRead(ReadModel):
    """One drawn organization's check: inspectors by pool number, outcome, rectification."""

    id: int
    plan_id: int
    org_id: int
    org_name: str
    inspector_ids: list[int] = Field(description="抽中的检查人员编号")
    status: ResultStatus
    status_label: str
    problem_items: list[str]
    findings: str
    fee_findings: str = Field(description="会费检查发现（第 10 项，行业协会商会）")
    inspected_on: Day | None
    rectification_due: Day | None
    rectification_text: str
    rectification_submitted_at: Instant | None
    accepted_at: Instant | None

    @classmethod
    def of(cls, r: InspectionResult, *, public: bool = False) -> ResultRead:
        """`public`: the organization's own rectification text stays out of the published results."""
        return cls(id=r.id, plan_id=r.plan_id, org_id=r.org_id, org_name=r.org.name,
                   inspector_ids=[int(i) for i in r.inspector_ids or []], status=r.status,
                   status_label=inspections.RESULT_LABELS[r.status.value], problem_items=list(r.problem_items or []),
                   findings=r.findings, fee_findings=r.fee_findings, inspected_on=r.inspected_on,
                   rectification_due=r.rectification_due, rectification_text="" if public else r.rectification_text,
                   rectification_submitted_at=r.rectification_submitted_at, accepted_at=r.accepted_at)


class PublicPlanRead(ReadModel):
    """The published plan with its draw and results (双随机一公开)."""

    plan: PlanRead
    results: list[ResultRead]


class VerificationRead(ReadModel):
    plan_id: int
    matches: bool = Field(description="按公开的种子与候选名单复算的结果与公布结果一致")
    computed: list[dict[str, Any]]


def inspector_of(i: Inspector) -> InspectorRead:
    return InspectorRead(id=i.id, name=i.name, affiliation=i.affiliation, kind=i.kind, user_id=i.user_id,
                         expert_id=i.expert_id, org_links=[int(x) for x in i.org_links or []], active=i.active)
