"""评优 candidates: the organizations staff may put forward for commendation (issue 16, policy item 10).

失信惩戒 and 守信激励 as the list applies them: an organization on either credit list (活动异常名录,
严重违法失信名单 — the same derived status that refuses 公益创投 and incubation, `credit.listed_org_ids`)
is left out, and so is one whose latest due annual report (the last year whose filing window has closed)
is not accepted; each candidate shows its `credit_good` flag. Only active organizations qualify, and an
organization with no due report yet has nothing accepted to show, so it waits for its first year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backend.models.annual_report import AnnualReport, AnnualReportStatus
from backend.models.organization import Organization, OrgStatus
from backend.services import clock, credit, exports
from backend.services.access import scoped_to_towns
from backend.services.actor import Actor
from backend.services.orgs import CATEGORY_LABELS, LEGAL_FORM_LABELS, SUPERVISION_LABELS

WHAT = "评优候选名单"


@dataclass(frozen=True, slots=True)
class Candidate:
    org: Organization
    report: AnnualReport  # the latest due report, accepted
    credit_good: bool


async def _eligible(actor: Actor, town_id: int | None) -> list[tuple[int, AnnualReport]]:
    """(org id, latest due report) of every eligible organization in scope, by organization id."""
    scope = actor.scope_region_id
    org_ids = await scoped_to_towns(Organization.filter(status=OrgStatus.active), field="town_id",
                                    scope_town_id=scope, town_id=town_id, what=WHAT).order_by("id") \
        .values_list("id", flat=True)
    reports = scoped_to_towns(AnnualReport.filter(report_year__window_closes__lt=clock.today()),
                              field="org__town_id", scope_town_id=scope, town_id=town_id, what=WHAT)
    latest: dict[int, AnnualReport] = {}
    for report in await reports.order_by("year", "id"):
        latest[report.org_id] = report
    listed = await credit.listed_org_ids()
    return [(i, latest[i]) for i in org_ids
            if i not in listed and i in latest and latest[i].status == AnnualReportStatus.accepted]


async def _candidates(rows: list[tuple[int, AnnualReport]]) -> list[Candidate]:
    ids = [i for i, _ in rows]
    orgs = {o.id: o for o in await Organization.filter(id__in=ids or [0]).select_related("town")}
    good = await credit.credit_good(ids)
    return [Candidate(org=orgs[i], report=report, credit_good=i in good) for i, report in rows]


async def candidates(*, actor: Actor, town_id: int | None, page: int,
                     page_size: int) -> tuple[list[Candidate], int]:
    """One page of 评优 candidates in the caller's town scope, and the total."""
    rows = await _eligible(actor, town_id)
    start = (page - 1) * page_size
    return await _candidates(rows[start:start + page_size]), len(rows)


EXPORT_HEADERS = ("ID", "社会组织名称", "统一社会信用代码", "镇街", "登记形式", "类别", "最近应报年度",
                  "年报审核通过时间", "守信激励", "监管等级")


def _export_row(c: Candidate) -> list[Any]:
    org = c.org
    accepted = clock.local(c.report.accepted_at).strftime("%Y-%m-%d %H:%M") if c.report.accepted_at else ""
    return [org.id, org.name, org.credit_code or "", org.town.name, LEGAL_FORM_LABELS[str(org.legal_form)],
            CATEGORY_LABELS[str(org.category)], c.report.year, accepted, "是" if c.credit_good else "否",
            SUPERVISION_LABELS[str(org.supervision_level)]]


async def export_xlsx(*, actor: Actor, town_id: int | None) -> bytes:
    """Every candidate in scope, one row each."""
    rows = await _candidates(await _eligible(actor, town_id))
    return await exports.build(exports.Sheet(WHAT, [EXPORT_HEADERS, *(_export_row(c) for c in rows)],
                                             freeze_first_row=True))
