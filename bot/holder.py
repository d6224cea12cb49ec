"""One engine per process, rebuilt when the knowledge folder changes (no restart needed).

With a `cache_dir`, the index of each knowledge version is built by one process only and loaded by
all the others from the on-disk cache (see bot/index_cache.py); without one, each holder builds its
own index in memory (the command line, tests).
"""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

from bot.engine import Engine
from bot.index_cache import IndexCache, Source
from bot.kb import DEFAULT_KB_DIR, KnowledgeBase, content_version, fingerprint
from bot.settings import BotSettings


class EngineHolder:
    """Thread-safe holder: readers get the current engine; a reload swaps it atomically."""

    def __init__(
        self,
        kb_dir: Path | str | None = None,
        *,
        settings: BotSettings | None = None,
        check_interval: float = 2.0,
        cache_dir: Path | str | None = None,
    ) -> None:
        self.kb_dir = Path(kb_dir) if kb_dir is not None else DEFAULT_KB_DIR
        self.settings = settings or BotSettings()
        self.check_interval = check_interval
        self.cache = IndexCache(cache_dir) if cache_dir is not None else None
        # Where the current index came from: "built", "loaded" (cache), "memory" (no or broken cache).
        self.source: Source | None = None
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._fingerprint = ""
        self._checked_at = 0.0

    @property
    def engine(self) -> Engine:
        """The current engine, building it on first use and after knowledge changes."""
        self.reload_if_changed()
        assert self._engine is not None
        return self._engine

    def reload_if_changed(self, *, force: bool = False, today: date | None = None) -> bool:
        """Rebuild when files, sidecars or today's in-force set changed; True if rebuilt."""
        now = time.monotonic()
        if not force and self._engine is not None and now - self._checked_at < self.check_interval:
            return False
        with self._lock:
            self._checked_at = now
            current = fingerprint(self.kb_dir, today=today)
            if not force and self._engine is not None and current == self._fingerprint:
                return False
            # Build fully before swapping, so concurrent askers never see a half-built index.
            if self.cache is None:
                kb = KnowledgeBase.load(self.kb_dir, today=today)
                if self._engine is None or kb.version != self._engine.version or force:
                    self._engine = Engine(kb, settings=self.settings)
                    self.source = "memory"
            elif (
                self._engine is None
                or force
                or content_version(self.kb_dir, today=today) != self._engine.version
            ):
                # Hashing the files is cheap; parsing and segmenting them is what the cache saves.
                index = self.cache.get(
                    self.kb_dir, today=today or date.today(), heading_weight=self.settings.heading_weight
                )
                self._engine = Engine(index.kb, settings=self.settings, retriever=index.retriever)
                self.source = index.source
            self._fingerprint = current
            return True
