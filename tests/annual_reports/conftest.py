"""Helpers for the annual-report and zombie tests: a movable clock, staff and leaders, filled sections."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backend.services import clock as clock_module
from tests.factories import auth_headers, make_org, make_user, town

TZ = clock_module.LOCAL_TZ
S = "/api/admin/v1"
M = "/api/mp/v1/annual-reports"


class Clock:
    """Moves clock.now, the one patch point for time."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.current = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)
        monkeypatch.setattr(clock_module, "now", lambda: self.current.astimezone(UTC))

    def set(self, year: int, month: int, day: int, hour: int = 10) -> None:
        self.current = datetime(year, month, day, hour, 0, tzinfo=TZ)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


async def staff(app: Any, town_index: int | None = None) -> dict[str, str]:
    scope = (await town(town_index)).id if town_index is not None else None
    return await auth_headers(app.ctx.redis, await make_user("staff", scope_region_id=scope))


async def leader(app: Any, **org_fields: Any) -> tuple[Any, dict[str, str]]:
    user = await make_user("leader")
    org_fields.setdefault("approved_at", datetime(2024, 3, 1, 9, 0, tzinfo=TZ))
    org = await make_org(leader=user, **org_fields)
    return org, await auth_headers(app.ctx.redis, user)


async def resident(app: Any) -> dict[str, str]:
    return await auth_headers(app.ctx.redis, await make_user("resident"))


SECTIONS: dict[str, dict[str, Any]] = {
    "basic": {"legal_representative": "王建国", "address": "临城街道 8 号", "supervisor_unit": "",
              "member_count": 120, "changes": []},
    "activities": {"count": 12, "participants": 340, "service_hours": 520.5, "summary": "助老服务"},
    "people": {"leaders": [{"name": "王建国", "position": "会长"}, {"name": "李秘书", "position": "秘书长"}],
               "council_members": [{"name": "赵理事", "position": "理事"}], "council_term_end": "2028-06-30",
               "full_time_staff": 2, "part_time_staff": 3, "volunteers": 40},
    "finances": {"income": [{"source": "会费", "amount": "12000.00"}, {"source": "捐赠", "amount": "3000.50"}],
                 "income_total": "15000.50", "expenses": [{"item": "活动支出", "amount": "9000"}],
                 "expense_total": "9000.00", "net_assets_end": "26000.00"},
    "donations": {"donations_received": [{"donor": "某企业", "amount": "3000.50", "purpose": "助老"}],
                  "funding_given": [], "awards": []},
    "member_fees": {"levels": [{"level": "会员单位", "amount": "500"}]},
    "party": {"formal_members": 2, "coverage_form": "joint_branch", "joint_branch": "临城联合党支部",
              "instructor": "", "activities_held": 4, "summary": "组织学习"},
}


async def fill(client: Any, headers: dict[str, str], report_id: int, keys: list[str],
               **overrides: dict[str, Any]) -> None:
    for key in keys:
        resp = await client.put(f"{M}/{report_id}/sections/{key}", headers=headers,
                                json=overrides.get(key, SECTIONS[key]))
        assert resp.status_code == 200, resp.text


async def submit(client: Any, headers: dict[str, str], report_id: int) -> Any:
    return await client.post(f"{M}/{report_id}/submit", headers=headers,
                             json={"signer_name": "王建国", "commitment": True})
