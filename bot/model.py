"""Structured units a policy document is split into."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Document-level facts: title, 文号, issuers and dates."""

    title: str
    doc_number: str | None = None
    issuers: tuple[str, ...] = ()
    issue_date: str | None = None
    printed_by: str | None = None
    printed_date: str | None = None
    copy_to: str | None = None
    effective_from: date | None = None
    retired_at: date | None = None
    # From the sidecar (knowledge/NAME.meta.json) for laws and regulations, whose text carries no
    # signature block: 通过 / 公布 / 施行 dates, revisions, and short names people use (慈善法).
    issuer: str | None = None
    adopted: str | None = None
    promulgated: str | None = None
    in_force: str | None = None
    revised: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unit:
    """One retrievable piece of a document: a numbered item, an article, a section or its metadata."""

    id: str
    doc_id: str
    doc_title: str
    kind: str  # "item" | "article" | "section" | "meta"
    number: int | None
    heading: str
    section: str
    text: str
    responsible: str | None = None

    @property
    def label(self) -> str:
        """How a citation names this unit in Chinese (第2项, 第十二条 → 第12条)."""
        if self.kind == "article" and self.number is not None:
            return f"第{self.number}条"
        if self.kind == "item" and self.number is not None:
            return f"第{self.number}项"
        if self.kind == "meta":
            return "文件信息"
        return self.heading


@dataclass(slots=True)
class Document:
    """A parsed policy document with its units (the meta unit first)."""

    id: str
    path: str
    meta: DocumentMeta
    units: list[Unit] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
