"""Uploaded files, shared by grants and incubation: checked, stored, recorded, listed, read back, removed.

The type is sniffed from the bytes, never trusted from the name; files live outside the web root.
Accepted: PDF, Word .docx (a zip with a `word/` part), JPEG and PNG. Executables (MZ, ELF) are refused
whatever they are called. Files get random names under `<var_dir>/uploads`, which nginx never serves;
downloads go through authorised routes (each slice decides who may see its owner's files, then calls
`get` and `read`). Disk writes run in a thread so the event loop stays free. A file is written before
its row and removed again when the row cannot be written, so a refused or failed upload leaves neither.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from tortoise.transactions import in_transaction

from backend.errors import AttachmentNotFound, field_error
from backend.models.grant import Attachment
from backend.services import audit
from backend.services.actor import Actor
from backend.services.text import unsafe_in_line

KINDS = {  # sniffed kind → (content type, file extensions that may carry it)
    "pdf": ("application/pdf", {".pdf"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
    "jpg": ("image/jpeg", {".jpg", ".jpeg"}),
    "png": ("image/png", {".png"}),
}
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


@dataclass(frozen=True, slots=True)
class StoredFile:
    stored_name: str
    content_type: str
    size: int
    sha256: str


def upload_dir(var_dir: Path) -> Path:
    return var_dir / "uploads"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith("word/") for name in archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False


def sniff_kind(data: bytes) -> str | None:
    """The accepted kind these bytes really are, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    return None


def check_upload(*, data: bytes, filename: str, max_bytes: int, field: str = "file") -> str:
    """Validate size and content; returns the sniffed kind or raises a 422 naming `field`."""
    bad_name = unsafe_in_line(filename)
    if bad_name:
        raise field_error(field, f"文件名{bad_name}")
    if not data:
        raise field_error(field, "文件为空")
    if len(data) > max_bytes:
        raise field_error(field, f"文件超过 {max_bytes // (1024 * 1024) or 1} MB 上限")
    if data.startswith(EXECUTABLE_MAGIC):
        raise field_error(field, "文件内容是可执行程序，不允许上传")
    kind = sniff_kind(data)
    if kind is None:
        raise field_error(field, "只接受 PDF、Word（.docx）、JPG 或 PNG 文件")
    suffix = PurePath(filename).suffix.lower()
    if suffix not in KINDS[kind][1]:
        raise field_error(field, f"文件内容是 {kind.upper()}，与扩展名「{suffix or '无'}」不符")
    return kind


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as fh:  # "x": a random name never overwrites an existing file
        fh.write(data)


def _check_and_write(var_dir: Path, data: bytes, filename: str, max_bytes: int, field: str) -> StoredFile:
    kind = check_upload(data=data, filename=filename, max_bytes=max_bytes, field=field)
    stored_name = f"{secrets.token_hex(16)}.{kind}"
    _write(upload_dir(var_dir) / stored_name, data)
    return StoredFile(stored_name=stored_name, content_type=KINDS[kind][0], size=len(data),
                      sha256=hashlib.sha256(data).hexdigest())


async def store(*, var_dir: Path, data: bytes, filename: str, max_bytes: int, field: str = "file") -> StoredFile:
    """Check the upload and write it under a random name; nothing is written when it is refused.

    Sniffing (a .docx is opened as a zip), hashing and writing up to the size limit all run in a thread.
    """
    return await asyncio.to_thread(_check_and_write, var_dir, data, filename, max_bytes, field)


async def discard(*, var_dir: Path, stored_name: str) -> None:
    """Remove a stored file (its row was rolled back or deleted)."""
    await asyncio.to_thread((upload_dir(var_dir) / stored_name).unlink, missing_ok=True)


async def read(*, var_dir: Path, stored_name: str) -> bytes:
    return await asyncio.to_thread((upload_dir(var_dir) / stored_name).read_bytes)


# ---------------------------------------------------------------- rows

async def add(*, actor: Actor, org_id: int, owner_type: str, owner_id: int, var_dir: Path, max_bytes: int,
              kind: str, filename: str, data: bytes) -> Attachment:
    """Write the file, then its row and audit entry; the file is removed again if the row cannot be written."""
    stored = await store(var_dir=var_dir, data=data, filename=filename, max_bytes=max_bytes)
    try:
        async with in_transaction():
            att = await Attachment.create(org_id=org_id, owner_type=owner_type, owner_id=owner_id, kind=kind,
                                          original_name=Path(filename).name[:255], stored_name=stored.stored_name,
                                          content_type=stored.content_type, size=stored.size, sha256=stored.sha256,
                                          uploaded_by_id=actor.user_id)
            await audit.record(actor=actor, action="attachment.upload",
                               object_type=owner_type, object_id=owner_id,
                               after={"attachment_id": att.id, "kind": kind, "sha256": stored.sha256})
    except BaseException:
        await discard(var_dir=var_dir, stored_name=stored.stored_name)
        raise
    return att


async def get(*, owner_type: str, owner_id: int, attachment_id: int) -> Attachment:
    """One file of this owner; another owner's file is 404 like a missing one."""
    att = await Attachment.get_or_none(id=attachment_id, owner_type=owner_type, owner_id=owner_id)
    if att is None:
        raise AttachmentNotFound()
    return att


async def of(owner_type: str, owner_id: int) -> list[Attachment]:
    """The owner's files, in upload order."""
    return await Attachment.filter(owner_type=owner_type, owner_id=owner_id).order_by("id")


async def remove(*, actor: Actor, owner_type: str, owner_id: int, attachment_id: int, var_dir: Path) -> None:
    """Delete the row (audited), then the file."""
    att = await get(owner_type=owner_type, owner_id=owner_id, attachment_id=attachment_id)
    async with in_transaction():
        await att.delete()
        await audit.record(actor=actor, action="attachment.delete", object_type=owner_type, object_id=owner_id,
                           before={"attachment_id": att.id, "sha256": att.sha256})
    await discard(var_dir=var_dir, stored_name=att.stored_name)

