"""What the credit-list routes answer: entries for staff and leaders, and the public lookup (no personal data)."""

from __future__ import annotations

from pydantic import Field

from backend.models.credit import CreditEntry, CreditList
from backend.models.credit import CreditEntryStatus as EntryStatus
from backend.models.organization import SupervisionLevel
from backend.schemas import Day, Instant, ReadModel
from backend.schemas.orgs import SupervisionRead
from backend.services import credit
from backend.services.commendation import Candidate
from backend.services.credit import PublicOrg
from backend.services.orgs import CATEGORY_LABELS, LEGAL_FORM_LABELS, SUPERVISION_LABELS
from backend.services.supervision import SupervisionFile


class CreditEntryRead(ReadModel):
    """One list entry with its due process, for staff and the organization's leaders."""

    id: int
    org_id: int
    org_name: str
    credit_list: CreditList
    list_label: str = Field(examples=["活动异常名录"])
    ground: str
    ground_label: str = Field(examples=["未按规定报送年度工作报告"])
    ground_note: str
    evidence: dict[str, object]
    status: EntryStatus
    status_label: str
    proposed_by_system: bool = Field(description="由系统依据已有事实自动提出")
    answer_due: Day = Field(description="陈述申辩期届满日（工作日计算）")
    answer_text: str
    answered_at: Instant | None
    decided_at: Instant | None
    decision_reason: str
    authority: str = Field(description="作出决定的机关")
    removal_reason: str
    removal_proposed_at: Instant | None
    removed_at: Instant | None
    removable_after: Day | None = Field(description="仅凭时限即可申请移出的日期（如适用）")
    created_at: Instant

    @classmethod
    def of(cls, e: CreditEntry) -> CreditEntryRead:
        return cls(
            id=e.id, org_id=e.org_id, org_name=e.org.name, credit_list=e.credit_list,
            list_label=credit.LIST_LABELS[e.credit_list.value], ground=e.ground,
            ground_label=credit.GROUND_LABELS.get(e.ground, e.ground), ground_note=e.ground_note,
            evidence=dict(e.evidence or {}), status=e.status, status_label=credit.STATUS_LABELS[e.status.value],
            proposed_by_system=e.proposed_by_id is None, answer_due=e.answer_due, answer_text=e.answer_text,
            answered_at=e.answered_at, decided_at=e.decided_at, decision_reason=e.decision_reason,
            authority=e.authority, removal_reason=e.removal_reason, removal_proposed_at=e.removal_proposed_at,
            removed_at=e.removed_at, removable_after=credit.removable_after(e), created_at=e.created_at)


class CreditEntryPage(ReadModel):
    items: list[CreditEntryRead]
    total: int = Field(ge=0, description="总条数")


class PublicEntryRead(ReadModel):
    """What the public sees of an open entry: list, ground, decision date and deciding authority."""

    credit_list: CreditList
    list_label: str
    ground: str
    ground_label: str
    decided_at: Instant | None = Field(description="列入决定日期")
    authority: str = Field(description="作出决定的机关")


class PublicCreditRead(ReadModel):
    """An organization in the public lookup: identity, town and open entries; no contact data."""

    org_id: int
    name: str
    credit_code: str | None = Field(description="统一社会信用代码")
    town_name: str
    credit_status: str = Field(examples=["abnormal"])
    credit_status_label: str = Field(examples=["活动异常名录"])
    entries: list[PublicEntryRead]

    @classmethod
    def of(cls, row: PublicOrg) -> PublicCreditRead:
        org = row.org
        status = str(org.credit_status)
        return cls(
            org_id=org.id, name=org.name, credit_code=org.credit_code, town_name=org.town.name,
            credit_status=status, credit_status_label=credit.LIST_LABELS.get(status, "正常"),
            entries=[PublicEntryRead(
                credit_list=e.credit_list, list_label=credit.LIST_LABELS[e.credit_list.value], ground=e.ground,
                ground_label=credit.GROUND_LABELS.get(e.ground, e.ground), decided_at=e.decided_at,
                authority=e.authority) for e in row.entries])


class PublicCreditPage(ReadModel):
    items: list[PublicCreditRead]
    total: int = Field(ge=0, description="总条数")


class GroundRead(ReadModel):
    code: str
    label: str
    credit_list: CreditList


class CreditSweepRead(ReadModel):
    proposed: int = Field(description="新提出的拟列入条数")
    removals: int = Field(description="新提出的拟移出条数")


class FeeFindingRead(ReadModel):
    source: str = Field(examples=["annual_report"], description="annual_report 年度报告 / inspection 抽查")
    source_id: int
    year: int
    code: str
    message: str


class SupervisionFileRead(ReadModel):
    """An organization's supervision record: the level staff set, the level its record suggests, the
    history with both, and item-10 fee findings."""

    level: SupervisionLevel
    level_label: str
    suggested_level: SupervisionLevel
    suggested_label: str
    suggestion_reasons: list[str]
    history: list[SupervisionRead]
    fee_findings: list[FeeFindingRead]

    @classmethod
    def of(cls, f: SupervisionFile) -> SupervisionFileRead:
        return cls(level=f.level, level_label=SUPERVISION_LABELS[f.level.value], suggested_level=f.suggestion.level,
                   suggested_label=SUPERVISION_LABELS[f.suggestion.level.value],
                   suggestion_reasons=list(f.suggestion.reasons), history=[SupervisionRead.of(r) for r in f.history],
                   fee_findings=[FeeFindingRead(**x) for x in f.fee_findings])


class CommendationCandidateRead(ReadModel):
    """An organization eligible for 评优: active, on neither credit list, its latest due annual report accepted."""

    org_id: int
    name: str
    credit_code: str | None = Field(description="统一社会信用代码")
    town_id: int
    town_name: str
    legal_form: str = Field(examples=["social_group"])
    legal_form_label: str = Field(examples=["社会团体"])
    category: str = Field(examples=["charity"])
    category_label: str = Field(examples=["公益慈善类"])
    latest_report_year: int = Field(description="最近一个已截止填报的年报年度（该年度年报已审核通过）")
    report_accepted_at: Instant | None = Field(description="该年度年报审核通过时间")
    credit_good: bool = Field(description="守信激励：3 年内无信用名录记录且年报已通过、无逾期")
    supervision_level: SupervisionLevel
    supervision_label: str

    @classmethod
    def of(cls, c: Candidate) -> CommendationCandidateRead:
        org = c.org
        return cls(
            org_id=org.id, name=org.name, credit_code=org.credit_code, town_id=org.town.id, town_name=org.town.name,
            legal_form=str(org.legal_form), legal_form_label=LEGAL_FORM_LABELS[str(org.legal_form)],
            category=str(org.category), category_label=CATEGORY_LABELS[str(org.category)],
            latest_report_year=c.report.year, report_accepted_at=c.report.accepted_at, credit_good=c.credit_good,
            supervision_level=SupervisionLevel(str(org.supervision_level)),
            supervision_label=SUPERVISION_LABELS[str(org.supervision_level)])
