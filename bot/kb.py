"""A folder of policy documents with effective dates, loaded into parsed documents."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from bot.ingest import SUPPORTED_SUFFIXES, parse_document, read_text
from bot.model import Document, DocumentMeta, Unit

DEFAULT_KB_DIR = Path(__file__).resolve().parent.parent / "knowledge"
META_SUFFIX = ".meta.json"
_SAFE_NAME = re.compile(r"^[^/\\\x00]+$")


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """A file in the knowledge folder and whether it is in force on a given day."""

    name: str
    effective_from: date | None
    retired_at: date | None
    active: bool


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """The documents in force on `as_of`, parsed, with a content hash as version."""

    path: Path
    version: str
    documents: tuple[Document, ...]
    units: tuple[Unit, ...]
    as_of: date

    @classmethod
    def load(cls, path: Path | str | None = None, *, today: date | None = None) -> KnowledgeBase:
        """Parse every document in force today from a knowledge folder."""
        folder = Path(path) if path is not None else DEFAULT_KB_DIR
        today = today or date.today()
        digest = hashlib.sha256()
        documents: list[Document] = []
        for file, data, sidecar in _files_in_force(folder, today):
            _digest_file(digest, file=file, data=data, sidecar=sidecar)
            documents.append(_parse_file(file=file, data=data, sidecar=sidecar))
        units = tuple(unit for document in documents for unit in document.units)
        return cls(
            path=folder, version=digest.hexdigest()[:16], documents=tuple(documents), units=units, as_of=today
        )

    def unit(self, unit_id: str) -> Unit | None:
        """The unit with this id, if loaded."""
        return next((u for u in self.units if u.id == unit_id), None)


def content_version(path: Path | str | None = None, *, today: date | None = None) -> str:
    """The version `KnowledgeBase.load` would report, without parsing (reads and hashes the files)."""
    folder = Path(path) if path is not None else DEFAULT_KB_DIR
    digest = hashlib.sha256()
    for file, data, sidecar in _files_in_force(folder, today or date.today()):
        _digest_file(digest, file=file, data=data, sidecar=sidecar)
    return digest.hexdigest()[:16]


def _files_in_force(folder: Path, today: date) -> Iterator[tuple[Path, bytes, dict[str, str]]]:
    """Each document in force today with its bytes and sidecar, in name order."""
    for file in document_files(folder):
        sidecar = read_sidecar(file)
        if _in_force(sidecar, today):
            yield file, file.read_bytes(), sidecar


def _digest_file(digest: Any, *, file: Path, data: bytes, sidecar: dict[str, str]) -> None:
    """Feed one document into the knowledge version (name, content and sidecar)."""
    digest.update(file.name.encode() + b"\0" + data + b"\0" + json.dumps(sidecar, sort_keys=True).encode())


def document_files(folder: Path) -> list[Path]:
    """Supported document files in a folder, sorted by name, sidecars excluded."""
    if not folder.is_dir():
        raise FileNotFoundError(f"knowledge folder not found: {folder}")
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith(".")
    )


def fingerprint(folder: Path, *, today: date | None = None) -> str:
    """A cheap change detector (names, sizes, mtimes, today's in-force set) for hot reload."""
    today = today or date.today()
    digest = hashlib.sha256(today.isoformat().encode())
    for file in document_files(folder):
        for candidate in (file, _sidecar_path(file)):
            if candidate.exists():
                stat = candidate.stat()
                digest.update(f"{candidate.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
        digest.update(str(_in_force(read_sidecar(file), today)).encode())
    return digest.hexdigest()


def read_sidecar(file: Path) -> dict[str, str]:
    """The NAME.meta.json overrides next to a document ({} when absent)."""
    sidecar = _sidecar_path(file)
    if not sidecar.exists():
        return {}
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{sidecar.name} must hold a JSON object")
    # Lists (revision dates, aliases) are kept as one "；"-joined string, so a sidecar stays str → str.
    return {str(k): "；".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in data.items() if v is not None}


def list_documents(kb_dir: Path | str, *, today: date | None = None) -> list[DocumentStatus]:
    """Every document file with its effective dates and whether it is in force."""
    today = today or date.today()
    out = []
    for file in document_files(Path(kb_dir)):
        sidecar = read_sidecar(file)
        out.append(
            DocumentStatus(
                name=file.name,
                effective_from=_date(sidecar.get("effective_from")),
                retired_at=_date(sidecar.get("retired_at")),
                active=_in_force(sidecar, today),
            )
        )
    return out


def add_document(
    kb_dir: Path | str,
    filename: str,
    content_bytes: bytes,
    effective_from: date | None = None,
    *,
    check: bool = True,
) -> Path:
    """Upload or replace a document (atomically), optionally effective from a later date.

    `check=False` skips the trial parse for a caller that already parsed the bytes (bounded, in a
    child process: bot/uploads.py).
    """
    folder = Path(kb_dir)
    target = folder / _checked_name(filename)
    if check:
        # Parse before writing so a broken upload never replaces a working document.
        parse_document(doc_id=target.stem, text=read_text(data=content_bytes, suffix=target.suffix))
    _atomic_write(target, content_bytes)
    sidecar = read_sidecar(target)
    sidecar.pop("retired_at", None)
    if effective_from is not None:
        sidecar["effective_from"] = effective_from.isoformat()
    _write_sidecar(target, sidecar)
    return target


def seed_folder(kb_dir: Path | str, shipped_dir: Path | str) -> list[str]:
    """Create the writable knowledge folder and copy in each shipped document it lacks (with its sidecar).

    The shipped folder (knowledge/ in the repository) is only read: uploads, replacements and
    retirements live in `kb_dir`. A shipped document already there, replaced or retired by staff,
    is left alone; one added by a new release is copied in. Copies keep their modification times, so
    workers seeding side by side leave the same fingerprint. Returns the names copied.
    """
    folder, shipped = Path(kb_dir), Path(shipped_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if not shipped.is_dir() or folder.resolve() == shipped.resolve():
        return []
    copied = []
    for file in document_files(shipped):
        target = folder / file.name
        if target.exists():
            continue
        sidecar = _sidecar_path(file)
        if sidecar.exists():  # metadata first: a reader never sees the document without it
            _atomic_copy(sidecar, _sidecar_path(target))
        _atomic_copy(file, target)
        copied.append(file.name)
    return copied


def retire_document(kb_dir: Path | str, name: str, retired_at: date) -> None:
    """Mark a document as no longer in force from `retired_at` on (the file is kept)."""
    target = Path(kb_dir) / _checked_name(name)
    if not target.exists():
        raise FileNotFoundError(f"no such document: {name}")
    sidecar = read_sidecar(target)
    sidecar["retired_at"] = retired_at.isoformat()
    _write_sidecar(target, sidecar)


def _parse_file(*, file: Path, data: bytes, sidecar: dict[str, str]) -> Document:
    """Parse one file and apply its sidecar's title and dates."""
    document = parse_document(
        doc_id=file.stem.removesuffix(".raw"),
        text=read_text(data=data, suffix=file.suffix),
        path=str(file),
        title_override=sidecar.get("title"),
    )
    meta = replace(
        document.meta,
        effective_from=_date(sidecar.get("effective_from")),
        retired_at=_date(sidecar.get("retired_at")),
        doc_number=sidecar.get("doc_number") or document.meta.doc_number,
        issuer=sidecar.get("issuer"),
        adopted=sidecar.get("adopted"),
        promulgated=sidecar.get("promulgated"),
        in_force=sidecar.get("in_force"),
        revised=_listed(sidecar.get("revised")),
        aliases=_listed(sidecar.get("aliases")),
    )
    if meta.issuer and not meta.issuers:
        meta = replace(meta, issuers=(meta.issuer,))
    document.meta = meta
    document.units[0] = replace(document.units[0], text=_meta_text(document.units[0].text, meta))
    return document


def _listed(value: str | None) -> tuple[str, ...]:
    """A "；"-joined sidecar list back as a tuple."""
    return tuple(part for part in (value or "").split("；") if part)


def _meta_text(text: str, meta: DocumentMeta) -> str:
    """The meta unit's text with the sidecar facts appended as lines (quotable, searchable)."""
    facts = [
        f"{label}：{value}"
        for label, value in (
            ("文号", meta.doc_number),
            ("发布机关", meta.issuer),
            ("通过日期", meta.adopted),
            ("公布日期", meta.promulgated),
            ("施行日期", meta.in_force),
            ("修订日期", "、".join(meta.revised)),
        )
        if value and value not in text
    ]
    return "\n".join([text, *facts])


def _in_force(sidecar: dict[str, str], today: date) -> bool:
    """Effective on or before today and not yet retired."""
    start, end = _date(sidecar.get("effective_from")), _date(sidecar.get("retired_at"))
    return (start is None or start <= today) and (end is None or today < end)


def _date(value: str | None) -> date | None:
    """Parse an ISO date from a sidecar."""
    return date.fromisoformat(value[:10]) if value else None


def _checked_name(filename: str) -> str:
    """Refuse path tricks and unsupported types in an uploaded file name."""
    name = filename.strip()
    if not _SAFE_NAME.match(name) or name in (".", "..") or name.startswith("."):
        raise ValueError(f"invalid document name: {filename!r}")
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ValueError(f"unsupported document type: {filename!r}")
    return name


def _sidecar_path(file: Path) -> Path:
    """Where a document's metadata overrides live."""
    return file.with_name(file.name + META_SUFFIX)


def _write_sidecar(file: Path, sidecar: dict[str, str]) -> None:
    """Write or remove the sidecar (no sidecar when there is nothing to say)."""
    path = _sidecar_path(file)
    if sidecar:
        _atomic_write(path, json.dumps(sidecar, ensure_ascii=False, indent=2).encode())
    elif path.exists():
        path.unlink()


def _atomic_copy(source: Path, path: Path) -> None:
    """Copy a file (bytes and modification time) via a temp file and rename."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    os.close(fd)
    try:
        shutil.copy2(source, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temp file and rename so readers never see half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
