"""The daily credit sweep (backend.services.credit_sweep), run by the worker's cron; safe to re-run."""

from __future__ import annotations

from typing import Any

from backend.services import credit, credit_sweep


async def credit_sweep_daily(ctx: dict[str, Any]) -> int:
    """Daily: proposals from overdue reports, coverage, contacts, rectifications; escalation; removals."""
    settings = ctx.get("settings")
    out = await credit_sweep.run(
        answer_days=int(getattr(settings, "credit_answer_working_days", credit.DEFAULT_ANSWER_WORKING_DAYS)),
        coverage_months=int(getattr(settings, "credit_coverage_months", 6)))
    return len(out.proposed) + len(out.removals)
