"""Every instant leaves the API in one form: ISO 8601, Asia/Shanghai, `+08:00` (issue 12 defect 2).

tests/conftest.py's `client` checks every JSON answer of every flow the suite walks with
`foreign_instants`; these tests pin the checker itself and the snapshots built outside the schemas.
"""

from __future__ import annotations

from datetime import UTC, datetime

from backend.models.organization import Organization
from backend.services import activities, bot, clock, orgs
from tests.conftest import foreign_instants

UTC_NOON = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)


def test_checker_flags_utc_z_and_naive_instants_anywhere() -> None:
    doc = {"a": "2026-12-02T12:00:00+08:00", "b": [{"c": "2026-12-02T04:00:00+00:00"}],
           "d": "2026-12-02T04:00:00Z", "e": "2026-12-02 12:00:00", "day": "2026-12-02", "text": "12:00 集合"}
    assert foreign_instants(doc) == [".b[0].c=2026-12-02T04:00:00+00:00", ".d=2026-12-02T04:00:00Z",
                                     ".e=2026-12-02 12:00:00"]


def test_one_serializer_turns_utc_into_beijing_time() -> None:
    assert clock.iso(UTC_NOON) == "2026-12-02T12:00:00+08:00"
    assert clock.iso(datetime(2026, 12, 2, 12, 0)) == "2026-12-02T12:00:00+08:00"  # naive is Beijing time


def test_snapshots_built_by_hand_use_the_same_form() -> None:
    org = Organization(name="x", approved_at=UTC_NOON)
    assert orgs.review_snapshot(org)["approved_at"] == "2026-12-02T12:00:00+08:00"
    assert activities._plain(UTC_NOON) == "2026-12-02T12:00:00+08:00"
    assert bot._iso(UTC_NOON) == "2026-12-02T12:00:00+08:00"
    assert bot._iso("2026-12-02 04:00:00+00:00") == "2026-12-02T12:00:00+08:00"  # SQLite aggregate text


async def test_the_contract_documents_the_form(client) -> None:
    info = (await client.get("/docs/openapi.json")).json()["info"]["description"]
    assert "Asia/Shanghai" in info and "+08:00" in info and "`Z`" in info
