"""Staff bot routes: hit test, refused/down-voted reports, knowledge upload/replace/retire."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

from backend.models.audit import AuditLog
from tests.bot.conftest import FIXTURES
from tests.factories import town
from tests.helpers import assert_envelope

BASE = "/api/admin/v1/bot"
ASK = "/api/mp/v1/bot/ask"
CHARTER = (FIXTURES / "articles_kb" / "volunteer-association-charter.txt").read_bytes()
CHARTER_NAME = "志愿服务协会章程.txt"
SHIPPED = "xuecheng-2020-31-social-org-guidance.raw.txt"
# Everything knowledge/ ships (documents and their metadata sidecars): uploads must leave it as it was.
SHIPPED_FILES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "knowledge").iterdir())


def upload(client, headers, *, name=CHARTER_NAME, data=CHARTER, effective_from=None, url=f"{BASE}/documents",
           method="post"):
    form = {"effective_from": effective_from} if effective_from else {}
    return getattr(client, method)(url, files={"file": (name, io.BytesIO(data), "text/plain")}, data=form,
                                   headers=headers)


async def _ask(client, headers, question):
    return (await client.post(ASK, json={"question": question}, headers=headers)).json()


STAFF_ROUTES = [
    ("post", f"{BASE}/hit-test", {"json": {"question": "年报"}}),
    ("get", f"{BASE}/questions/refused", {}),
    ("get", f"{BASE}/questions/downvoted", {}),
    ("get", f"{BASE}/documents", {}),
    ("post", f"{BASE}/documents", {"files": {"file": ("a.txt", b"1. x", "text/plain")}}),
    ("put", f"{BASE}/documents/{SHIPPED}", {"files": {"file": ("a.txt", b"1. x", "text/plain")}}),
    ("post", f"{BASE}/documents/{SHIPPED}/retire", {"json": {}}),
]


@pytest.mark.parametrize("role", ["resident", "leader"])
async def test_non_staff_get_403_on_every_staff_bot_route(client, login, kb_holder, role):
    headers = await login(role)
    for method, url, kwargs in STAFF_ROUTES:
        assert_envelope(await getattr(client, method)(url, headers=headers, **kwargs), 403, "forbidden")
    assert_envelope(await client.get(f"{BASE}/documents"), 401)
    assert sorted(d.name for d in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES


async def test_hit_test_ranks_units_with_scores(client, login):
    resp = await client.post(f"{BASE}/hit-test", json={"question": "联合党支部覆盖几个单位", "k": 3},
                             headers=await login("staff", scope_region_id=(await town(1)).id))
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["kb_version"] and 1 <= len(body["hits"]) <= 3
    top = body["hits"][0]
    assert top["number"] == 2 and top["score"] > 0 and {"doc", "heading", "coverage", "kind", "unit_id"} <= set(top)
    scores = [h["score"] for h in body["hits"]]
    assert body["answer"]["answered"] and body["answer"]["citations"][0]["number"] == 2
    assert all(isinstance(s, float) for s in scores)
    assert_envelope(await client.post(f"{BASE}/hit-test", json={"question": "年报", "k": 0},
                                      headers=await login("admin")), 422)


async def test_refused_questions_are_grouped_counted_and_paginated(client, login):
    headers = await login("resident")
    for question in ("明天限号吗？", "明天 限号吗", "明天限号吗?", "怎么办理护照", "联合党支部最多覆盖几个单位？"):
        await _ask(client, headers, question)
    staff = await login("staff")
    body = (await client.get(f"{BASE}/questions/refused", headers=staff)).json()
    assert body["total"] == 2
    assert [(i["question_key"], i["count"]) for i in body["items"]] == [("明天限号吗", 3), ("怎么办理护照", 1)]
    assert body["items"][0]["question"].startswith("明天") and body["items"][0]["last_at"]
    page2 = (await client.get(f"{BASE}/questions/refused?page=2&page_size=1", headers=staff)).json()
    assert page2["total"] == 2 and [i["question_key"] for i in page2["items"]] == ["怎么办理护照"]
    recent = (await client.get(f"{BASE}/questions/refused?sort=recent", headers=staff)).json()
    assert recent["items"][0]["question_key"] == "怎么办理护照"
    assert_envelope(await client.get(f"{BASE}/questions/refused?sort=loud", headers=staff), 422)


async def test_downvoted_questions_with_counts_and_comments(client, login):
    staff = await login("staff")
    for n in range(3):
        headers = await login("resident")
        answer_id = (await _ask(client, headers, "社会组织年报啥时候交"))["answer_id"]
        vote = "down" if n < 2 else "up"
        await client.post(f"/api/mp/v1/bot/answers/{answer_id}/feedback",
                          json={"vote": vote, "comment": f"意见{n}"}, headers=headers)
    body = (await client.get(f"{BASE}/questions/downvoted", headers=staff)).json()
    assert body["total"] == 1
    item = body["items"][0]
    assert item["count"] == 2 and item["question"] == "社会组织年报啥时候交"
    assert sorted(item["comments"]) == ["意见0", "意见1"]


async def test_documents_list_shows_dates_and_status(client, login, kb_holder):
    body = (await client.get(f"{BASE}/documents", headers=await login("staff"))).json()
    assert body["kb_version"] == kb_holder.engine.version
    by_name = {d["name"]: d for d in body["items"]}
    assert sorted(by_name) == [n for n in SHIPPED_FILES if not n.endswith(".meta.json")]
    doc = by_name[SHIPPED]
    assert doc["name"] == SHIPPED and doc["status"] == "in_force" and doc["active"] is True
    assert doc["doc_number"] == "薛民字〔2020〕31号" and doc["units"] >= 12
    assert doc["effective_from"] is None and doc["retired_at"] is None


async def test_documents_list_is_paged_by_the_api(client, login, kb_holder):
    staff = await login("staff")
    names = [n for n in SHIPPED_FILES if not n.endswith(".meta.json")]
    first = (await client.get(f"{BASE}/documents", params={"page": 1, "page_size": 2}, headers=staff)).json()
    assert (first["total"], first["page"], first["page_size"]) == (len(names), 1, 2)
    assert first["kb_version"] == kb_holder.engine.version and first["retrieval"]["kb_version"] == first["kb_version"]
    pages = [first] + [(await client.get(f"{BASE}/documents", params={"page": n, "page_size": 2},
                                         headers=staff)).json() for n in range(2, len(names) // 2 + 2)]
    assert [d["name"] for p in pages for d in p["items"]] == sorted(names)
    body = assert_envelope(await client.get(f"{BASE}/documents", params={"page_size": "500"}, headers=staff), 422)
    assert body["details"]["fields"][0]["field"] == "page_size" and "每页条数" in body["message"]
    assert_envelope(await client.get(f"{BASE}/documents", params={"page": "0"}, headers=staff), 422)


async def test_uploaded_article_document_is_answered_without_restart(client, login, kb_holder):
    asker, admin = await login("resident"), await login("admin")
    assert (await _ask(client, asker, "会长最高任职年龄是多少"))["answered"] is False
    version = kb_holder.engine.version
    resp = await upload(client, admin)
    assert resp.status_code == 201, resp.text
    entry = resp.json()
    assert entry["name"] == CHARTER_NAME and entry["status"] == "in_force" and entry["units"] == 15
    assert entry["title"] == "薛城区社区志愿服务协会章程" and entry["kb_version"] != version
    answer = await _ask(client, asker, "会长最高任职年龄是多少")
    assert answer["answered"] and answer["citations"][0]["number"] == 11 and "第11条" in answer["answer"]
    assert "70周岁" in answer["answer"]
    assert (await _ask(client, asker, "理事会每年至少开几次会"))["citations"][0]["number"] == 10
    assert (kb_holder.kb_dir / CHARTER_NAME).read_bytes() == CHARTER
    audit = await AuditLog.get(action="bot.document.upload")
    assert audit.object_id == CHARTER_NAME and audit.after["units"] == 15 and audit.before is None


async def test_district_staff_may_upload_but_town_staff_may_not(client, login, kb_holder):
    town_staff = await login("staff", scope_region_id=(await town(0)).id)
    assert_envelope(await upload(client, town_staff), 403, "kb_district_only")
    assert not (kb_holder.kb_dir / CHARTER_NAME).exists()
    assert (await upload(client, await login("staff"))).status_code == 201


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("broken.docx", b"PK\x03\x04 this is not really a docx", "file"),
        ("broken.pdf", b"%PDF-1.4 garbage", "file"),
        ("notes.txt", "这是一段没有任何条款编号的说明文字。".encode(), "file"),
        ("empty.md", b"", "file"),
        ("virus.exe", b"MZ\x90\x00", "file"),
        (".hidden.txt", CHARTER, "file"),
        ("\u202etxt.exe.md", CHARTER, "file"),  # a right-to-left override makes the name read backwards
    ],
)
async def test_bad_uploads_get_422_and_store_nothing(client, login, kb_holder, name, data, field):
    version = kb_holder.engine.version
    body = assert_envelope(await upload(client, await login("admin"), name=name, data=data), 422)
    assert body["details"]["fields"][0]["field"] == field
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES
    assert kb_holder.engine.version == version
    assert await AuditLog.all().count() == 0


async def test_upload_limits_duplicates_and_dates(client, login, kb_holder, app, monkeypatch):
    admin = await login("admin")
    assert_envelope(await client.post(f"{BASE}/documents", headers=admin, data={"x": "1"}), 422)
    assert_envelope(await upload(client, admin, effective_from="2024-13-40"), 422)
    monkeypatch.setattr(app.ctx.settings, "bot_document_max_bytes", 1024)
    assert_envelope(await upload(client, admin), 413, "document_too_large")
    monkeypatch.undo()
    assert (await upload(client, admin)).status_code == 201
    assert_envelope(await upload(client, admin), 409, "document_exists")


async def test_replace_reindexes_and_keeps_the_name(client, login, kb_holder):
    admin, asker = await login("admin"), await login("resident")
    assert (await upload(client, admin)).status_code == 201
    changed = CHARTER.decode().replace("最高任职年龄不超过70周岁", "最高任职年龄不超过65周岁").encode()
    resp = await upload(client, admin, name="new-version.txt", data=changed, method="put",
                        url=f"{BASE}/documents/{quote(CHARTER_NAME)}")
    assert resp.status_code == 200, resp.text
    assert resp.json()["name"] == CHARTER_NAME
    assert "65周岁" in (await _ask(client, asker, "会长最高任职年龄是多少"))["answer"]
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir() if not p.name.endswith(".json")) == sorted(
        [n for n in SHIPPED_FILES if not n.endswith(".json")] + [CHARTER_NAME])
    assert await AuditLog.filter(action="bot.document.replace").count() == 1
    assert_envelope(await upload(client, admin, method="put", url=f"{BASE}/documents/missing.txt"), 404,
                    "document_not_found")
    assert_envelope(await upload(client, admin, name="x.md", method="put",
                                 url=f"{BASE}/documents/{quote(CHARTER_NAME)}"), 422)


async def test_retire_and_scheduled_documents(client, login, kb_holder):
    admin, asker = await login("admin"), await login("resident")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    scheduled = (await upload(client, admin, effective_from=tomorrow)).json()
    assert scheduled["status"] == "scheduled" and scheduled["effective_from"] == tomorrow
    assert (await _ask(client, asker, "会长最高任职年龄是多少"))["answered"] is False
    # Replacing keeps the dates unless new ones are given.
    kept = await upload(client, admin, method="put", url=f"{BASE}/documents/{quote(CHARTER_NAME)}")
    assert kept.json()["status"] == "scheduled"
    replaced = await upload(client, admin, method="put", url=f"{BASE}/documents/{quote(CHARTER_NAME)}",
                            effective_from=date.today().isoformat())
    assert replaced.json()["status"] == "in_force"
    assert (await _ask(client, asker, "会长最高任职年龄是多少"))["answered"] is True
    resp = await client.post(f"{BASE}/documents/{quote(CHARTER_NAME)}/retire", json={}, headers=admin)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "retired" and resp.json()["retired_at"] == date.today().isoformat()
    assert (await _ask(client, asker, "会长最高任职年龄是多少"))["answered"] is False
    assert (kb_holder.kb_dir / CHARTER_NAME).exists()  # kept for the record
    assert await AuditLog.filter(action="bot.document.retire", object_id=CHARTER_NAME).count() == 1
    assert_envelope(await client.post(f"{BASE}/documents/nope.txt/retire", json={}, headers=admin), 404)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


async def test_uploads_go_to_the_var_folder_not_the_repository_and_survive_a_restart(app, client, login):
    """The app as configured (no swapped holder): knowledge/ is only the shipped, read-only starting set."""
    from backend.services import bot as bot_service
    from backend.settings import ROOT

    settings, holder = app.ctx.settings, app.ctx.bot
    shipped = _tree(ROOT / "knowledge")
    assert holder.kb_dir == settings.knowledge_dir == settings.var_dir / "knowledge"
    assert set(SHIPPED_FILES) <= set(_tree(holder.kb_dir))  # seeded at start from the shipped set
    admin = await login("admin")
    replaced = CHARTER.replace("会长".encode(), "理事长".encode())
    try:
        assert (await upload(client, admin)).status_code == 201
        resp = await upload(client, admin, name=SHIPPED, data=replaced, url=f"{BASE}/documents/{SHIPPED}",
                            method="put")
        assert resp.status_code == 200, resp.text
        retire = await client.post(f"{BASE}/documents/{CHARTER_NAME}/retire",
                                   json={"retired_at": (date.today() + timedelta(days=30)).isoformat()},
                                   headers=admin)
        assert retire.status_code == 200, retire.text
        assert _tree(ROOT / "knowledge") == shipped
        assert (settings.knowledge_dir / CHARTER_NAME).read_bytes() == CHARTER
        # A restart: the folder is seeded again (nothing the staff changed is overwritten) and reloaded.
        assert await bot_service.prepare_folder(settings.knowledge_dir, shipped_dir=settings.bot_kb_shipped_dir) == []
        restarted = bot_service.make_holder(settings.knowledge_dir, settings=settings)
        await bot_service.build(restarted)
        loaded = {Path(d.path).name: d for d in restarted.engine.kb.documents}
        assert loaded[CHARTER_NAME].meta.title == "薛城区社区志愿服务协会章程"
        assert loaded[CHARTER_NAME].meta.retired_at == date.today() + timedelta(days=30)
        assert (settings.knowledge_dir / SHIPPED).read_bytes() == replaced
        assert restarted.engine.version == holder.engine.version
        assert _tree(ROOT / "knowledge") == shipped
    finally:  # the session app's folder goes back to the shipped set for the other tests
        for name in (CHARTER_NAME, CHARTER_NAME + ".meta.json", SHIPPED):
            (settings.knowledge_dir / name).unlink(missing_ok=True)
        await bot_service.prepare_folder(settings.knowledge_dir, shipped_dir=settings.bot_kb_shipped_dir)
        await bot_service.build(holder)
    assert _tree(settings.knowledge_dir) == shipped
