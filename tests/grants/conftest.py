"""Fixtures for the grant tests: a movable clock, a program, leaders with organizations, experts."""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from backend.models.grant import Expert, GrantProgram
from backend.models.organization import Organization
from backend.models.user import Role, User
from backend.services import clock as clock_module
from tests.factories import auth_headers, make_org, make_user, town

TZ = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode."
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
_seq = itertools.count(1)


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


class Clock:
    """Moves clock.now, the one patch point for time (the 公示 counts real calendar days)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.current = datetime(2026, 9, 1, 10, 0, tzinfo=TZ)
        monkeypatch.setattr(clock_module, "now", lambda: self.current)

    def set(self, year: int, month: int, day: int, hour: int = 10) -> None:
        self.current = datetime(year, month, day, hour, 0, tzinfo=TZ)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


async def make_program(clock: Clock, **overrides: Any) -> GrantProgram:
    fields: dict[str, Any] = {
        "year": 2026, "name": "2026 年度公益创投", "total_budget": Decimal("1000000"),
        "per_project_cap": Decimal("100000"), "max_applications_per_org": 1,
        "focus_areas": ["脱贫攻坚", "新动能转换", "基层社会治理", "公益慈善"],
        "opens_at": clock.current - timedelta(days=10), "closes_at": clock.current + timedelta(days=20),
        "rubric": [{"key": "need", "name": "需求分析", "weight": 40},
                   {"key": "design", "name": "项目设计", "weight": 60}],
        "required_attachments": ["项目实施方案"], "experts_per_application": 3, "notice_working_days": 5,
        "tranches": [60, 40], "forbidden_categories": ["人员奖金", "罚款", "招待费"],
    }
    fields.update(overrides)
    return await GrantProgram.create(**fields)


@dataclass
class Leader:
    user: User
    org: Organization
    headers: dict[str, str]


async def make_leader(app: Any, **org_overrides: Any) -> Leader:
    user = await make_user(Role.leader)
    org = await make_org(leader=user, **org_overrides)
    return Leader(user, org, await auth_headers(app.ctx.redis, user))


@dataclass
class ExpertUser:
    expert: Expert
    user: User
    headers: dict[str, str]


async def make_expert(app: Any, *, org_links: list[int] | None = None, user: User | None = None) -> ExpertUser:
    n = next(_seq)
    user = user or await make_user(Role.resident, real_name=f"专家{n}")
    expert = await Expert.create(name=f"专家{n}", affiliation="某大学", user=user, org_links=org_links or [])
    return ExpertUser(expert, user, await auth_headers(app.ctx.redis, user))


async def staff_headers(app: Any, *, town_index: int | None = None) -> dict[str, str]:
    scope = (await town(town_index)).id if town_index is not None else None
    return await auth_headers(app.ctx.redis, await make_user(Role.staff, scope_region_id=scope))


APPLICATION = {
    "project_name": "银龄互助食堂", "focus_area": "基层社会治理", "beneficiaries": "社区独居老人 120 人",
    "objectives": "为独居老人提供午餐与探访", "timeline": [{"title": "启动", "due_date": "2026-10-15"}],
    "budget_lines": [{"category": "活动物料", "amount": "30000", "explanation": "食材与餐具"},
                     {"category": "场地租赁", "amount": "20000.50", "explanation": "一年"}],
}


async def draft(client: Any, leader: Leader, program: GrantProgram, **overrides: Any) -> dict[str, Any]:
    resp = await client.post(f"/api/mp/v1/grants/programs/{program.id}/applications",
                             json={**APPLICATION, **overrides}, headers=leader.headers)
    assert resp.status_code == 201, resp.text
    return resp.json()


async def upload(client: Any, leader: Leader, app_id: int, data: bytes = PDF, name: str = "方案.pdf",
                 kind: str = "项目实施方案") -> Any:
    return await client.post(f"/api/mp/v1/grants/applications/{app_id}/attachments", headers=leader.headers,
                             files={"file": (name, data, "application/pdf")}, data={"kind": kind})


async def submitted(client: Any, leader: Leader, program: GrantProgram) -> dict[str, Any]:
    app = await draft(client, leader, program)
    assert (await upload(client, leader, app["id"])).status_code == 201
    resp = await client.post(f"/api/mp/v1/grants/applications/{app['id']}/submit", headers=leader.headers)
    assert resp.status_code == 200, resp.text
    return resp.json()
