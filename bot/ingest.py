"""Turn .txt/.md/.docx/.pdf policy files into structured units, repairing OCR damage."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.model import Document, DocumentMeta, Unit
from bot.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")

_CN = CHINESE_NUMERAL_CHARS
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# Spaces next to a CJK character or full-width punctuation are OCR/layout noise ("发展的 指导意见").
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])")
_MD_HEADING = re.compile(r"^#{1,6}\s*")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,3}[-—–\s]*$|^第\s*\d+\s*页.*$")

_SECTION = re.compile(rf"^([{_CN}]+)、(.{{2,60}})$")
_CHAPTER = re.compile(rf"^第([{_CN}\d]+)章\s*(.*)$")
# No look-ahead on 款/项: once layout spaces are gone, "第五条 项目评审…" reads "第五条项目评审…", and
# a cross-reference such as "第五条第二款规定" never opens a unit because numbering must rise by one.
_ARTICLE = re.compile(rf"^第([{_CN}\d]+)条(?!第|之[{_CN}])\s*(.*)$")
_ITEM = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.+)$")
_PAREN_ITEM = re.compile(rf"^[（(]([{_CN}]+)[）)]\s*(.+)$")
_RESPONSIBLE = re.compile(r"^[（(]?\s*(?:责任单位|牵头单位|责任部门)\s*[:：]\s*(.+?)\s*[）)]?$")
_RESPONSIBLE_INLINE = re.compile(r"[（(]\s*(?:责任单位|牵头单位|责任部门)\s*[:：]([^（）()]+)[）)]\s*$")

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
_DATE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)$")
# A line opening with a full date ("2004年3月8日国务院令第400号公布") is a dated fact of its own.
_DATED_LINE = re.compile(r"^(?:根据)?\d{4}年\d{1,2}月\d{1,2}日")
_PRINTED = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)\s*印发$")
_COPY_TO = re.compile(r"^(?:抄送|主送|抄报)[:：]")
_ORG_SUFFIX = re.compile(r"(?:部|委|局|办|厅|院|会|委员会|政府|分局|中心|办公室|党委|支部|联合会|协会)$")
_TERMINAL = tuple("。；！？：）」』”…;!?:)")
_TITLE_SUFFIX = re.compile(
    r"(?:意见|通知|办法|规定|条例|章程|方案|决定|细则|规则|制度|规范|标准|指引|公告|通告|纲要|规划|法)$"
)
_SENTENCE_PUNCT = re.compile(r"[，。；：、！？,;:]")


@dataclass
class _UnitDraft:
    kind: str
    number: int | None
    label: str
    section: str
    lines: list[str] = field(default_factory=list)


def read_text(*, path: Path | None = None, data: bytes | None = None, suffix: str | None = None) -> str:
    """Extract plain text from a supported file (by path, or by bytes plus suffix)."""
    if data is None:
        if path is None:
            raise ValueError("path or data is required")
        data = path.read_bytes()
    suffix = (suffix or (path.suffix if path else "")).lower()
    if suffix in (".txt", ".md"):
        return _decode(data)
    if suffix == ".docx":
        return _docx_text(data)
    if suffix == ".pdf":
        return _pdf_text(data)
    raise ValueError(f"unsupported document type: {suffix}")


def _decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to GB18030 used by older Chinese tools."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _docx_text(data: bytes) -> str:
    """Paragraphs then table cells of a .docx, one per line."""
    import docx  # python-docx; imported lazily since most knowledge bases are plain text

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    """Text of each PDF page; a blank line marks the page break the line joiner repairs."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def parse_document(*, doc_id: str, text: str, path: str = "", title_override: str | None = None) -> Document:
    """Clean OCR text and split it into metadata, sections and numbered units."""
    lines = _clean_lines(text)
    lines = _drop_garbled_blocks(lines)
    logical = _join_broken_lines(lines)
    title, title_index = _find_title(logical)
    title = title_override or title
    body_start = title_index + 1 if title_index is not None else 0
    drafts, preamble, trailer = _split_units(logical[body_start:])
    meta = _build_meta(title=title, head=logical[:body_start] + preamble, trailer=trailer)
    document = Document(id=doc_id, path=path, meta=meta)
    dated = [line for line in preamble if _DATED_LINE.match(line)]  # 通过/公布/修订 lines of a law
    document.units.append(_meta_unit(doc_id=doc_id, meta=meta, lines=logical[:body_start] + dated + trailer))
    seen_ids: set[str] = set()
    for index, draft in enumerate(drafts):
        unit = _finish_unit(doc_id=doc_id, doc_title=meta.title, draft=draft, index=index)
        if unit.id in seen_ids:  # numbering restarted (e.g. per chapter): keep ids unique
            unit = _with_id(unit, f"{unit.id}@{index}")
        seen_ids.add(unit.id)
        document.units.append(unit)
    document.sections = list(dict.fromkeys(d.section for d in drafts if d.section))
    return document


def _clean_lines(text: str) -> list[str]:
    """Strip markdown markers, page numbers and layout spaces; blank lines become ''."""
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _MD_HEADING.sub("", raw.strip())
        line = _CJK_SPACE.sub("", line).strip()
        if _PAGE_NUMBER.match(line):
            line = ""
        out.append(line)
    return out


def _drop_garbled_blocks(lines: list[str]) -> list[str]:
    """Remove blocks of vertically-typeset header text that OCR read row by row.

    Such a block (the signatories printed in columns) shows up as several consecutive lines
    without punctuation in which characters repeat (薛薛薛薛, 局局局局) — real sentences don't.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j] and not _SENTENCE_PUNCT.search(lines[j]) and len(lines[j]) <= 40:
            j += 1
        block = lines[i:j]
        if len(block) >= 3 and sum(_has_stutter(line) for line in block) * 2 >= len(block):
            i = j
            continue
        out.extend(block if block else [lines[i]])
        i = j if block else i + 1
    return out


def _has_stutter(line: str) -> bool:
    """Whether a character occurs three or more times in a short line (column-read OCR)."""
    return any(line.count(ch) >= 3 for ch in set(line) if "\u4e00" <= ch <= "\u9fff")


def _is_structural(line: str) -> bool:
    """Lines that start something new and are never the tail of a broken sentence."""
    return bool(
        _SECTION.match(line)
        or _CHAPTER.match(line)
        or _ARTICLE.match(line)
        or _ITEM.match(line)
        or _PAREN_ITEM.match(line)
        or _RESPONSIBLE.match(line)
        or _DATE.match(line)
        or _DATED_LINE.match(line)
        or _PRINTED.match(line)
        or _COPY_TO.match(line)
        or _DOC_NUMBER.fullmatch(line)
        or _is_org_line(line)
    )


def _is_standalone(line: str) -> bool:
    """Lines that are complete without punctuation (headings, titles, names, dates)."""
    return bool(
        _SECTION.match(line)
        or _CHAPTER.match(line)
        or _DATE.match(line)
        or _DATED_LINE.match(line)
        or _PRINTED.match(line)
        or _DOC_NUMBER.fullmatch(line)
        or _is_org_line(line)
        or _is_title_line(line)
        or len(line) <= 4
    )


def _is_org_line(line: str) -> bool:
    """A short unpunctuated line naming an organisation (signatory, printer)."""
    return len(line) <= 24 and not _SENTENCE_PUNCT.search(line) and bool(_ORG_SUFFIX.search(line))


def _is_title_line(line: str) -> bool:
    """A short unpunctuated line that names a kind of policy document."""
    return len(line) <= 60 and not re.search(r"[。；！？]", line) and bool(_TITLE_SUFFIX.search(line))


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Rejoin sentences that OCR broke across lines and pages into logical lines."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and _continues(previous=out[-1], line=line):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
    return out


def _continues(*, previous: str, line: str) -> bool:
    """Whether `line` is the rest of a sentence that `previous` left unfinished."""
    if previous.endswith(_TERMINAL) or _is_standalone(previous):
        return False
    return not _is_structural(line)


def _glue(left: str, right: str) -> str:
    """Concatenate two fragments, keeping a space only between Latin words."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


def _find_title(lines: list[str]) -> tuple[str, int | None]:
    """The document title: the first line naming a document kind, else the first line."""
    for index, line in enumerate(lines[:15]):
        if _is_structural(line) and not _is_title_line(line):
            if _ITEM.match(line) or _ARTICLE.match(line) or _SECTION.match(line) or _CHAPTER.match(line):
                break
            continue
        if _is_title_line(line) or line.startswith("关于"):
            return line, index
    return (lines[0], 0) if lines else ("未命名文件", None)


def _split_units(lines: list[str]) -> tuple[list[_UnitDraft], list[str], list[str]]:
    """Group body lines into unit drafts; return drafts, the preamble and the trailer."""
    level = _unit_level(lines)
    drafts: list[_UnitDraft] = []
    preamble: list[str] = []
    trailer: list[str] = []
    section = ""
    chapter = ""
    last_number = 0
    for line in lines:
        if trailer or (drafts and _starts_trailer(line)):
            trailer.append(line)
            continue
        if _CHAPTER.match(line):
            chapter = line
            section = line
            continue
        if _SECTION.match(line) and level != "section":
            section = f"{chapter} {line}".strip() if chapter and level == "article" else line
            continue
        start = _unit_start(line=line, level=level, last_number=last_number)
        if start is not None:
            number, label = start
            last_number = number
            drafts.append(
                _UnitDraft(kind=_KIND[level], number=number, label=label, section=section, lines=[line])
            )
        elif drafts:
            drafts[-1].lines.append(line)
        else:
            preamble.append(line)
    return drafts, preamble, trailer


_KIND = {"article": "article", "item": "item", "paren": "item", "section": "section"}


def _unit_level(lines: list[str]) -> str:
    """Pick the numbering that forms units: 第X条, else the outer of 1./（一）, else 一、."""
    if sum(1 for line in lines if _ARTICLE.match(line)) >= 2:
        return "article"
    for line in lines:
        if _ITEM.match(line):
            return "item"
        if _PAREN_ITEM.match(line):
            return "paren"
    return "section"


def _unit_start(*, line: str, level: str, last_number: int) -> tuple[int, str] | None:
    """Number and label when `line` opens a unit of the chosen level, else None."""
    pattern = {"article": _ARTICLE, "item": _ITEM, "paren": _PAREN_ITEM, "section": _SECTION}[level]
    match = pattern.match(line)
    if not match:
        return None
    try:
        number = chinese_to_int(match.group(1))
    except ValueError:
        return None
    # Numbering only moves forward or restarts at 1; anything else is a number inside a sentence.
    if number not in (last_number + 1, 1):
        return None
    return number, match.group(0)[: match.start(2)].strip()


def _starts_trailer(line: str) -> bool:
    """Signatures, dates and distribution lines that close the body."""
    return bool(_is_org_line(line) or _DATE.match(line) or _PRINTED.match(line) or _COPY_TO.match(line))


def _finish_unit(*, doc_id: str, doc_title: str, draft: _UnitDraft, index: int) -> Unit:
    """Build a Unit from a draft: heading, 责任单位 and cleaned text."""
    text = "".join(draft.lines)
    body = text
    responsible = None
    inline = _RESPONSIBLE_INLINE.search(text)
    if inline:
        responsible = inline.group(1).strip()
        body = text[: inline.start()]
    heading = _heading(draft=draft, body=body)
    suffix = draft.number if draft.number is not None else index + 1
    return Unit(
        id=f"{doc_id}#{suffix}",
        doc_id=doc_id,
        doc_title=doc_title,
        kind=draft.kind,
        number=draft.number if draft.kind != "section" else None,
        heading=heading,
        section=draft.section,
        text=text,
        responsible=responsible,
    )


def _heading(*, draft: _UnitDraft, body: str) -> str:
    """An item's first sentence is its heading; an article keeps its label and any 【title】."""
    rest = body[len(draft.label) :].lstrip(" .．、")
    if draft.kind == "article":
        bracket = re.match(r"^[【\[]([^】\]]{1,20})[】\]]", rest)
        return f"{draft.label} {bracket.group(1)}" if bracket else draft.label
    if draft.kind == "section":
        return draft.lines[0]
    first = re.split(r"[。；]", rest, maxsplit=1)[0]
    return first if len(first) <= 40 else first[:40]


def _with_id(unit: Unit, new_id: str) -> Unit:
    """Copy of a unit under another id."""
    return Unit(
        id=new_id,
        doc_id=unit.doc_id,
        doc_title=unit.doc_title,
        kind=unit.kind,
        number=unit.number,
        heading=unit.heading,
        section=unit.section,
        text=unit.text,
        responsible=unit.responsible,
    )


def _build_meta(*, title: str, head: list[str], trailer: list[str]) -> DocumentMeta:
    """Collect 文号, issuers and dates from the lines around the body."""
    doc_number = next((m.group(0) for line in head + trailer if (m := _DOC_NUMBER.search(line))), None)
    issuers: list[str] = []
    issue_date = printed_by = printed_date = copy_to = None
    for index, line in enumerate(trailer):
        if _COPY_TO.match(line):
            copy_to = re.split(r"[:：]", line, maxsplit=1)[1].strip("。 ")
        elif printed := _PRINTED.match(line):
            printed_date = printed.group(1)
            if index and _is_org_line(trailer[index - 1]):
                printed_by = trailer[index - 1]
        elif _DATE.match(line) and issue_date is None:
            issue_date = line
        elif _is_org_line(line) and issue_date is None:
            issuers.append(line)
    if printed_by and printed_by in issuers and issue_date is None:
        issuers.remove(printed_by)
    if issue_date is None:
        # 章程 and similar carry their date in the preamble, e.g. （2019年3月1日会员大会通过）.
        issue_date = next(
            (m.group(0) for line in head if (m := re.search(r"\d{4}年\d{1,2}月\d{1,2}日", line))), None
        )
    return DocumentMeta(
        title=re.sub(r"\s+", "", title),
        doc_number=doc_number,
        issuers=tuple(dict.fromkeys(issuers)),
        issue_date=issue_date,
        printed_by=printed_by,
        printed_date=printed_date,
        copy_to=copy_to or None,
    )


def _meta_unit(*, doc_id: str, meta: DocumentMeta, lines: list[str]) -> Unit:
    """A unit holding the document's own lines about itself (title, 文号, signatures, dates)."""
    facts = [meta.title]
    facts += [line for line in lines if line != meta.title and not _RESPONSIBLE.match(line)]
    return Unit(
        id=f"{doc_id}#meta",
        doc_id=doc_id,
        doc_title=meta.title,
        kind="meta",
        number=None,
        heading="文件信息",
        section="",
        text="\n".join(facts),
    )
