"""The daily credit sweep: proposals from facts the system holds, cures, escalation and time removals.

Idempotent: each fact proposes once (the entry's unique `source_key`: the overdue report, the
inspection result, the 异常名录 entry that reached two years, the failed contact attempt, the
organization and year for missing party coverage), and a ground already pending is never proposed
twice, so running the sweep again proposes nothing more. Grounds and time limits follow
民政部《社会组织信用信息管理办法》(2018); the 2-year escalation is its 第十三条.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.models.annual_report import AnnualReport, AnnualReportStatus, ContactAttempt, ContactOutcome
from backend.models.credit import CreditEntry, CreditList, InspectionResult, ResultStatus
from backend.models.credit import CreditEntryStatus as EntryStatus
from backend.models.organization import CoverageForm, Organization, OrgStatus
from backend.services import clock, credit

TWO_YEARS = timedelta(days=730)


@dataclass
class SweepOutcome:
    proposed: list[int] = field(default_factory=list)  # new entry ids
    removals: list[int] = field(default_factory=list)  # entries moved to removal_proposed


async def _propose(out: SweepOutcome, org: Organization, credit_list: CreditList, ground: str, *,
                   source_key: str, evidence: dict[str, Any], answer_days: int) -> None:
    try:
        async with in_transaction() as conn:
            entry = await credit.propose(actor=None, org=org, credit_list=credit_list, ground=ground,
                                         evidence=evidence, source_key=source_key, answer_days=answer_days, conn=conn)
    except IntegrityError:
        return  # a sweep running at the same moment proposed this fact first (unique source_key)
    if entry is not None:
        out.proposed.append(entry.id)


async def _overdue_reports(out: SweepOutcome, answer_days: int) -> None:
    reports = await AnnualReport.filter(status=AnnualReportStatus.overdue).select_related("org", "report_year")
    for r in reports:
        await _propose(out, r.org, CreditList.abnormal, "annual_report", source_key=f"annual_report:{r.id}",
                       answer_days=answer_days,
                       evidence={"report_id": r.id, "year": r.year,
                                 "window_closes": clock.iso(r.report_year.window_closes)})


async def _missing_coverage(out: SweepOutcome, today: date, months: int, answer_days: int) -> None:
    cutoff = clock.now() - timedelta(days=round(months * 30.44))
    orgs = await Organization.filter(status=OrgStatus.active, coverage_form=CoverageForm.none,
                                     approved_at__lt=cutoff)
    for org in orgs:
        # At most one automatic proposal per organization and year: a dropped one is not re-proposed daily.
        await _propose(out, org, CreditList.abnormal, "party_coverage",
                       source_key=f"party_coverage:{org.id}:{today.year}", answer_days=answer_days,
                       evidence={"coverage_form": "none", "party_member_count": org.party_member_count,
                                 "approved_at": clock.iso(org.approved_at)})


async def _failed_contacts(out: SweepOutcome, answer_days: int) -> None:
    latest: dict[int, ContactAttempt] = {}
    for attempt in await ContactAttempt.all().order_by("attempted_on", "id"):
        latest[attempt.org_id] = attempt
    for attempt in latest.values():
        if attempt.outcome != ContactOutcome.failed:
            continue
        org = await Organization.get(id=attempt.org_id)
        await _propose(out, org, CreditList.abnormal, "unreachable", source_key=f"unreachable:{attempt.id}",
                       answer_days=answer_days,
                       evidence={"contact_attempt_id": attempt.id, "method": str(attempt.method),
                                 "attempted_on": clock.iso(attempt.attempted_on)})


async def _overdue_rectifications(out: SweepOutcome, today: date, answer_days: int) -> None:
    results = await InspectionResult.filter(status=ResultStatus.rectifying, rectification_due__lt=today) \
        .select_related("org")
    for r in results:
        await _propose(out, r.org, CreditList.abnormal, "rectification", source_key=f"rectification:{r.id}",
                       answer_days=answer_days,
                       evidence={"inspection_result_id": r.id, "plan_id": r.plan_id,
                                 "problem_items": list(r.problem_items or []),
                                 "rectification_due": clock.iso(r.rectification_due)})


async def _escalations(out: SweepOutcome, answer_days: int) -> None:
    cutoff = clock.now() - TWO_YEARS
    entries = await CreditEntry.filter(credit_list=CreditList.abnormal, status__in=credit.OPEN_STATUSES,
                                       decided_at__lte=cutoff).select_related("org")
    for e in entries:
        await _propose(out, e.org, CreditList.untrustworthy, "abnormal_two_years", source_key=f"escalate:{e.id}",
                       answer_days=answer_days,
                       evidence={"abnormal_entry_id": e.id, "included_at": clock.iso(e.decided_at),
                                 "ground": credit.GROUND_LABELS.get(e.ground, e.ground)})


async def _cures(out: SweepOutcome) -> None:
    """Grounds cured outside a decision route: coverage recorded, contact restored."""
    for entry in await CreditEntry.filter(status=EntryStatus.included, ground="party_coverage").select_related("org"):
        if entry.org.coverage_form != CoverageForm.none:
            async with in_transaction() as conn:
                out.removals += [entry.id] * await credit.cure(org_id=entry.org_id, ground="party_coverage",
                                                               reason="已建立党组织或选派党建工作指导员", conn=conn)
    for entry in await CreditEntry.filter(status=EntryStatus.included, ground="unreachable"):
        last = await ContactAttempt.filter(org_id=entry.org_id).order_by("-attempted_on", "-id").first()
        if last is not None and last.outcome == ContactOutcome.reached:
            async with in_transaction() as conn:
                out.removals += [entry.id] * await credit.cure(org_id=entry.org_id, ground="unreachable",
                                                               reason="已恢复联系", conn=conn)


async def _time_removals(out: SweepOutcome, today: date) -> None:
    """6 months on the 异常名录 (grounds that allow it), 2 years on the 失信名单 without new grounds.
    An entry whose removal was proposed once and kept is left to staff."""
    for entry in await CreditEntry.filter(status=EntryStatus.included, removal_proposed_at__isnull=True):
        after = credit.removable_after(entry)
        if after is None or today < after:
            continue
        if entry.credit_list == CreditList.untrustworthy and entry.decided_at is not None and await CreditEntry.filter(
                org_id=entry.org_id, created_at__gt=entry.decided_at).exclude(status=EntryStatus.dropped).exists():
            continue
        reason = "列入严重违法失信名单满2年且无新的列入事由" if entry.credit_list == CreditList.untrustworthy \
            else "列入活动异常名录满6个月"
        async with in_transaction() as conn:
            if await credit.propose_removal_of(entry, actor=None, reason=reason, conn=conn):
                out.removals.append(entry.id)


async def run(*, answer_days: int, coverage_months: int, today: date | None = None) -> SweepOutcome:
    """One sweep over every source; safe to run as often as wanted."""
    today = today or clock.today()
    out = SweepOutcome()
    await _overdue_reports(out, answer_days)
    await _missing_coverage(out, today, coverage_months, answer_days)
    await _failed_contacts(out, answer_days)
    await _overdue_rectifications(out, today, answer_days)
    await _escalations(out, answer_days)
    await _cures(out)
    await _time_removals(out, today)
    return out
