"""Shared helpers for the activity tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.db import dialect

ONLY_PG = "needs PostgreSQL row locks and real parallel connections; SQLite serialises every write"


def future(hours: float = 24) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0).isoformat()


def activity_payload(**overrides):
    body = {"title": "重阳节敬老志愿服务", "description": "陪伴社区老人，包饺子、理发。", "category": "elderly_care",
            "target_groups": ["孤寡老人"], "starts_at": future(24), "ends_at": future(26),
            "address": "幸福社区服务中心", "lat": 34.86, "lng": 117.55, "capacity": 10}
    body.update(overrides)
    return body


@pytest.fixture
def on_postgres(app) -> bool:
    return dialect(app.ctx.settings) == "postgres"
