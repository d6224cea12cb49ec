"""Bounded parsing of uploads (issue 11, defect 4): a zip-bomb .docx must cost neither minutes nor GBs."""

from __future__ import annotations

import asyncio
import io
import os
import time
import zipfile
from pathlib import Path

import docx
import pytest

from bot.uploads import (
    ArchiveTooLarge,
    ArchiveTooManyEntries,
    ParseLimitExceeded,
    ParseLimits,
    UnparsableDocument,
    check_archive,
    parse_upload,
)

_PARAGRAPH = '<w:p><w:r><w:t xml:space="preserve">第{n}条 社会团体应当按照章程开展活动。</w:t></w:r></w:p>'


def small_docx(articles: int = 3) -> bytes:
    """A genuine .docx with a title and numbered articles."""
    document = docx.Document()
    document.add_paragraph("某某协会章程")
    for n in ("一", "二", "三", "四", "五")[:articles]:
        document.add_paragraph(f"第{n}条 本会每年至少召开{len(n) + 1}次理事会会议。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bomb_docx(xml_bytes: int = 20 * 1024 * 1024) -> bytes:
    """The audit's bomb: a valid .docx whose word/document.xml inflates to about `xml_bytes`."""
    source = zipfile.ZipFile(io.BytesIO(small_docx()))
    head = source.read("word/document.xml").decode().split("<w:body>")[0] + "<w:body>"
    paragraph = _PARAGRAPH.format(n="一")
    body = paragraph * (xml_bytes // len(paragraph.encode()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            if item.filename == "word/document.xml":
                bomb.writestr(item.filename, head + body + "</w:body></w:document>")
            else:
                bomb.writestr(item, source.read(item.filename))
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bomb_docx()


def test_the_bomb_is_small_on_the_wire_and_huge_inflated(bomb):
    assert len(bomb) < 200 * 1024
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 20 * 1024 * 1024


async def test_bomb_is_refused_before_parsing(bomb):
    started = time.monotonic()
    with pytest.raises(ArchiveTooLarge) as refused:
        await parse_upload(suffix=".docx", data=bomb)
    assert refused.value.limit == ParseLimits().max_uncompressed_bytes
    assert time.monotonic() - started < 1.0


def test_too_many_entries_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(30):
            archive.writestr(f"word/media/{i}.png", b"x")
    with pytest.raises(ArchiveTooManyEntries):
        check_archive(out.getvalue(), suffix=".docx", limits=ParseLimits(max_entries=20))


async def test_a_long_document_within_the_limits_still_parses():
    # About 8 MiB of document.xml (some 50,000 paragraphs) is far beyond any policy document.
    parsed = await parse_upload(suffix=".docx", data=bomb_docx(8 * 1024 * 1024))
    assert parsed.units > 0


async def test_a_real_docx_parses_in_the_child():
    parsed = await parse_upload(suffix=".docx", data=small_docx())
    assert parsed.units == 3
    assert parsed.title == "某某协会章程"


async def test_text_uploads_parse_in_the_child_too():
    parsed = await parse_upload(suffix=".txt", data="章程\n第一条 总则。\n第二条 会员。\n".encode())
    assert parsed.units == 2


async def test_broken_files_are_unparsable():
    with pytest.raises(UnparsableDocument):
        await parse_upload(suffix=".docx", data=b"PK\x03\x04 not a docx")
    with pytest.raises(UnparsableDocument):
        await parse_upload(suffix=".pdf", data=b"%PDF-1.4 garbage")


async def test_memory_limit_stops_the_parse(bomb):
    # Past the archive check on purpose: the child's address-space limit is the second line.
    limits = ParseLimits(max_uncompressed_bytes=1 << 30, memory_bytes=160 * 1024 * 1024, timeout_seconds=60)
    started = time.monotonic()
    with pytest.raises(ParseLimitExceeded) as exceeded:
        await parse_upload(suffix=".docx", data=bomb, limits=limits)
    assert exceeded.value.kind == "memory"
    assert time.monotonic() - started < 30


async def test_time_limit_kills_the_child(bomb):
    limits = ParseLimits(max_uncompressed_bytes=1 << 30, memory_bytes=4 << 30, timeout_seconds=1.0)
    started = time.monotonic()
    with pytest.raises(ParseLimitExceeded) as exceeded:
        await parse_upload(suffix=".docx", data=bomb, limits=limits)
    assert exceeded.value.kind == "time"
    assert time.monotonic() - started < 3
    await asyncio.sleep(0.2)
    assert _children() == []


async def test_cancelling_the_parse_kills_the_child_at_once(bomb):
    limits = ParseLimits(max_uncompressed_bytes=1 << 30, memory_bytes=4 << 30, timeout_seconds=60)
    task = asyncio.create_task(parse_upload(suffix=".docx", data=bomb, limits=limits))
    deadline = time.monotonic() + 5
    while not _children() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert _children(), "the parse should run in a child process"
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    deadline = time.monotonic() + 2
    while _children() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert _children() == []


def _children() -> list[int]:
    """Live (not zombie) child processes of this test process."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except FileNotFoundError:
                continue
            if state != "Z":
                found.append(int(pid))
    return found
