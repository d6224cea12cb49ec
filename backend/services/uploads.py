"""Attachments: the type is sniffed from the bytes, never trusted from the name; files live outside the web root.

Accepted: PDF, Word .docx (a zip with a `word/` part), JPEG and PNG. Executables (MZ, ELF) are refused
whatever they are called. Files get random names under `<var_dir>/uploads`, which nginx never serves;
downloads go through authorised routes. Disk writes run in a thread so the event loop stays free.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from backend.errors import field_error
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
