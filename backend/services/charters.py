"""Charter files (章程): uploaded from the phone, their text extracted and checked for item 5.

A PDF or Word file is sniffed like any other upload (services/attachments), then its text is extracted in a
thread (pypdf / python-docx through the bot's reader) so a large file never blocks the event loop. A file
whose text layer is empty (a scanned PDF) cannot be checked by the software and is flagged for a person to
read. The file is uploaded before the registration or change that names it; only its uploader may name it,
and staff read it through the organization that names it.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from tortoise.transactions import in_transaction

from backend.errors import CharterFileNotFound, field_error
from backend.models.organization import CharterFile, Organization
from backend.services import attachments, audit
from backend.services.actor import Actor

ACCEPTED = ("pdf", "docx")
# Item 5: any of these phrases counts as the charter stating adherence to the Party's overall leadership.
PARTY_CLAUSE_PHRASES = ("坚持中国共产党的全面领导", "坚持党的全面领导", "坚持中国共产党的领导", "坚持党的领导",
                        "党的全面领导")
# Fewer visible characters than this is no text layer but stray marks of a scan.
MIN_TEXT_CHARS = 20


def _extract(data: bytes, kind: str) -> str:
    from bot.ingest import read_text  # pypdf / python-docx, loaded only when a charter is uploaded

    try:
        return read_text(data=data, suffix=f".{kind}")
    except Exception:  # a damaged file the parser cannot open: read by a person like a scan
        return ""


def charter_has_party_clause(text: str) -> bool:
    """Item 5: does the charter state adherence to the Party's (overall) leadership?"""
    compact = re.sub(r"\s+", "", text or "")
    return any(phrase in compact for phrase in PARTY_CLAUSE_PHRASES)


def charter_flags(*, charter_text: str, file_id: int | None, file_readable: bool, party_clause: bool) -> list[str]:
    """What the reviewer must look at in the charter (empty when nothing is flagged)."""
    if party_clause:
        return []
    flags = []
    if file_id is not None and not file_readable:
        flags.append("charter_file_unreadable")
    if (charter_text or "").strip() or (file_id is not None and file_readable):
        flags.append("party_clause_missing")
    return flags


def readable(text: str) -> bool:
    """Whether extracted text is a real text layer (not an empty or near-empty scan)."""
    return len(re.sub(r"\s+", "", text)) >= MIN_TEXT_CHARS


async def upload(*, actor: Actor, var_dir: Path, max_bytes: int, filename: str, data: bytes) -> CharterFile:
    """Check, store and read a charter; the row records whether its text states the Party's leadership."""
    kind = await asyncio.to_thread(attachments.check_upload, data=data, filename=filename, max_bytes=max_bytes)
    if kind not in ACCEPTED:
        raise field_error("file", "章程只接受 PDF 或 Word（.docx）文件")
    text = await asyncio.to_thread(_extract, data, kind)
    stored = await attachments.store(var_dir=var_dir, data=data, filename=filename, max_bytes=max_bytes)
    try:
        async with in_transaction():
            row = await CharterFile.create(
                uploaded_by_id=actor.user_id, original_name=Path(filename).name[:255],
                stored_name=stored.stored_name, content_type=stored.content_type, size=stored.size,
                sha256=stored.sha256, text=text, readable=readable(text),
                party_clause=charter_has_party_clause(text))
            await audit.record(actor=actor, action="charter_file.upload", object_type="charter_file",
                               object_id=row.id, after={"sha256": stored.sha256, "readable": row.readable,
                                                        "party_clause": row.party_clause})
    except BaseException:
        await attachments.discard(var_dir=var_dir, stored_name=stored.stored_name)
        raise
    return row


async def named_in_registration(*, actor: Actor, file_id: int | None, current_id: int | None) -> CharterFile | None:
    """The charter file a registration or change names: the organization's current one, or one the caller
    uploaded (a 422 naming the field otherwise, so nobody names another person's file)."""
    if file_id is None:
        return None
    row = await CharterFile.get_or_none(id=file_id)
    if row is None or (file_id != current_id and row.uploaded_by_id != actor.user_id):
        raise field_error("charter_file_id", "章程文件不存在，请重新上传")
    return row


async def own_file(*, actor: Actor, file_id: int) -> CharterFile:
    """A charter file the caller uploaded; anyone else's is 404 like a missing one."""
    row = await CharterFile.get_or_none(id=file_id, uploaded_by_id=actor.user_id)
    if row is None:
        raise CharterFileNotFound()
    return row


async def named_by(*, org: Organization, file_id: int) -> CharterFile:
    """A charter file the organization names now or in its pending change (what its reviewers may read)."""
    named = {org.charter_file_id, (org.pending_change or {}).get("charter_file_id")}
    row = await CharterFile.get_or_none(id=file_id) if file_id in named else None
    if row is None:
        raise CharterFileNotFound()
    return row


async def content(*, var_dir: Path, row: CharterFile) -> bytes:
    return await attachments.read(var_dir=var_dir, stored_name=row.stored_name)
