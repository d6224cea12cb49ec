"""Refused paths of every bot and sign-in route: anonymous → 401, wrong role → 403, town staff → 403 on the KB."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import pytest

from backend.models.audit import AuditLog
from backend.models.bot import BotFeedback
from backend.models.user import User
from tests.bot.conftest import FIXTURES
from tests.factories import town
from tests.helpers import assert_envelope

BASE = "/api/admin/v1/bot"
SHIPPED = "xuecheng-2020-31-social-org-guidance.raw.txt"
# Everything knowledge/ ships (documents and their metadata sidecars): uploads must leave it as it was.
SHIPPED_FILES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "knowledge").iterdir())
CHARTER = (FIXTURES / "articles_kb" / "volunteer-association-charter.txt").read_bytes()


def _file() -> dict:
    return {"files": {"file": ("charter.txt", io.BytesIO(CHARTER), "text/plain")}}


SIGNED_IN_ROUTES = [
    ("post", "/api/mp/v1/bot/ask", lambda: {"json": {"question": "年报"}}),
    ("post", "/api/mp/v1/bot/answers/00000000-0000-0000-0000-000000000000/feedback", lambda: {"json": {"vote": "up"}}),
    ("post", "/api/mp/v1/auth/logout", dict),
    ("get", "/api/mp/v1/auth/me", dict),
]
STAFF_ROUTES = [
    ("post", f"{BASE}/hit-test", lambda: {"json": {"question": "年报"}}),
    ("get", f"{BASE}/questions/refused", dict),
    ("get", f"{BASE}/questions/downvoted", dict),
    ("get", f"{BASE}/documents", dict),
    ("post", f"{BASE}/documents", _file),
    ("put", f"{BASE}/documents/{SHIPPED}", _file),
    ("post", f"{BASE}/documents/{SHIPPED}/retire", lambda: {"json": {}}),
    ("get", "/api/admin/v1/auth/me", dict),
    ("post", "/api/admin/v1/auth/logout", dict),  # last: it ends the session of the allowed-path test
]
ADMIN_ROUTES = [("post", "/api/admin/v1/staff/", lambda: {"json": {"username": "new.one", "password": "long-enough"}})]


@pytest.mark.parametrize(("method", "url", "kwargs"), SIGNED_IN_ROUTES + STAFF_ROUTES + ADMIN_ROUTES)
@pytest.mark.parametrize("headers", [None, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"}])
async def test_anonymous_and_bad_tokens_get_401(client, kb_holder, method, url, kwargs, headers):
    resp = await getattr(client, method)(url, headers=headers, **kwargs())
    assert_envelope(resp, 401)
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES
    assert await User.all().count() == 0


@pytest.mark.parametrize(("method", "url", "kwargs"), STAFF_ROUTES + ADMIN_ROUTES)
@pytest.mark.parametrize("role", ["resident", "leader"])
async def test_residents_and_leaders_get_403_on_staff_routes(client, login, kb_holder, method, url, kwargs, role):
    resp = await getattr(client, method)(url, headers=await login(role), **kwargs())
    assert_envelope(resp, 403)
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES
    assert await AuditLog.all().count() == 0


KB_CHANGES = [r for r in STAFF_ROUTES if "documents" in r[1] and r[0] != "get"]


@pytest.mark.parametrize(("method", "url", "kwargs"), KB_CHANGES)
async def test_town_staff_may_not_change_the_knowledge_base(client, login, kb_holder, method, url, kwargs):
    version = kb_holder.engine.version
    headers = await login("staff", scope_region_id=(await town(2)).id)
    assert_envelope(await getattr(client, method)(url, headers=headers, **kwargs()), 403, "kb_district_only")
    assert kb_holder.engine.version == version
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES
    assert await AuditLog.all().count() == 0


async def test_town_staff_may_read_reports_and_hit_test(client, login, kb_holder):
    headers = await login("staff", scope_region_id=(await town(2)).id)
    for method, url, kwargs in STAFF_ROUTES:
        if (method, url, kwargs) in KB_CHANGES:
            continue
        resp = await getattr(client, method)(url, headers=headers, **kwargs())
        assert resp.status_code == 200, (url, resp.text)


@pytest.mark.parametrize("role", ["staff", "leader"])
async def test_staff_and_leaders_may_not_create_staff(client, login, role):
    payload = {"username": "new.one", "password": "long-enough"}
    assert_envelope(await client.post("/api/admin/v1/staff/", json=payload, headers=await login(role)), 403)
    assert await User.filter(username="new.one").count() == 0


async def test_a_revoked_token_cannot_ask_or_vote(client, login):
    headers = await login("resident")
    answer_id = (await client.post("/api/mp/v1/bot/ask", json={"question": "年报啥时候交"}, headers=headers)).json()[
        "answer_id"]
    assert (await client.post("/api/mp/v1/auth/logout", headers=headers)).status_code == 200
    assert_envelope(await client.post("/api/mp/v1/bot/ask", json={"question": "年报"}, headers=headers), 401)
    assert_envelope(await client.post(f"/api/mp/v1/bot/answers/{quote(answer_id)}/feedback", json={"vote": "down"},
                                      headers=headers), 401)
    assert await BotFeedback.all().count() == 0
