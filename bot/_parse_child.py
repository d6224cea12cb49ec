"""Child side of bot/uploads.py: parse stdin under resource limits, print one JSON line.

Run by path (`python -I bot/_parse_child.py SUFFIX MEMORY_BYTES CPU_SECONDS`), not with -m: the bot
package's __init__ pulls in numpy, bm25s and jieba (a second of start-up and some 200 MB of address
space) that parsing does not need, so `bot` is registered here as a bare namespace and only
bot.ingest and its two small imports are loaded.
"""

from __future__ import annotations

import json
import resource
import sys
import types
from pathlib import Path


def _limit(memory_bytes: int, cpu_seconds: int) -> None:
    """Cap the address space and CPU time (the kernel sends SIGXCPU, then SIGKILL, at the CPU cap)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def _peak_address_space() -> int:
    """This process's peak virtual memory in bytes (0 where /proc is not available)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) * 1024
    return 0


def main() -> int:
    """Read the document from stdin, parse it, report the title and unit count."""
    suffix, memory_bytes, cpu_seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    bot_dir = Path(__file__).resolve().parent
    sys.path[0] = str(bot_dir.parent)  # the repository, not bot/ (its modules would shadow others)
    package = types.ModuleType("bot")
    package.__path__ = [str(bot_dir)]
    sys.modules["bot"] = package
    data = sys.stdin.buffer.read()
    _limit(memory_bytes, cpu_seconds)
    try:
        from bot.ingest import parse_document, read_text

        document = parse_document(doc_id="upload", text=read_text(data=data, suffix=suffix))
        verdict = {"ok": True, "title": document.meta.title,
                   "units": sum(unit.kind != "meta" for unit in document.units)}
    except MemoryError:
        verdict = {"ok": False, "error": "memory"}
    except Exception as exc:  # any parser failure means a bad file; the parent maps it to a 422
        # Out of memory inside a C library surfaces as its own error (lxml: "XMLSyntaxError: unknown
        # error"), so a failure near the cap counts as the cap.
        near_cap = _peak_address_space() >= 0.9 * memory_bytes
        verdict = {"ok": False, "error": "memory" if near_cap else "unparsable",
                   "detail": f"{type(exc).__name__}: {exc}"[:300]}
    sys.stdout.write(json.dumps(verdict, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
