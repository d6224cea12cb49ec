"""Annual-report notices and sweeps: outcome events become messages to the leaders (inbox plus the
`annual_report` subscribe template), deadline reminders reach only organizations that have not
submitted, the overdue sweep runs daily, the zombie screening runs queued.

Every notice carries a unique `source_key` (the outbox event, or report + threshold), so a second run
of any of these sends nothing twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from backend.models.notice import Notice
from backend.models.outbox import OutboxEvent
from backend.services import annual_reports, clock, notices, zombies
from backend.services import miniprogram_pages as pages
from backend.services.audiences import Audience, AudienceKind

OUTCOMES = {
    "annual_report.submitted": ("年度报告已提交", "已提交，等待审核"),
    "annual_report.returned": ("年度报告退回修改", "请于 {correction_due} 前修改后重新提交"),
    "annual_report.accepted": ("年度报告审核通过", "已审核通过并公开"),
    "annual_report.overdue": ("年度报告逾期未报", "已逾期，请尽快补报；逾期未报将列入活动异常名录"),
}


async def _leaders_notice(*, org_id: int, org_name: str, title: str, note: str, due: str, source_key: str,
                          report_id: Any, conn: Any = None) -> Notice | None:
    return await notices.create_system_notice(
        source_key=source_key, title=title, body=f"“{org_name}”的年度报告{note}。",
        audience=Audience(kind=AudienceKind.orgs, org_ids=[org_id]), template_key="annual_report",
        values={"thing1": org_name, "date2": due, "thing3": note},
        page=pages.link(pages.ANNUAL_REPORT_DETAIL, id=report_id) if report_id
        else pages.link(pages.ORG_ANNUAL_REPORTS),
        using_db=conn)


async def outcome_notice(event: OutboxEvent, conn: Any) -> Notice | None:
    """One message to the organization's leaders per annual-report outcome."""
    p = event.payload
    title, note = OUTCOMES[event.kind]
    due = str(p.get("correction_due") or p.get("window_closes") or clock.today().isoformat())
    return await _leaders_notice(org_id=int(p["org_id"]), org_name=str(p.get("org_name") or ""), title=title,
                                 note=note.format(correction_due=due), due=due, source_key=f"outbox:{event.id}",
                                 report_id=p.get("report_id"), conn=conn)


HANDLERS = dict.fromkeys(OUTCOMES, outcome_notice)


async def reminders(*, today: date | None = None) -> list[int]:
    """Deadline reminders (30, 7 and 1 days before the window closes) to organizations that have not
    submitted, and correction reminders the day before a returned report is due; each once."""
    today = today or clock.today()
    created = []
    for report, org, key, due in await annual_reports.due_reminders(today=today):
        correction = ":correction:" in key
        note = f"已退回修改，请于 {due} 前重新提交" if correction else \
            f"（{report.year} 年度）尚未提交，请于 {due} 前提交；逾期未报将列入活动异常名录"
        notice = await _leaders_notice(org_id=org.id, org_name=org.name, title="年度报告提醒", note=note, due=due,
                                       source_key=key, report_id=report.id)
        if notice is not None:
            created.append(notice.id)
    return created


async def sweep_overdue(ctx: dict[str, Any]) -> int:
    """Daily: unsubmitted reports of a closed window become overdue (one event each, once)."""
    return len(await annual_reports.sweep_overdue())


async def zombie_sweep(ctx: dict[str, Any], sweep_id: int) -> int:
    """The queued zombie screening (progress on its row; safe to re-run)."""
    settings = ctx.get("settings")
    min_signals = int(getattr(settings, "zombie_min_signals", zombies.DEFAULT_MIN_SIGNALS))
    return await zombies.run_sweep(sweep_id=sweep_id, min_signals=min_signals)
