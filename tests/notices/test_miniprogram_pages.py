"""Every page a message opens is a page of the mini-program (backend.services.miniprogram_pages), the
incubation result opens the incubation request rather than the grants page, and the contract publishes
the list."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from backend import contract
from backend.jobs import event_notices
from backend.models.notice import Notice
from backend.models.outbox import OutboxEvent
from backend.services import miniprogram_pages
from backend.services.subscriptions import DEFAULT_TEMPLATES, seed_templates
from tests.factories import make_org, make_user
from tests.helpers import assert_envelope

ROOT = Path(__file__).resolve().parents[2]
PAGE_LITERAL = re.compile(r"pages/[a-z0-9_-]+/[a-z0-9_-]+")
PATHS = {p.path for p in miniprogram_pages.PAGES}


def _page_literals() -> list[tuple[str, str]]:
    """(file, path) for every `pages/x/y` written in the backend's string literals and f-strings."""
    found = []
    for source in sorted((ROOT / "backend").rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found += [(source.name, m) for m in PAGE_LITERAL.findall(node.value)]
    return found


def test_every_page_named_in_the_backend_is_a_listed_page():
    literals = _page_literals()
    assert literals, "the scan found no page at all"
    assert [(f, p) for f, p in literals if p not in PATHS] == []
    assert "pages/org/detail" in PATHS


def test_every_template_opens_a_listed_page():
    assert {t["key"]: t["page"] for t in DEFAULT_TEMPLATES if t["page"] not in PATHS} == {}


def test_links_carry_exactly_the_pages_parameters():
    assert miniprogram_pages.link(miniprogram_pages.ORG_DETAIL, id=7) == "pages/org/detail?id=7"
    assert miniprogram_pages.problem("pages/org/detail?id=7") is None
    assert "没有页面" in (miniprogram_pages.problem("pages/grants/incubation") or "")
    assert "不接受参数" in (miniprogram_pages.problem("pages/inbox/index?id=3") or "")


async def test_incubation_result_opens_the_incubation_request(app):
    await seed_templates()
    org = await make_org(leader=await make_user("leader"))
    for kind in ("incubation.admitted", "incubation.rejected"):
        await OutboxEvent.create(kind=kind, payload={"admission_id": 41, "org_id": org.id, "reason": "名额"})
    notices = [await Notice.get(id=i) for i in await event_notices.consume_outbox()]
    assert [n.page for n in notices] == ["pages/incubation/detail?id=41"] * 2
    assert all(not n.page.startswith("pages/grants/") for n in notices)


def test_the_contract_publishes_the_pages(app):
    published = contract.build(app)["x-miniprogram-pages"]
    by_path = {p["path"]: p for p in published}
    assert set(by_path) == PATHS
    assert by_path["pages/org/detail"]["params"] == ["id"] and by_path["pages/incubation/detail"]["title"]


async def test_staff_cannot_link_a_notice_to_a_missing_page(client, login):
    headers = await login("staff")
    payload = {"title": "通知", "body": "请查看。", "audience": {"kind": "all"}, "channels": ["inbox"]}
    err = assert_envelope(await client.post("/api/admin/v1/notices/", headers=headers,
                                            json={**payload, "page": "pages/nowhere/index"}), 422, "validation_failed")
    assert err["details"]["fields"][0]["field"] == "page" and "没有页面" in err["message"]
    assert await Notice.all().count() == 0
    resp = await client.post("/api/admin/v1/notices/", headers=headers, json={**payload, "page": "pages/inbox/index"})
    assert resp.status_code == 201, resp.text
