"""On-disk index cache: the index of a knowledge version is built once and loaded by every process.

Layout of a cache directory (one per host, shared by its web and queue workers):

    .lock                       flock(2) lock held while building or pruning
    v1-<code>-<version>/        one complete entry per knowledge version (renamed into place)
        manifest.json           key, knowledge version and the sha256 of every file below
        body/, heading/, chars/ bm25s `save` output; loaded with mmap so processes share the pages
        state.pickle            knowledge base, analysed units, document frequencies
    .tmp-*/                     an entry being written (left behind only by a crashed builder)

`<code>` hashes the bot's source, its word lists and the versions of bm25s, jieba and numpy, so a
code change invalidates old entries by itself; bump `INDEX_FORMAT` when the layout changes. Any
problem with the cache (unwritable folder, corrupt or truncated file, lock timeout) is logged and
the index is built in memory instead: the cache may only make answers faster, never unavailable.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import pickle
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Literal

import bm25s

from bot.index import BM25Retriever, RetrieverState
from bot.kb import KnowledgeBase, content_version

log = logging.getLogger(__name__)

INDEX_FORMAT = 2
KEEP_VERSIONS = 3
LOCK_TIMEOUT_SECONDS = 600.0
_LOCK_POLL_SECONDS = 0.05
_BOT_DIR = Path(__file__).resolve().parent
_ENTRY = re.compile(r"^v\d+-[0-9a-f]{12}-[0-9a-f]+$")
_MANIFEST = "manifest.json"
_STATE = "state.pickle"

Source = Literal["built", "loaded", "memory"]


@dataclass(frozen=True, slots=True)
class CachedIndex:
    """A knowledge base and its retriever, with where they came from."""

    kb: KnowledgeBase
    retriever: BM25Retriever
    source: Source  # built here and stored, loaded from the cache, or built in memory only


class CacheError(Exception):
    """A cache entry is missing, incomplete or corrupt."""


def build_index(
    kb_dir: Path, *, today: date, heading_weight: float
) -> tuple[KnowledgeBase, BM25Retriever]:
    """The expensive step the cache exists to avoid: parse the folder and segment every unit."""
    kb = KnowledgeBase.load(kb_dir, today=today)
    return kb, BM25Retriever(kb, heading_weight=heading_weight)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of everything besides the documents that shapes an index."""
    digest = hashlib.sha256(f"format {INDEX_FORMAT}; python {sys.version_info[:2]}".encode())
    for package in ("bm25s", "jieba", "numpy"):
        try:
            digest.update(f"{package} {package_version(package)};".encode())
        except PackageNotFoundError:
            digest.update(f"{package} ?;".encode())
    sources = sorted(_BOT_DIR.rglob("*.py")) + sorted((_BOT_DIR / "data").glob("*"))
    for path in sources:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_BOT_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


class IndexCache:
    """Indexes keyed by knowledge version under one folder, built by exactly one process each."""

    def __init__(
        self, folder: Path | str, *, keep: int = KEEP_VERSIONS, lock_timeout: float = LOCK_TIMEOUT_SECONDS
    ) -> None:
        self.folder = Path(folder)
        self.keep = max(keep, 1)
        self.lock_timeout = lock_timeout

    def key(self, version: str) -> str:
        """The entry name of a knowledge version under the current code."""
        return f"v{INDEX_FORMAT}-{code_version()}-{version}"

    def get(self, kb_dir: Path, *, today: date, heading_weight: float = 0.6) -> CachedIndex:
        """The index of the folder's current version: loaded if cached, else built (once) and stored."""
        version = content_version(kb_dir, today=today)
        entry = self.folder / self.key(version)
        if entry.is_dir():
            loaded = self._try_load(entry, kb_dir=kb_dir, today=today, heading_weight=heading_weight)
            if loaded is not None:
                return loaded
        lock = ExitStack()
        try:
            lock.enter_context(self._locked())
        except OSError as exc:
            log.warning("bot index cache %s unusable (%s); building the index in memory", self.folder, exc)
            kb, retriever = build_index(kb_dir, today=today, heading_weight=heading_weight)
            return CachedIndex(kb=kb, retriever=retriever, source="memory")
        with lock:
            return self._build_locked(entry, kb_dir=kb_dir, today=today, heading_weight=heading_weight)

    def _build_locked(self, entry: Path, *, kb_dir: Path, today: date, heading_weight: float) -> CachedIndex:
        """Under the lock: load what another process built meanwhile, else build and store it."""
        if entry.is_dir():
            loaded = self._try_load(entry, kb_dir=kb_dir, today=today, heading_weight=heading_weight)
            if loaded is not None:
                return loaded
            shutil.rmtree(entry, ignore_errors=True)
        kb, retriever = build_index(kb_dir, today=today, heading_weight=heading_weight)
        try:
            # Stored under the version actually parsed, in case the folder changed meanwhile.
            stored = self._store(kb, retriever)
        except Exception:
            log.warning("bot index cache: could not store %s in %s; index kept in memory",
                        kb.version, self.folder, exc_info=True)
            return CachedIndex(kb=kb, retriever=retriever, source="memory")
        try:
            self._prune(keep={stored.name})
        except OSError as exc:  # old entries only cost disk space; try again after the next build
            log.warning("bot index cache: could not prune %s (%s)", self.folder, exc)
        return CachedIndex(kb=kb, retriever=_mmapped(retriever, stored), source="built")

    def entries(self) -> list[Path]:
        """Complete entries, newest (most recently built or loaded) first."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.iterdir() if p.is_dir() and _ENTRY.match(p.name)]
        return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the folder's exclusive lock (polling, so a hung builder cannot block us forever)."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(self.folder / ".lock", "a+b") as handle:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(
                            f"lock {self.folder / '.lock'} held for over {self.lock_timeout}s"
                        ) from None
                    time.sleep(_LOCK_POLL_SECONDS)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _store(self, kb: KnowledgeBase, retriever: BM25Retriever) -> Path:
        """Write an entry into a temp folder, then rename it into place (readers never see half)."""
        entry = self.folder / self.key(kb.version)
        tmp = Path(tempfile.mkdtemp(dir=self.folder, prefix=".tmp-"))
        try:
            state = retriever.state
            state.body.save(str(tmp / "body"), show_progress=False)
            state.heading.save(str(tmp / "heading"), show_progress=False)
            state.chars.save(str(tmp / "chars"), show_progress=False)
            with open(tmp / _STATE, "wb") as handle:
                # pickle is fine here: only this service writes these files, in its own var folder
                # (created 0700); we never unpickle anything a user supplied.
                pickle.dump((kb, state.units, dict(state.df), state.n), handle, protocol=pickle.HIGHEST_PROTOCOL)
            files = {
                str(p.relative_to(tmp)): _sha256(p) for p in sorted(tmp.rglob("*")) if p.is_file()
            }
            manifest = {"key": entry.name, "version": kb.version, "units": len(kb.units), "files": files}
            (tmp / _MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, entry)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return entry

    def _try_load(self, entry: Path, *, kb_dir: Path, today: date, heading_weight: float) -> CachedIndex | None:
        """Load an entry, or None (with a warning) if it is incomplete or corrupt."""
        try:
            return self._load(entry, kb_dir=kb_dir, today=today, heading_weight=heading_weight)
        except Exception as exc:  # any damage at all (pickle can raise anything) means "rebuild"
            log.warning("bot index cache: entry %s unusable (%s: %s); rebuilding", entry, type(exc).__name__, exc)
            return None

    def _load(self, entry: Path, *, kb_dir: Path, today: date, heading_weight: float) -> CachedIndex:
        """Verify an entry's checksums and load it; arrays stay memory-mapped."""
        manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != entry.name or not isinstance(manifest.get("files"), dict):
            raise CacheError("manifest does not describe this entry")
        for name, checksum in manifest["files"].items():
            if _sha256(entry / name) != checksum:
                raise CacheError(f"checksum mismatch: {name}")
        body = bm25s.BM25.load(str(entry / "body"), mmap=True)
        heading = bm25s.BM25.load(str(entry / "heading"), mmap=True)
        chars = bm25s.BM25.load(str(entry / "chars"), mmap=True)
        with open(entry / _STATE, "rb") as handle:
            kb, units, df, n = pickle.load(handle)  # noqa: S301 - our own checksummed file, see _store
        if not isinstance(kb, KnowledgeBase) or kb.version != manifest["version"]:
            raise CacheError("state does not match the manifest")
        _touch(entry)
        state = RetrieverState(units=units, body=body, heading=heading, chars=chars, df=df, n=n)
        retriever = BM25Retriever.from_state(state, heading_weight=heading_weight)
        return CachedIndex(kb=_relocated(kb, kb_dir=kb_dir, today=today), retriever=retriever, source="loaded")

    def _prune(self, *, keep: set[str]) -> None:
        """Drop all but the newest few entries and any temp folder (called under the lock)."""
        for stale in self.folder.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        for old in self.entries()[self.keep:]:
            if old.name not in keep:
                # A process still using an old entry keeps its mmapped files until it lets go.
                shutil.rmtree(old, ignore_errors=True)


def _mmapped(retriever: BM25Retriever, entry: Path) -> BM25Retriever:
    """The builder's retriever with its arrays swapped for the stored, shared, memory-mapped ones."""
    try:
        body = bm25s.BM25.load(str(entry / "body"), mmap=True)
        heading = bm25s.BM25.load(str(entry / "heading"), mmap=True)
        chars = bm25s.BM25.load(str(entry / "chars"), mmap=True)
    except Exception as exc:  # the in-memory arrays are just as correct, only not shared
        log.warning("bot index cache: could not reopen %s (%s); keeping arrays in memory", entry, exc)
        return retriever
    state = replace(retriever.state, body=body, heading=heading, chars=chars)
    return BM25Retriever.from_state(state, heading_weight=retriever.heading_weight)


def _relocated(kb: KnowledgeBase, *, kb_dir: Path, today: date) -> KnowledgeBase:
    """The cached knowledge base as if just loaded from `kb_dir` today (same content, maybe other path)."""
    for document in kb.documents:
        document.path = str(Path(kb_dir) / Path(document.path).name)
    return replace(kb, path=Path(kb_dir), as_of=today)


def _touch(entry: Path) -> None:
    """Mark an entry as recently used so pruning keeps it (best effort on a read-only cache)."""
    try:
        os.utime(entry)
    except OSError:
        pass


def _sha256(path: Path) -> str:
    """The file's sha256 in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
