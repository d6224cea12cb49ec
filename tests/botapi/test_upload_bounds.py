"""Issue 11, defect 4 over HTTP: a zip-bomb .docx is refused with a 422 naming the limit, quickly."""

from __future__ import annotations

import io
import time
from pathlib import Path

from backend.models.audit import AuditLog
from backend.services import bot as bot_service
from bot.uploads import ParseLimits
from tests.bot.test_uploads import bomb_docx, small_docx
from tests.helpers import assert_envelope

DOCUMENTS = "/api/admin/v1/bot/documents"
SHIPPED_FILES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "knowledge").iterdir())
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload(client, headers, data: bytes, name: str = "章程.docx"):
    return client.post(DOCUMENTS, files={"file": (name, io.BytesIO(data), DOCX)}, headers=headers)


async def test_zip_bomb_docx_is_refused_before_parsing(client, login, kb_holder):
    admin = await login("admin")
    started = time.monotonic()
    body = assert_envelope(await _upload(client, admin, bomb_docx()), 422, "document_archive_too_large")
    assert time.monotonic() - started < 2
    assert "16 MiB" in body["message"]
    assert body["details"]["limit_bytes"] == 16 * 1024 * 1024
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES
    assert await AuditLog.all().count() == 0


async def test_a_parse_over_its_time_or_memory_limit_is_a_422(client, login, kb_holder, monkeypatch):
    admin = await login("admin")
    monkeypatch.setattr(bot_service, "UPLOAD_LIMITS",
                        ParseLimits(max_uncompressed_bytes=1 << 30, timeout_seconds=1.0, memory_bytes=4 << 30))
    started = time.monotonic()
    body = assert_envelope(await _upload(client, admin, bomb_docx()), 422, "document_too_complex")
    assert time.monotonic() - started < 4
    assert "1 秒" in body["message"] and body["details"]["exceeded"] == "time"
    assert sorted(p.name for p in kb_holder.kb_dir.iterdir()) == SHIPPED_FILES


async def test_too_many_members_is_a_422_naming_the_limit(client, login, kb_holder, monkeypatch):
    admin = await login("admin")
    monkeypatch.setattr(bot_service, "UPLOAD_LIMITS", ParseLimits(max_entries=5))
    body = assert_envelope(await _upload(client, admin, small_docx()), 422, "document_archive_too_many_entries")
    assert "5 个" in body["message"]


async def test_a_genuine_docx_is_still_accepted(client, login, kb_holder):
    resp = await _upload(client, await login("admin"), small_docx())
    assert resp.status_code == 201, resp.text
    assert resp.json()["units"] == 3


async def test_hit_test_and_documents_report_the_retrieval_mode(client, login, kb_holder):
    staff = await login("staff")
    hit = (await client.post("/api/admin/v1/bot/hit-test", json={"question": "年报"}, headers=staff)).json()
    assert hit["retrieval"]["retrieval"] == "lexical" and hit["retrieval"]["embedding"]["state"] == "off"
    listing = (await client.get(DOCUMENTS, headers=staff)).json()
    assert listing["retrieval"]["kb_version"] == listing["kb_version"]
