"""What the annual-report (年度工作报告) and zombie clean-up routes answer."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from backend.models.annual_report import (
    AnnualReportStatus,
    CaseStatus,
    ContactMethod,
    ContactOutcome,
    DeregistrationKind,
    EntryStatus,
    SweepStatus,
)
from backend.schemas import Day, Instant, Page, ReadModel


class ReportYearRead(ReadModel):
    id: int
    year: int = Field(description="报告年度")
    window_opens: Day = Field(description="报送开始日期")
    window_closes: Day = Field(description="报送截止日期")
    active_on: Day = Field(description="应报组织：该日仍为已登记状态")
    registered_before: Day = Field(description="应报组织：在该日之前登记")
    required_sections: dict[str, list[str]] = Field(description="各组织形式须填报的部分")


class YearOpened(ReportYearRead):
    obliged: int = Field(description="应报组织数（已为每个组织建立未填报的年度报告）")


class SectionRead(ReadModel):
    key: str = Field(description="basic / activities / people / finances / donations / member_fees / party")
    label: str
    saved: bool = Field(description="false 时 data 为系统预填内容，尚未保存")
    data: dict[str, Any] | None
    return_reason: str | None = Field(description="退回时该部分的修改意见")


class FindingRead(ReadModel):
    code: str = Field(description="fee_levels_over_4 / fee_level_without_amount / fee_for_awards")
    field: str
    message: str


class AnnualReportRead(ReadModel):
    id: int
    year: int
    org_id: int
    org_name: str
    town_id: int
    status: AnnualReportStatus
    status_label: str
    window_opens: Day
    window_closes: Day
    editable: bool
    late: bool = Field(description="在报送截止日期之后提交")
    sections: list[SectionRead]
    system_figures: dict[str, Any] = Field(
        description="本系统掌握的数据（活动、公益创投拨付、变更、党建），与填报数并列")
    return_reasons: dict[str, str]
    correction_due: Day | None = Field(description="退回后须重新提交的期限（5 个工作日）")
    submitted_at: Instant | None
    commitment_name: str | None = Field(description="信用承诺签署人")
    commitment_at: Instant | None
    accepted_at: Instant | None
    findings: list[FindingRead] = Field(description="第 10 项检查发现的问题（仅工作人员可见）")
    town_note: str


class ReportSummaryRead(ReadModel):
    id: int
    year: int
    org_id: int
    org_name: str
    town_id: int
    status: AnnualReportStatus
    status_label: str
    late: bool
    findings: int = Field(description="第 10 项检查发现的问题数")
    submitted_at: Instant | None
    correction_due: Day | None


class ReportPage(Page[ReportSummaryRead]):
    pass


class IncomeBySource(ReadModel):
    source: str
    amount: str = Field(description="元，两位小数")


class PublicActivities(ReadModel):
    count: int
    participants: int
    service_hours: str


class PublicFinances(ReadModel):
    income_total: str
    expense_total: str
    net_assets_end: str
    income_by_source: list[IncomeBySource]


class PublicChange(ReadModel):
    item: str
    changed_on: str | None


class PublicReportRead(ReadModel):
    """The published part of an accepted report: no phones, no names below the legal representative."""

    id: int
    year: int
    org_id: int
    org_name: str
    credit_code: str | None
    legal_form: str
    category: str
    town_name: str
    legal_representative: str
    address: str
    supervisor_unit: str
    changes: list[PublicChange]
    activities: PublicActivities
    finances: PublicFinances
    party_coverage_form: str
    party_coverage_label: str
    accepted_at: Instant | None


class PublicReportPage(Page[PublicReportRead]):
    pass


class ProgressRow(ReadModel):
    town_id: int | None
    town_name: str
    obliged: int = Field(description="应报")
    not_started: int = Field(description="未填报")
    draft: int = Field(description="填报中")
    submitted: int = Field(description="已提交（含镇街已初审）")
    returned: int = Field(description="退回修改")
    accepted: int = Field(description="审核通过")
    overdue: int = Field(description="逾期未报")
    late: int = Field(description="逾期报送")


class ProgressRead(ReadModel):
    year: int
    window_closes: Day
    towns: list[ProgressRow]
    total: ProgressRow


class OverdueSwept(ReadModel):
    marked: int = Field(description="本次标记为逾期未报的报告数")


class ContactRead(ReadModel):
    id: int
    org_id: int
    method: ContactMethod = Field(
        description="phone 电话 / visit 上门 / letter 寄信至登记住所 / supervisor 业务主管单位反馈")
    outcome: ContactOutcome = Field(description="reached 取得联系 / failed 无法联系")
    attempted_on: Day
    note: str


class ElectionRead(ReadModel):
    id: int
    org_id: int
    held_on: Day
    term_end: Day
    note: str


class SweepRead(ReadModel):
    id: int
    status: SweepStatus
    total: int
    processed: int
    listed: int = Field(description="列入清理清单的组织数")
    error: str
    created_at: Instant
    finished_at: Instant | None


class SignalRead(ReadModel):
    key: str = Field(description="no_annual_report / no_activity / unreachable / council_term_expired / "
                                 "supervisor_unreachable")
    label: str
    evidence: str
    facts: dict[str, Any]


class ZombieEntryRead(ReadModel):
    id: int
    org_id: int
    org_name: str
    town_id: int
    signals: list[SignalRead]
    signal_count: int
    status: EntryStatus
    dismissed_reason: str
    updated_at: Instant


class CaseRead(ReadModel):
    id: int
    entry_id: int
    org_id: int
    org_name: str = Field(description="社会组织名称")
    status: CaseStatus
    note: str
    outcome: DeregistrationKind | None
    outcome_reason: str
    outcome_date: Day | None
    created_at: Instant
    closed_at: Instant | None
