"""Bounded parsing of uploaded documents: archive limits first, then a child process with limits.

An audit found a 61 KB .docx whose document.xml inflates to 20 MB: python-docx spent minutes of
CPU and 552 MB on it in the web worker, which answered 500 after 60 s and held up SIGTERM. An
upload is therefore checked in two steps before anything is stored:

1. `check_archive`: a .docx is a zip; its central directory (read, not inflated) must declare at
   most `max_entries` members and `max_uncompressed_bytes` in total. Python's zipfile never inflates
   a member past its declared size (a member that lies fails its CRC check), so the declared sizes
   bound the work honestly.
2. `parse_upload`: the parse itself runs in a fresh interpreter (`bot/_parse_child.py`) with an
   address-space limit (RLIMIT_AS) and a CPU-time limit (RLIMIT_CPU), and the caller kills it at a
   wall-clock timeout. It is awaited as an asyncio subprocess, so the event loop never blocks and no
   thread is left behind: if the request is cancelled (client gone, server shutting down) the child
   is killed at once, and an orphaned child still dies at its CPU limit.

A child process rather than a process pool: uploads are rare, a pool worker that hits a limit is
dead anyway, and concurrent.futures joins its workers at interpreter exit, which is exactly the
shutdown hang to avoid.
"""

from __future__ import annotations

import asyncio
import io
import json
import math
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

_CHILD = Path(__file__).resolve().parent / "_parse_child.py"
_ARCHIVE_SUFFIXES = (".docx",)
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ParseLimits:
    """How much an upload may cost to inspect (defaults fit a long policy document with images)."""

    # A 10 MiB upload of text and pictures inflates to little more than itself; 16 MiB leaves room
    # while refusing the 20 MB document.xml of the audit before it is parsed.
    max_uncompressed_bytes: int = 16 * MIB
    max_entries: int = 500
    timeout_seconds: float = 20.0
    # Address space of the parsing interpreter (python + lxml + pypdf need about 60 MiB of it idle).
    memory_bytes: int = 512 * MIB


@dataclass(frozen=True, slots=True)
class ParsedUpload:
    """What the bounded parse found: the title and how many items/articles."""

    title: str
    units: int


class UploadRefused(ValueError):
    """The upload exceeds a limit; `limit` is the one it exceeded, in the unit the message names."""

    def __init__(self, message: str, *, limit: int | float) -> None:
        super().__init__(message)
        self.limit = limit


class ArchiveTooLarge(UploadRefused):
    """The archive declares more uncompressed bytes than allowed."""


class ArchiveTooManyEntries(UploadRefused):
    """The archive declares more members than allowed."""


class ParseLimitExceeded(Exception):
    """The parse ran out of time or memory; `kind` is "time" or "memory"."""

    def __init__(self, kind: str, limits: ParseLimits) -> None:
        super().__init__(f"document parse exceeded its {kind} limit")
        self.kind = kind
        self.limits = limits


class UnparsableDocument(ValueError):
    """The file is broken or not what its extension says."""


def check_archive(data: bytes, *, suffix: str, limits: ParseLimits) -> None:
    """Refuse a zip-based upload whose declared contents exceed the limits (nothing is inflated)."""
    if suffix.lower() not in _ARCHIVE_SUFFIXES:
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnparsableDocument(str(exc)) from None
    if len(members) > limits.max_entries:
        raise ArchiveTooManyEntries(f"{len(members)} members", limit=limits.max_entries)
    total = sum(member.file_size for member in members)
    if total > limits.max_uncompressed_bytes:
        raise ArchiveTooLarge(f"{total} bytes uncompressed", limit=limits.max_uncompressed_bytes)


async def parse_upload(*, suffix: str, data: bytes, limits: ParseLimits | None = None) -> ParsedUpload:
    """Parse an upload alone, bounded in size, time and memory; raises one of this module's errors."""
    limits = limits or ParseLimits()
    check_archive(data, suffix=suffix, limits=limits)
    cpu_seconds = max(1, math.ceil(limits.timeout_seconds)) + 1
    # -I: no PYTHON* variables, no user site; a minimal environment keeps secrets out of the child.
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-I", str(_CHILD), suffix.lower(), str(limits.memory_bytes), str(cpu_seconds),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "OPENBLAS_NUM_THREADS": "1"},
    )
    try:
        out, _ = await asyncio.wait_for(process.communicate(data), timeout=limits.timeout_seconds)
    except TimeoutError:
        raise ParseLimitExceeded("time", limits) from None
    finally:
        if process.returncode is None:  # timed out or cancelled: never leave the child running
            process.kill()
    return _result(out, returncode=process.returncode, limits=limits)


def _result(out: bytes, *, returncode: int | None, limits: ParseLimits) -> ParsedUpload:
    """Decode the child's one-line JSON verdict (a child killed by a limit prints none)."""
    try:
        verdict = json.loads(out.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        # SIGXCPU / SIGKILL at the CPU limit, or the interpreter itself out of memory.
        kind = "time" if returncode in (-9, -24) else "memory"
        raise ParseLimitExceeded(kind, limits) from None
    if verdict.get("ok"):
        return ParsedUpload(title=str(verdict["title"]), units=int(verdict["units"]))
    if verdict.get("error") == "memory":
        raise ParseLimitExceeded("memory", limits)
    raise UnparsableDocument(str(verdict.get("detail", "")))
