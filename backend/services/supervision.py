"""Classified supervision follows the facts (policy item 6): a suggested level from the organization's
credit entries and inspection findings, beside the level staff set; and its supervision record, with
the item-10 fee findings of annual reports and inspections (行业协会商会).

Suggestion: an open 严重违法失信 entry → 重点监管 (key); an open 异常名录 entry → 约谈 (talk, minor
violations); an inspection problem not yet rectified and accepted → 加强指导 (guidance); else normal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backend.models.annual_report import AnnualReport
from backend.models.credit import OPEN_STATUSES, CreditEntry, CreditList, InspectionResult, ResultStatus
from backend.models.organization import SupervisionLevel, SupervisionRecord
from backend.services.access import get_org_in_scope
from backend.services.actor import Actor

SEVERITY = [SupervisionLevel.normal, SupervisionLevel.guidance, SupervisionLevel.talk, SupervisionLevel.key]
UNRECTIFIED = (ResultStatus.rectifying, ResultStatus.submitted)
FEE_FINDING_CODES = frozenset({"fee_levels_over_4", "fee_level_without_amount", "fee_for_awards"})


@dataclass
class Suggestion:
    level: SupervisionLevel = SupervisionLevel.normal
    reasons: list[str] = field(default_factory=list)

    def raise_to(self, level: SupervisionLevel, reason: str) -> None:
        self.reasons.append(reason)
        if SEVERITY.index(level) > SEVERITY.index(self.level):
            self.level = level


async def suggest(org_id: int, conn: Any = None) -> Suggestion:
    """The level the record suggests today, with the facts behind it."""
    out = Suggestion()
    lists = set(await CreditEntry.filter(org_id=org_id, status__in=OPEN_STATUSES).using_db(conn)
                .values_list("credit_list", flat=True))
    if CreditList.untrustworthy in lists:
        out.raise_to(SupervisionLevel.key, "列入严重违法失信名单")
    if CreditList.abnormal in lists:
        out.raise_to(SupervisionLevel.talk, "列入活动异常名录")
    if await InspectionResult.filter(org_id=org_id, status__in=UNRECTIFIED).using_db(conn).exists():
        out.raise_to(SupervisionLevel.guidance, "抽查发现问题，尚未整改验收")
    return out


@dataclass(frozen=True, slots=True)
class SupervisionFile:
    level: SupervisionLevel
    suggestion: Suggestion
    history: list[SupervisionRecord]
    fee_findings: list[dict[str, Any]]


async def supervision_file(*, actor: Actor, org_id: int) -> SupervisionFile:
    """Current and suggested level, the history (with what was suggested each time), fee findings."""
    org = await get_org_in_scope(org_id=org_id, scope_town_id=actor.scope_region_id)
    fees: list[dict[str, Any]] = []
    for report in await AnnualReport.filter(org_id=org.id).order_by("year"):
        fees += [{"source": "annual_report", "source_id": report.id, "year": report.year, "code": f.get("code", ""),
                  "message": f.get("message", "")} for f in report.findings or [] if f.get("code") in FEE_FINDING_CODES]
    for result in await InspectionResult.filter(org_id=org.id).exclude(fee_findings="").order_by("id") \
            .select_related("plan"):
        fees.append({"source": "inspection", "source_id": result.id, "year": result.plan.year, "code": "inspection",
                     "message": result.fee_findings})
    history = list(await SupervisionRecord.filter(org_id=org.id).order_by("-id"))
    return SupervisionFile(level=org.supervision_level, suggestion=await suggest(org.id), history=history,
                           fee_findings=fees)
